"""lisDataAttributes: GET /data_attributes."""

from __future__ import annotations

import pytest

from tests.conftest import assert_error


def _declare(api, name, model="contact", data_type="string"):
    response = api.post(
        "/data_attributes", json={"name": name, "model": model, "data_type": data_type}
    )
    assert response.status_code == 200, response.text
    return response.json()


def test_lis_data_attributes_company_builtins(api):
    body = api.get("/data_attributes", params={"model": "company"}).json()
    assert body["type"] == "list"
    names = [a["full_name"] for a in body["data"]]
    assert names == [
        "name", "company_id", "last_request_at", "remote_created_at", "user_count",
        "session_count", "plan.name", "monthly_spend", "size", "industry", "website", "id",
        "created_at", "updated_at", "plan.id", "app_id",
    ]  # fmt: skip
    assert body["data"][0] == {
        "type": "data_attribute",
        "name": "name",
        "full_name": "name",
        "label": "Company name",
        "description": "The name of a company",
        "data_type": "string",
        "options": None,
        "api_writable": True,
        "ui_writable": False,
        "messenger_writable": True,
        "custom": False,
        "archived": False,
        "model": "company",
    }
    assert all("id" not in a and a["custom"] is False for a in body["data"])


def test_lis_data_attributes_contact_builtins(api):
    body = api.get("/data_attributes", params={"model": "contact"}).json()
    by_name = {a["full_name"]: a for a in body["data"]}
    assert {"email", "name", "external_id", "created_at", "location.city"} <= set(by_name)
    assert by_name["email"]["api_writable"] is True
    assert by_name["created_at"]["data_type"] == "date"
    assert {a["model"] for a in body["data"]} == {"contact"}


def test_lis_data_attributes_all_models(api):
    _declare(api, "plan", "contact")
    _declare(api, "tier", "company")
    body = api.get("/data_attributes").json()
    models = {a["model"] for a in body["data"]}
    assert models == {"contact", "company"}
    custom = [a["name"] for a in body["data"] if a["custom"]]
    assert custom == ["plan", "tier"]


def test_lis_data_attributes_custom_after_builtins(api):
    made = _declare(api, "The One Ring", "company")
    body = api.get("/data_attributes", params={"model": "company"}).json()
    assert body["data"][-1] == made
    assert (
        api.get("/data_attributes", params={"model": "contact"}).json()["data"][-1]["custom"]
        is False
    )


def test_lis_data_attributes_conversation_model(api):
    _declare(api, "plan", "contact")
    assert api.get("/data_attributes", params={"model": "conversation"}).json() == {
        "type": "list",
        "data": [],
    }
    made = _declare(api, "escalated", "conversation", "boolean")
    assert made["model"] == "conversation"
    assert made["data_type"] == "boolean"
    assert api.get("/data_attributes", params={"model": "conversation"}).json() == {
        "type": "list",
        "data": [made],
    }
    listed = api.get("/data_attributes", params={"model": "contact"}).json()
    assert "escalated" not in [a["name"] for a in listed["data"]]


def test_lis_data_attributes_archived_hidden_unless_asked(api):
    made = _declare(api, "old")
    kept = _declare(api, "new")
    api.put(f"/data_attributes/{made['id']}", json={"archived": True})
    shown = api.get("/data_attributes", params={"model": "contact"}).json()
    assert [a["name"] for a in shown["data"] if a["custom"]] == ["new"]
    every = api.get(
        "/data_attributes", params={"model": "contact", "include_archived": "true"}
    ).json()
    custom = [a for a in every["data"] if a["custom"]]
    assert [a["name"] for a in custom] == ["old", "new"]
    assert custom[0]["archived"] is True and custom[1] == kept
    hidden = api.get("/data_attributes", params={"include_archived": "false"}).json()
    assert [a["name"] for a in hidden["data"] if a["custom"]] == ["new"]


@pytest.mark.parametrize("model", ["user", "Contact", ""])
def test_lis_data_attributes_invalid_model(api, model):
    assert_error(
        api.get("/data_attributes", params={"model": model}),
        400,
        "parameter_invalid",
        "model must be one of contact, company, conversation",
    )


def test_lis_data_attributes_invalid_include_archived(api):
    body = assert_error(
        api.get("/data_attributes", params={"include_archived": "maybe"}),
        400,
        "parameter_invalid",
    )
    assert body["errors"][0]["field"] == "include_archived"


def test_lis_data_attributes_other_workspace_hidden(api, other_workspace):
    other = {"Authorization": f"Bearer {other_workspace.token}"}
    api.post(
        "/data_attributes",
        json={"name": "secret", "model": "contact", "data_type": "string"},
        headers=other,
    )
    body = api.get("/data_attributes").json()
    assert not [a for a in body["data"] if a["custom"]]
    theirs = api.get("/data_attributes", headers=other).json()
    assert [a["name"] for a in theirs["data"] if a["custom"]] == ["secret"]


def test_lis_data_attributes_unauthorized(anonymous):
    assert_error(anonymous.get("/data_attributes"), 401, "unauthorized", "Access Token Invalid")
