"""updateTicketTypeAttribute: PUT /ticket_types/{ticket_type_id}/attributes/{id}."""

from __future__ import annotations

import pytest

from tests.conftest import START, assert_error


def _path(ticket_type, attribute):
    return f"/ticket_types/{ticket_type['id']}/attributes/{attribute['id']}"


def _defaults(ticket_type):
    return ticket_type["ticket_type_attributes"]["data"]


def _options(body):
    return [(o["label"], o["archived"]) for o in body["input_options"]["list_options"]]


def test_update_ticket_type_attribute(api, ticket_type, make_attribute, clock):
    attribute = make_attribute("name")
    clock.advance(2)
    response = api.put(
        _path(ticket_type, attribute), json={"description": "New Attribute Description"}
    )
    assert response.status_code == 200
    assert response.json() == {
        **attribute,
        "description": "New Attribute Description",
        "updated_at": START + 2,
    }
    listed = api.get(f"/ticket_types/{ticket_type['id']}").json()["ticket_type_attributes"]
    assert listed["data"][-1] == response.json()


def test_update_ticket_type_attribute_every_field(api, ticket_type, make_attribute):
    attribute = make_attribute("Steps")
    body = api.put(
        _path(ticket_type, attribute),
        json={
            "name": "Reproduction steps",
            "description": "How to reproduce",
            "required_to_create": True,
            "required_to_create_for_contacts": True,
            "visible_on_create": False,
            "visible_to_contacts": False,
            "multiline": True,
            "archived": True,
        },
    ).json()
    assert body == {
        **attribute,
        "name": "Reproduction steps",
        "description": "How to reproduce",
        "required_to_create": True,
        "required_to_create_for_contacts": True,
        "visible_on_create": False,
        "visible_to_contacts": False,
        "input_options": {"multiline": True},
        "archived": True,
    }


def test_update_ticket_type_attribute_unarchive(api, ticket_type, make_attribute):
    attribute = make_attribute("Steps")
    api.put(_path(ticket_type, attribute), json={"archived": True})
    assert api.put(_path(ticket_type, attribute), json={"archived": False}).json() == attribute


def test_update_ticket_type_attribute_rename_case_only(api, ticket_type, make_attribute):
    attribute = make_attribute("severity")
    assert api.put(_path(ticket_type, attribute), json={"name": "Severity"}).json()["name"] == (
        "Severity"
    )


def test_update_ticket_type_attribute_list_items_keep_ids(api, ticket_type, make_attribute):
    attribute = make_attribute("Priority", "list", list_items="Low,Medium,High")
    ids = {o["label"]: o["id"] for o in attribute["input_options"]["list_options"]}
    body = api.put(_path(ticket_type, attribute), json={"list_items": "Urgent, High,Low"}).json()
    assert _options(body) == [
        ("Urgent", False),
        ("High", False),
        ("Low", False),
        ("Medium", True),
    ]
    after = {o["label"]: o["id"] for o in body["input_options"]["list_options"]}
    assert {label: after[label] for label in ("Low", "Medium", "High")} == ids
    assert after["Urgent"] not in ids.values()


def test_update_ticket_type_attribute_list_item_comes_back_with_its_id(
    api, ticket_type, make_attribute
):
    attribute = make_attribute("Priority", "list", list_items="Low,High")
    low = attribute["input_options"]["list_options"][0]
    api.put(_path(ticket_type, attribute), json={"list_items": "High"})
    body = api.put(_path(ticket_type, attribute), json={"list_items": "High,Low"}).json()
    assert body["input_options"]["list_options"][1] == {**low, "archived": False}


def test_update_ticket_type_attribute_options_of_other_types_ignored(
    api, ticket_type, make_attribute
):
    attribute = make_attribute("Count", "integer")
    body = api.put(
        _path(ticket_type, attribute),
        json={"multiline": True, "list_items": "a,b", "allow_multiple_values": True},
    ).json()
    assert body == attribute


def test_update_ticket_type_attribute_files(api, ticket_type, make_attribute):
    attribute = make_attribute("Screenshots", "files")
    assert attribute["input_options"] == {"allow_multiple_values": False}
    body = api.put(_path(ticket_type, attribute), json={"allow_multiple_values": True}).json()
    assert body["input_options"] == {"allow_multiple_values": True}


def test_update_ticket_type_attribute_same_data_type_accepted(api, ticket_type, make_attribute):
    attribute = make_attribute("Count", "integer")
    assert api.put(_path(ticket_type, attribute), json={"data_type": "integer"}).json() == attribute


