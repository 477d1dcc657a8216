"""updateConversation: the read flag and custom attributes declared for conversations."""

from __future__ import annotations

import pytest

from tests.conftest import assert_error


@pytest.fixture
def declared(api):
    for name, data_type in (("escalated", "boolean"), ("region", "string"), ("seats", "integer")):
        response = api.post(
            "/data_attributes",
            json={"name": name, "model": "conversation", "data_type": data_type},
        )
        assert response.status_code == 200, response.text


def test_mark_read(api, start, clock):
    conversation = start()
    clock.advance(3)
    response = api.put(f"/conversations/{conversation['id']}", json={"read": True})
    assert response.status_code == 200, response.text
    updated = response.json()
    assert updated["read"] is True
    assert updated["updated_at"] == clock.now()
    assert updated["conversation_parts"]["conversation_parts"] == []
    assert api.get(f"/conversations/{conversation['id']}").json()["read"] is True


def test_custom_attributes(api, start, declared, workspace, clock):
    conversation = start()
    clock.advance(3)
    response = api.put(
        f"/conversations/{conversation['id']}",
        json={"custom_attributes": {"escalated": True, "region": "EMEA"}},
    )
    assert response.status_code == 200, response.text
    updated = response.json()
    assert updated["custom_attributes"] == {"escalated": True, "region": "EMEA"}
    parts = updated["conversation_parts"]["conversation_parts"]
    assert [p["part_type"] for p in parts] == ["conversation_attribute_updated_by_admin"] * 2
    assert parts[0]["author"] == {
        "type": "bot",
        "id": str(900_000_000 + workspace.workspace.id),
        "name": "Operator",
        "email": f"operator+{workspace.workspace.id_code}@intercom.io",
    }
    # null clears one attribute; an unchanged value adds no part.
    response = api.put(
        f"/conversations/{conversation['id']}",
        json={"custom_attributes": {"escalated": None, "region": "EMEA"}},
    )
    updated = response.json()
    assert updated["custom_attributes"] == {"region": "EMEA"}
    assert updated["conversation_parts"]["total_count"] == 3
    assert updated["statistics"]["count_conversation_parts"] == 3


@pytest.mark.parametrize(
    ("attributes", "message"),
    [
        ({"unknown": 1}, "Conversation attribute 'unknown' does not exist"),
        ({"seats": "many"}, "Custom attribute 'seats' has data type integer"),
        ({"escalated": "yes"}, "Custom attribute 'escalated' has data type boolean"),
    ],
)
def test_custom_attribute_errors_change_nothing(api, start, declared, attributes, message):
    conversation = start()
    response = api.put(
        f"/conversations/{conversation['id']}",
        json={"read": True, "custom_attributes": attributes},
    )
    error = assert_error(response, 400, "parameter_invalid")
    assert error["errors"][0]["message"].startswith(message)
    stored = api.get(f"/conversations/{conversation['id']}").json()
    assert stored["read"] is False
    assert stored["custom_attributes"] == {}
    assert stored["conversation_parts"]["total_count"] == 0


def test_contact_attributes_are_not_conversation_attributes(api, start):
    api.post("/data_attributes", json={"name": "plan", "model": "contact", "data_type": "string"})
    conversation = start()
    response = api.put(
        f"/conversations/{conversation['id']}", json={"custom_attributes": {"plan": "pro"}}
    )
    assert_error(response, 400, "parameter_invalid", "Conversation attribute 'plan' does not exist")


def test_update_errors(api, start, other_workspace):
    conversation = start()
    assert_error(api.put("/conversations/999999", json={"read": True}), 404, "not_found")
    assert_error(api.put("/conversations/abc", json={"read": True}), 404, "not_found")
    assert_error(
        api.put(f"/conversations/{conversation['id']}", json={"read": "yes"}),
        400,
        "parameter_invalid",
    )
    assert_error(
        api.put(f"/conversations/{conversation['id']}", json={"state": "closed"}),
        400,
        "bad_request",
    )
    foreign = api.put(
        f"/conversations/{conversation['id']}",
        json={"read": True},
        headers={"Authorization": f"Bearer {other_workspace.token}"},
    )
    assert_error(foreign, 404, "not_found", "Resource Not Found")
    assert api.get(f"/conversations/{conversation['id']}").json()["read"] is False
