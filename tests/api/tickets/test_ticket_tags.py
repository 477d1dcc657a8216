"""attachTagToTicket and detachTagFromTicket.

The ``ticket`` object has no ``tags`` (unlike a conversation), so the taggings are checked
in storage.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from backchannel.db.tables import Tagging
from tests.conftest import assert_error


@pytest.fixture
def tag(api):
    return api.post("/tags", json={"name": "VIP"}).json()


@pytest.fixture
def ticket(make_ticket):
    return make_ticket()


@pytest.fixture
def admin_id(workspace) -> str:
    return str(workspace.admin.id)


def _taggings(runtime) -> list[tuple[int, str, str]]:
    with runtime.sessions() as session:
        rows = session.execute(
            select(Tagging.tag_id, Tagging.target_type, Tagging.target_id).order_by(Tagging.tag_id)
        )
        return [tuple(row) for row in rows]


def test_attach_tag_to_ticket_and_detach(api, ticket, tag, admin_id, clock, runtime):
    clock.advance(20)
    url = f"/tickets/{ticket['id']}/tags"
    response = api.post(url, json={"id": tag["id"], "admin_id": int(admin_id)})
    assert response.status_code == 200, response.text
    applied = {
        "type": "tag",
        "id": tag["id"],
        "name": "VIP",
        "applied_at": clock.now(),
        "applied_by": {"type": "admin", "id": admin_id},
    }
    assert response.json() == applied
    assert _taggings(runtime) == [(int(tag["id"]), "ticket", ticket["id"])]
    stored = api.get(f"/tickets/{ticket['id']}").json()
    assert "tags" not in stored
    assert stored["updated_at"] == clock.now()

    # Attaching again keeps the first application.
    clock.advance(5)
    assert api.post(url, json={"id": tag["id"], "admin_id": admin_id}).json() == applied
    assert api.get(f"/tickets/{ticket['id']}").json()["updated_at"] == clock.now()

    clock.advance(5)
    response = api.request("DELETE", f"{url}/{tag['id']}", json={"admin_id": admin_id})
    assert response.status_code == 200, response.text
    assert response.json() == applied
    assert _taggings(runtime) == []
    assert api.get(f"/tickets/{ticket['id']}").json()["updated_at"] == clock.now()
    # Removing a tag that is not applied answers the tag, unapplied, and changes nothing.
    clock.advance(5)
    again = api.request("DELETE", f"{url}/{tag['id']}", json={"admin_id": admin_id}).json()
    assert (again["applied_at"], again["applied_by"]) == (None, None)
    assert api.get(f"/tickets/{ticket['id']}").json()["updated_at"] == clock.now() - 5


def test_attach_tag_to_ticket_errors(api, ticket, tag, admin_id, runtime):
    url = f"/tickets/{ticket['id']}/tags"
    assert_error(api.post(url, json={"id": tag["id"]}), 400, "parameter_not_found")
    assert_error(api.post(url, json={"admin_id": admin_id}), 400, "parameter_not_found")
    assert_error(
        api.post(url, json={"id": "987654", "admin_id": admin_id}),
        404,
        "tag_not_found",
        "Tag not found",
    )
    assert_error(
        api.post("/tickets/987654/tags", json={"id": tag["id"], "admin_id": admin_id}),
        404,
        "ticket_not_found",
        "Ticket not found",
    )
    assert_error(
        api.post("/tickets/nope/tags", json={"id": tag["id"], "admin_id": admin_id}),
        404,
        "ticket_not_found",
    )
    assert_error(
        api.post(url, json={"id": tag["id"], "admin_id": "987654"}), 404, "admin_not_found"
    )
    assert_error(
        api.post(url, json={"id": tag["id"], "admin_id": admin_id, "x": 1}), 400, "bad_request"
    )
    assert _taggings(runtime) == []


def test_detach_tag_from_ticket_errors(api, ticket, tag, admin_id, runtime):
    url = f"/tickets/{ticket['id']}/tags"
    assert api.post(url, json={"id": tag["id"], "admin_id": admin_id}).status_code == 200
    response = api.request("DELETE", f"{url}/987654", json={"admin_id": admin_id})
    assert_error(response, 404, "tag_not_found", "Tag not found")
    response = api.request(
        "DELETE", f"/tickets/987654/tags/{tag['id']}", json={"admin_id": admin_id}
    )
    assert_error(response, 404, "ticket_not_found", "Ticket not found")
    response = api.request("DELETE", f"{url}/{tag['id']}", json={})
    assert_error(response, 400, "parameter_not_found")
    response = api.request("DELETE", f"{url}/{tag['id']}", json={"admin_id": "987654"})
    assert_error(response, 404, "admin_not_found")
    assert _taggings(runtime) == [(int(tag["id"]), "ticket", ticket["id"])]


def test_ticket_and_conversation_tag_routes_do_not_cross(api, ticket, tag, admin_id, contact):
    """A ticket is no conversation for the conversation routes, and the reverse."""
    response = api.post(
        f"/conversations/{ticket['id']}/tags", json={"id": tag["id"], "admin_id": admin_id}
    )
    assert_error(response, 404, "not_found", "Conversation not found")
    started = api.post(
        "/conversations", json={"from": {"type": "user", "id": contact["id"]}, "body": "Hi"}
    ).json()
    response = api.post(
        f"/tickets/{started['conversation_id']}/tags", json={"id": tag["id"], "admin_id": admin_id}
    )
    assert_error(response, 404, "ticket_not_found", "Ticket not found")


def test_tag_deletion_removes_ticket_taggings(api, ticket, tag, admin_id, runtime):
    url = f"/tickets/{ticket['id']}/tags"
    assert api.post(url, json={"id": tag["id"], "admin_id": admin_id}).status_code == 200
    assert api.delete(f"/tags/{tag['id']}").status_code == 200
    assert _taggings(runtime) == []


def test_ticket_tags_other_workspace_is_not_found(
    api, ticket, tag, admin_id, other_workspace, runtime
):
    headers = {"Authorization": f"Bearer {other_workspace.token}"}
    theirs = api.post("/tags", json={"name": "Theirs"}, headers=headers).json()
    other_admin = str(other_workspace.admin.id)
    response = api.post(
        f"/tickets/{ticket['id']}/tags",
        json={"id": theirs["id"], "admin_id": other_admin},
        headers=headers,
    )
    assert_error(response, 404, "ticket_not_found")
    # Their tag and their admin are not ours either.
    url = f"/tickets/{ticket['id']}/tags"
    response = api.post(url, json={"id": theirs["id"], "admin_id": admin_id})
    assert_error(response, 404, "tag_not_found")
    response = api.post(url, json={"id": tag["id"], "admin_id": other_admin})
    assert_error(response, 404, "admin_not_found")
    assert _taggings(runtime) == []
