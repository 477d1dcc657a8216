"""Events follow their contact: moved to the user on merge, dropped on delete."""

from __future__ import annotations

from sqlalchemy import func, select

from backchannel.db.tables import Contact, DataEvent, DataEventSummary
from tests.conftest import START


def _names(api, contact_id):
    body = api.get("/events", params={"type": "user", "intercom_user_id": contact_id}).json()
    return [(e["event_name"], e["created_at"]) for e in body["events"]]


def _counts(runtime):
    with runtime.sessions() as session:
        events = session.execute(select(func.count()).select_from(DataEvent)).scalar_one()
        counters = session.execute(select(func.count()).select_from(DataEventSummary)).scalar_one()
    return events, counters


def test_merge_contact_moves_events_to_the_user(api, user, lead):
    for name, at in [("viewed", START - 10), ("paid", START - 5)]:
        api.post("/events", json={"event_name": name, "created_at": at, "id": lead["id"]})
    api.post("/events", json={"event_name": "paid", "created_at": START - 5, "user_id": "u-1"})
    api.post("/events", json={"event_name": "logged-in", "created_at": START, "user_id": "u-1"})
    response = api.post("/contacts/merge", json={"from": lead["id"], "into": user["id"]})
    assert response.status_code == 200
    assert _names(api, user["id"]) == [
        ("logged-in", START),
        ("paid", START - 5),  # the lead's copy of the same event is not doubled
        ("viewed", START - 10),
    ]


def test_merge_contact_adds_up_counters(api, user, lead, clock):
    api.put(f"/contacts/{lead['id']}", json={"external_id": "lead-1"})
    for who, name, count, first, last in [
        ("lead-1", "paid", 2, 100, 500),
        ("lead-1", "opened", 1, 50, 50),
        ("u-1", "paid", 3, 200, 900),
    ]:
        api.post(
            "/events/summaries",
            json={
                "user_id": who,
                "event_summaries": {
                    "event_name": name,
                    "count": count,
                    "first": first,
                    "last": last,
                },
            },
        )
    api.post("/contacts/merge", json={"from": lead["id"], "into": user["id"]})
    summary = api.get("/events", params={"type": "user", "user_id": "u-1", "summary": "true"})
    assert [(s["name"], s["count"], s["first"], s["last"]) for s in summary.json()["events"]] == [
        ("opened", 1, "1970-01-01T00:00:50.000+00:00", "1970-01-01T00:00:50.000+00:00"),
        ("paid", 5, "1970-01-01T00:01:40.000+00:00", "1970-01-01T00:15:00.000+00:00"),
    ]


def test_delete_contact_drops_its_events(api, user, lead, runtime):
    api.post("/events", json={"event_name": "paid", "created_at": START, "user_id": "u-1"})
    api.post("/events", json={"event_name": "seen", "created_at": START, "id": lead["id"]})
    api.post(
        "/events/summaries",
        json={"user_id": "u-1", "event_summaries": {"event_name": "paid", "count": 2}},
    )
    assert _counts(runtime) == (2, 1)
    assert api.delete(f"/contacts/{user['id']}").status_code == 200
    assert _counts(runtime) == (1, 0)
    assert _names(api, lead["id"]) == [("seen", START)]


def test_deleting_a_contact_row_cascades(runtime, api, user):
    # Also without the relation hook: the foreign key cascades, on SQLite too.
    api.post("/events", json={"event_name": "paid", "created_at": START, "user_id": "u-1"})
    api.post(
        "/events/summaries",
        json={"user_id": "u-1", "event_summaries": {"event_name": "paid", "count": 2}},
    )
    with runtime.sessions.begin() as session:
        session.execute(Contact.__table__.delete().where(Contact.id == user["id"]))
    assert _counts(runtime) == (0, 0)
