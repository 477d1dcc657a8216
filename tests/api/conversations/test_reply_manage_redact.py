"""replyConversation, manageConversation and redactConversation: effects and errors."""

from __future__ import annotations

import pytest

from tests.conftest import START, assert_error


def _parts(conversation):
    return conversation["conversation_parts"]["conversation_parts"]


# --- reply ---------------------------------------------------------------------------------


def test_admin_note_changes_neither_state_nor_wait(api, start, act, admin_id):
    conversation = start()
    note = act(conversation["id"], "reply", type="admin", admin_id=admin_id, message_type="note",
               body="<b>internal</b> only")  # fmt: skip
    assert _parts(note)[-1]["part_type"] == "note"
    assert _parts(note)[-1]["body"] == "<p><b>internal</b> only</p>"
    assert note["waiting_since"] == START
    assert note["state"] == "open"
    assert "first_admin_reply_at" not in note["statistics"]


def test_admin_comment_backdated_with_attachment(api, start, act, admin_id, clock):
    conversation = start()
    clock.advance(100)
    replied = act(conversation["id"], "reply", type="admin", admin_id=int(admin_id),
                  message_type="comment", body="See this", created_at=START + 40,
                  attachment_urls=["https://cdn.example.test/guide.pdf"])  # fmt: skip
    part = _parts(replied)[-1]
    assert part["created_at"] == START + 40
    assert part["attachments"][0]["content_type"] == "application/pdf"
    assert replied["statistics"]["time_to_admin_reply"] == 40
    assert replied["updated_at"] == clock.now()


def test_admin_comment_on_closed_conversation_keeps_it_closed(api, start, act, admin_id):
    conversation = start()
    act(conversation["id"], "parts", message_type="close", type="admin", admin_id=admin_id)
    replied = act(conversation["id"], "reply", type="admin", admin_id=admin_id,
                  message_type="comment", body="One more thing")  # fmt: skip
    assert replied["state"] == "closed" and replied["open"] is False


def test_contact_reply_by_user_id_and_last(api, start, act, contact, clock):
    older = start(body="first")
    clock.advance(5)
    newer = start(body="second")
    clock.advance(5)
    replied = act("last", "reply", type="user", user_id="u-1", message_type="comment",
                  body="on the latest")  # fmt: skip
    assert replied["id"] == newer["id"]
    assert _parts(replied)[-1]["body"] == "<p>on the latest</p>"
    replied = act(older["id"], "reply", type="user", user_id="u-1", message_type="comment",
                  body="and the older")  # fmt: skip
    assert replied["id"] == older["id"]
    assert replied["read"] is False


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"type": "admin", "message_type": "comment", "body": "x"}, 400, "parameter_not_found"),
        ({"type": "admin", "admin_id": "ADMIN", "message_type": "comment"}, 400,
         "parameter_invalid"),
        ({"type": "admin", "admin_id": "ADMIN", "message_type": "note", "body": " "}, 400,
         "parameter_invalid"),
        ({"type": "admin", "admin_id": "ADMIN", "message_type": "close", "body": "x"}, 400,
         "parameter_invalid"),
        ({"type": "admin", "admin_id": "999999", "message_type": "comment", "body": "x"}, 404,
         "admin_not_found"),
        ({"type": "bot", "message_type": "comment", "body": "x"}, 400, "parameter_invalid"),
        ({"type": "user", "message_type": "comment", "body": "x"}, 400, "parameter_not_found"),
        ({"type": "user", "email": "nobody@x.test", "message_type": "comment", "body": "x"},
         404, "not_found"),
        ({"type": "user", "user_id": "u-1", "message_type": "note", "body": "x"}, 400,
         "parameter_invalid"),
        ({"type": "user", "user_id": "u-1", "message_type": "comment", "body": "x",
          "attachment_files": [{"content_type": "text/plain", "data": "eA==", "name": "x.txt"}]},
         400, "parameter_invalid"),
        ({"type": "admin", "admin_id": "ADMIN", "message_type": "comment", "body": "x",
          "created_at": -1}, 400, "parameter_invalid"),
        ({"message_type": "comment", "body": "x"}, 400, "parameter_not_found"),
    ],
)  # fmt: skip
def test_reply_errors_change_nothing(api, start, admin_id, body, status, code):
    conversation = start()
    payload = {k: (admin_id if v == "ADMIN" else v) for k, v in body.items()}
    response = api.post(f"/conversations/{conversation['id']}/reply", json=payload)
    assert_error(response, status, code)
    assert api.get(f"/conversations/{conversation['id']}").json() == conversation


