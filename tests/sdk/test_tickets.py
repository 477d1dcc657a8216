"""Ticket types and tickets through the official python-intercom SDK, against a real server.

python-intercom 5.0.1 is generated from a later API version than the 2.10 Backchannel serves,
and three differences show here; each is the SDK's, not a fault in our responses:

* ``tickets.create`` has no ``ticket_attributes`` argument and ``tickets.update`` no
  ``state`` or ``assignment`` (it sends ``ticket_state_id``, ``admin_id`` and
  ``assignee_id`` instead): the 2.10 fields go through ``additional_body_parameters``.
* ``Ticket.ticket_state`` is an object in the SDK; in 2.10 it is a string
  (``submitted``...), which the SDK's lenient models keep as it is.
* A ticket type's nested attribute list is ``{type: "list", data: [...]}`` as recorded
  (BEHAVIOR.md §9.10); the SDK reads the schema's ``ticket_type_attributes`` key, so the
  attributes are found, as plain dicts, under the extra field ``data``.
"""

from __future__ import annotations

from typing import Any

import pytest
from intercom import (
    AdminReplyTicketRequest,
    ContactReplyTicketIntercomUserIdRequest,
    CreateConversationRequestFrom,
    CreateTicketRequestContactsItemEmail,
    CreateTicketRequestContactsItemId,
    CreateTicketTypeRequest,
)
from intercom.core.api_error import ApiError

pytestmark = pytest.mark.sdk


def _attributes(ticket_type) -> list[dict[str, Any]]:
    """The attributes of a ticket type the SDK parsed (see the module docstring)."""
    listed = ticket_type.ticket_type_attributes
    assert listed is not None and listed.type == "list"
    data: list[dict[str, Any]] = listed.data
    return data


def _body(**fields: Any) -> Any:
    """Request options sending 2.10 body fields the SDK has no argument for."""
    return {"additional_body_parameters": fields}


def _new_type(client, name: str, **fields: Any):
    return client.ticket_types.create(
        request=CreateTicketTypeRequest(name=name, description=f"{name} reports", **fields)
    )


def test_sdk_ticket_type_with_attributes(client):
    ticket_type = _new_type(client, "SDK Bug", category="Customer", icon="🐞")
    assert ticket_type.type == "ticket_type" and ticket_type.id
    assert (ticket_type.name, ticket_type.category, ticket_type.icon) == (
        "SDK Bug",
        "Customer",
        "🐞",
    )
    assert ticket_type.archived is False
    assert [a["name"] for a in _attributes(ticket_type)] == [
        "_default_title_",
        "_default_description_",
    ]

    severity = client.ticket_types.attributes.create(
        ticket_type.id, name="Severity", description="How bad", data_type="integer"
    )
    assert severity.type == "ticket_type_attribute" and severity.id
    assert (severity.name, severity.data_type, severity.order) == ("Severity", "integer", 2)
    assert severity.ticket_type_id == int(ticket_type.id)
    assert severity.default is False and severity.required_to_create is False
    area = client.ticket_types.attributes.create(
        ticket_type.id,
        name="Area",
        description="Where",
        data_type="list",
        list_items="Billing,Login",
        required_to_create=True,
    )
    assert area.data_type == "list" and area.required_to_create is True
    updated = client.ticket_types.attributes.update(
        ticket_type.id, severity.id, description="How bad is it", required_to_create=True
    )
    assert updated.id == severity.id
    assert (updated.description, updated.required_to_create) == ("How bad is it", True)

    renamed = client.ticket_types.update(ticket_type.id, name="SDK Defect", is_internal=False)
    assert renamed.name == "SDK Defect"
    found = client.ticket_types.get(ticket_type.id)
    assert found.name == "SDK Defect"
    assert [a["name"] for a in _attributes(found)] == [
        "_default_title_",
        "_default_description_",
        "Severity",
        "Area",
    ]
    listed = client.ticket_types.list()
    assert listed.type == "list"
    assert ticket_type.id in [t.id for t in listed.data]


def test_sdk_unknown_ticket_type(client):
    with pytest.raises(ApiError) as raised:
        client.ticket_types.get("999999")
    assert raised.value.status_code == 404
    assert raised.value.body["errors"][0]["code"] == "not_found"


