"""listSegmentsForAContact: GET /contacts/{contact_id}/segments."""

from __future__ import annotations

from tests.api.segments.conftest import DAY, contact, names, pred
from tests.conftest import START, assert_error


def _segments(api, contact_id):
    response = api.get(f"/contacts/{contact_id}/segments")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["type"] == "list"
    return body["data"]


def test_list_segments_for_a_contact(api, default_ids):
    user = contact(api, email="u@x.test", last_seen_at=START)
    data = _segments(api, user["id"])
    assert names(data) == ["Active", "All users", "New"]
    assert data[1] == {
        "type": "segment",
        "id": default_ids["All users"],
        "name": "All users",
        "created_at": START,
        "updated_at": START,
        "person_type": "user",
    }


def test_list_segments_for_a_lead(api):
    lead = contact(api, role="lead", last_seen_at=START)
    assert names(_segments(api, lead["id"])) == ["All leads"]


def test_list_segments_for_a_contact_enters_and_leaves(api, clock, make_segment):
    make_segment("VIPs", pred("name", "^", "vip "))
    user = contact(api, email="u@x.test", name="Ann")
    assert names(_segments(api, user["id"])) == ["All users", "New"]
    api.put(f"/contacts/{user['id']}", json={"name": "VIP Ann"})
    assert names(_segments(api, user["id"])) == ["All users", "New", "VIPs"]
    api.put(f"/contacts/{user['id']}", json={"name": "Ann"})
    assert names(_segments(api, user["id"])) == ["All users", "New"]
    clock.advance(7 * DAY)  # no longer new: relative dates follow the clock
    assert names(_segments(api, user["id"])) == ["All users"]


def test_list_segments_for_a_contact_lead_becomes_user(api):
    lead = contact(api, role="lead", email="l@x.test")
    assert names(_segments(api, lead["id"])) == ["All leads"]
    api.put(f"/contacts/{lead['id']}", json={"role": "user"})
    assert names(_segments(api, lead["id"])) == ["All users", "New"]


def test_list_segments_for_a_contact_in_none(api, clock):
    user = contact(api, email="u@x.test")
    clock.advance(30 * DAY)
    assert names(_segments(api, user["id"])) == ["All users"]
    lead = contact(api, role="lead")
    assert names(_segments(api, lead["id"])) == ["All leads"]


def test_list_segments_for_a_contact_not_found(api):
    assert_error(
        api.get("/contacts/000000000000000000000000/segments"), 404, "not_found", "User Not Found"
    )


def test_list_segments_for_an_archived_contact(api):
    user = contact(api, email="u@x.test")
    api.post(f"/contacts/{user['id']}/archive")
    assert_error(api.get(f"/contacts/{user['id']}/segments"), 404, "not_found", "User Not Found")


def test_list_segments_for_a_contact_of_another_workspace(api, anonymous, other_workspace):
    theirs = anonymous.post(
        "/contacts",
        json={"email": "t@x.test"},
        headers={"Authorization": f"Bearer {other_workspace.token}"},
    ).json()
    assert_error(api.get(f"/contacts/{theirs['id']}/segments"), 404, "not_found", "User Not Found")


def test_list_segments_for_a_contact_unauthorized(anonymous):
    assert_error(
        anonymous.get("/contacts/000000000000000000000000/segments"),
        401,
        "unauthorized",
        "Access Token Invalid",
    )