def test_reply_to_unknown_or_foreign_conversation(api, start, admin_id, make_contact):
    conversation = start()
    body = {"type": "admin", "admin_id": admin_id, "message_type": "comment", "body": "x"}
    assert_error(api.post("/conversations/99999/reply", json=body), 404, "not_found",
                 "Resource Not Found")  # fmt: skip
    assert_error(api.post("/conversations/last/reply", json=body), 404, "not_found")
    stranger = make_contact(role="user", email="stranger@x.test")
    response = api.post(
        f"/conversations/{conversation['id']}/reply",
        json={"type": "user", "intercom_user_id": stranger["id"], "message_type": "comment",
              "body": "not mine"},
    )  # fmt: skip
    assert_error(response, 400, "parameter_invalid")


# --- manage --------------------------------------------------------------------------------


def test_snooze_runs_out_and_wakes_the_conversation(api, start, act, admin_id, clock):
    conversation = start()
    until = clock.now() + 600
    act(conversation["id"], "parts", message_type="snoozed", admin_id=admin_id,
        snoozed_until=until)  # fmt: skip
    clock.advance(599)
    assert api.get(f"/conversations/{conversation['id']}").json()["state"] == "snoozed"
    clock.advance(1000)
    listed = api.get("/conversations").json()["conversations"][0]
    assert (listed["state"], listed["snoozed_until"]) == ("open", None)
    woken = api.get(f"/conversations/{conversation['id']}").json()
    last = _parts(woken)[-1]
    assert last["part_type"] == "unsnoozed"
    assert last["created_at"] == until
    assert last["author"]["type"] == "bot"
    assert [p["part_type"] for p in _parts(woken)] == ["snoozed", "unsnoozed"]


def test_open_from_snoozed_and_closed(api, start, act, admin_id, clock):
    conversation = start()
    act(conversation["id"], "parts", message_type="snoozed", admin_id=admin_id,
        snoozed_until=clock.now() + 60)  # fmt: skip
    opened = act(conversation["id"], "parts", message_type="open", admin_id=admin_id)
    assert (opened["state"], opened["snoozed_until"]) == ("open", None)
    act(conversation["id"], "parts", message_type="close", type="admin", admin_id=admin_id)
    opened = act(conversation["id"], "parts", message_type="open", admin_id=admin_id)
    assert (opened["state"], opened["open"]) == ("open", True)
    assert opened["statistics"]["count_reopens"] == 1


