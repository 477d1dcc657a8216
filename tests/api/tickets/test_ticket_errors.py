"""The refusals of createTicket, getTicket, updateTicket and replyTicket, and the assignment
and quick-reply paths next to them. A refused write leaves the ticket as it was."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from backchannel.db.tables import Contact, Ticket
from tests.conftest import assert_error

Json = dict[str, Any]


def _count(runtime, table) -> int:
    with runtime.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(table)) or 0)


def _create(api, **body: Any):
    return api.post("/tickets", json=body)


@pytest.fixture
def admin_id(workspace) -> str:
    return str(workspace.admin.id)


@pytest.fixture
def team_id(workspace) -> str:
    """The workspace's own first team: ``assignee_id`` names an admin or a team without
    saying which, and admins and teams share one id space, so it is never an admin's."""
    assert workspace.team.id != workspace.admin.id
    return str(workspace.team.id)


@pytest.fixture
def ticket(make_ticket) -> Json:
    return make_ticket()


# --- createTicket -------------------------------------------------------------------------


def test_create_ticket_errors(api, ticket_type, contact, runtime):
    type_id = ticket_type["id"]
    me = [{"id": contact["id"]}]
    cases = [
        ({"contacts": me}, 400, "parameter_not_found"),
        ({"ticket_type_id": "", "contacts": me}, 400, "parameter_not_found"),
        ({"ticket_type_id": "987654", "contacts": me}, 404, "not_found"),
        ({"ticket_type_id": "nope", "contacts": me}, 404, "not_found"),
        ({"ticket_type_id": type_id}, 400, "parameter_not_found"),
        ({"ticket_type_id": type_id, "contacts": []}, 400, "parameter_not_found"),
        ({"ticket_type_id": type_id, "contacts": [{}]}, 400, "parameter_not_found"),
        (
            {"ticket_type_id": type_id, "contacts": [*me, {"email": "two@x.test"}]},
            400,
            "parameter_invalid",
        ),
        ({"ticket_type_id": type_id, "contacts": [{"nickname": "x"}]}, 400, "bad_request"),
        ({"ticket_type_id": type_id, "contacts": me, "company_id": "nope"}, 404, None),
    ]
    for body, status, code in cases:
        response = _create(api, **body)
        assert response.status_code == status, (body, response.text)
        if code is not None:
            assert_error(response, status, code)
    assert _count(runtime, Ticket) == 0


@pytest.mark.parametrize("ref", [{"id": "0" * 24}, {"external_id": "nobody"}])
def test_create_ticket_unknown_contact(api, ticket_type, ref, runtime):
    response = _create(api, ticket_type_id=ticket_type["id"], contacts=[ref])
    assert_error(response, 404, "not_found", "User Not Found")
    assert _count(runtime, Ticket) == 0


def test_create_ticket_unknown_company(api, ticket_type, contact, runtime):
    response = _create(
        api, ticket_type_id=ticket_type["id"], contacts=[{"id": contact["id"]}], company_id="nope"
    )
    body = assert_error(response, 404, "company_not_found")
    assert body["errors"][0]["message"]
    assert _count(runtime, Ticket) == 0


def test_create_ticket_unknown_email_creates_a_user(api, ticket_type, runtime):
    before = _count(runtime, Contact)
    response = _create(
        api, ticket_type_id=ticket_type["id"], contacts=[{"email": "new@people.test"}]
    )
    assert response.status_code == 200, response.text
    (made,) = response.json()["contacts"]["contacts"]
    assert _count(runtime, Contact) == before + 1
    contact = api.get(f"/contacts/{made['id']}").json()
    assert (contact["role"], contact["email"]) == ("user", "new@people.test")


def test_create_ticket_known_email_and_external_id_find_the_contact(api, ticket_type, contact):
    for ref in ({"email": contact["email"]}, {"external_id": "u-1"}):
        response = _create(api, ticket_type_id=ticket_type["id"], contacts=[ref])
        assert response.status_code == 200, response.text
        assert response.json()["contacts"]["contacts"][0]["id"] == contact["id"]


def test_create_ticket_archived_type(api, ticket_type, contact, runtime):
    response = api.put(f"/ticket_types/{ticket_type['id']}", json={"archived": True})
    assert response.status_code == 200, response.text
    response = _create(api, ticket_type_id=ticket_type["id"], contacts=[{"id": contact["id"]}])
    assert_error(response, 400, "parameter_invalid")
    assert _count(runtime, Ticket) == 0


