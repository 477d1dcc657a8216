"""``ticket_attributes`` on createTicket and updateTicket, checked against the ticket type.

Every refusal is 400 ``parameter_invalid`` naming the attribute, and leaves nothing stored:
no ticket (nor its conversation row) on create, the same attributes and parts on update.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from backchannel.db.tables import Conversation, ConversationPart, Ticket
from tests.conftest import START, assert_error

Json = dict[str, Any]
URL = "https://files.test/screen.png"


def _attribute(api, type_id: str, name: str, data_type: str, **extra: Any) -> Json:
    response = api.post(
        f"/ticket_types/{type_id}/attributes",
        json={"name": name, "description": name, "data_type": data_type, **extra},
    )
    assert response.status_code == 200, response.text
    made: Json = response.json()
    return made


@pytest.fixture
def form(api, make_type) -> Json:
    """A ticket type with an attribute of every data type, an archived one and a required
    one; returns the type id and the list items by label."""
    kind = make_type("Form")
    type_id = kind["id"]
    _attribute(api, type_id, "Note", "string")
    level = _attribute(api, type_id, "Level", "list", list_items="Low,High,Gone")
    _attribute(api, type_id, "Seats", "integer")
    _attribute(api, type_id, "Amount", "decimal")
    _attribute(api, type_id, "Urgent", "boolean")
    _attribute(api, type_id, "Due", "datetime")
    _attribute(api, type_id, "Screen", "files")
    _attribute(api, type_id, "Gallery", "files", allow_multiple_values=True)
    old = _attribute(api, type_id, "Old", "string")
    _attribute(api, type_id, "Needed", "string", required_to_create=True)
    items = {o["label"]: o["id"] for o in level["input_options"]["list_options"]}
    response = api.put(f"/ticket_types/{type_id}/attributes/{old['id']}", json={"archived": True})
    assert response.status_code == 200, response.text
    response = api.put(
        f"/ticket_types/{type_id}/attributes/{level['id']}", json={"list_items": "Low,High"}
    )
    assert response.status_code == 200, response.text
    return {"id": type_id, "items": items}


def _stored(runtime) -> tuple[int, int, int]:
    """How many tickets, ticket conversations and parts are stored."""
    with runtime.sessions() as session:
        tickets = session.scalar(select(func.count()).select_from(Ticket))
        rows = session.scalar(
            select(func.count()).select_from(Conversation).where(Conversation.kind == "ticket")
        )
        parts = session.scalar(select(func.count()).select_from(ConversationPart))
        return int(tickets or 0), int(rows or 0), int(parts or 0)


def _create(api, form: Json, contact: Json, attributes: Json):
    return api.post(
        "/tickets",
        json={
            "ticket_type_id": form["id"],
            "contacts": [{"id": contact["id"]}],
            "ticket_attributes": {"Needed": "yes", **attributes},
        },
    )


def _valid(form: Json) -> list[tuple[str, Any]]:
    return [
        ("Note", "Hello"),
        ("Note", ""),
        ("Level", form["items"]["High"]),
        ("Seats", 5),
        ("Seats", -3),
        ("Amount", 2.5),
        ("Amount", 3),
        ("Urgent", False),
        ("Due", START),
        ("Screen", [URL]),
        ("Screen", []),
        ("Gallery", [URL, "http://files.test/b.jpg"]),
    ]


def _invalid(form: Json) -> list[tuple[str, Any]]:
    return [
        ("Note", 5),
        ("Note", ["a"]),
        ("Note", "x" * 65_537),
        ("Level", "High"),  # a label, not an item id
        ("Level", [form["items"]["High"]]),
        ("Level", form["items"]["Gone"]),  # an archived item
        ("Seats", "5"),
        ("Seats", 1.5),
        ("Seats", True),
        ("Seats", 2**70),
        ("Amount", "2.5"),
        ("Amount", True),
        ("Urgent", "true"),
        ("Urgent", 1),
        ("Due", -1),
        ("Due", "2024-05-29"),
        ("Due", 1.5),
        ("Screen", URL),  # not a list
        ("Screen", ["ftp://files.test/a.png"]),
        ("Screen", [URL, URL]),  # one file unless multiple values are allowed
        ("Gallery", [5]),
    ]


# --- create -----------------------------------------------------------------------------


def test_create_ticket_accepts_each_data_type(api, form, contact):
    for name, value in _valid(form):
        response = _create(api, form, contact, {name: value})
        assert response.status_code == 200, (name, value, response.text)
        assert response.json()["ticket_attributes"] == {"Needed": "yes", name: value}


def test_create_ticket_refuses_values_of_the_wrong_type(api, form, contact, runtime):
    before = _stored(runtime)
    for name, value in _invalid(form):
        body = assert_error(_create(api, form, contact, {name: value}), 400, "parameter_invalid")
        error = body["errors"][0]
        assert name in error["message"], (name, value)
        assert error["field"] == f"ticket_attributes.{name}"
    assert _stored(runtime) == before


@pytest.mark.parametrize(
    ("attributes", "message"),
    [
        ({"Nope": "x"}, "Ticket attribute 'Nope' does not exist"),
        ({"note": "x"}, "Ticket attribute 'note' does not exist"),  # names are exact
        ({"Old": "x"}, "Ticket attribute 'Old' does not exist"),  # archived
        ({"Needed": None}, "Ticket attribute 'Needed' is required"),
        ({"Needed": ""}, "Ticket attribute 'Needed' is required"),
    ],
)
def test_create_ticket_refuses_unknown_archived_and_missing_required(
    api, form, contact, runtime, attributes, message
):
    before = _stored(runtime)
    response = _create(api, form, contact, attributes)
    assert_error(response, 400, "parameter_invalid", message)
    assert _stored(runtime) == before


def test_create_ticket_requires_required_attributes_even_without_any(api, form, contact, runtime):
    response = api.post(
        "/tickets", json={"ticket_type_id": form["id"], "contacts": [{"id": contact["id"]}]}
    )
    assert_error(response, 400, "parameter_invalid", "Ticket attribute 'Needed' is required")
    assert _stored(runtime) == (0, 0, 0)


def test_create_ticket_ignores_archived_required_attribute(api, form, contact):
    needed = next(
        a
        for a in api.get(f"/ticket_types/{form['id']}").json()["ticket_type_attributes"]["data"]
        if a["name"] == "Needed"
    )
    response = api.put(
        f"/ticket_types/{form['id']}/attributes/{needed['id']}", json={"archived": True}
    )
    assert response.status_code == 200, response.text
    response = api.post(
        "/tickets", json={"ticket_type_id": form["id"], "contacts": [{"id": contact["id"]}]}
    )
    assert response.status_code == 200, response.text
    assert response.json()["ticket_attributes"] == {}


# --- update -----------------------------------------------------------------------------


@pytest.fixture
def ticket(api, form, contact) -> Json:
    response = _create(api, form, contact, {"Note": "first", "Seats": 1})
    assert response.status_code == 200, response.text
    made: Json = response.json()
    return made


def test_update_ticket_accepts_each_data_type(api, form, ticket):
    expected = dict(ticket["ticket_attributes"])
    for name, value in _valid(form):
        response = api.put(f"/tickets/{ticket['id']}", json={"ticket_attributes": {name: value}})
        assert response.status_code == 200, (name, value, response.text)
        expected[name] = value
        assert response.json()["ticket_attributes"] == expected
        assert response.json()["ticket_parts"]["ticket_parts"][-1]["part_type"] == (
            "ticket_attribute_updated_by_admin"
        )


def test_update_ticket_refuses_values_of_the_wrong_type(api, form, ticket, runtime):
    before = _stored(runtime)
    for name, value in _invalid(form):
        response = api.put(f"/tickets/{ticket['id']}", json={"ticket_attributes": {name: value}})
        body = assert_error(response, 400, "parameter_invalid")
        assert body["errors"][0]["field"] == f"ticket_attributes.{name}", (name, value)
    assert _stored(runtime) == before
    assert api.get(f"/tickets/{ticket['id']}").json() == ticket


@pytest.mark.parametrize("name", ["Nope", "Old"])
def test_update_ticket_refuses_unknown_and_archived_attributes(api, ticket, runtime, name):
    before = _stored(runtime)
    response = api.put(
        f"/tickets/{ticket['id']}",
        json={"ticket_attributes": {"Note": "changed", name: "x"}, "state": "in_progress"},
    )
    assert_error(response, 400, "parameter_invalid", f"Ticket attribute '{name}' does not exist")
    assert _stored(runtime) == before
    assert api.get(f"/tickets/{ticket['id']}").json() == ticket


def test_update_ticket_null_clears_and_required_is_not_enforced(api, ticket):
    response = api.put(
        f"/tickets/{ticket['id']}", json={"ticket_attributes": {"Needed": None, "Seats": None}}
    )
    assert response.status_code == 200, response.text
    assert response.json()["ticket_attributes"] == {"Note": "first"}


def test_update_ticket_keeps_values_of_attributes_archived_later(api, form, ticket):
    attributes = api.get(f"/ticket_types/{form['id']}").json()["ticket_type_attributes"]["data"]
    seats = next(a for a in attributes if a["name"] == "Seats")
    response = api.put(
        f"/ticket_types/{form['id']}/attributes/{seats['id']}", json={"archived": True}
    )
    assert response.status_code == 200, response.text
    response = api.put(f"/tickets/{ticket['id']}", json={"ticket_attributes": {"Note": "again"}})
    assert response.status_code == 200, response.text
    assert response.json()["ticket_attributes"] == {"Needed": "yes", "Note": "again", "Seats": 1}


def test_update_ticket_same_values_add_no_part(api, ticket):
    response = api.put(f"/tickets/{ticket['id']}", json={"ticket_attributes": {"Note": "first"}})
    assert response.status_code == 200, response.text
    assert response.json()["ticket_parts"] == ticket["ticket_parts"]