def test_assign_team_then_unassign_and_assign_and_reopen(
    api, start, act, admin_id, bob_id, team_id
):
    conversation = start()
    assigned = act(conversation["id"], "parts", message_type="assignment", type="team",
                   admin_id=admin_id, assignee_id=team_id)  # fmt: skip
    assert assigned["team_assignee_id"] == int(team_id)
    assert _parts(assigned)[-1]["assigned_to"] == {"type": "team", "id": team_id}
    unassigned = act(conversation["id"], "parts", message_type="assignment", type="team",
                     admin_id=admin_id, assignee_id="0")  # fmt: skip
    assert unassigned["team_assignee_id"] is None
    assert _parts(unassigned)[-1]["assigned_to"] == {"type": "nobody_admin", "id": None}
    assert unassigned["statistics"]["count_assignments"] == 1
    act(conversation["id"], "parts", message_type="close", type="admin", admin_id=admin_id)
    reopened = act(conversation["id"], "parts", message_type="assignment", type="admin",
                   admin_id=admin_id, assignee_id=bob_id, body="Bob will help")  # fmt: skip
    last = _parts(reopened)[-1]
    assert last["part_type"] == "assign_and_reopen"
    assert last["body"] == "<p>Bob will help</p>"
    assert (reopened["state"], reopened["admin_assignee_id"]) == ("open", int(bob_id))
    assert reopened["statistics"]["count_reopens"] == 1
    assert reopened["statistics"]["count_assignments"] == 2


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"message_type": "close", "admin_id": "ADMIN"}, 400, "parameter_not_found"),
        ({"message_type": "close", "type": "team", "admin_id": "ADMIN"}, 400,
         "parameter_invalid"),
        ({"message_type": "close", "type": "admin"}, 400, "parameter_not_found"),
        ({"message_type": "snoozed", "admin_id": "ADMIN"}, 400, "parameter_not_found"),
        ({"message_type": "snoozed", "admin_id": "ADMIN", "snoozed_until": START}, 400,
         "parameter_invalid"),
        ({"message_type": "assignment", "type": "admin", "admin_id": "ADMIN"}, 400,
         "parameter_not_found"),
        ({"message_type": "assignment", "type": "admin", "admin_id": "ADMIN",
          "assignee_id": "987654"}, 404, "assignee_not_found"),
        ({"message_type": "assignment", "type": "team", "admin_id": "ADMIN",
          "assignee_id": "987654"}, 404, "assignee_not_found"),
        ({"message_type": "delete", "admin_id": "ADMIN"}, 400, "parameter_invalid"),
        ({"admin_id": "ADMIN"}, 400, "parameter_not_found"),
        ({"message_type": "open", "admin_id": "ADMIN", "colour": "red"}, 400, "bad_request"),
    ],
)  # fmt: skip
def test_manage_errors_change_nothing(api, start, admin_id, body, status, code):
    conversation = start()
    payload = {k: (admin_id if v == "ADMIN" else v) for k, v in body.items()}
    response = api.post(f"/conversations/{conversation['id']}/parts", json=payload)
    assert_error(response, status, code)
    assert api.get(f"/conversations/{conversation['id']}").json() == conversation


def test_manage_is_scoped_to_the_workspace(api, start, other_workspace):
    conversation = start()
    response = api.post(
        f"/conversations/{conversation['id']}/parts",
        json={"message_type": "close", "type": "admin", "admin_id": str(other_workspace.admin.id)},
        headers={"Authorization": f"Bearer {other_workspace.token}"},
    )
    assert_error(response, 404, "not_found")
    assert api.get(f"/conversations/{conversation['id']}").json()["state"] == "open"


# --- redact --------------------------------------------------------------------------------


def test_redact_source_written_by_the_contact(api, start, clock):
    conversation = start(body="my card is 4242")
    clock.advance(9)
    response = api.post(
        "/conversations/redact",
        json={"type": "source", "conversation_id": conversation["id"],
              "source_id": conversation["source"]["id"]},
    )  # fmt: skip
    assert response.status_code == 200, response.text
    redacted = response.json()
    assert redacted["source"]["body"] == "<p><i>This message was deleted</i></p>"
    assert redacted["source"]["redacted"] is True
    assert redacted["updated_at"] == clock.now()
    assert api.get(f"/conversations/{conversation['id']}").json()["source"]["redacted"] is True


def test_redact_errors(api, start, act, admin_id):
    conversation = start()
    cid = conversation["id"]
    closed = act(cid, "parts", message_type="close", type="admin", admin_id=admin_id)
    bare_close = _parts(closed)[-1]["id"]
    other = start(body="another")
    other_part = _parts(
        act(other["id"], "reply", type="admin", admin_id=admin_id, message_type="note", body="n")
    )[-1]["id"]
    cases = [
        ({"type": "conversation_part", "conversation_id": cid, "conversation_part_id": bare_close},
         400, "conversation_part_not_redactable"),
        ({"type": "conversation_part", "conversation_id": cid, "conversation_part_id": other_part},
         404, "conversation_part_or_message_not_found"),
        ({"type": "conversation_part", "conversation_id": "424242", "conversation_part_id": "1"},
         404, "conversation_part_or_message_not_found"),
        ({"type": "source", "conversation_id": cid, "source_id": "1"}, 404,
         "conversation_part_or_message_not_found"),
        ({"type": "conversation_part", "conversation_id": cid}, 400, "parameter_not_found"),
        ({"type": "message", "conversation_id": cid, "source_id": "1"}, 400, "parameter_invalid"),
    ]  # fmt: skip
    before = api.get(f"/conversations/{cid}").json()
    for body, status, code in cases:
        assert_error(api.post("/conversations/redact", json=body), status, code)
    assert api.get(f"/conversations/{cid}").json() == before
