"""createTicketTypeAttribute: POST /ticket_types/{ticket_type_id}/attributes."""

from __future__ import annotations

import uuid

import pytest

from tests.conftest import START, assert_error


def _path(ticket_type):
    return f"/ticket_types/{ticket_type['id']}/attributes"


def test_create_ticket_type_attribute(api, ticket_type, workspace, clock):
    clock.advance(3)
    response = api.post(
        _path(ticket_type),
        json={
            "name": "Attribute Title",
            "description": "Attribute Description",
            "data_type": "string",
            "required_to_create": False,
        },
    )
    assert response.status_code == 200
    assert response.json() == {
        "type": "ticket_type_attribute",
        "id": "3",
        "workspace_id": workspace.workspace.id_code,
        "name": "Attribute Title",
        "description": "Attribute Description",
        "data_type": "string",
        "input_options": {"multiline": False},
        "order": 2,
        "required_to_create": False,
        "required_to_create_for_contacts": False,
        "visible_on_create": True,
        "visible_to_contacts": True,
        "default": False,
        "ticket_type_id": int(ticket_type["id"]),
        "archived": False,
        "created_at": START + 3,
        "updated_at": START + 3,
    }
    listed = api.get(f"/ticket_types/{ticket_type['id']}").json()["ticket_type_attributes"]
    assert listed["data"][-1] == response.json()


def test_create_ticket_type_attribute_flags(api, ticket_type):
    body = api.post(
        _path(ticket_type),
        json={
            "name": "Steps",
            "description": "How to reproduce",
            "data_type": "string",
            "required_to_create": True,
            "required_to_create_for_contacts": True,
            "visible_on_create": False,
            "visible_to_contacts": False,
            "multiline": True,
        },
    ).json()
    assert body["input_options"] == {"multiline": True}
    assert (
        body["required_to_create"],
        body["required_to_create_for_contacts"],
        body["visible_on_create"],
        body["visible_to_contacts"],
    ) == (True, True, False, False)


def test_create_ticket_type_attribute_orders_after_the_last(api, ticket_type, make_attribute):
    assert [make_attribute(name)["order"] for name in ("a", "b", "c")] == [2, 3, 4]


def test_create_ticket_type_attribute_list(api, ticket_type):
    body = api.post(
        _path(ticket_type),
        json={
            "name": "Priority",
            "description": "Priority level of the bug",
            "data_type": "list",
            "list_items": "Low Priority, Medium Priority,,High Priority,Low Priority",
        },
    ).json()
    options = body["input_options"]["list_options"]
    assert [(o["label"], o["archived"]) for o in options] == [
        ("Low Priority", False),
        ("Medium Priority", False),
        ("High Priority", False),
    ]
    assert len({o["id"] for o in options}) == 3
    for option in options:
        assert str(uuid.UUID(option["id"])) == option["id"]


@pytest.mark.parametrize(
    ("data_type", "input_options"),
    [
        ("integer", None),
        ("decimal", None),
        ("boolean", None),
        ("datetime", None),
        ("files", {"allow_multiple_values": True}),
    ],
)
def test_create_ticket_type_attribute_data_types(api, ticket_type, data_type, input_options):
    body = api.post(
        _path(ticket_type),
        json={
            "name": "Field",
            "description": "",
            "data_type": data_type,
            "allow_multiple_values": True,
        },
    ).json()
    assert (body["data_type"], body["input_options"]) == (data_type, input_options)


def test_create_ticket_type_attribute_ignores_options_of_other_types(api, ticket_type):
    """The API's own request example sends list_items and allow_multiple_values with a
    string attribute."""
    body = api.post(
        _path(ticket_type),
        json={
            "name": "Bug Priority",
            "description": "Priority level of the bug",
            "data_type": "string",
            "required_to_create": False,
            "required_to_create_for_contacts": False,
            "visible_on_create": True,
            "visible_to_contacts": True,
            "multiline": False,
            "list_items": "Low Priority,Medium Priority,High Priority",
            "allow_multiple_values": False,
        },
    ).json()
    assert body["input_options"] == {"multiline": False}


def test_create_ticket_type_attribute_on_archived_type(api, ticket_type, make_attribute):
    api.put(f"/ticket_types/{ticket_type['id']}", json={"archived": True})
    assert make_attribute("Late")["name"] == "Late"