def test_update_ticket_type_attribute_data_type_never_changes(
    api, ticket_type, make_attribute, stored
):
    attribute = make_attribute("Count", "integer")
    before = stored()
    assert_error(
        api.put(_path(ticket_type, attribute), json={"data_type": "string", "name": "Total"}),
        400,
        "parameter_invalid",
        "The data type of a ticket type attribute cannot be changed",
    )
    assert stored() == before


def test_update_ticket_type_attribute_default(api, ticket_type):
    """A default attribute's description, requirements and visibility may change."""
    title = _defaults(ticket_type)[0]
    body = api.put(
        _path(ticket_type, title),
        json={
            "name": "_default_title_",
            "description": "What went wrong",
            "required_to_create": True,
            "multiline": False,
            "archived": False,
        },
    ).json()
    assert body == {**title, "description": "What went wrong", "required_to_create": True}


@pytest.mark.parametrize(
    ("index", "body", "message", "field"),
    [
        (0, {"name": "Title"}, "The default attribute '_default_title_' cannot be renamed", "name"),
        (
            1,
            {"archived": True},
            "The default attribute '_default_description_' cannot be archived",
            "archived",
        ),
        (
            0,
            {"multiline": True},
            "The default attribute '_default_title_' cannot be made multiline",
            "multiline",
        ),
        (
            1,
            {"multiline": False},
            "The default attribute '_default_description_' cannot be made single-line",
            "multiline",
        ),
    ],
)
def test_update_ticket_type_attribute_default_locked(
    api, ticket_type, stored, index, body, message, field
):
    before = stored()
    response = api.put(
        _path(ticket_type, _defaults(ticket_type)[index]), json={"description": "x", **body}
    )
    error = assert_error(response, 400, "parameter_invalid", message)
    assert error["errors"][0]["field"] == field
    assert stored() == before


def test_update_ticket_type_attribute_name_taken(api, ticket_type, make_attribute, stored):
    make_attribute("Severity")
    other = make_attribute("Impact")
    before = stored()
    assert_error(
        api.put(_path(ticket_type, other), json={"name": "SEVERITY", "description": "x"}),
        400,
        "parameter_invalid",
        "An attribute named 'Severity' already exists on this ticket type",
    )
    assert stored() == before


@pytest.mark.parametrize(
    ("body", "code", "message"),
    [
        ({"name": " "}, "parameter_invalid", "name must not be blank"),
        (
            {"list_items": ","},
            "parameter_invalid",
            "A list attribute needs at least one item: list_items is a comma-separated list",
        ),
        ({"order": 3}, "bad_request", "bad 'order' parameter"),
        ({"archived": "no"}, "parameter_invalid", None),
    ],
)
def test_update_ticket_type_attribute_invalid(
    api, ticket_type, make_attribute, stored, body, code, message
):
    attribute = make_attribute("Priority", "list", list_items="Low,High")
    before = stored()
    assert_error(
        api.put(_path(ticket_type, attribute), json={"description": "changed", **body}),
        400,
        code,
        message,
    )
    assert stored() == before


@pytest.mark.parametrize("attribute_id", ["999", "abc", "0"])
def test_update_ticket_type_attribute_not_found(api, ticket_type, stored, attribute_id):
    before = stored()
    assert_error(
        api.put(f"/ticket_types/{ticket_type['id']}/attributes/{attribute_id}", json={}),
        404,
        "not_found",
        "Resource Not Found",
    )
    assert stored() == before


def test_update_ticket_type_attribute_unknown_ticket_type(api, ticket_type, stored):
    title = _defaults(ticket_type)[0]
    assert_error(
        api.put(f"/ticket_types/999/attributes/{title['id']}", json={"description": "x"}),
        404,
        "not_found",
        "Resource Not Found",
    )


def test_update_ticket_type_attribute_of_another_ticket_type(api, ticket_type, stored):
    other = api.post("/ticket_types", json={"name": "Other"}).json()
    title = _defaults(ticket_type)[0]
    before = stored()
    assert_error(
        api.put(f"/ticket_types/{other['id']}/attributes/{title['id']}", json={"description": "x"}),
        404,
        "not_found",
        "Resource Not Found",
    )
    assert stored() == before


def test_update_ticket_type_attribute_of_another_workspace(api, ticket_type, stored, other_headers):
    title = _defaults(ticket_type)[0]
    before = stored()
    assert_error(
        api.put(_path(ticket_type, title), json={"description": "x"}, headers=other_headers),
        404,
        "not_found",
        "Resource Not Found",
    )
    assert stored() == before
