"""convertVisitor: POST /visitors/convert."""

from __future__ import annotations

import pytest

from tests.conftest import START, assert_error
from tests.factories import declare_attributes


def _convert(api, visitor, user, role="user", **extra):
    return api.post(
        "/visitors/convert", json={"type": role, "visitor": visitor, "user": user, **extra}
    )


def _gone(api, visitor):
    assert_error(
        api.get("/visitors", params={"user_id": visitor.user_id}),
        404,
        "not_found",
        "Visitor Not Found",
    )


def test_convert_visitor_into_a_new_user(api, make_visitor, clock, workspace):
    declare_attributes(api, plan="string")
    visitor = make_visitor(name="Vera", phone="+44", custom_attributes={"plan": "pro"})
    clock.advance(10)
    response = _convert(api, {"user_id": visitor.user_id}, {"email": "foo@bar.com"})
    assert response.status_code == 200
    body = response.json()
    assert body["type"] == "contact"
    assert body["role"] == "user"
    assert body["email"] == "foo@bar.com" and body["external_id"] is None
    assert body["name"] == "Vera" and body["phone"] == "+44"
    assert body["custom_attributes"] == {"plan": "pro"}
    assert body["created_at"] == body["updated_at"] == body["signed_up_at"] == START + 10
    assert body["id"] != visitor.id
    assert body["workspace_id"] == workspace.workspace.id_code
    assert body["tags"]["url"] == f"/contacts/{body['id']}/tags"
    assert api.get(f"/contacts/{body['id']}").json() == body
    _gone(api, visitor)


def test_convert_visitor_into_a_new_lead(api, make_visitor):
    visitor = make_visitor(email="v@x.test")
    body = _convert(api, {"id": visitor.id}, {"user_id": "ext-9"}, role="lead").json()
    assert body["role"] == "lead"
    assert body["external_id"] == "ext-9"
    assert body["email"] == "v@x.test"  # the visitor's email is kept
    assert body["signed_up_at"] is None
    _gone(api, visitor)


def test_convert_visitor_by_visitor_email(api, make_visitor):
    visitor = make_visitor(email="Vis@x.test")
    body = _convert(api, {"email": "vis@X.test"}, {"user_id": "ext-1"}).json()
    assert body["external_id"] == "ext-1"
    _gone(api, visitor)


def test_convert_visitor_into_an_existing_user_by_user_id(api, make_visitor, clock):
    declare_attributes(api, plan="string", seats="integer")
    user = api.post(
        "/contacts",
        json={"external_id": "u-1", "name": "Kept", "custom_attributes": {"plan": "free"}},
    ).json()
    visitor = make_visitor(
        name="Visitor name",
        phone="+353",
        last_request_at=START - 5,
        location={"city_name": "Dublin", "country_name": "Ireland"},
        utm={"utm_source": "ads"},
        custom_attributes={"plan": "pro", "seats": 4},
    )
    clock.advance(30)
    body = _convert(api, {"user_id": visitor.user_id}, {"user_id": "u-1"}).json()
    assert body["id"] == user["id"]
    assert body["name"] == "Kept"  # the contact's own values win
    assert body["phone"] == "+353"  # empty ones are filled from the visitor
    assert body["last_seen_at"] == START - 5
    assert body["location"]["city"] == "Dublin" and body["location"]["country"] == "Ireland"
    assert body["utm_source"] == "ads"
    assert body["custom_attributes"] == {"plan": "free", "seats": 4}
    assert body["updated_at"] == START + 30
    assert api.get("/contacts").json()["total_count"] == 1
    _gone(api, visitor)


def test_convert_visitor_into_an_existing_user_by_id(api, visitor):
    user = api.post("/contacts", json={"email": "u@x.test"}).json()
    body = _convert(api, {"id": visitor.id}, {"id": user["id"]}).json()
    assert body["id"] == user["id"]
    _gone(api, visitor)


