"""lisDataEvents: GET /events?type=user&(user_id|email|intercom_user_id)=…"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.conftest import START, assert_error

DAY = 86_400


def _send(api, name, created_at, **who):
    who = who or {"user_id": "u-1"}
    response = api.post("/events", json={"event_name": name, "created_at": created_at, **who})
    assert response.status_code == 202, response.text


def _list(api, **params):
    response = api.get("/events", params={"type": "user", **params})
    assert response.status_code == 200, response.text
    return response.json()


def _query(url):
    parts = urlsplit(url)
    assert parts.path == "/events"
    return {key: values[0] for key, values in parse_qs(parts.query).items()}


def test_lis_data_events_newest_first(api, user):
    _send(api, "signed-up", START - 3 * DAY)
    _send(api, "paid", START - DAY)
    _send(api, "logged-in", START - 2 * DAY)
    body = _list(api, user_id="u-1")
    assert body["type"] == "event.list"
    assert [e["event_name"] for e in body["events"]] == ["paid", "logged-in", "signed-up"]
    assert body["email"] == "Frodo@Shire.test"
    assert body["intercom_user_id"] == user["id"]
    assert body["user_id"] == "u-1"
    assert body["pages"]["next"] is None
    assert _query(body["pages"]["since"]) == {
        "type": "user",
        "intercom_user_id": user["id"],
        "since": str(START - DAY + 1),
    }


@pytest.mark.parametrize(
    "who",
    [{"user_id": "u-1"}, {"email": "frodo@shire.test"}, {"intercom_user_id": None}],
    ids=["user_id", "email", "intercom_user_id"],
)
def test_lis_data_events_by_each_identifier(api, user, who):
    _send(api, "paid", START)
    if "intercom_user_id" in who:
        who = {"intercom_user_id": user["id"]}
    assert [e["event_name"] for e in _list(api, **who)["events"]] == ["paid"]


def test_lis_data_events_of_a_lead(api, lead):
    _send(api, "viewed", START, id=lead["id"])
    body = _list(api, intercom_user_id=lead["id"])
    assert [e["event_name"] for e in body["events"]] == ["viewed"]
    assert body["user_id"] is None and body["email"] is None


def test_lis_data_events_only_the_last_90_days(api, user, clock):
    _send(api, "too-old", START - 90 * DAY - 1)
    _send(api, "just-in", START - 90 * DAY)
    _send(api, "recent", START - DAY)
    assert [e["event_name"] for e in _list(api, user_id="u-1")["events"]] == ["recent", "just-in"]
    clock.advance(DAY)
    assert [e["event_name"] for e in _list(api, user_id="u-1")["events"]] == ["recent"]


def test_lis_data_events_future_events_are_listed(api, user):
    _send(api, "scheduled", START + DAY)
    assert [e["event_name"] for e in _list(api, user_id="u-1")["events"]] == ["scheduled"]


def test_lis_data_events_pages(api, user):
    for i in range(5):
        _send(api, f"e{i}", START - 100 + i)
    _send(api, "tie", START - 100 + 4)  # same second as e4: the cursor keeps both
    first = _list(api, user_id="u-1", per_page=2)
    assert [e["event_name"] for e in first["events"]] == ["tie", "e4"]
    query = _query(first["pages"]["next"])
    assert query["per_page"] == "2" and query["intercom_user_id"] == user["id"]
    seen = [e["event_name"] for e in first["events"]]
    url = first["pages"]["next"]
    while url is not None:
        page = api.get(url).json()
        assert page["type"] == "event.list"
        seen += [e["event_name"] for e in page["events"]]
        url = page["pages"]["next"]
    assert seen == ["tie", "e4", "e3", "e2", "e1", "e0"]


def test_lis_data_events_since(api, user):
    _send(api, "before", START - 10)
    body = _list(api, user_id="u-1")
    since = body["pages"]["since"]
    assert _list(api, **_query(since))["events"] == []
    _send(api, "after", START - 5)
    newer = api.get(since).json()
    assert [e["event_name"] for e in newer["events"]] == ["after"]


def test_lis_data_events_empty(api, user):
    body = _list(api, user_id="u-1")
    assert body["events"] == []
    assert body["pages"]["next"] is None
    assert _query(body["pages"]["since"])["since"] == str(START - 90 * DAY)


def test_lis_data_events_edited_cursor(api, user):
    assert_error(
        api.get(
            "/events",
            params={"type": "user", "intercom_user_id": user["id"], "before": "not-a-cursor"},
        ),
        400,
        "client_error",
    )


def test_lis_data_events_only_that_contact(api, user):
    other = api.post("/contacts", json={"external_id": "u-2"}).json()
    _send(api, "mine", START)
    _send(api, "theirs", START, user_id="u-2")
    assert [e["event_name"] for e in _list(api, user_id="u-1")["events"]] == ["mine"]
    assert [e["event_name"] for e in _list(api, intercom_user_id=other["id"])["events"]] == [
        "theirs"
    ]


def test_lis_data_events_summary(api, user):
    _send(api, "paid", START - 200 * DAY)  # too old to list, still counted
    _send(api, "paid", START - DAY)
    _send(api, "logged-in", 1389913941)
    body = _list(api, user_id="u-1", summary="true")
    assert body == {
        "type": "event.summary",
        "email": "Frodo@Shire.test",
        "intercom_user_id": user["id"],
        "user_id": "u-1",
        "events": [
            {
                "name": "logged-in",
                "first": "2014-01-16T23:12:21.000+00:00",
                "last": "2014-01-16T23:12:21.000+00:00",
                "count": 1,
                "description": None,
            },
            {
                "name": "paid",
                "first": "2023-11-11T16:26:40.000+00:00",
                "last": "2024-05-28T16:26:40.000+00:00",
                "count": 2,
                "description": None,
            },
        ],
    }


def test_lis_data_events_summary_false_is_the_list(api, user):
    assert _list(api, user_id="u-1", summary="false")["type"] == "event.list"


def test_lis_data_events_type_required(api, user):
    assert_error(
        api.get("/events", params={"user_id": "u-1"}),
        400,
        "parameter_not_found",
        "type is a required parameter.",
    )


def test_lis_data_events_type_must_be_user(api, user):
    assert_error(
        api.get("/events", params={"type": "lead", "user_id": "u-1"}),
        400,
        "parameter_invalid",
        "type must be user",
    )


def test_lis_data_events_identifier_required(api, user):
    assert_error(
        api.get("/events", params={"type": "user"}),
        400,
        "parameter_not_found",
        "One of user_id, email or intercom_user_id is required",
    )


@pytest.mark.parametrize(
    "who",
    [{"user_id": "nobody"}, {"email": "nobody@x.test"}, {"intercom_user_id": "f" * 24}],
)
def test_lis_data_events_unknown_contact(api, user, who):
    assert_error(
        api.get("/events", params={"type": "user", **who}), 404, "not_found", "User Not Found"
    )


def test_lis_data_events_other_workspace(api, user, other_headers):
    _send(api, "paid", START)
    assert_error(
        api.get("/events", params={"type": "user", "user_id": "u-1"}, headers=other_headers),
        404,
        "not_found",
        "User Not Found",
    )


def test_lis_data_events_unauthorized(anonymous):
    assert_error(
        anonymous.get("/events", params={"type": "user", "user_id": "u"}),
        401,
        "unauthorized",
        "Access Token Invalid",
    )
