"""attachContactToConversation and detachContactFromConversation (group conversations)."""

from __future__ import annotations

from sqlalchemy import select

from backchannel.db.tables import Contact
from tests.conftest import assert_error


def _parts(conversation):
    return conversation["conversation_parts"]["conversation_parts"]


def test_attach_by_intercom_id_then_detach(api, start, contact, make_contact, admin_id, clock):
    conversation = start()
    other = make_contact(role="user", email="sue@x.test", external_id="u-2")
    clock.advance(10)
    response = api.post(
        f"/conversations/{conversation['id']}/customers",
        json={"admin_id": admin_id, "customer": {"intercom_user_id": other["id"]}},
    )
    assert response.status_code == 200, response.text
    assert response.json() == {
        "customers": [{"type": "user", "id": contact["id"]}, {"type": "user", "id": other["id"]}]
    }
    stored = api.get(f"/conversations/{conversation['id']}").json()
    assert [c["id"] for c in stored["contacts"]["contacts"]] == [contact["id"], other["id"]]
    added = _parts(stored)[-1]
    assert added["part_type"] == "participant_added"
    assert added["author"]["id"] == admin_id
    assert stored["updated_at"] == clock.now()

    clock.advance(10)
    response = api.request(
        "DELETE",
        f"/conversations/{conversation['id']}/customers/{contact['id']}",
        json={"admin_id": admin_id},
    )
    assert response.status_code == 200, response.text
    assert response.json() == {"customers": [{"type": "user", "id": other["id"]}]}
    stored = api.get(f"/conversations/{conversation['id']}").json()
    assert [c["id"] for c in stored["contacts"]["contacts"]] == [other["id"]]
    assert _parts(stored)[-1]["part_type"] == "participant_removed"


def test_attach_by_user_id_and_twice_changes_nothing(api, start, make_contact, admin_id):
    conversation = start()
    other = make_contact(role="user", external_id="ext-9")
    body = {"admin_id": admin_id, "customer": {"user_id": "ext-9"}}
    first = api.post(f"/conversations/{conversation['id']}/customers", json=body)
    second = api.post(f"/conversations/{conversation['id']}/customers", json=body)
    assert first.json() == second.json()
    assert [c["id"] for c in first.json()["customers"]][-1] == other["id"]
    parts = _parts(api.get(f"/conversations/{conversation['id']}").json())
    assert [p["part_type"] for p in parts] == ["participant_added"]


def test_attach_unknown_email_creates_a_lead(api, start, admin_id, runtime, workspace):
    conversation = start()
    response = api.post(
        f"/conversations/{conversation['id']}/customers",
        json={"admin_id": admin_id, "customer": {"email": "new@lead.test"}},
    )
    assert response.status_code == 200, response.text
    added = response.json()["customers"][-1]
    assert added["type"] == "lead"
    with runtime.sessions() as session:
        lead = session.execute(select(Contact).where(Contact.id == added["id"])).scalar_one()
        assert (lead.role, lead.email, lead.workspace_id) == (
            "lead",
            "new@lead.test",
            workspace.workspace.id,
        )


def test_attach_errors(api, start, admin_id):
    conversation = start()
    url = f"/conversations/{conversation['id']}/customers"
    assert_error(
        api.post(url, json={"customer": {"email": "a@b.test"}}), 400, "parameter_not_found"
    )
    assert_error(api.post(url, json={"admin_id": admin_id}), 400, "parameter_not_found")
    assert_error(
        api.post(url, json={"admin_id": "999999", "customer": {"email": "a@b.test"}}),
        404,
        "admin_not_found",
    )
    assert_error(
        api.post(
            url,
            json={"admin_id": admin_id, "customer": {"intercom_user_id": "0" * 24}},
        ),
        404,
        "not_found",
        "User Not Found",
    )
    assert_error(
        api.post(
            "/conversations/999999/customers",
            json={"admin_id": admin_id, "customer": {"email": "a@b.test"}},
        ),
        404,
        "not_found",
        "Resource Not Found",
    )
    assert_error(
        api.post(url, json={"admin_id": admin_id, "customer": {"nickname": "x"}}),
        400,
        "bad_request",
    )
    parts = _parts(api.get(f"/conversations/{conversation['id']}").json())
    assert parts == []


def test_detach_errors(api, start, contact, make_contact, admin_id):
    conversation = start()
    url = f"/conversations/{conversation['id']}/customers"
    response = api.request("DELETE", f"{url}/{contact['id']}", json={"admin_id": admin_id})
    assert_error(response, 422, "parameter_invalid", "Removing the last customer is not allowed")
    stranger = make_contact(role="user", email="stranger@x.test")
    response = api.request("DELETE", f"{url}/{stranger['id']}", json={"admin_id": admin_id})
    assert_error(response, 404, "not_found", "User Not Found")
    response = api.request("DELETE", f"{url}/{contact['id']}", json={})
    assert_error(response, 400, "parameter_not_found")
    response = api.request(
        "DELETE", f"/conversations/424242/customers/{contact['id']}", json={"admin_id": admin_id}
    )
    assert_error(response, 404, "not_found", "Resource Not Found")
    stored = api.get(f"/conversations/{conversation['id']}").json()
    assert [c["id"] for c in stored["contacts"]["contacts"]] == [contact["id"]]


def test_another_workspace_cannot_touch_participants(api, start, other_workspace, admin_id):
    conversation = start()
    headers = {"Authorization": f"Bearer {other_workspace.token}"}
    response = api.post(
        f"/conversations/{conversation['id']}/customers",
        json={"admin_id": str(other_workspace.admin.id), "customer": {"email": "x@y.test"}},
        headers=headers,
    )
    assert_error(response, 404, "not_found", "Resource Not Found")
    stored = api.get(f"/conversations/{conversation['id']}").json()
    assert len(stored["contacts"]["contacts"]) == 1


def test_merging_a_lead_moves_its_conversations_to_the_user(api, start, make_contact):
    lead = make_contact(role="lead", email="lead@x.test")
    user = make_contact(role="user", email="user@x.test")
    conversation = start(who=lead)
    response = api.post("/contacts/merge", json={"from": lead["id"], "into": user["id"]})
    assert response.status_code == 200, response.text
    stored = api.get(f"/conversations/{conversation['id']}").json()
    assert stored["contacts"]["contacts"] == [
        {"type": "contact", "id": user["id"], "external_id": None}
    ]
    replied = api.post(
        "/conversations/last/reply",
        json={"type": "user", "intercom_user_id": user["id"], "message_type": "comment",
              "body": "me again"},
    )  # fmt: skip
    assert replied.status_code == 200, replied.text
    assert replied.json()["id"] == conversation["id"]
