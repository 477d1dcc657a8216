"""listSegments: GET /segments[?include_count=true]."""

from __future__ import annotations

import pytest

from tests.api.segments.conftest import DAY, DEFAULT_NAMES, contact, names, pred
from tests.conftest import START, assert_error


def test_list_segments_defaults_of_a_new_workspace(api, workspace):
    response = api.get("/segments")
    assert response.status_code == 200
    body = response.json()
    assert body["type"] == "segment.list"
    assert names(body["segments"]) == DEFAULT_NAMES
    person_types = {s["name"]: s["person_type"] for s in body["segments"]}
    assert person_types == {
        "Active": "user",
        "All leads": "contact",
        "All users": "user",
        "New": "user",
    }
    for segment in body["segments"]:
        assert set(segment) == {"type", "id", "name", "created_at", "updated_at", "person_type"}
        assert segment["type"] == "segment"
        assert segment["created_at"] == segment["updated_at"] == START
        assert len(segment["id"]) == 24
        assert int(segment["id"][:8], 16) == START  # ObjectId-style: creation time first


def test_list_segments_without_count_has_no_count_key(api):
    for query in ("", "?include_count=false"):
        segments = api.get(f"/segments{query}").json()["segments"]
        assert all("count" not in segment for segment in segments)


def test_list_segments_include_count(api, clock):
    contact(api, email="active@x.test", last_seen_at=START - 2 * DAY)
    contact(api, email="idle@x.test", last_seen_at=START - 60 * DAY)
    contact(api, role="lead", name="Lead One")
    contact(api, role="lead", name="Lead Two", last_seen_at=START)
    response = api.get("/segments", params={"include_count": "true"})
    assert response.status_code == 200
    counts = {s["name"]: s["count"] for s in response.json()["segments"]}
    # Leads are never in user segments, even when they were seen or created lately.
    assert counts == {"Active": 1, "All leads": 2, "All users": 2, "New": 2}


def test_list_segments_include_count_follows_changes(api, clock):
    user = contact(api, email="u@x.test")

    def counts():
        body = api.get("/segments?include_count=true").json()
        return {s["name"]: s["count"] for s in body["segments"]}

    assert counts()["Active"] == 0
    api.put(f"/contacts/{user['id']}", json={"last_seen_at": START})
    assert counts()["Active"] == 1
    # Relative dates: the same segment empties as time passes, with no write at all.
    clock.advance(6 * DAY)
    assert counts() == {"Active": 1, "All leads": 0, "All users": 1, "New": 1}
    clock.advance(DAY)
    assert counts()["New"] == 0
    clock.advance(23 * DAY)
    assert counts()["Active"] == 0


def test_list_segments_include_count_only_visible_contacts(api):
    kept = contact(api, email="kept@x.test")
    archived = contact(api, email="gone@x.test")
    lead = contact(api, role="lead")
    assert api.post(f"/contacts/{archived['id']}/archive").status_code == 200
    assert (
        api.post("/contacts/merge", json={"from": lead["id"], "into": kept["id"]}).status_code
        == 200
    )
    counts = {
        s["name"]: s["count"] for s in api.get("/segments?include_count=true").json()["segments"]
    }
    assert counts["All users"] == 1
    assert counts["All leads"] == 0


def test_list_segments_custom_segment_in_creation_order(api, clock, make_segment):
    clock.advance(10)
    made = make_segment("Gmail users", pred("email", "$", "@gmail.com"))
    contact(api, email="a@gmail.com")
    contact(api, email="b@GMAIL.com")
    contact(api, email="c@example.com")
    segments = api.get("/segments?include_count=true").json()["segments"]
    assert names(segments) == [*DEFAULT_NAMES, "Gmail users"]
    assert segments[-1] == {
        "type": "segment",
        "id": made,
        "name": "Gmail users",
        "created_at": START + 10,
        "updated_at": START + 10,
        "person_type": "user",
        "count": 2,
    }


def test_list_segments_isolated_between_workspaces(api, other_workspace, make_segment):
    make_segment("Theirs", pred("role", "=", "user"), workspace_id=other_workspace.workspace.id)
    assert names(api.get("/segments").json()["segments"]) == DEFAULT_NAMES


@pytest.mark.parametrize("value", ["maybe", "2"])
def test_list_segments_include_count_invalid(api, value):
    response = api.get(f"/segments?include_count={value}")
    assert_error(response, 400, "parameter_invalid")


def test_list_segments_unauthorized(anonymous):
    assert_error(anonymous.get("/segments"), 401, "unauthorized", "Access Token Invalid")
