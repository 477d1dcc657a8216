"""The conversation behind an admin message: invisible until the contact replies (or at
once with ``create_conversation_without_contact_reply``), then an ordinary conversation
whose source is the message."""

from __future__ import annotations

from tests.conftest import START, assert_error


def _contact_reply(api, contact, body="Thanks, got it"):
    return api.post(
        "/conversations/last/reply",
        json={
            "type": "user",
            "message_type": "comment",
            "body": body,
            "intercom_user_id": contact["id"],
        },
    )


def test_message_invisible_until_the_contact_replies(api, send, stored_id, contact, clock):
    message = send(body="Have you tried turning it off and on again?").json()
    assert "conversation_id" not in message
    cid = stored_id(message["id"])
    assert_error(api.get(f"/conversations/{cid}"), 404, "not_found", "Resource Not Found")
    listed = api.get("/conversations").json()
    assert listed["conversations"] == [] and listed["total_count"] == 0

    clock.advance(120)
    replied = _contact_reply(api, contact)
    assert replied.status_code == 200, replied.text
    conversation = replied.json()
    assert conversation["id"] == str(cid)
    assert api.get(f"/conversations/{cid}").status_code == 200
    assert [c["id"] for c in api.get("/conversations").json()["conversations"]] == [str(cid)]


def test_message_conversation_after_the_reply(api, send, stored_id, contact, admin_id, clock):
    message = send(body="Have you tried turning it off and on again?").json()
    clock.advance(120)
    _contact_reply(api, contact)
    conversation = api.get(f"/conversations/{stored_id(message['id'])}").json()
    assert conversation["created_at"] == START
    assert conversation["updated_at"] == START + 120
    assert conversation["state"] == "open" and conversation["open"] is True
    assert conversation["source"] == {
        "type": "conversation",
        "id": message["id"],
        "delivered_as": "admin_initiated",
        "subject": "",
        "body": "<p>Have you tried turning it off and on again?</p>",
        "author": {"type": "admin", "id": admin_id, "name": "Ada Owner", "email": "ada@acme.test"},
        "attachments": [],
        "url": None,
        "redacted": False,
    }
    assert conversation["contacts"] == {
        "type": "contact.list",
        "contacts": [{"type": "contact", "id": contact["id"], "external_id": "u-1"}],
    }
    parts = conversation["conversation_parts"]["conversation_parts"]
    assert [(p["part_type"], p["body"], p["created_at"]) for p in parts] == [
        ("comment", "<p>Thanks, got it</p>", START + 120)
    ]
    assert parts[0]["author"] == {
        "type": "user",
        "id": contact["id"],
        "name": "Joe Bloggs",
        "email": "joe@bloggs.test",
    }
    assert conversation["waiting_since"] == START + 120


def test_email_message_conversation_source(api, send, stored_id, contact):
    message = send(message_type="email", subject="Your invoice", body="Please pay").json()
    _contact_reply(api, contact)
    source = api.get(f"/conversations/{stored_id(message['id'])}").json()["source"]
    assert source["type"] == "email"
    assert source["subject"] == "Your invoice"
    assert source["body"] == "<p>Please pay</p>"
    assert source["delivered_as"] == "admin_initiated"


def test_message_without_contact_reply_opens_a_conversation(api, send, contact, admin_id):
    response = send(body="Welcome aboard", create_conversation_without_contact_reply=True)
    assert response.status_code == 200, response.text
    message = response.json()
    cid = message["conversation_id"]
    assert cid.isdigit()
    conversation = api.get(f"/conversations/{cid}")
    assert conversation.status_code == 200, conversation.text
    conversation = conversation.json()
    assert conversation["source"]["id"] == message["id"]
    assert conversation["source"]["author"]["id"] == admin_id
    assert conversation["source"]["delivered_as"] == "admin_initiated"
    assert conversation["conversation_parts"]["conversation_parts"] == []
    assert conversation["contacts"]["contacts"][0]["id"] == contact["id"]
    assert [c["id"] for c in api.get("/conversations").json()["conversations"]] == [cid]


def test_message_with_contact_reply_flag_false(api, send):
    message = send(create_conversation_without_contact_reply=False).json()
    assert "conversation_id" not in message
    assert api.get("/conversations").json()["conversations"] == []


def test_message_conversation_searchable_by_source_id(api, send, contact):
    """Conversations in the inbox are found by the message id; an unanswered message only
    once the contact replies."""
    message = send(body="Searchable", create_conversation_without_contact_reply=True).json()
    hidden = send(body="Not yet").json()
    response = api.post(
        "/conversations/search",
        json={"query": {"field": "source.id", "operator": "=", "value": message["id"]}},
    )
    assert response.status_code == 200, response.text
    assert [c["id"] for c in response.json()["conversations"]] == [message["conversation_id"]]
    unseen = api.post(
        "/conversations/search",
        json={"query": {"field": "source.id", "operator": "=", "value": hidden["id"]}},
    )
    assert unseen.json()["conversations"] == []
    _contact_reply(api, contact)
    found = api.post(
        "/conversations/search",
        json={"query": {"field": "source.id", "operator": "=", "value": hidden["id"]}},
    )
    assert [c["source"]["id"] for c in found.json()["conversations"]] == [hidden["id"]]