def test_create_ticket_back_office_is_not_shared(api, make_type, contact):
    kind = make_type("Internal", category="Back-office")
    response = _create(api, ticket_type_id=kind["id"], contacts=[{"id": contact["id"]}])
    assert response.status_code == 200, response.text
    assert (response.json()["category"], response.json()["is_shared"]) == ("Back-office", False)


# --- getTicket ----------------------------------------------------------------------------


@pytest.mark.parametrize("ticket_id", ["987654", "nope", "0", "-1"])
def test_get_ticket_not_found(api, ticket, ticket_id):
    assert_error(api.get(f"/tickets/{ticket_id}"), 404, "ticket_not_found", "Ticket not found")


def test_get_ticket_is_not_a_conversation(api, contact):
    response = api.post(
        "/conversations", json={"from": {"type": "user", "id": contact["id"]}, "body": "Hi"}
    )
    assert response.status_code == 200, response.text
    conversation_id = response.json()["conversation_id"]
    assert_error(api.get(f"/tickets/{conversation_id}"), 404, "ticket_not_found")


# --- updateTicket -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"state": "submitted"}, 400, "parameter_invalid"),
        ({"state": "closed"}, 400, "parameter_invalid"),
        ({"state": "IN_PROGRESS"}, 400, "parameter_invalid"),
        ({"snoozed_until": 1}, 400, "parameter_invalid"),
        ({"open": "no"}, 400, "parameter_invalid"),
        ({"assignment": {"admin_id": "ADMIN", "assignee_id": "987654"}}, 404, "assignee_not_found"),
        ({"assignment": {"admin_id": "987654", "assignee_id": "ADMIN"}}, 404, "assignee_not_found"),
        ({"assignment": {"admin_id": "ADMIN"}}, 400, "parameter_not_found"),
        ({"assignment": {"assignee_id": "ADMIN"}}, 400, "parameter_not_found"),
        # Checked before any change: a good state does not survive a bad assignee.
        (
            {"state": "resolved", "assignment": {"admin_id": "ADMIN", "assignee_id": "987654"}},
            404,
            "assignee_not_found",
        ),
    ],
)
def test_update_ticket_errors(api, ticket, admin_id, body, status, code):
    if "assignment" in body:
        body = {
            **body,
            "assignment": {
                k: admin_id if v == "ADMIN" else v for k, v in body["assignment"].items()
            },
        }
    response = api.put(f"/tickets/{ticket['id']}", json=body)
    assert_error(response, status, code)
    assert api.get(f"/tickets/{ticket['id']}").json() == ticket


def test_update_ticket_snooze_must_be_in_the_future(api, ticket, clock):
    response = api.put(f"/tickets/{ticket['id']}", json={"snoozed_until": clock.now()})
    assert_error(response, 400, "parameter_invalid")
    response = api.put(f"/tickets/{ticket['id']}", json={"snoozed_until": clock.now() + 1})
    assert response.status_code == 200, response.text
    assert response.json()["snoozed_until"] == clock.now() + 1


def test_update_ticket_not_found(api, ticket):
    response = api.put("/tickets/987654", json={"state": "resolved"})
    assert_error(response, 404, "ticket_not_found", "Ticket not found")


def test_update_ticket_assigns_admin_team_and_unassigns(api, ticket, admin_id, team_id):
    url = f"/tickets/{ticket['id']}"
    assigned = api.put(url, json={"assignment": {"admin_id": admin_id, "assignee_id": admin_id}})
    assert assigned.status_code == 200, assigned.text
    body = assigned.json()
    assert (body["admin_assignee_id"], body["team_assignee_id"]) == (admin_id, "0")
    part = body["ticket_parts"]["ticket_parts"][-1]
    assert part["part_type"] == "assignment"
    assert part["assigned_to"] == {"type": "admin", "id": admin_id}

    body = api.put(url, json={"assignment": {"admin_id": admin_id, "assignee_id": team_id}}).json()
    assert (body["admin_assignee_id"], body["team_assignee_id"]) == (admin_id, team_id)
    assert body["ticket_parts"]["ticket_parts"][-1]["assigned_to"] == {
        "type": "team",
        "id": team_id,
    }

    body = api.put(url, json={"assignment": {"admin_id": admin_id, "assignee_id": "0"}}).json()
    assert (body["admin_assignee_id"], body["team_assignee_id"]) == ("0", "0")
    assert body["ticket_parts"]["ticket_parts"][-1]["assigned_to"] == {
        "type": "nobody_admin",
        "id": None,
    }


# --- replyTicket --------------------------------------------------------------------------


