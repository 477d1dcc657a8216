"""convertConversationToTicket: POST /conversations/{id}/convert."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from backchannel.db.tables import Conversation, ConversationPart, Ticket
from tests.conftest import START, assert_error


def _parts(ticket):
    return ticket["ticket_parts"]["ticket_parts"]


def _conversation_parts(conversation):
    return conversation["conversation_parts"]["conversation_parts"]


@pytest.fixture
def start(api, contact):
    """Start a conversation from ``contact`` (or another) and return it as retrieved."""

    def make(body="My invoice is wrong", who=None, **extra):
        sender = who or contact
        response = api.post(
            "/conversations",
            json={"from": {"type": sender["role"], "id": sender["id"]}, "body": body, **extra},
        )
        assert response.status_code == 200, response.text
        return api.get(f"/conversations/{response.json()['conversation_id']}").json()

    return make


@pytest.fixture
def act(api):
    def run(conversation_id, path, **body):
        response = api.post(f"/conversations/{conversation_id}/{path}", json=body)
        assert response.status_code == 200, response.text
        return response.json()

    return run


@pytest.fixture
def convert(api):
    def run(conversation_id, **body):
        return api.post(f"/conversations/{conversation_id}/convert", json=body)

    return run


@pytest.fixture
def stored(runtime):
    """How many tickets, ticket rows and parts are stored: unchanged by a refused request."""

    def count():
        with runtime.sessions() as session:
            return (
                session.scalar(select(func.count()).select_from(Ticket)),
                session.scalar(select(func.count()).where(Conversation.kind == "ticket")),
                session.scalar(select(func.count()).select_from(ConversationPart)),
            )

    return count


def _history(api, act, start, clock, workspace):
    """A conversation with replies by both sides, a note, a close, a reopen and an assignment."""
    admin_id = str(workspace.admin.id)
    conversation = start(attachment_urls=["https://files.example.test/invoice.pdf"])
    clock.advance(10)
    act(conversation["id"], "reply", type="admin", admin_id=admin_id, message_type="comment",
        body="Which invoice?")  # fmt: skip
    clock.advance(10)
    act(conversation["id"], "reply", type="admin", admin_id=admin_id, message_type="note",
        body="<b>check billing</b>")  # fmt: skip
    clock.advance(10)
    act(conversation["id"], "parts", type="admin", admin_id=admin_id, message_type="close")
    clock.advance(10)
    act(conversation["id"], "reply", type="user", intercom_user_id=conversation["contacts"][
        "contacts"][0]["id"], message_type="comment", body="The May one")  # fmt: skip
    clock.advance(10)
    act(conversation["id"], "parts", type="team", admin_id=admin_id, message_type="assignment",
        assignee_id=str(workspace.team.id))  # fmt: skip
    clock.advance(100)
    return api.get(f"/conversations/{conversation['id']}").json()


def test_convert_conversation_keeps_history(
    api, act, start, convert, clock, workspace, contact, ticket_type
):
    conversation = _history(api, act, start, clock, workspace)
    history = _conversation_parts(conversation)
    assert [p["part_type"] for p in history] == ["comment", "note", "close", "open", "assignment"]

    response = convert(
        conversation["id"], ticket_type_id=ticket_type["id"], attributes={"_default_title_": "May"}
    )
    assert response.status_code == 200, response.text
    ticket = response.json()
    parts = _parts(ticket)
    assert [p["part_type"] for p in parts] == [
        "comment",
        *(p["part_type"] for p in history),
        "ticket_state_updated_by_admin",
    ]
    source = parts[0]
    assert source["body"] == "<p>My invoice is wrong</p>"
    assert source["created_at"] == conversation["created_at"] == START
    assert source["author"] == {
        "type": "user",
        "id": contact["id"],
        "name": "Joe Bloggs",
        "email": "joe@bloggs.test",
    }
    assert [a["url"] for a in source["attachments"]] == ["https://files.example.test/invoice.pdf"]
    assert source["redacted"] is False
    for copied, original in zip(parts[1:-1], history, strict=True):
        assert copied["id"] != original["id"]
        for key in ("part_type", "body", "created_at", "updated_at", "author", "attachments"):
            assert copied[key] == original[key], key
    assert parts[-2]["assigned_to"] == {"type": "team", "id": str(workspace.team.id)}
    state = parts[-1]
    assert (state["previous_ticket_state"], state["ticket_state"]) == ("submitted", "submitted")
    assert state["author"]["type"] == "bot" and state["author"]["name"] == "Operator"
    assert state["created_at"] == clock.now()
    assert ticket["ticket_parts"]["total_count"] == len(history) + 2

    assert ticket["type"] == "ticket"
    assert ticket["id"] != conversation["id"]
    assert ticket["ticket_id"] == "1"
    assert ticket["ticket_state"] == "submitted"
    assert ticket["ticket_state_internal_label"] == "Submitted"
    assert ticket["category"] == "Customer"
    assert ticket["ticket_type"]["id"] == ticket_type["id"]
    assert ticket["ticket_attributes"] == {"_default_title_": "May"}
    assert ticket["open"] is True and ticket["is_shared"] is True
    assert (ticket["admin_assignee_id"], ticket["team_assignee_id"]) == ("0", "0")
    assert ticket["contacts"]["contacts"] == [
        {"type": "contact", "id": contact["id"], "external_id": "u-1"}
    ]
    assert ticket["created_at"] == conversation["created_at"]
    assert ticket["updated_at"] == clock.now()
    assert ticket["linked_objects"]["data"] == []
    assert "snoozed_until" not in ticket
    assert api.get(f"/tickets/{ticket['id']}").json() == ticket
    # The conversation is left as it was.
    assert api.get(f"/conversations/{conversation['id']}").json() == conversation


def test_convert_conversation_same_second_parts_come_before_state(
    api, act, start, convert, workspace, ticket_type
):
    conversation = start()
    act(conversation["id"], "reply", type="admin", admin_id=str(workspace.admin.id),
        message_type="comment", body="On it")  # fmt: skip
    ticket = convert(conversation["id"], ticket_type_id=int(ticket_type["id"])).json()
    assert [p["part_type"] for p in _parts(ticket)] == [
        "comment",
        "comment",
        "ticket_state_updated_by_admin",
    ]
    assert ticket["ticket_attributes"] == {}


def test_convert_conversation_twice_makes_two_tickets(api, start, convert, clock, ticket_type):
    conversation = start()
    first = convert(conversation["id"], ticket_type_id=ticket_type["id"]).json()
    clock.advance(5)
    again = convert(conversation["id"], ticket_type_id=ticket_type["id"])
    assert again.status_code == 200, again.text
    second = again.json()
    assert second["id"] not in (first["id"], conversation["id"])
    assert (first["ticket_id"], second["ticket_id"]) == ("1", "2")
    assert [p["body"] for p in _parts(second)[:-1]] == [p["body"] for p in _parts(first)[:-1]]
    assert api.get(f"/tickets/{first['id']}").json() == first
    assert api.get(f"/conversations/{conversation['id']}").json()["state"] == "open"


def test_convert_conversation_closed_or_snoozed_gives_open_ticket(
    api, act, start, convert, clock, workspace, ticket_type
):
    admin_id = str(workspace.admin.id)
    closed = start()
    act(closed["id"], "parts", type="admin", admin_id=admin_id, message_type="close")
    snoozed = start()
    act(snoozed["id"], "parts", admin_id=admin_id, message_type="snoozed",
        snoozed_until=clock.now() + 3600)  # fmt: skip
    for conversation in (closed, snoozed):
        ticket = convert(conversation["id"], ticket_type_id=ticket_type["id"]).json()
        assert ticket["open"] is True and "snoozed_until" not in ticket
        assert ticket["ticket_state"] == "submitted"
    assert api.get(f"/conversations/{closed['id']}").json()["state"] == "closed"
    assert api.get(f"/conversations/{snoozed['id']}").json()["state"] == "snoozed"


def test_convert_conversation_redacted_source(api, start, convert, ticket_type):
    conversation = start()
    redacted = api.post(
        "/conversations/redact",
        json={"type": "source", "conversation_id": conversation["id"],
              "source_id": conversation["source"]["id"]},
    )  # fmt: skip
    assert redacted.status_code == 200, redacted.text
    ticket = convert(conversation["id"], ticket_type_id=ticket_type["id"]).json()
    source = _parts(ticket)[0]
    assert source["body"] == "<p><i>This message was deleted</i></p>"
    assert source["redacted"] is True


def test_convert_conversation_not_a_customer_type(api, start, convert, make_type, stored):
    conversation = start()
    before = stored()
    for category in ("Back-office", "Tracker"):
        other = make_type(name=category, category=category)
        assert_error(
            convert(conversation["id"], ticket_type_id=other["id"]),
            400,
            "parameter_invalid",
            "Ticket type is not a customer ticket type",
        )
    assert stored() == before


def test_convert_conversation_archived_type(api, start, convert, ticket_type, stored):
    conversation = start()
    api.put(f"/ticket_types/{ticket_type['id']}", json={"archived": True})
    before = stored()
    assert_error(convert(conversation["id"], ticket_type_id=ticket_type["id"]), 400,
                 "parameter_invalid")  # fmt: skip
    assert stored() == before


@pytest.mark.parametrize("conversation_id", ["999999", "abc", "0"])
def test_convert_conversation_not_found(api, convert, ticket_type, conversation_id):
    assert_error(
        convert(conversation_id, ticket_type_id=ticket_type["id"]),
        404,
        "not_found",
        "Resource Not Found",
    )


def test_convert_conversation_ticket_id_is_not_a_conversation(
    api, convert, make_ticket, ticket_type, stored
):
    ticket = make_ticket()
    before = stored()
    assert_error(convert(ticket["id"], ticket_type_id=ticket_type["id"]), 404, "not_found",
                 "Resource Not Found")  # fmt: skip
    assert stored() == before


def test_convert_conversation_unknown_ticket_type(api, start, convert, stored):
    conversation = start()
    before = stored()
    for type_id in ("999999", "nope"):
        assert_error(convert(conversation["id"], ticket_type_id=type_id), 404, "not_found")
    assert_error(convert(conversation["id"]), 400, "parameter_not_found")
    assert_error(convert(conversation["id"], ticket_type_id=""), 400, "parameter_not_found")
    assert stored() == before


def test_convert_conversation_unknown_body_field(api, start, convert, ticket_type):
    conversation = start()
    response = convert(conversation["id"], ticket_type_id=ticket_type["id"], ticket_attributes={})
    assert_error(response, 400, "bad_request")


def test_convert_conversation_attributes_checked(api, start, convert, ticket_type, stored):
    path = f"/ticket_types/{ticket_type['id']}/attributes"
    made = api.post(path, json={"name": "Severity", "data_type": "integer",
                                "description": "How bad", "required_to_create": True})  # fmt: skip
    assert made.status_code == 200, made.text
    conversation = start()
    before = stored()
    body = assert_error(
        convert(conversation["id"], ticket_type_id=ticket_type["id"]),
        400,
        "parameter_invalid",
        "Ticket attribute 'Severity' is required",
    )
    assert body["errors"][0]["field"] == "attributes.Severity"
    body = assert_error(
        convert(conversation["id"], ticket_type_id=ticket_type["id"], attributes={"Severity": "x"}),
        400,
        "parameter_invalid",
    )
    assert body["errors"][0]["field"] == "attributes.Severity"
    body = assert_error(
        convert(conversation["id"], ticket_type_id=ticket_type["id"],
                attributes={"Severity": 2, "Colour": "red"}),
        400,
        "parameter_invalid",
        "Ticket attribute 'Colour' does not exist",
    )  # fmt: skip
    assert body["errors"][0]["field"] == "attributes.Colour"
    assert stored() == before
    ticket = convert(
        conversation["id"], ticket_type_id=ticket_type["id"], attributes={"Severity": 2}
    ).json()
    assert ticket["ticket_attributes"] == {"Severity": 2}


def test_convert_conversation_required_description_not_filled(api, start, convert, ticket_type):
    path = f"/ticket_types/{ticket_type['id']}/attributes"
    description = next(
        a
        for a in ticket_type["ticket_type_attributes"]["data"]
        if a["name"] == "_default_description_"
    )
    updated = api.put(f"{path}/{description['id']}", json={"required_to_create": True})
    assert updated.status_code == 200, updated.text
    conversation = start()
    assert_error(
        convert(conversation["id"], ticket_type_id=ticket_type["id"]),
        400,
        "parameter_invalid",
        "Ticket attribute '_default_description_' is required",
    )
    ticket = convert(conversation["id"], ticket_type_id=ticket_type["id"],
                     attributes={"_default_description_": "Wrong invoice"}).json()  # fmt: skip
    assert ticket["ticket_attributes"] == {"_default_description_": "Wrong invoice"}


def test_convert_conversation_first_contact_only(
    api, start, convert, make_contact, workspace, contact, ticket_type
):
    conversation = start()
    added = api.post(
        f"/conversations/{conversation['id']}/customers",
        json={"admin_id": str(workspace.admin.id), "customer": {"email": "amy@else.test"}},
    )
    assert added.status_code == 200, added.text
    ticket = convert(conversation["id"], ticket_type_id=ticket_type["id"]).json()
    assert [c["id"] for c in ticket["contacts"]["contacts"]] == [contact["id"]]


def test_convert_conversation_of_another_workspace(
    api, start, convert, ticket_type, other_workspace, stored
):
    conversation = start()
    other = {"Authorization": f"Bearer {other_workspace.token}"}
    before = stored()
    response = api.post(
        f"/conversations/{conversation['id']}/convert",
        json={"ticket_type_id": ticket_type["id"]},
        headers=other,
    )
    assert_error(response, 404, "not_found", "Resource Not Found")
    theirs = api.post("/ticket_types", json={"name": "Theirs"}, headers=other).json()
    assert_error(convert(conversation["id"], ticket_type_id=theirs["id"]), 404, "not_found")
    assert stored() == before


def test_convert_conversation_of_a_lead(api, start, convert, make_contact, ticket_type):
    lead = make_contact(role="lead", name="Lee Lead")
    conversation = start(who=lead)
    ticket = convert(conversation["id"], ticket_type_id=ticket_type["id"]).json()
    # ticket_part_author types are admin, bot, team and user; a null email is left out.
    assert _parts(ticket)[0]["author"] == {"type": "user", "id": lead["id"], "name": "Lee Lead"}
