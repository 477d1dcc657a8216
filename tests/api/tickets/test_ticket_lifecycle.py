"""A ticket through every state, with the parts each change adds."""

from __future__ import annotations

from tests.conftest import START


def _parts(ticket):
    return ticket["ticket_parts"]["ticket_parts"]


def test_lifecycle(api, make_ticket, contact, workspace, clock):
    ticket = make_ticket()
    assert ticket["type"] == "ticket"
    assert ticket["ticket_id"] == "1"
    assert ticket["ticket_state"] == "submitted"
    assert ticket["ticket_state_internal_label"] == "Submitted"
    assert ticket["ticket_attributes"] == {
        "_default_title_": "Broken",
        "_default_description_": "It fails",
    }
    assert (ticket["admin_assignee_id"], ticket["team_assignee_id"]) == ("0", "0")
    assert ticket["is_shared"] is True
    assert ticket["open"] is True
    assert ticket["created_at"] == START
    assert ticket["contacts"]["contacts"] == [
        {"type": "contact", "id": contact["id"], "external_id": "u-1"}
    ]
    (opening,) = _parts(ticket)
    assert opening["part_type"] == "ticket_state_updated_by_admin"
    assert (opening["previous_ticket_state"], opening["ticket_state"]) == ("submitted", "submitted")
    assert opening["author"]["type"] == "bot"
    assert api.get(f"/tickets/{ticket['id']}").json() == ticket

    admin_id = str(workspace.admin.id)
    for state, label in [
        ("in_progress", "In progress"),
        ("waiting_on_customer", "Waiting on customer"),
        ("resolved", "Resolved"),
    ]:
        clock.advance(10)
        previous = ticket["ticket_state"]
        response = api.put(f"/tickets/{ticket['id']}", json={"state": state})
        assert response.status_code == 200, response.text
        ticket = response.json()
        assert ticket["ticket_state"] == state
        assert ticket["ticket_state_external_label"] == label
        part = _parts(ticket)[-1]
        assert part["part_type"] == "ticket_state_updated_by_admin"
        assert (part["previous_ticket_state"], part["ticket_state"]) == (previous, state)
        assert part["author"] == {
            "type": "admin",
            "id": admin_id,
            "name": "Ada Owner",
            "email": "ada@acme.test",
        }
        assert ticket["updated_at"] == clock.now()

    closed = api.put(f"/tickets/{ticket['id']}", json={"open": False}).json()
    assert closed["open"] is False and _parts(closed)[-1]["part_type"] == "close"
    reply = api.post(
        f"/tickets/{ticket['id']}/reply",
        json={"type": "user", "intercom_user_id": contact["id"], "message_type": "comment",
              "body": "Still broken"},
    )  # fmt: skip
    assert reply.status_code == 200, reply.text
    part = reply.json()
    assert part["type"] == "ticket_part" and part["part_type"] == "comment"
    assert part["body"] == "<p>Still broken</p>"
    assert api.get(f"/tickets/{ticket['id']}").json()["open"] is True
    note = api.post(
        f"/tickets/{ticket['id']}/reply",
        json={"type": "admin", "admin_id": admin_id, "message_type": "note", "body": "<b>hm</b>"},
    ).json()
    assert (note["part_type"], note["body"]) == ("note", "<p><b>hm</b></p>")
    stored = api.get(f"/tickets/{ticket['id']}").json()
    assert [p["part_type"] for p in _parts(stored)] == [
        "ticket_state_updated_by_admin",
        "ticket_state_updated_by_admin",
        "ticket_state_updated_by_admin",
        "ticket_state_updated_by_admin",
        "close",
        "comment",
        "note",
    ]
    # A ticket is not a conversation.
    assert api.get(f"/conversations/{ticket['id']}").status_code == 404
    assert api.get("/conversations").json()["total_count"] == 0