def test_reply_ticket_contact_cannot_reply_to_back_office(api, make_type, make_ticket, contact):
    kind = make_type("Internal", category="Back-office")
    ticket = make_ticket(kind["id"])
    response = api.post(
        f"/tickets/{ticket['id']}/reply",
        json={"type": "user", "intercom_user_id": contact["id"], "message_type": "comment",
              "body": "Me too"},
    )  # fmt: skip
    assert_error(response, 400, "parameter_mismatch")
    assert api.get(f"/tickets/{ticket['id']}").json() == ticket


def test_reply_ticket_quick_reply(api, ticket, admin_id):
    url = f"/tickets/{ticket['id']}/reply"
    missing = {"type": "admin", "admin_id": admin_id, "message_type": "quick_reply"}
    assert_error(api.post(url, json=missing), 400, "parameter_not_found")
    assert_error(api.post(url, json={**missing, "reply_options": []}), 400, "parameter_not_found")
    options = [{"text": "Yes", "uuid": "a-1"}, {"text": "No", "uuid": "a-2"}]
    response = api.post(url, json={**missing, "reply_options": options})
    assert response.status_code == 200, response.text
    part = response.json()
    assert part["part_type"] == "quick_reply"
    assert part["reply_options"] == options
    stored = api.get(f"/tickets/{ticket['id']}").json()["ticket_parts"]["ticket_parts"][-1]
    assert stored == part


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"type": "admin", "admin_id": "ADMIN", "message_type": "chat", "body": "x"}, 400,
         "parameter_invalid"),
        ({"type": "admin", "message_type": "comment", "body": "x"}, 400, "parameter_not_found"),
        ({"type": "admin", "admin_id": "987654", "message_type": "comment", "body": "x"}, 404,
         "admin_not_found"),
        ({"type": "bot", "message_type": "comment", "body": "x"}, 400, "parameter_invalid"),
        ({"type": "user", "message_type": "comment", "body": "x"}, 400, "parameter_not_found"),
        ({"type": "user", "intercom_user_id": "CONTACT", "message_type": "note", "body": "x"},
         400, "parameter_invalid"),
        ({"type": "user", "intercom_user_id": "CONTACT", "message_type": "comment"}, 400,
         "parameter_invalid"),
        ({"type": "user", "intercom_user_id": "0" * 24, "message_type": "comment", "body": "x"},
         404, "not_found"),
        ({"type": "user", "email": "nobody@x.test", "message_type": "comment", "body": "x"},
         404, "not_found"),
    ],
)  # fmt: skip
def test_reply_ticket_errors(api, ticket, admin_id, contact, body, status, code):
    swap = {"ADMIN": admin_id, "CONTACT": contact["id"]}
    body = {k: swap.get(v, v) if isinstance(v, str) else v for k, v in body.items()}
    response = api.post(f"/tickets/{ticket['id']}/reply", json=body)
    assert_error(response, status, code)
    assert api.get(f"/tickets/{ticket['id']}").json() == ticket


def test_reply_ticket_not_found(api, ticket, admin_id):
    body = {"type": "admin", "admin_id": admin_id, "message_type": "comment", "body": "x"}
    assert_error(api.post("/tickets/987654/reply", json=body), 404, "ticket_not_found")


# --- other workspaces ---------------------------------------------------------------------


def test_other_workspace_ticket_is_not_found(api, ticket, other_workspace):
    headers = {"Authorization": f"Bearer {other_workspace.token}"}
    url = f"/tickets/{ticket['id']}"
    assert_error(api.get(url, headers=headers), 404, "ticket_not_found")
    response = api.put(url, json={"state": "resolved"}, headers=headers)
    assert_error(response, 404, "ticket_not_found")
    body = {
        "type": "admin",
        "admin_id": str(other_workspace.admin.id),
        "message_type": "comment",
        "body": "x",
    }
    assert_error(api.post(f"{url}/reply", json=body, headers=headers), 404, "ticket_not_found")
    assert api.get(url).json() == ticket


def test_other_workspace_type_and_contact_are_not_found(api, ticket_type, contact, other_workspace):
    headers = {"Authorization": f"Bearer {other_workspace.token}"}
    response = api.post(
        "/tickets",
        json={"ticket_type_id": ticket_type["id"], "contacts": [{"email": "x@globex.test"}]},
        headers=headers,
    )
    assert_error(response, 404, "not_found")
    theirs = api.post("/ticket_types", json={"name": "Theirs"}, headers=headers).json()
    response = api.post(
        "/tickets",
        json={"ticket_type_id": theirs["id"], "contacts": [{"id": contact["id"]}]},
        headers=headers,
    )
    assert_error(response, 404, "not_found", "User Not Found")
