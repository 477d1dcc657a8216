"""getTicketType: GET /ticket_types/{id}."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from backchannel.db.tables import TicketTypeAttribute
from tests.conftest import assert_error


def test_get_ticket_type(api, ticket_type):
    response = api.get(f"/ticket_types/{ticket_type['id']}")
    assert response.status_code == 200
    assert response.json() == ticket_type


def test_get_ticket_type_attributes_by_order_then_id(api, ticket_type, make_attribute, runtime):
    """Attributes are listed by order, then id: the recorded example lists an attribute of
    order 0 between the default title (0) and description (1)."""
    extra = make_attribute("name")
    with runtime.sessions.begin() as session:
        session.execute(
            update(TicketTypeAttribute)
            .where(TicketTypeAttribute.id == int(extra["id"]))
            .values(position=0)
        )
    attributes = api.get(f"/ticket_types/{ticket_type['id']}").json()["ticket_type_attributes"]
    assert [(a["name"], a["order"]) for a in attributes["data"]] == [
        ("_default_title_", 0),
        ("name", 0),
        ("_default_description_", 1),
    ]


def test_get_ticket_type_shows_archived_attributes(api, ticket_type, make_attribute):
    extra = make_attribute("Severity")
    api.put(f"/ticket_types/{ticket_type['id']}/attributes/{extra['id']}", json={"archived": True})
    data = api.get(f"/ticket_types/{ticket_type['id']}").json()["ticket_type_attributes"]["data"]
    assert [(a["name"], a["archived"]) for a in data][-1] == ("Severity", True)


@pytest.mark.parametrize("ticket_type_id", ["999", "abc", "0", "-1", "1" * 30])
def test_get_ticket_type_not_found(api, ticket_type, ticket_type_id):
    assert_error(api.get(f"/ticket_types/{ticket_type_id}"), 404, "not_found", "Resource Not Found")


def test_get_ticket_type_of_another_workspace(api, ticket_type, other_headers):
    assert_error(
        api.get(f"/ticket_types/{ticket_type['id']}", headers=other_headers),
        404,
        "not_found",
        "Resource Not Found",
    )
