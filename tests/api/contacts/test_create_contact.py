"""CreateContact: POST /contacts."""

from __future__ import annotations

import pytest

from tests.conftest import START, assert_error
from tests.factories import declare_attributes


def test_create_contact_user_by_email(api, workspace):
    response = api.post("/contacts", json={"email": "Joe@Example.COM", "name": "Joe Bloggs"})
    assert response.status_code == 200
    body = response.json()
    assert body["type"] == "contact"
    assert body["role"] == "user"
    assert body["email"] == "Joe@Example.COM"
    assert body["email_domain"] == "example.com"
    assert body["name"] == "Joe Bloggs"
    assert body["workspace_id"] == workspace.workspace.id_code
    assert body["created_at"] == body["updated_at"] == START
    assert len(body["id"]) == 24 and int(body["id"][:8], 16) == START
    assert body["custom_attributes"] == {}
    assert body["tags"] == {
        "type": "list",
        "data": [],
        "url": f"/contacts/{body['id']}/tags",
        "total_count": 0,
        "has_more": False,
    }
    assert body["location"]["type"] == "location"
    assert body["avatar"] is None and body["phone"] is None and body["external_id"] is None


def test_create_contact_reads_back(api):
    declare_attributes(api, plan="string", seats="integer", trial="boolean", score="float")
    created = api.post(
        "/contacts",
        json={
            "external_id": "u-1",
            "phone": "+353871234567",
            "avatar": "https://example.com/a.png",
            "signed_up_at": 1_600_000_000,
            "last_seen_at": 1_700_000_000,
            "unsubscribed_from_emails": True,
            "custom_attributes": {"plan": "pro", "seats": 3, "trial": False, "score": 1.5},
        },
    ).json()
    shown = api.get(f"/contacts/{created['id']}").json()
    assert shown == created
    assert shown["external_id"] == "u-1"
    assert shown["avatar"] == {"type": "avatar", "image_url": "https://example.com/a.png"}
    assert shown["signed_up_at"] == 1_600_000_000
    assert shown["unsubscribed_from_emails"] is True
    assert shown["custom_attributes"] == {"plan": "pro", "seats": 3, "trial": False, "score": 1.5}


def test_create_contact_lead_with_role_only(api):
    body = api.post("/contacts", json={"role": "lead"}).json()
    assert body["role"] == "lead"
    assert body["email"] is None and body["external_id"] is None


def test_create_contact_owner_id_as_int_or_string(api, workspace):
    for owner in (workspace.admin.id, str(workspace.admin.id)):
        body = api.post("/contacts", json={"role": "lead", "owner_id": owner}).json()
        assert body["owner_id"] == workspace.admin.id


def test_create_contact_unknown_owner(api):
    response = api.post("/contacts", json={"email": "a@x.test", "owner_id": 99999})
    assert_error(
        response, 400, "parameter_invalid", "The owner specified is not a member of the workspace"
    )


def test_create_contact_duplicate_email(api):
    first = api.post("/contacts", json={"email": "dup@x.test"}).json()
    response = api.post("/contacts", json={"email": "DUP@x.test"})
    assert_error(
        response,
        409,
        "conflict",
        f"A contact matching those details already exists with id={first['id']}",
    )


def test_create_contact_duplicate_external_id(api):
    first = api.post("/contacts", json={"external_id": "ext-1", "role": "lead"}).json()
    response = api.post("/contacts", json={"external_id": "ext-1", "email": "other@x.test"})
    assert_error(
        response,
        409,
        "conflict",
        f"A contact matching those details already exists with id={first['id']}",
    )


def test_create_contact_duplicate_of_archived(api):
    first = api.post("/contacts", json={"email": "gone@x.test"}).json()
    api.post(f"/contacts/{first['id']}/archive")
    response = api.post("/contacts", json={"email": "gone@x.test"})
    assert_error(
        response,
        409,
        "conflict",
        f"An archived contact matching those details already exists with id={first['id']}",
    )


