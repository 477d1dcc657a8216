"""Tags and notes through the official python-intercom SDK, against a real server."""

from __future__ import annotations

import pytest
from intercom.core.api_error import ApiError

pytestmark = pytest.mark.sdk


def test_sdk_create_find_and_list_tags(client):
    tag = client.tags.create(request={"name": "SDK Tag"})
    assert tag.type == "tag" and tag.id and tag.name == "SDK Tag"
    assert client.tags.create(request={"name": "sdk tag"}).id == tag.id
    assert client.tags.find(tag.id).name == "SDK Tag"
    assert tag.id in [t.id for t in client.tags.list().data]


def test_sdk_tag_a_contact_and_list_its_tags(client):
    contact = client.contacts.create(request={"email": "sdk-tagged@example.com"})
    tag = client.tags.create(request={"name": "SDK Contact Tag"})
    applied = client.tags.tag_contact(contact_id=contact.id, tag_id=tag.id)
    assert applied.id == tag.id and applied.name == "SDK Contact Tag"
    assert applied.applied_at is not None
    assert applied.applied_by is not None and applied.applied_by.type == "admin"
    listed = client.contacts.list_attached_tags(contact.id)
    assert [t.id for t in listed.data] == [tag.id]
    found = client.contacts.find(contact.id)
    assert [t.id for t in found.tags.data] == [tag.id]
    removed = client.tags.untag_contact(contact_id=contact.id, tag_id=tag.id)
    assert removed.id == tag.id
    assert client.contacts.list_attached_tags(contact.id).data == []


def test_sdk_tag_users_and_delete_tag(client):
    contact = client.contacts.create(request={"email": "sdk-bulk@example.com"})
    tag = client.tags.create(request={"name": "SDK Bulk", "users": [{"id": contact.id}]})
    assert [t.id for t in client.contacts.list_attached_tags(contact.id).data] == [tag.id]
    assert client.tags.delete(tag.id) is None
    with pytest.raises(ApiError) as raised:
        client.tags.find(tag.id)
    assert raised.value.status_code == 404
    assert client.contacts.list_attached_tags(contact.id).data == []


def test_sdk_create_and_list_notes(client):
    contact = client.contacts.create(request={"email": "sdk-noted@example.com"})
    first = client.notes.create(contact.id, body="First note")
    assert first.type == "note" and first.body == "<p>First note</p>"
    assert first.contact is not None and first.contact.id == contact.id
    assert first.author is not None and first.author.type == "admin"
    second = client.notes.create(contact.id, body="<p>Second</p>", admin_id=first.author.id)
    assert client.notes.find(int(second.id)).body == "<p>Second</p>"
    seen = [note.id for note in client.notes.list(contact.id, per_page=1)]
    assert sorted(seen) == sorted([first.id, second.id])
    assert len(seen) == 2


def test_sdk_note_on_unknown_contact(client):
    with pytest.raises(ApiError) as raised:
        client.notes.create("0123456789abcdef01234567", body="x")
    assert raised.value.status_code == 404
    assert raised.value.body["errors"][0]["message"] == "User Not Found"
