"""Company services on a real session: upsert races, counters, summaries, scroll state."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from backchannel.core.errors import ParameterInvalid
from backchannel.db.tables import Company, CompanyContact, CompanyScroll, Contact
from backchannel.resources.companies import links, scroll, service
from backchannel.resources.companies.schemas import CompanyUpsert
from tests.conftest import START


def _contact(db, runtime, workspace, n: int = 0) -> Contact:
    contact = Contact(
        id=runtime.ids.object_id(START),
        workspace_id=workspace.workspace.id,
        role="user",
        email=f"c{n}@x.test",
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


def _upsert(db, runtime, workspace, **fields) -> Company:
    return service.upsert(
        db,
        workspace_id=workspace.workspace.id,
        data=CompanyUpsert(**fields),
        now=runtime.clock.now(),
        ids=runtime.ids,
    )


def test_upsert_updates_a_company_created_meanwhile(db, runtime, workspace, monkeypatch):
    """Two requests creating one company_id at once: the loser updates the winner's row."""
    first = _upsert(db, runtime, workspace, company_id="race", name="First")
    db.commit()
    monkeypatch.setattr(service, "_by_company_id", _miss_once(service._by_company_id))
    second = _upsert(db, runtime, workspace, company_id="race", size=3)
    assert second.id == first.id
    assert second.name == "First"
    assert second.size == 3


def _miss_once(real):
    calls = []

    def lookup(*args, **kwargs):
        calls.append(1)
        return None if len(calls) == 1 else real(*args, **kwargs)

    return lookup


@pytest.mark.parametrize(("value", "stored"), [(None, 0), (0.99, 0), (-0.5, 0), (7, 7)])
def test_upsert_monthly_spend(db, runtime, workspace, value, stored):
    company = _upsert(db, runtime, workspace, company_id="m", monthly_spend=value)
    assert company.monthly_spend == stored


def test_upsert_monthly_spend_not_finite(db, runtime, workspace):
    with pytest.raises(ParameterInvalid):
        _upsert(db, runtime, workspace, company_id="m", monthly_spend=float("nan"))


def test_attach_recounts_user_count(db, runtime, workspace):
    """user_count is recounted from the links, so a wrong stored value is repaired."""
    company = _upsert(db, runtime, workspace, company_id="c")
    db.execute(update(Company).where(Company.id == company.id).values(user_count=5))
    contact = _contact(db, runtime, workspace)
    attached = links.attach(
        db,
        workspace_id=workspace.workspace.id,
        contact_id=contact.id,
        company_ref=company.id,
        now=START,
    )
    assert attached.user_count == 1


def test_relation_summaries_ten_oldest_first(db, runtime, workspace):
    contact = _contact(db, runtime, workspace)
    other = _contact(db, runtime, workspace, 1)
    made = []
    for n in range(12):
        company = _upsert(db, runtime, workspace, company_id=f"c{n}")
        db.add(CompanyContact(company_id=company.id, contact_id=contact.id, created_at=START + n))
        made.append(company.id)
    db.flush()
    found = links.COMPANY_RELATION.summaries(
        db, workspace_id=workspace.workspace.id, contact_ids=[contact.id, other.id]
    )
    assert set(found) == {contact.id}  # no companies: the serializer's empty summary applies
    summary = found[contact.id]["companies"]
    assert [item["id"] for item in summary["data"]] == made[:10]
    assert summary["total_count"] == 12
    assert summary["has_more"] is True


def test_relation_on_delete_without_links_changes_nothing(db, runtime, workspace):
    company = _upsert(db, runtime, workspace, company_id="c")
    contact = _contact(db, runtime, workspace)
    links.COMPANY_RELATION.on_delete(db, workspace_id=workspace.workspace.id, contact_id=contact.id)
    assert db.get(Company, company.id).user_count == 0


def test_scroll_state_is_shared_between_sessions(runtime, workspace):
    """What one process stored, another continues: the position is a row, not memory."""
    workspace_id = workspace.workspace.id
    with runtime.sessions.begin() as db:
        for n in range(scroll.SCROLL_BATCH + 2):
            _upsert(db, runtime, workspace, company_id=f"s{n}")
    with runtime.sessions.begin() as db:
        first = scroll.scroll(
            db,
            workspace_id=workspace_id,
            scroll_param=None,
            now=START,
            ids=runtime.ids,
            hide_empty=False,
        )
        first_ids = [row.id for row in first.companies]
    with runtime.sessions.begin() as db:
        stored = db.get(CompanyScroll, first.scroll_param)
        assert stored is not None
        assert stored.last_company_id == first_ids[-1]
        second = scroll.scroll(
            db,
            workspace_id=workspace_id,
            scroll_param=first.scroll_param,
            now=START + 30,
            ids=runtime.ids,
            hide_empty=False,
        )
        assert len(second.companies) == 2
        assert not set(first_ids) & {row.id for row in second.companies}
    with runtime.sessions() as db:
        assert db.get(CompanyScroll, first.scroll_param).last_used_at == START + 30
