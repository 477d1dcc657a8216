"""createTicketType: POST /ticket_types."""

from __future__ import annotations

import pytest

from tests.api.ticket_types.conftest import ICON, default_attributes
from tests.conftest import START, assert_error


def test_create_ticket_type(api, workspace):
    response = api.post(
        "/ticket_types",
        json={
            "name": "Customer Issue",
            "description": "Customer Report Template",
            "icon": ICON,
            "category": "Customer",
        },
    )
    assert response.status_code == 200
    assert response.json() == {
        "type": "ticket_type",
        "id": "1",
        "name": "Customer Issue",
        "description": "Customer Report Template",
        "icon": ICON,
        "workspace_id": workspace.workspace.id_code,
        "archived": False,
        "created_at": START,
        "updated_at": START,
        "is_internal": False,
        "ticket_type_attributes": {
            "type": "list",
            "data": default_attributes(workspace, 1, first_id=1),
        },
        "category": "Customer",
    }


def test_create_ticket_type_defaults(api):
    body = api.post("/ticket_types", json={"name": "Bug"}).json()
    assert body["category"] == "Customer"
    assert body["icon"] == ICON
    assert body["description"] == ""
    assert body["is_internal"] is False
    assert body["archived"] is False


def test_create_ticket_type_nulls_mean_defaults(api):
    body = api.post(
        "/ticket_types",
        json={
            "name": "Bug",
            "description": None,
            "category": None,
            "icon": None,
            "is_internal": None,
        },
    ).json()
    assert (body["description"], body["category"], body["icon"], body["is_internal"]) == (
        "",
        "Customer",
        ICON,
        False,
    )


@pytest.mark.parametrize("category", ["Customer", "Back-office", "Tracker"])
def test_create_ticket_type_category(api, category):
    body = api.post("/ticket_types", json={"name": "Bug", "category": category}).json()
    assert body["category"] == category
    assert api.get(f"/ticket_types/{body['id']}").json()["category"] == category


def test_create_ticket_type_internal_with_icon(api):
    body = api.post(
        "/ticket_types", json={"name": "Ops", "icon": "\U0001f41e", "is_internal": True}
    ).json()
    assert body["icon"] == "\U0001f41e"
    assert body["is_internal"] is True


def test_create_ticket_type_blank_icon_is_the_default(api):
    assert api.post("/ticket_types", json={"name": "Bug", "icon": "  "}).json()["icon"] == ICON


def test_create_ticket_type_trims_name(api):
    assert api.post("/ticket_types", json={"name": "  Bug  "}).json()["name"] == "Bug"


def test_create_ticket_type_names_need_not_be_unique(api):
    first = api.post("/ticket_types", json={"name": "Bug"}).json()
    second = api.post("/ticket_types", json={"name": "Bug"}).json()
    assert first["id"] != second["id"]
    assert second["ticket_type_attributes"]["data"][0]["id"] == "3"


@pytest.mark.parametrize("body", [{}, {"name": None}, {"name": ""}, {"name": "   "}])
def test_create_ticket_type_missing_name(api, stored, body):
    assert_error(
        api.post("/ticket_types", json={**body, "description": "x"}),
        400,
        "parameter_not_found",
        "name is a required parameter.",
    )
    assert stored() == ([], [])


def test_create_ticket_type_name_too_long(api, stored):
    assert_error(
        api.post("/ticket_types", json={"name": "x" * 256}),
        400,
        "parameter_invalid",
        "name is too long (maximum is 255 characters)",
    )
    assert stored() == ([], [])


@pytest.mark.parametrize("category", ["customer", "Back office", "Other", ""])
def test_create_ticket_type_bad_category(api, stored, category):
    assert_error(
        api.post("/ticket_types", json={"name": "Bug", "category": category}),
        400,
        "parameter_invalid",
        "category must be one of Customer, Back-office, Tracker",
    )
    assert stored() == ([], [])


def test_create_ticket_type_icon_too_long(api, stored):
    assert_error(
        api.post("/ticket_types", json={"name": "Bug", "icon": "x" * 65}),
        400,
        "parameter_invalid",
        "icon is too long (maximum is 64 characters)",
    )
    assert stored() == ([], [])


def test_create_ticket_type_unknown_field(api, stored):
    assert_error(
        api.post("/ticket_types", json={"name": "Bug", "archived": True}),
        400,
        "bad_request",
        "bad 'archived' parameter",
    )
    assert stored() == ([], [])


@pytest.mark.parametrize(
    "body", [{"name": 5}, {"name": "Bug", "is_internal": "yes"}, {"name": "Bug", "icon": 1}]
)
def test_create_ticket_type_wrong_types(api, stored, body):
    assert_error(api.post("/ticket_types", json=body), 400, "parameter_invalid")
    assert stored() == ([], [])


def test_create_ticket_type_unauthorized(anonymous, stored):
    assert_error(
        anonymous.post("/ticket_types", json={"name": "Bug"}),
        401,
        "unauthorized",
        "Access Token Invalid",
    )
    assert stored() == ([], [])
