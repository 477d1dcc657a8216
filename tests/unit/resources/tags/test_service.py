"""Tag service functions on a real session: names, taggings, deletion."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from backchannel.db.tables import Contact, Tag, Tagging
from backchannel.resources.tags import service
from backchannel.resources.tags.schemas import TagCreate
from backchannel.resources.tags.service import TagHasDependents, TagNameTaken, TagNotFound
from tests.conftest import START


@pytest.fixture
def ws(workspace):
    return workspace.workspace.id


def _contact(db, runtime, ws, email):
    contact = Contact(
        id=runtime.ids.object_id(START),
        workspace_id=ws,
        role="user",
        email=email,
        created_at=START,
        updated_at=START,
        custom_attributes={},
        social_profiles=[],
        has_hard_bounced=False,
        marked_email_as_spam=False,
        unsubscribed_from_emails=False,
        archived=False,
    )
    db.add(contact)
    db.flush()
    return contact


def test_name_key_folds_case():
    assert service.name_key("VIP") == service.name_key("vip") == "vip"
    assert service.name_key("Straße") == service.name_key("STRASSE")


def test_find_or_create_creates_once(db, ws):
    tag = service.find_or_create(db, workspace_id=ws, name="Lead Magnet", now=START)
    assert (tag.name, tag.name_key, tag.created_at, tag.updated_at) == (
        "Lead Magnet",
        "lead magnet",
        START,
        START,
    )
    again = service.find_or_create(db, workspace_id=ws, name="LEAD MAGNET", now=START + 5)
    assert again.id == tag.id
    assert again.name == "Lead Magnet"
    assert len(db.execute(select(Tag)).scalars().all()) == 1


def test_rename_tag(db, ws):
    tag = service.find_or_create(db, workspace_id=ws, name="Old", now=START)
    renamed = service.rename_tag(db, workspace_id=ws, tag_id=str(tag.id), name="New", now=START + 9)
    assert (renamed.id, renamed.name, renamed.name_key, renamed.updated_at) == (
        tag.id,
        "New",
        "new",
        START + 9,
    )


def test_rename_tag_to_the_same_name_keeps_updated_at(db, ws):
    tag = service.find_or_create(db, workspace_id=ws, name="Same", now=START)
    service.rename_tag(db, workspace_id=ws, tag_id=tag.id, name="Same", now=START + 9)
    assert tag.updated_at == START


def test_rename_tag_to_a_taken_name(db, ws):
    service.find_or_create(db, workspace_id=ws, name="Taken", now=START)
    tag = service.find_or_create(db, workspace_id=ws, name="Mine", now=START)
    with pytest.raises(TagNameTaken):
        service.rename_tag(db, workspace_id=ws, tag_id=tag.id, name="taken", now=START)


@pytest.mark.parametrize("tag_id", [None, "", "x", 0, -3, True, "12345678901234567890"])
def test_get_tag_malformed_ids(db, ws, tag_id):
    with pytest.raises(TagNotFound) as caught:
        service.get_tag(db, workspace_id=ws, tag_id=tag_id)
    assert (caught.value.code, caught.value.message) == ("not_found", "Resource Not Found")


def test_apply_tag_is_idempotent(db, runtime, ws, workspace):
    contact = _contact(db, runtime, ws, "a@x.test")
    tag = service.find_or_create(db, workspace_id=ws, name="T", now=START)
    first = service.apply_tag(
        db, tag=tag, target_type="contact", target_id=contact.id, admin_id=7, now=START
    )
    second = service.apply_tag(
        db, tag=tag, target_type="contact", target_id=contact.id, admin_id=8, now=START + 1
    )
    assert (second.applied_at, second.applied_by) == (first.applied_at, first.applied_by)
    assert (first.applied_at, first.applied_by) == (START, 7)
    assert len(db.execute(select(Tagging)).scalars().all()) == 1


def test_remove_tag(db, runtime, ws):
    contact = _contact(db, runtime, ws, "a@x.test")
    tag = service.find_or_create(db, workspace_id=ws, name="T", now=START)
    service.apply_tag(db, tag=tag, target_type="contact", target_id=contact.id, admin_id=1, now=1)
    removed = service.remove_tag(db, tag=tag, target_type="contact", target_id=contact.id)
    assert removed is not None and removed.applied_at == 1
    assert service.remove_tag(db, tag=tag, target_type="contact", target_id=contact.id) is None
    # Applying again after a removal starts afresh.
    again = service.apply_tag(
        db, tag=tag, target_type="contact", target_id=contact.id, admin_id=2, now=5
    )
    assert (again.applied_at, again.applied_by) == (5, 2)


def test_applied_tags_any_target_type(db, ws):
    one = service.find_or_create(db, workspace_id=ws, name="One", now=START)
    two = service.find_or_create(db, workspace_id=ws, name="Two", now=START)
    service.apply_tag(db, tag=two, target_type="conversation", target_id="55", admin_id=1, now=3)
    service.apply_tag(db, tag=one, target_type="conversation", target_id="55", admin_id=None, now=4)
    service.apply_tag(db, tag=one, target_type="ticket", target_id="55", admin_id=1, now=5)
    found = service.applied_tags(db, workspace_id=ws, target_type="conversation", target_id="55")
    assert found == [
        service.AppliedTag(two.id, "Two", 3, 1),
        service.AppliedTag(one.id, "One", 4, None),
    ]


def test_applied_tags_hides_other_workspaces(db, ws, other_workspace):
    theirs = service.find_or_create(
        db, workspace_id=other_workspace.workspace.id, name="Theirs", now=START
    )
    service.apply_tag(db, tag=theirs, target_type="ticket", target_id="9", admin_id=None, now=1)
    assert service.applied_tags(db, workspace_id=ws, target_type="ticket", target_id="9") == []


def test_create_tag_plain(db, ws, workspace):
    tag = service.create_tag(
        db, workspace_id=ws, request=TagCreate("Plain"), admin_id=workspace.admin.id, now=START
    )
    assert tag.name == "Plain"


def test_delete_tag_blocked_message_orders_segments_by_creation(db, ws, runtime):
    from backchannel.db.tables import Segment

    tag = service.find_or_create(db, workspace_id=ws, name="T", now=START)
    query = {"field": "tag_id", "operator": "=", "value": str(tag.id)}
    for offset, name in ((2, "Second"), (1, "First")):
        db.add(
            Segment(
                id=runtime.ids.object_id(START + offset),
                workspace_id=ws,
                name=name,
                person_type="user",
                query=query,
                created_at=START + offset,
                updated_at=START + offset,
            )
        )
    db.flush()
    with pytest.raises(TagHasDependents) as caught:
        service.delete_tag(db, workspace_id=ws, tag_id=tag.id)
    assert caught.value.code == "tag_has_dependent_objects"
    assert caught.value.message == (
        "Unable to delete Tag with dependent objects. Segments: First, Second."
    )


def test_find_or_create_inserts_again_when_the_tag_vanishes_before_it_is_read(
    runtime, ws, monkeypatch
):
    """A concurrent request may create the tag (our insert does nothing) and delete it before
    we read it back; the next attempt inserts it for real."""
    real_insert = service.insert_unless_present
    calls = []

    def raced(db, model, values, *, keys=None):
        calls.append(values["name"])
        if len(calls) > 1:
            real_insert(db, model, values, keys=keys)

    monkeypatch.setattr(service, "insert_unless_present", raced)
    with runtime.sessions.begin() as db:
        tag = service.find_or_create(db, workspace_id=ws, name="Raced", now=START)
        assert tag.name == "Raced"
    assert calls == ["Raced", "Raced"]


def test_find_or_create_gives_up_with_a_conflict_when_the_tag_keeps_vanishing(
    runtime, ws, monkeypatch
):
    from backchannel.core.errors import Conflict

    monkeypatch.setattr(service, "insert_unless_present", lambda *args, **kwargs: None)
    with runtime.sessions.begin() as db, pytest.raises(Conflict, match="deleted while"):
        service.find_or_create(db, workspace_id=ws, name="Gone", now=START)
