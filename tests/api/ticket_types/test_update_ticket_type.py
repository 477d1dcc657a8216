"""updateTicketType: PUT /ticket_types/{id}."""

from __future__ import annotations

import pytest

from tests.api.ticket_types.conftest import ICON
from tests.conftest import START, assert_error


def test_update_ticket_type(api, ticket_type, clock):
    clock.advance(1)
    response = api.put(f"/ticket_types/{ticket_type['id']}", json={"name": "Bug Report 2"})
    assert response.status_code == 200
    assert response.json() == {**ticket_type, "name": "Bug Report 2", "updated_at": START + 1}
    assert api.get(f"/ticket_types/{ticket_type['id']}").json() == response.json()


def test_update_ticket_type_every_field(api, ticket_type):
    body = api.put(
        f"/ticket_types/{ticket_type['id']}",
        json={
            "name": "Outage",
            "description": "Something is down",
            "category": "Back-office",
            "icon": "\U0001f41e",
            "archived": True,
            "is_internal": True,
        },
    ).json()
    assert {k: body[k] for k in ("name", "description", "category", "icon", "archived")} == {
        "name": "Outage",
        "description": "Something is down",
        "category": "Back-office",
        "icon": "\U0001f41e",
        "archived": True,
    }
    assert body["is_internal"] is True
    assert body["ticket_type_attributes"] == ticket_type["ticket_type_attributes"]


def test_update_ticket_type_archive_and_unarchive(api, ticket_type):
    assert api.put(f"/ticket_types/{ticket_type['id']}", json={"archived": True}).json()["archived"]
    body = api.put(f"/ticket_types/{ticket_type['id']}", json={"archived": False}).json()
    assert body["archived"] is False


def test_update_ticket_type_nulls_change_nothing(api, ticket_type):
    body = api.put(
        f"/ticket_types/{ticket_type['id']}",
        json={
            "name": None,
            "description": None,
            "category": None,
            "icon": None,
            "archived": None,
            "is_internal": None,
        },
    ).json()
    assert body == ticket_type


def test_update_ticket_type_blank_icon_restores_default(api, ticket_type):
    api.put(f"/ticket_types/{ticket_type['id']}", json={"icon": "\U0001f41e"})
    assert api.put(f"/ticket_types/{ticket_type['id']}", json={"icon": ""}).json()["icon"] == ICON


def test_update_ticket_type_empty_body(api, ticket_type):
    assert api.put(f"/ticket_types/{ticket_type['id']}", json={}).json() == ticket_type


@pytest.mark.parametrize("name", ["", "   "])
def test_update_ticket_type_blank_name(api, ticket_type, stored, name):
    before = stored()
    assert_error(
        api.put(f"/ticket_types/{ticket_type['id']}", json={"name": name, "archived": True}),
        400,
        "parameter_invalid",
        "name must not be blank",
    )
    assert stored() == before


def test_update_ticket_type_bad_category(api, ticket_type, stored):
    before = stored()
    assert_error(
        api.put(f"/ticket_types/{ticket_type['id']}", json={"name": "New", "category": "Internal"}),
        400,
        "parameter_invalid",
        "category must be one of Customer, Back-office, Tracker",
    )
    assert stored() == before


def test_update_ticket_type_unknown_field(api, ticket_type, stored):
    before = stored()
    assert_error(
        api.put(f"/ticket_types/{ticket_type['id']}", json={"name": "New", "color": "red"}),
        400,
        "bad_request",
        "bad 'color' parameter",
    )
    assert stored() == before


@pytest.mark.parametrize("ticket_type_id", ["999", "abc", "0"])
def test_update_ticket_type_not_found(api, ticket_type, stored, ticket_type_id):
    before = stored()
    assert_error(
        api.put(f"/ticket_types/{ticket_type_id}", json={"name": "New"}),
        404,
        "not_found",
        "Resource Not Found",
    )
    assert stored() == before


def test_update_ticket_type_of_another_workspace(api, ticket_type, stored, other_headers):
    before = stored()
    assert_error(
        api.put(
            f"/ticket_types/{ticket_type['id']}", json={"archived": True}, headers=other_headers
        ),
        404,
        "not_found",
        "Resource Not Found",
    )
    assert stored() == before
