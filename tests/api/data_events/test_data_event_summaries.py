"""dataEventSummaries: POST /events/summaries (200, empty body)."""

from __future__ import annotations

import pytest

from tests.conftest import START, assert_error


def _summary(api, **who):
    who = who or {"user_id": "u-1"}
    response = api.get("/events", params={"type": "user", "summary": "true", **who})
    assert response.status_code == 200, response.text
    return response.json()["events"]


def test_data_event_summaries_creates_counters(api, user):
    response = api.post(
        "/events/summaries",
        json={
            "user_id": "u-1",
            "event_summaries": {
                "event_name": "invited-friend",
                "count": 3,
                "first": 1389913941,
                "last": 1389999999,
            },
        },
    )
    assert response.status_code == 200
    assert response.content == b""
    assert _summary(api) == [
        {
            "name": "invited-friend",
            "first": "2014-01-16T23:12:21.000+00:00",
            "last": "2014-01-17T23:06:39.000+00:00",
            "count": 3,
            "description": None,
        }
    ]


def test_data_event_summaries_replace_given_fields(api, user):
    first = {"event_name": "paid", "count": 3, "first": 100, "last": 200}
    api.post("/events/summaries", json={"user_id": "u-1", "event_summaries": first})
    api.post(
        "/events/summaries",
        json={"user_id": "u-1", "event_summaries": {"event_name": "paid", "count": 5}},
    )
    [paid] = _summary(api)
    assert paid["count"] == 5
    assert paid["first"] == "1970-01-01T00:01:40.000+00:00"
    assert paid["last"] == "1970-01-01T00:03:20.000+00:00"


def test_data_event_summaries_add_to_event_counts(api, user):
    api.post("/events", json={"event_name": "paid", "created_at": START, "user_id": "u-1"})
    api.post(
        "/events/summaries",
        json={
            "user_id": "u-1",
            "event_summaries": {"event_name": "paid", "count": 4, "first": 1000, "last": 2000},
        },
    )
    [paid] = _summary(api)
    assert paid["count"] == 5
    assert paid["first"] == "1970-01-01T00:16:40.000+00:00"
    assert paid["last"] == "2024-05-29T16:26:40.000+00:00"
    # counters are not events: the listing shows only the real one
    listed = api.get("/events", params={"type": "user", "user_id": "u-1"}).json()
    assert len(listed["events"]) == 1


def test_data_event_summaries_a_list(api, user):
    api.post(
        "/events/summaries",
        json={
            "user_id": "u-1",
            "event_summaries": [{"event_name": "a", "count": 1}, {"event_name": "b", "count": 2}],
        },
    )
    assert [(s["name"], s["count"], s["first"]) for s in _summary(api)] == [
        ("a", 1, None),
        ("b", 2, None),
    ]


def test_data_event_summaries_unknown_user(api, user):
    assert_error(
        api.post(
            "/events/summaries",
            json={"user_id": "nobody", "event_summaries": {"event_name": "a", "count": 1}},
        ),
        404,
        "not_found",
        "User Not Found",
    )


def test_data_event_summaries_other_workspace(api, user, other_headers):
    assert_error(
        api.post(
            "/events/summaries",
            json={"user_id": "u-1", "event_summaries": {"event_name": "a", "count": 1}},
            headers=other_headers,
        ),
        404,
        "not_found",
        "User Not Found",
    )
    assert _summary(api) == []


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"event_summaries": {"event_name": "a"}}, "user_id is a required parameter."),
        ({"user_id": "u-1"}, "event_summaries is a required parameter."),
        (
            {"user_id": "u-1", "event_summaries": {"count": 1}},
            "event_summaries.event_name is a required parameter.",
        ),
    ],
    ids=["user_id", "event_summaries", "event_name"],
)
def test_data_event_summaries_missing(api, user, body, message):
    assert_error(api.post("/events/summaries", json=body), 400, "parameter_not_found", message)


def test_data_event_summaries_first_after_last(api, user):
    assert_error(
        api.post(
            "/events/summaries",
            json={
                "user_id": "u-1",
                "event_summaries": {"event_name": "a", "count": 1, "first": 20, "last": 10},
            },
        ),
        400,
        "parameter_invalid",
        "event_summaries.first must not be after event_summaries.last",
    )


def test_data_event_summaries_negative_count(api, user):
    body = assert_error(
        api.post(
            "/events/summaries",
            json={"user_id": "u-1", "event_summaries": {"event_name": "a", "count": -1}},
        ),
        400,
        "parameter_invalid",
    )
    assert body["errors"][0]["field"] == "event_summaries.count"


def test_data_event_summaries_unauthorized(anonymous):
    assert_error(
        anonymous.post("/events/summaries", json={"user_id": "u"}),
        401,
        "unauthorized",
        "Access Token Invalid",
    )
