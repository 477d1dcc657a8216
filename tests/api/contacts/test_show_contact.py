"""ShowContact: GET /contacts/{id}."""

from __future__ import annotations

from backchannel.provisioning import create_workspace
from tests.conftest import assert_error


def test_show_contact(api):
    created = api.post("/contacts", json={"email": "s@x.test", "name": "Sam"}).json()
    response = api.get(f"/contacts/{created['id']}")
    assert response.status_code == 200
    assert response.json() == created
    assert response.headers["content-type"] == "application/json; charset=utf-8"


def test_show_contact_not_found(api):
    assert_error(api.get("/contacts/0123456789abcdef01234567"), 404, "not_found", "User Not Found")


def test_show_contact_malformed_id(api):
    assert_error(api.get("/contacts/%20DROP%20TABLE"), 404, "not_found", "User Not Found")


def test_show_contact_archived_is_hidden(api):
    created = api.post("/contacts", json={"email": "s@x.test"}).json()
    api.post(f"/contacts/{created['id']}/archive")
    assert_error(api.get(f"/contacts/{created['id']}"), 404, "not_found", "User Not Found")


def test_show_contact_other_workspace_is_hidden(api, runtime):
    with runtime.sessions.begin() as session:
        other = create_workspace(
            session, clock=runtime.clock, ids=runtime.ids, admin_email="eve@other.test"
        )
    theirs = api.post(
        "/contacts", json={"email": "t@x.test"}, headers={"Authorization": f"Bearer {other.token}"}
    ).json()
    assert_error(api.get(f"/contacts/{theirs['id']}"), 404, "not_found", "User Not Found")
    assert api.get("/contacts").json()["total_count"] == 0
