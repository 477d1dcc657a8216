"""Bulk synthetic contacts (``backchannel.seeding``) on both databases.

Seeded rows go in through SQLAlchemy Core, beside the API; these tests read them back through
the API (every response checked against the spec by the ``api`` client).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from sqlalchemy import delete, func, select, text

from backchannel.core.clock import FrozenClock
from backchannel.db.tables import Contact
from backchannel.provisioning import create_workspace
from backchannel.seeding import PLANS, SPAN_SECONDS, seed_contacts

NOW = 1_760_000_000
COUNT = 500


def _seed(runtime, workspace, count=COUNT, seed=7, **options):
    return seed_contacts(
        runtime.engine,
        workspace_id=workspace.workspace.id,
        count=count,
        seed=seed,
        clock=FrozenClock(NOW),
        **options,
    )


def _rows(runtime, workspace_id) -> list[dict[str, Any]]:
    with runtime.engine.connect() as conn:
        rows = conn.execute(
            select(Contact.__table__).where(Contact.workspace_id == workspace_id)
        ).mappings()
        return sorted((dict(row) for row in rows), key=lambda row: row["id"])


def _search(api, query, per_page=150):
    response = api.post(
        "/contacts/search", json={"query": query, "pagination": {"per_page": per_page}}
    )
    assert response.status_code == 200, response.text
    return response.json()


def test_seed_writes_count_rows_in_batches(runtime, workspace):
    calls = []

    result = _seed(runtime, workspace, batch=200, progress=lambda *args: calls.append(args[:2]))

    assert (result.created, result.tag, result.workspace_id) == (
        COUNT,
        "s7r0",
        workspace.workspace.id,
    )
    assert calls == [(200, COUNT), (400, COUNT), (500, COUNT)]
    assert len(_rows(runtime, workspace.workspace.id)) == COUNT


def test_seeded_contacts_are_plausible(runtime, workspace):
    _seed(runtime, workspace)
    rows = _rows(runtime, workspace.workspace.id)

    roles = Counter(row["role"] for row in rows)
    assert set(roles) == {"user", "lead"} and roles["user"] > roles["lead"] > 0
    assert len({row["email"] for row in rows}) == COUNT
    assert all(row["email"].endswith("@" + row["email_domain"]) for row in rows)
    users = [row for row in rows if row["role"] == "user"]
    assert len({row["external_id"] for row in users}) == len(users)
    assert all(row["external_id"] is None for row in rows if row["role"] == "lead")
    for row in rows:
        assert NOW - SPAN_SECONDS <= row["created_at"] <= row["updated_at"] <= NOW
        assert row["last_seen_at"] is None or row["created_at"] <= row["last_seen_at"] <= NOW
        assert row["id"][:8] == f"{row['created_at']:08x}" and len(row["id"]) == 24
        assert row["custom_attributes"]["plan"] in PLANS
        assert isinstance(row["custom_attributes"]["seats"], int)
        assert row["name"] and not row["archived"] and row["merged_into_id"] is None
    assert {row["custom_attributes"]["plan"] for row in rows} == set(PLANS)
    # Two years of sign-ups, not one burst.
    assert (
        max(r["created_at"] for r in rows) - min(r["created_at"] for r in rows) > SPAN_SECONDS * 0.9
    )


def test_seeding_is_deterministic(runtime, workspace):
    _seed(runtime, workspace)
    first = _rows(runtime, workspace.workspace.id)
    with runtime.engine.begin() as conn:
        conn.execute(delete(Contact.__table__))

    _seed(runtime, workspace)

    assert _rows(runtime, workspace.workspace.id) == first


def test_seeded_contacts_read_back_through_the_api(api, runtime, workspace):
    _seed(runtime, workspace)
    rows = _rows(runtime, workspace.workspace.id)
    user = next(row for row in rows if row["role"] == "user")
    lead = next(row for row in rows if row["role"] == "lead")

    for row in (user, lead):
        response = api.get(f"/contacts/{row['id']}")
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["workspace_id"] == workspace.workspace.id_code
        assert (body["role"], body["email"], body["external_id"]) == (
            row["role"],
            row["email"],
            row["external_id"],
        )
        assert (body["created_at"], body["updated_at"]) == (row["created_at"], row["updated_at"])
        assert body["custom_attributes"] == row["custom_attributes"]
        assert body["location"]["city"] == row["location_city"]


def test_seeded_contacts_are_searchable(api, runtime, workspace):
    _seed(runtime, workspace)
    rows = _rows(runtime, workspace.workspace.id)
    pro = [row for row in rows if row["custom_attributes"]["plan"] == "pro"]
    pro_leads = [row for row in pro if row["role"] == "lead"]

    by_plan = _search(api, {"field": "custom_attributes.plan", "operator": "=", "value": "pro"})
    both = _search(
        api,
        {
            "operator": "AND",
            "value": [
                {"field": "role", "operator": "=", "value": "lead"},
                {"field": "custom_attributes.plan", "operator": "=", "value": "pro"},
            ],
        },
    )
    one = _search(api, {"field": "email", "operator": "=", "value": rows[0]["email"]})

    assert by_plan["total_count"] == len(pro) > 0
    assert both["total_count"] == len(pro_leads) > 0
    assert sorted(c["id"] for c in both["data"]) == sorted(r["id"] for r in pro_leads)
    assert [c["id"] for c in one["data"]] == [rows[0]["id"]]


@pytest.mark.parametrize("second_seed", [7, 8])
def test_seeding_twice_does_not_collide(api, runtime, workspace, second_seed):
    first = _seed(runtime, workspace)
    second = _seed(runtime, workspace, seed=second_seed)

    assert first.tag == "s7r0"
    assert second.tag == ("s7r1" if second_seed == 7 else "s8r0")
    rows = _rows(runtime, workspace.workspace.id)
    assert len(rows) == 2 * COUNT
    assert len({row["email"] for row in rows}) == 2 * COUNT
    external_ids = [row["external_id"] for row in rows if row["external_id"] is not None]
    assert len(set(external_ids)) == len(external_ids)
    listed = api.get("/contacts", params={"per_page": 1})
    assert listed.json()["total_count"] == 2 * COUNT


def test_the_same_seed_in_two_workspaces_does_not_collide(runtime, workspace):
    with runtime.sessions.begin() as session:
        other = create_workspace(
            session, clock=runtime.clock, ids=runtime.ids, name="Other", admin_email="o@o.test"
        )

    _seed(runtime, workspace)
    _seed(runtime, other)

    mine = _rows(runtime, workspace.workspace.id)
    theirs = _rows(runtime, other.workspace.id)
    assert len(mine) == len(theirs) == COUNT
    assert not {row["id"] for row in mine} & {row["id"] for row in theirs}


def test_seeding_leaves_postgresql_statistics_current(runtime, workspace):
    """PostgreSQL plans with what ANALYZE last saw; after a bulk load it must see the rows."""
    if runtime.engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL keeps planner statistics; SQLite plans without them")
    _seed(runtime, workspace)
    with runtime.engine.connect() as conn:
        stored = conn.execute(select(func.count()).select_from(Contact)).scalar_one()
        estimated = conn.execute(
            text("SELECT reltuples FROM pg_class WHERE oid = 'contacts'::regclass")
        ).scalar_one()
    assert stored >= COUNT
    assert estimated == stored  # ANALYZE reads every row of a table this small