def test_sdk_ticket_lifecycle(client):
    ticket_type = _new_type(client, "SDK Lifecycle")
    client.ticket_types.attributes.create(
        ticket_type.id, name="Severity", description="How bad", data_type="integer"
    )
    contact = client.contacts.create(request={"email": "sdk-ticket@example.com", "name": "Tia"})
    admin = client.admins.identify()

    ticket = client.tickets.create(
        ticket_type_id=ticket_type.id,
        contacts=[CreateTicketRequestContactsItemId(id=contact.id)],
        request_options=_body(ticket_attributes={"_default_title_": "Crash", "Severity": 3}),
    )
    assert ticket is not None and ticket.type == "ticket" and ticket.id
    assert ticket.ticket_id and ticket.category == "Customer"
    assert ticket.ticket_state == "submitted"
    assert ticket.ticket_attributes == {"_default_title_": "Crash", "Severity": 3}
    assert ticket.ticket_type is not None and ticket.ticket_type.id == ticket_type.id
    assert [c.id for c in ticket.contacts.contacts] == [contact.id]
    assert (ticket.admin_assignee_id, ticket.team_assignee_id) == ("0", "0")
    assert ticket.open is True and ticket.is_shared is True
    (opening,) = ticket.ticket_parts.ticket_parts
    assert opening.part_type == "ticket_state_updated_by_admin"
    assert (opening.previous_ticket_state, opening.ticket_state) == ("submitted", "submitted")
    assert opening.author is not None and opening.author.type == "bot"

    comment = client.tickets.reply(
        ticket.id,
        request=AdminReplyTicketRequest(message_type="comment", admin_id=admin.id, body="Looking"),
    )
    assert (comment.type, comment.part_type, comment.body) == (
        "ticket_part",
        "comment",
        "<p>Looking</p>",
    )
    assert comment.author is not None and comment.author.id == admin.id
    note = client.tickets.reply(
        ticket.id,
        request=AdminReplyTicketRequest(message_type="note", admin_id=admin.id, body="Internal"),
    )
    assert note.part_type == "note"
    answer = client.tickets.reply(
        ticket.id,
        request=ContactReplyTicketIntercomUserIdRequest(body="Thanks", intercom_user_id=contact.id),
    )
    assert answer.part_type == "comment" and answer.body == "<p>Thanks</p>"
    assert answer.author is not None and answer.author.type == "user"

    in_progress = client.tickets.update(
        ticket.id,
        request_options=_body(state="in_progress", ticket_attributes={"Severity": 4}),
    )
    assert in_progress.ticket_state == "in_progress"
    assert in_progress.ticket_attributes == {"_default_title_": "Crash", "Severity": 4}
    state = in_progress.ticket_parts.ticket_parts[-1]
    assert state.part_type == "ticket_state_updated_by_admin"
    assert (state.previous_ticket_state, state.ticket_state) == ("submitted", "in_progress")
    assigned = client.tickets.update(
        ticket.id, request_options=_body(assignment={"admin_id": admin.id, "assignee_id": admin.id})
    )
    assert assigned.admin_assignee_id == admin.id
    closed = client.tickets.update(ticket.id, open=False, is_shared=False)
    assert closed.open is False and closed.is_shared is False
    resolved = client.tickets.update(ticket.id, request_options=_body(state="resolved"))
    assert resolved.ticket_state == "resolved"

    found = client.tickets.get(ticket.id)
    assert found == resolved
    assert [p.part_type for p in found.ticket_parts.ticket_parts] == [
        "ticket_state_updated_by_admin",
        "comment",
        "note",
        "comment",
        "ticket_attribute_updated_by_admin",
        "ticket_state_updated_by_admin",
        "assignment",
        "close",
        "ticket_state_updated_by_admin",
    ]
    assert found.ticket_parts.total_count == 9


