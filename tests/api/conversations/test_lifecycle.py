"""A conversation driven through its whole life, checking parts, state and statistics at
each step: create -> admin reply -> assign -> snooze -> contact reply (wakes it) -> close ->
contact reply (reopens it) -> redact."""

from __future__ import annotations

from tests.conftest import START


def _parts(conversation):
    return conversation["conversation_parts"]["conversation_parts"]


def _types(conversation):
    return [part["part_type"] for part in _parts(conversation)]


def test_lifecycle(api, start, act, contact, admin_id, bob_id, team_id, clock):
    # A contact starts the conversation: open, unread, the customer waiting since then.
    created = api.post(
        "/conversations",
        json={"from": {"type": "user", "id": contact["id"]}, "body": "I need <help>"},
    )
    assert created.status_code == 200, created.text
    message = created.json()
    assert message == {
        "type": "user_message",
        "id": message["id"],
        "created_at": START,
        "body": "<p>I need &lt;help&gt;</p>",
        "message_type": "inapp",
        "conversation_id": message["conversation_id"],
    }
    cid = message["conversation_id"]
    conversation = api.get(f"/conversations/{cid}").json()
    assert conversation["state"] == "open" and conversation["open"] is True
    assert conversation["read"] is False
    assert conversation["waiting_since"] == START
    assert conversation["source"] == {
        "type": "conversation",
        "id": message["id"],
        "delivered_as": "customer_initiated",
        "subject": "",
        "body": "<p>I need &lt;help&gt;</p>",
        "author": {
            "type": "user",
            "id": contact["id"],
            "name": "Joe Bloggs",
            "email": "joe@bloggs.test",
        },
        "attachments": [],
        "url": None,
        "redacted": False,
    }
    assert conversation["contacts"] == {
        "type": "contact.list",
        "contacts": [{"type": "contact", "id": contact["id"], "external_id": "u-1"}],
    }
    assert conversation["first_contact_reply"] == {
        "created_at": START,
        "type": "conversation",
        "url": None,
    }
    assert conversation["conversation_parts"] == {
        "type": "conversation_part.list",
        "conversation_parts": [],
        "total_count": 0,
    }
    assert conversation["statistics"]["first_contact_reply_at"] == START
    assert conversation["statistics"]["count_conversation_parts"] == 0

    # An admin replies 60 s later: the wait ends, the reply time is measured.
    clock.advance(60)
    conversation = act(cid, "reply", type="admin", admin_id=admin_id, message_type="comment",
                       body="Hello there")  # fmt: skip
    assert _types(conversation) == ["comment"]
    part = _parts(conversation)[0]
    assert part["body"] == "<p>Hello there</p>"
    assert part["author"] == {
        "type": "admin",
        "id": admin_id,
        "name": "Ada Owner",
        "email": "ada@acme.test",
    }
    assert conversation["waiting_since"] is None
    stats = conversation["statistics"]
    assert stats["first_admin_reply_at"] == START + 60
    assert stats["time_to_admin_reply"] == 60
    assert stats["median_time_to_reply"] == 60
    assert conversation["teammates"] == {
        "type": "admin.list",
        "teammates": [{"type": "admin", "id": admin_id}],
    }

    # Assign to Bob.
    clock.advance(30)
    conversation = act(cid, "parts", message_type="assignment", type="admin", admin_id=admin_id,
                       assignee_id=bob_id)  # fmt: skip
    assert _types(conversation)[-1] == "assignment"
    assert _parts(conversation)[-1]["assigned_to"] == {"type": "admin", "id": bob_id}
    assert conversation["admin_assignee_id"] == int(bob_id)
    assert conversation["statistics"]["first_assignment_at"] == START + 90
    assert conversation["statistics"]["time_to_assignment"] == 90
    assert conversation["statistics"]["count_assignments"] == 1

    # Bob snoozes it for an hour.
    clock.advance(10)
    until = clock.now() + 3600
    conversation = act(cid, "parts", message_type="snoozed", admin_id=bob_id, snoozed_until=until)
    assert _types(conversation)[-1] == "snoozed"
    assert (conversation["state"], conversation["open"]) == ("snoozed", True)
    assert conversation["snoozed_until"] == until

    # The contact writes before the snooze ends: it wakes up, the customer waits again.
    clock.advance(100)
    conversation = act(cid, "reply", type="user", intercom_user_id=contact["id"],
                       message_type="comment", body="Any news?")  # fmt: skip
    assert _types(conversation)[-1] == "comment"
    assert _parts(conversation)[-1]["author"]["type"] == "user"
    assert (conversation["state"], conversation["open"]) == ("open", True)
    assert conversation["snoozed_until"] is None
    assert conversation["waiting_since"] == clock.now()
    assert conversation["statistics"]["last_contact_reply_at"] == clock.now()

    # Bob closes it with a message: that is a reply too (30 s after the contact wrote).
    clock.advance(30)
    conversation = act(cid, "parts", message_type="close", type="admin", admin_id=bob_id,
                       body="Fixed!")  # fmt: skip
    assert _types(conversation)[-1] == "close"
    assert (conversation["state"], conversation["open"]) == ("closed", False)
    assert conversation["waiting_since"] is None
    stats = conversation["statistics"]
    assert stats["last_close_at"] == stats["first_close_at"] == clock.now()
    assert stats["time_to_first_close"] == clock.now() - START
    assert stats["last_closed_by_id"] == bob_id
    assert stats["median_time_to_reply"] == 45  # median of 60 and 30
    assert stats["last_assignment_admin_reply_at"] == clock.now()

    # The contact writes again: the reply reopens it as an "open" part carrying the body.
    clock.advance(5)
    conversation = act(cid, "reply", type="user", email="joe@bloggs.test",
                       message_type="comment", body="Thanks again :)")  # fmt: skip
    reopened = _parts(conversation)[-1]
    assert reopened["part_type"] == "open"
    assert reopened["body"] == "<p>Thanks again :)</p>"
    assert (conversation["state"], conversation["open"]) == ("open", True)
    assert conversation["waiting_since"] == clock.now()
    assert conversation["statistics"]["count_reopens"] == 1

    # Redact the contact's first reply: the body is replaced, the part marked, persisted.
    comment = next(p for p in _parts(conversation) if p["body"] == "<p>Any news?</p>")
    clock.advance(5)
    response = api.post(
        "/conversations/redact",
        json={"type": "conversation_part", "conversation_id": cid,
              "conversation_part_id": comment["id"]},
    )  # fmt: skip
    assert response.status_code == 200, response.text
    stored = api.get(f"/conversations/{cid}").json()
    redacted = next(p for p in _parts(stored) if p["id"] == comment["id"])
    assert redacted["body"] == "<p><i>This message was deleted</i></p>"
    assert redacted["redacted"] is True
    assert redacted["updated_at"] == clock.now()
    assert _types(stored) == ["comment", "assignment", "snoozed", "comment", "close", "open"]
    assert stored["statistics"]["count_conversation_parts"] == 6
