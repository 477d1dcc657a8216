"""createDataEvent: POST /events (202, empty body)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from backchannel.db.tables import DataEvent
from tests.conftest import START, assert_error


def _events(api, contact):
    body = api.get("/events", params={"type": "user", "intercom_user_id": contact["id"]}).json()
    return body["events"]


def _stored(runtime):
    with runtime.sessions() as session:
        return session.execute(select(DataEvent).order_by(DataEvent.id)).scalars().all()


def test_create_data_event_by_user_id(api, user):
    response = api.post(
        "/events",
        json={
            "event_name": "invited-friend",
            "created_at": START - 60,
            "user_id": "u-1",
            "metadata": {"invite_code": "ADDAFRIEND"},
        },
    )
    assert response.status_code == 202
    assert response.content == b""
    [event] = _events(api, user)
    assert event == {
        "type": "event",
        "event_name": "invited-friend",
        "created_at": START - 60,
        "user_id": "u-1",
        "id": event["id"],
        "intercom_user_id": user["id"],
        "email": "Frodo@Shire.test",
        "metadata": {"invite_code": "ADDAFRIEND"},
    }


def test_create_data_event_by_email_any_case(api, user):
    response = api.post(
        "/events",
        json={"event_name": "logged-in", "created_at": START, "email": "frodo@shire.TEST"},
    )
    assert response.status_code == 202
    assert [e["event_name"] for e in _events(api, user)] == ["logged-in"]


def test_create_data_event_for_a_lead_by_id(api, lead):
    response = api.post(
        "/events", json={"event_name": "viewed-pricing", "created_at": START, "id": lead["id"]}
    )
    assert response.status_code == 202
    [event] = _events(api, lead)
    assert event["intercom_user_id"] == lead["id"]
    assert event["user_id"] is None and event["email"] is None


def test_create_data_event_email_prefers_the_user(api, clock):
    api.post("/contacts", json={"role": "lead", "email": "shared@x.test"})
    clock.advance(1)
    user = api.post("/contacts", json={"email": "shared@x.test"}).json()
    api.post("/events", json={"event_name": "paid", "created_at": START, "email": "shared@x.test"})
    assert [e["event_name"] for e in _events(api, user)] == ["paid"]


def test_create_data_event_duplicate_is_ignored(api, user, runtime):
    event = {"event_name": "paid", "created_at": START, "user_id": "u-1", "metadata": {"n": 1}}
    assert api.post("/events", json=event).status_code == 202
    again = api.post("/events", json={**event, "metadata": {"n": 2}})
    assert again.status_code == 202 and again.content == b""
    [stored] = _stored(runtime)
    assert stored.metadata_ == {"n": 1}
    # the same name at another time, or another name at that time, are new events
    api.post("/events", json={**event, "created_at": START + 1})
    api.post("/events", json={**event, "event_name": "refunded"})
    assert len(_stored(runtime)) == 3


def test_create_data_event_duplicate_by_another_identifier(api, user, runtime):
    api.post("/events", json={"event_name": "paid", "created_at": START, "user_id": "u-1"})
    api.post("/events", json={"event_name": "paid", "created_at": START, "id": user["id"]})
    assert len(_stored(runtime)) == 1


def test_create_data_event_metadata_types(api, user):
    metadata = {
        "source": "desktop",
        "load": 3.67,
        "items": 2,
        "gift": True,
        "contact_date": 1392036272,
        "article": "https://example.org/ab1de.html",
        "link": {"url": "https://example.org/ab1de.html", "value": "the dude abides"},
        "price": {"amount": 34999, "currency": "eur"},
        "note": None,
    }
    api.post(
        "/events",
        json={"event_name": "ordered", "created_at": START, "user_id": "u-1", "metadata": metadata},
    )
    assert _events(api, user)[0]["metadata"] == metadata


def test_create_data_event_keeps_the_first_ten_metadata_keys(api, user):
    metadata = {f"k{i:02d}": i for i in range(14)}
    api.post(
        "/events",
        json={"event_name": "many", "created_at": START, "user_id": "u-1", "metadata": metadata},
    )
    assert _events(api, user)[0]["metadata"] == {f"k{i:02d}": i for i in range(10)}


def test_create_data_event_extra_metadata_keys_are_not_checked(api, user):
    metadata = {**{f"k{i}": i for i in range(10)}, "nested": {"deep": {"x": 1}}}
    response = api.post(
        "/events",
        json={"event_name": "many", "created_at": START, "user_id": "u-1", "metadata": metadata},
    )
    assert response.status_code == 202
    [event] = _events(api, user)
    # Only the first ten keys are kept, so the eleventh (invalid) one is dropped unchecked.
    assert event["metadata"] == {f"k{i}": i for i in range(10)}


@pytest.mark.parametrize(
    "value",
    [{"deep": {"x": 1}}, [1, 2], {"url": "https://x.test"}, {"amount": "12", "currency": "eur"}],
    ids=["nested", "array", "link-without-value", "amount-as-text"],
)
def test_create_data_event_invalid_metadata(api, user, value, runtime):
    body = assert_error(
        api.post(
            "/events",
            json={
                "event_name": "bad",
                "created_at": START,
                "user_id": "u-1",
                "metadata": {"field": value},
            },
        ),
        400,
        "parameter_invalid",
        "metadata.field must be a string, number, boolean, rich link {url, value} or monetary "
        "amount {amount, currency}",
    )
    assert body["errors"][0]["field"] == "metadata.field"
    assert _stored(runtime) == []


@pytest.mark.parametrize(
    ("identifier", "value"),
    [("user_id", "nobody"), ("email", "nobody@x.test"), ("id", "0" * 24)],
)
def test_create_data_event_unknown_contact(api, user, identifier, value):
    assert_error(
        api.post("/events", json={"event_name": "x", "created_at": START, identifier: value}),
        404,
        "not_found",
        "User Not Found",
    )


def test_create_data_event_archived_contact(api, user):
    api.post(f"/contacts/{user['id']}/archive")
    assert_error(
        api.post("/events", json={"event_name": "x", "created_at": START, "user_id": "u-1"}),
        404,
        "not_found",
        "User Not Found",
    )


def test_create_data_event_contact_of_another_workspace(api, user, other_headers):
    assert_error(
        api.post(
            "/events",
            json={"event_name": "x", "created_at": START, "id": user["id"]},
            headers=other_headers,
        ),
        404,
        "not_found",
        "User Not Found",
    )


def test_create_data_event_without_identifier(api, user):
    assert_error(
        api.post("/events", json={"event_name": "x", "created_at": START}),
        400,
        "parameter_not_found",
        "One of id, user_id or email is required",
    )


@pytest.mark.parametrize("missing", ["event_name", "created_at"])
def test_create_data_event_missing_field(api, user, missing):
    event = {"event_name": "x", "created_at": START, "user_id": "u-1"}
    del event[missing]
    assert_error(
        api.post("/events", json=event),
        400,
        "parameter_not_found",
        f"{missing} is a required parameter.",
    )


@pytest.mark.parametrize(
    ("field", "value"),
    [("event_name", ""), ("created_at", "yesterday"), ("created_at", -1), ("metadata", [1])],
)
def test_create_data_event_invalid_field(api, user, field, value):
    event = {"event_name": "x", "created_at": START, "user_id": "u-1", field: value}
    body = assert_error(api.post("/events", json=event), 400, "parameter_invalid")
    assert body["errors"][0]["field"] == field


def test_create_data_event_unknown_key(api, user):
    assert_error(
        api.post(
            "/events",
            json={"event_name": "x", "created_at": START, "user_id": "u-1", "colour": "red"},
        ),
        400,
        "bad_request",
        "bad 'colour' parameter",
    )


def test_create_data_event_unauthorized(anonymous):
    assert_error(
        anonymous.post("/events", json={"event_name": "x", "created_at": START, "user_id": "u"}),
        401,
        "unauthorized",
        "Access Token Invalid",
    )