def test_create_ticket_type_attribute_same_name_on_other_type(api, ticket_type, make_attribute):
    make_attribute("Severity")
    other = api.post("/ticket_types", json={"name": "Other"}).json()
    response = api.post(
        f"/ticket_types/{other['id']}/attributes",
        json={"name": "Severity", "description": "", "data_type": "string"},
    )
    assert response.status_code == 200
    assert response.json()["ticket_type_id"] == int(other["id"])


@pytest.mark.parametrize("name", ["Severity", "severity", " SEVERITY ", "_Default_Title_"])
def test_create_ticket_type_attribute_name_taken(api, ticket_type, make_attribute, stored, name):
    make_attribute("Severity")
    before = stored()
    existing = "_default_title_" if name.startswith("_") else "Severity"
    assert_error(
        api.post(_path(ticket_type), json={"name": name, "description": "", "data_type": "string"}),
        400,
        "parameter_invalid",
        f"An attribute named '{existing}' already exists on this ticket type",
    )
    assert stored() == before


def test_create_ticket_type_attribute_archived_names_stay_taken(api, ticket_type, make_attribute):
    old = make_attribute("Severity")
    api.put(f"{_path(ticket_type)}/{old['id']}", json={"archived": True})
    assert_error(
        api.post(
            _path(ticket_type), json={"name": "Severity", "description": "", "data_type": "string"}
        ),
        400,
        "parameter_invalid",
        "An attribute named 'Severity' already exists on this ticket type",
    )


@pytest.mark.parametrize(
    ("body", "code", "message"),
    [
        (
            {"description": "d", "data_type": "string"},
            "parameter_not_found",
            "name is a required parameter.",
        ),
        (
            {"name": "  ", "description": "d", "data_type": "string"},
            "parameter_not_found",
            "name is a required parameter.",
        ),
        (
            {"name": None, "description": "d", "data_type": "string"},
            "parameter_not_found",
            "name is a required parameter.",
        ),
        (
            {"name": "x" * 256, "description": "d", "data_type": "string"},
            "parameter_invalid",
            "name is too long (maximum is 255 characters)",
        ),
        (
            {"name": "n", "data_type": "string"},
            "parameter_not_found",
            "description is a required parameter.",
        ),
        (
            {"name": "n", "description": "d"},
            "parameter_not_found",
            "data_type is a required parameter.",
        ),
        (
            {"name": "n", "description": "d", "data_type": "float"},
            "parameter_invalid",
            "Data Type isn't an option",
        ),
        (
            {"name": "n", "description": "d", "data_type": "String"},
            "parameter_invalid",
            "Data Type isn't an option",
        ),
        (
            {"name": "n", "description": "d", "data_type": "list"},
            "parameter_not_found",
            "list_items is a required parameter for list attributes.",
        ),
        (
            {"name": "n", "description": "d", "data_type": "list", "list_items": " , ,"},
            "parameter_invalid",
            "A list attribute needs at least one item: list_items is a comma-separated list",
        ),
        (
            {"name": "n", "description": "d", "data_type": "list", "list_items": "a," + "b" * 256},
            "parameter_invalid",
            "A list item can have at most 255 characters",
        ),
        (
            {"name": "n", "description": "d", "data_type": "string", "archived": False},
            "bad_request",
            "bad 'archived' parameter",
        ),
        (
            {"name": "n", "description": "d", "data_type": "string", "multiline": "yes"},
            "parameter_invalid",
            None,
        ),
    ],
)
def test_create_ticket_type_attribute_invalid(api, ticket_type, stored, body, code, message):
    before = stored()
    assert_error(api.post(_path(ticket_type), json=body), 400, code, message)
    assert stored() == before


@pytest.mark.parametrize("ticket_type_id", ["999", "abc", "0"])
def test_create_ticket_type_attribute_unknown_ticket_type(api, ticket_type, stored, ticket_type_id):
    before = stored()
    assert_error(
        api.post(
            f"/ticket_types/{ticket_type_id}/attributes",
            json={"name": "n", "description": "d", "data_type": "string"},
        ),
        404,
        "not_found",
        "Resource Not Found",
    )
    assert stored() == before


def test_create_ticket_type_attribute_of_another_workspace(api, ticket_type, stored, other_headers):
    before = stored()
    assert_error(
        api.post(
            _path(ticket_type),
            json={"name": "n", "description": "d", "data_type": "string"},
            headers=other_headers,
        ),
        404,
        "not_found",
        "Resource Not Found",
    )
    assert stored() == before