def test_convert_visitor_into_an_existing_user_by_email(api, visitor):
    user = api.post("/contacts", json={"email": "U@x.test"}).json()
    body = _convert(api, {"id": visitor.id}, {"email": "u@X.TEST"}).json()
    assert body["id"] == user["id"]


def test_convert_visitor_to_a_lead_by_email_makes_a_new_lead(api, visitor):
    lead = api.post("/contacts", json={"role": "lead", "email": "l@x.test"}).json()
    body = _convert(api, {"id": visitor.id}, {"email": "l@x.test"}, role="lead").json()
    assert body["id"] != lead["id"] and body["role"] == "lead" and body["email"] == "l@x.test"
    assert api.get("/contacts").json()["total_count"] == 2


def test_convert_visitor_unknown_contact_id(api, visitor):
    assert_error(
        _convert(api, {"id": visitor.id}, {"id": "0" * 24}), 404, "not_found", "User Not Found"
    )
    assert api.get("/visitors", params={"user_id": visitor.user_id}).status_code == 200


def test_convert_visitor_clashes_with_an_archived_contact(api, visitor):
    archived = api.post("/contacts", json={"external_id": "u-1"}).json()
    api.post(f"/contacts/{archived['id']}/archive")
    assert_error(
        _convert(api, {"id": visitor.id}, {"user_id": "u-1"}),
        409,
        "conflict",
        f"An archived contact matching those details already exists with id={archived['id']}",
    )
    assert api.get("/visitors", params={"user_id": visitor.user_id}).status_code == 200


def test_convert_visitor_user_without_identifiers_for_a_user(api, visitor):
    # user.id/user_id/email all absent
    assert_error(
        _convert(api, {"id": visitor.id}, {}),
        400,
        "parameter_not_found",
        "user needs one of id, user_id or email",
    )


def test_convert_visitor_needs_visitor_identifiers(api, visitor):
    assert_error(
        _convert(api, {}, {"email": "a@x.test"}),
        400,
        "parameter_not_found",
        "visitor needs one of id, user_id or email",
    )


@pytest.mark.parametrize("role", ["visitor", "admin", ""])
def test_convert_visitor_invalid_type(api, visitor, role):
    assert_error(
        _convert(api, {"id": visitor.id}, {"email": "a@x.test"}, role=role),
        400,
        "parameter_invalid",
        "type must be one of user, lead",
    )


@pytest.mark.parametrize("missing", ["type", "user", "visitor"])
def test_convert_visitor_missing_field(api, visitor, missing):
    body = {"type": "user", "visitor": {"id": visitor.id}, "user": {"email": "a@x.test"}}
    del body[missing]
    assert_error(
        api.post("/visitors/convert", json=body),
        400,
        "parameter_not_found",
        f"{missing} is a required parameter.",
    )


def test_convert_visitor_unknown_visitor(api, visitor):
    assert_error(
        _convert(api, {"user_id": "nobody"}, {"email": "a@x.test"}),
        404,
        "not_found",
        "Visitor Not Found",
    )
    assert api.get("/contacts").json()["total_count"] == 0


def test_convert_visitor_of_another_workspace(api, visitor, other_headers):
    assert_error(
        api.post(
            "/visitors/convert",
            json={"type": "user", "visitor": {"id": visitor.id}, "user": {"email": "a@x.test"}},
            headers=other_headers,
        ),
        404,
        "not_found",
        "Visitor Not Found",
    )


def test_convert_visitor_into_a_contact_of_another_workspace(api, visitor, other_headers):
    theirs = api.post("/contacts", json={"email": "t@x.test"}, headers=other_headers).json()
    assert_error(
        _convert(api, {"id": visitor.id}, {"id": theirs["id"]}),
        404,
        "not_found",
        "User Not Found",
    )


def test_convert_visitor_unauthorized(anonymous):
    assert_error(
        anonymous.post(
            "/visitors/convert", json={"type": "user", "visitor": {"id": "x"}, "user": {"id": "y"}}
        ),
        401,
        "unauthorized",
        "Access Token Invalid",
    )
