"""attachTagToConversation and detachTagFromConversation."""

from __future__ import annotations

import pytest

from tests.conftest import assert_error


@pytest.fixture
def conversation(api, make_contact):
    contact = make_contact(role="user", email="tagged@x.test")
    response = api.post(
        "/conversations", json={"from": {"type": "user", "id": contact["id"]}, "body": "Hi"}
    )
    assert response.status_code == 200, response.text
    return api.get(f"/conversations/{response.json()['conversation_id']}").json()


@pytest.fixture
def tag(api):
    return api.post("/tags", json={"name": "VIP"}).json()


def test_attach_and_detach(api, conversation, tag, workspace, clock):
    admin_id = str(workspace.admin.id)
    clock.advance(20)
    url = f"/conversations/{conversation['id']}/tags"
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
    stored = api.get(f"/conversations/{conversation['id']}").json()
    assert stored["tags"] == {"type": "tag.list", "tags": [applied]}
    assert stored["updated_at"] == clock.now()
    listed = api.get("/conversations").json()["conversations"][0]
    assert listed["tags"]["tags"] == [applied]

    # Attaching again keeps the first application.
    clock.advance(5)
    assert api.post(url, json={"id": tag["id"], "admin_id": admin_id}).json() == applied

    response = api.request("DELETE", f"{url}/{tag['id']}", json={"admin_id": admin_id})
    assert response.status_code == 200, response.text
    assert response.json() == applied
    assert api.get(f"/conversations/{conversation['id']}").json()["tags"]["tags"] == []
    # Removing a tag that is not applied answers the tag, unapplied.
    again = api.request("DELETE", f"{url}/{tag['id']}", json={"admin_id": admin_id}).json()
    assert (again["applied_at"], again["applied_by"]) == (None, None)


def test_errors(api, conversation, tag, workspace):
    admin_id = str(workspace.admin.id)
    url = f"/conversations/{conversation['id']}/tags"
    assert_error(api.post(url, json={"id": tag["id"]}), 400, "parameter_not_found")
    assert_error(api.post(url, json={"admin_id": admin_id}), 400, "parameter_not_found")
    assert_error(
        api.post(url, json={"id": "987654", "admin_id": admin_id}), 404, "tag_not_found",
        "Tag not found",
    )  # fmt: skip
    assert_error(
        api.post("/conversations/987654/tags", json={"id": tag["id"], "admin_id": admin_id}),
        404,
        "not_found",
        "Conversation not found",
    )
    assert_error(
        api.post(url, json={"id": tag["id"], "admin_id": "987654"}), 404, "admin_not_found"
    )
    response = api.request("DELETE", f"{url}/987654", json={"admin_id": admin_id})
    assert_error(response, 404, "tag_not_found", "Tag not found")
    response = api.request("DELETE", f"{url}/{tag['id']}", json={})
    assert_error(response, 400, "parameter_not_found")
    assert api.get(f"/conversations/{conversation['id']}").json()["tags"]["tags"] == []


def test_other_workspace_tag_or_conversation_is_not_found(api, conversation, tag, other_workspace):
    headers = {"Authorization": f"Bearer {other_workspace.token}"}
    own_tag = api.post("/tags", json={"name": "Theirs"}, headers=headers).json()
    admin_id = str(other_workspace.admin.id)
    response = api.post(
        f"/conversations/{conversation['id']}/tags",
        json={"id": own_tag["id"], "admin_id": admin_id},
        headers=headers,
    )
    assert_error(response, 404, "not_found", "Conversation not found")
    assert api.get(f"/conversations/{conversation['id']}").json()["tags"]["tags"] == []