def test_create_contact_leads_may_share_email(api):
    api.post("/contacts", json={"email": "shared@x.test"})
    first = api.post("/contacts", json={"email": "shared@x.test", "role": "lead"})
    second = api.post("/contacts", json={"email": "shared@x.test", "role": "lead"})
    assert first.status_code == second.status_code == 200
    assert first.json()["id"] != second.json()["id"]


def test_create_contact_missing_identity(api):
    assert_error(
        api.post("/contacts", json={"name": "Nobody"}),
        400,
        "parameter_not_found",
        "Please provide at least one of email, external_id or role",
    )


def test_create_contact_user_needs_email_or_external_id(api):
    assert_error(
        api.post("/contacts", json={"role": "user"}),
        400,
        "parameter_invalid",
        "A user needs an email or an external_id",
    )


def test_create_contact_invalid_role(api):
    assert_error(
        api.post("/contacts", json={"role": "visitor", "email": "a@x.test"}),
        400,
        "parameter_invalid",
        "role must be one of user, lead",
    )


def test_create_contact_invalid_email(api):
    assert_error(
        api.post("/contacts", json={"email": "not-an-email"}),
        400,
        "parameter_invalid",
        "The email address 'not-an-email' is invalid",
    )


def test_create_contact_wrong_type(api):
    body = assert_error(api.post("/contacts", json={"email": 123}), 400, "parameter_invalid")
    assert body["errors"][0]["field"] == "email"


def test_create_contact_unknown_field(api):
    body = assert_error(
        api.post("/contacts", json={"email": "a@x.test", "nickname": "Al"}),
        400,
        "bad_request",
        "bad 'nickname' parameter",
    )
    assert body["errors"][0]["field"] == "nickname"


@pytest.mark.parametrize(
    "value",
    [{"nested": {"a": 1}}, {"list": [1, 2]}, {"bad name!": "x"}, {"long": "x" * 256}],
    ids=["object", "array", "bad-name", "too-long"],
)
def test_create_contact_invalid_custom_attributes(api, value):
    response = api.post("/contacts", json={"email": "a@x.test", "custom_attributes": value})
    assert_error(response, 400, "parameter_invalid")
    assert api.get("/contacts").json()["total_count"] == 0


def test_create_contact_malformed_json(api):
    response = api.post(
        "/contacts", content=b'{"email": ', headers={"Content-Type": "application/json"}
    )
    body = assert_error(response, 400, "parameter_invalid")
    assert body["errors"][0]["message"].startswith("Request body is not valid JSON")


def test_create_contact_body_not_an_object(api):
    assert_error(api.post("/contacts", json=["a@x.test"]), 400, "parameter_invalid")


def test_create_contact_wrong_content_type(api):
    response = api.post(
        "/contacts",
        content=b"email=a@x.test",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert_error(response, 415, "unsupported_media_type")


def test_create_contact_body_too_large(api):
    response = api.post("/contacts", json={"email": "a@x.test", "name": "x" * 2_000_000})
    assert_error(response, 413, "request_entity_too_large")


def test_create_contact_nul_in_string(api):
    response = api.post("/contacts", json={"email": "a@x.test", "name": "a\u0000b"})
    assert_error(response, 400, "parameter_invalid")


def test_create_contact_oversized_field(api):
    response = api.post("/contacts", json={"email": "a@x.test", "name": "x" * 300})
    body = assert_error(response, 400, "parameter_invalid")
    assert body["errors"][0]["field"] == "name"


def test_create_contact_negative_timestamp(api):
    response = api.post("/contacts", json={"email": "a@x.test", "signed_up_at": -5})
    body = assert_error(response, 400, "parameter_invalid")
    assert body["errors"][0]["field"] == "signed_up_at"


def test_create_contact_unauthorized(anonymous):
    assert_error(
        anonymous.post("/contacts", json={"email": "a@x.test"}),
        401,
        "unauthorized",
        "Access Token Invalid",
    )