def test_sdk_create_ticket_for_a_new_email_and_missing_attribute(client):
    ticket_type = _new_type(client, "SDK Required")
    client.ticket_types.attributes.create(
        ticket_type.id,
        name="Order",
        description="Order number",
        data_type="string",
        required_to_create=True,
    )
    contacts = [CreateTicketRequestContactsItemEmail(email="sdk-new-ticket@example.com")]
    with pytest.raises(ApiError) as raised:
        client.tickets.create(ticket_type_id=ticket_type.id, contacts=contacts)
    assert raised.value.status_code == 400
    assert raised.value.body["errors"][0]["code"] == "parameter_invalid"
    ticket = client.tickets.create(
        ticket_type_id=ticket_type.id,
        contacts=contacts,
        request_options=_body(ticket_attributes={"Order": "A-1"}),
    )
    assert ticket.ticket_attributes == {"Order": "A-1"}
    contact = client.contacts.find(ticket.contacts.contacts[0].id)
    assert contact.email == "sdk-new-ticket@example.com"


def test_sdk_unknown_ticket(client):
    with pytest.raises(ApiError) as raised:
        client.tickets.get("999999")
    assert raised.value.status_code == 404
    assert raised.value.body["errors"][0]["code"] == "ticket_not_found"


def test_sdk_search_tickets(client):
    ticket_type = _new_type(client, "SDK Searchable")
    contact = client.contacts.create(request={"email": "sdk-search-ticket@example.com"})
    made = []
    for title in ("First", "Second", "Third"):
        ticket = client.tickets.create(
            ticket_type_id=ticket_type.id,
            contacts=[CreateTicketRequestContactsItemId(id=contact.id)],
            request_options=_body(ticket_attributes={"_default_title_": title}),
        )
        made.append(ticket.id)
    client.tickets.update(made[1], request_options=_body(state="in_progress"))

    # Paged by hand: the SDK's search pager asks for the first page again instead of
    # following pages.next.starting_after, so iterating it never ends.
    query = {"field": "ticket_type_id", "operator": "=", "value": ticket_type.id}
    first = client.tickets.search(query=query, pagination={"per_page": 2}).response
    assert first.type == "ticket.list" and first.total_count == 3
    assert len(first.tickets) == 2
    assert first.pages.next is not None and first.pages.total_pages == 2
    cursor = first.pages.next.starting_after
    second = client.tickets.search(
        query=query, pagination={"per_page": 2, "starting_after": cursor}
    ).response
    assert second.pages.next is None
    tickets = [*first.tickets, *second.tickets]
    assert sorted(t.id for t in tickets) == sorted(made)
    assert all(t.ticket_type.id == ticket_type.id for t in tickets)
    assert all(t.ticket_parts.total_count >= 1 for t in tickets)

    both = {
        "operator": "AND",
        "value": [query, {"field": "state", "operator": "=", "value": "in_progress"}],
    }
    (match,) = client.tickets.search(query=both).response.tickets
    assert match.id == made[1] and match.ticket_state == "in_progress"


def test_sdk_convert_conversation_to_ticket(client):
    ticket_type = _new_type(client, "SDK Converted")
    contact = client.contacts.create(request={"email": "sdk-convert@example.com", "name": "Cy"})
    message = client.conversations.create(
        from_=CreateConversationRequestFrom(type="user", id=contact.id), body="Refund please"
    )
    conversation_id = int(message.conversation_id)
    ticket = client.conversations.convert_to_ticket(
        conversation_id,
        ticket_type_id=ticket_type.id,
        attributes={"_default_title_": "Refund"},
    )
    assert ticket is not None and ticket.type == "ticket"
    assert ticket.id != str(conversation_id)
    assert ticket.ticket_state == "submitted" and ticket.open is True
    assert ticket.ticket_attributes == {"_default_title_": "Refund"}
    parts = ticket.ticket_parts.ticket_parts
    assert [p.part_type for p in parts] == ["comment", "ticket_state_updated_by_admin"]
    assert parts[0].body == "<p>Refund please</p>"
    assert parts[0].author is not None and parts[0].author.id == contact.id
    assert client.tickets.get(ticket.id) == ticket

    back_office = _new_type(client, "SDK Back office", category="Back-office")
    with pytest.raises(ApiError) as raised:
        client.conversations.convert_to_ticket(conversation_id, ticket_type_id=back_office.id)
    assert raised.value.status_code == 400
    error = raised.value.body["errors"][0]
    assert error["code"] == "parameter_invalid"
    assert error["message"] == "Ticket type is not a customer ticket type"
