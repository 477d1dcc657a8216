"""updateVisitor: PUT /visitors."""

from __future__ import annotations

import pytest

from tests.conftest import START, assert_error
from tests.factories import declare_attributes


def test_update_visitor_by_id(api, visitor, clock):
    clock.advance(1)
    response = api.put("/visitors", json={"id": visitor.id, "name": "Gareth Bale"})
    assert response.status_code == 200
    body = response.json()
    assert body["name"] == "Gareth Bale"
    assert body["updated_at"] == START + 1 and body["created_at"] == START
    assert api.get("/visitors", params={"user_id": visitor.user_id}).json() == body


def test_update_visitor_by_user_id(api, visitor):
    body = api.put("/visitors", json={"user_id": visitor.user_id, "name": "Jo"}).json()
    assert body["id"] == visitor.id and body["name"] == "Jo"


def test_update_visitor_custom_attributes(api, visitor):
    declare_attributes(api, paid_subscriber="boolean", monthly_spend="float", team_mates="integer")
    body = api.put(
        "/visitors",
        json={
            "id": visitor.id,
            "custom_attributes": {"paid_subscriber": True, "monthly_spend": 155.5, "team_mates": 9},
        },
    ).json()
    assert body["custom_attributes"] == {
        "paid_subscriber": True,
        "monthly_spend": 155.5,
        "team_mates": 9,
    }
    body = api.put(
        "/visitors", json={"id": visitor.id, "custom_attributes": {"team_mates": None}}
    ).json()
    assert body["custom_attributes"] == {"paid_subscriber": True, "monthly_spend": 155.5}


def test_update_visitor_undeclared_custom_attribute(api, visitor):
    assert_error(
        api.put("/visitors", json={"id": visitor.id, "custom_attributes": {"x": "y"}}),
        400,
        "parameter_invalid",
        "Custom attribute 'x' does not exist",
    )


def test_update_visitor_custom_attribute_wrong_type(api, visitor):
    declare_attributes(api, team_mates="integer")
    assert_error(
        api.put("/visitors", json={"id": visitor.id, "custom_attributes": {"team_mates": "9"}}),
        400,
        "parameter_invalid",
        "Custom attribute 'team_mates' has data type integer: its value must be an integer",
    )


@pytest.mark.parametrize("who", [{"user_id": "fail"}, {"id": "0" * 24}])
def test_update_visitor_not_found(api, visitor, who):
    assert_error(
        api.put("/visitors", json={**who, "name": "Christian Fail"}),
        404,
        "not_found",
        "Visitor Not Found",
    )


def test_update_visitor_needs_an_identifier(api, visitor):
    assert_error(
        api.put("/visitors", json={"name": "Nobody"}),
        400,
        "parameter_not_found",
        "id or user_id is a required parameter.",
    )


def test_update_visitor_unknown_key(api, visitor):
    assert_error(
        api.put("/visitors", json={"id": visitor.id, "email": "a@x.test"}),
        400,
        "bad_request",
        "bad 'email' parameter",
    )


def test_update_visitor_of_another_workspace(api, visitor, other_headers):
    assert_error(
        api.put("/visitors", json={"id": visitor.id, "name": "X"}, headers=other_headers),
        404,
        "not_found",
        "Visitor Not Found",
    )
    assert api.get("/visitors", params={"user_id": visitor.user_id}).json()["name"] is None


def test_update_visitor_unauthorized(anonymous):
    assert_error(
        anonymous.put("/visitors", json={"id": "x"}), 401, "unauthorized", "Access Token Invalid"
    )
