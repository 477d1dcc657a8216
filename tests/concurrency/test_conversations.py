"""Racing replies to one conversation: every part is kept, in order, and counted."""

from __future__ import annotations

import time
import uuid
from typing import Any

import httpx

from tests.concurrency.race import client, race
from tests.live import Server

REPLIES = 30


def _setup(http: httpx.Client) -> tuple[str, str, str]:
    """An admin id, a user, and a conversation the user started."""
    admin_id = http.get("/me").json()["id"]
    email = f"talker-{uuid.uuid4().hex[:10]}@example.com"
    contact = http.post("/contacts", json={"email": email})
    assert contact.status_code == 200, contact.text
    contact_id = contact.json()["id"]
    started = http.post(
        "/conversations", json={"from": {"type": "user", "id": contact_id}, "body": "Hello"}
    )
    assert started.status_code == 200, started.text
    return admin_id, contact_id, started.json()["conversation_id"]


def _reply(admin_id: str, contact_id: str, i: int) -> dict[str, Any]:
    if i % 3 == 0:
        return {"type": "user", "message_type": "comment", "intercom_user_id": contact_id,
                "body": f"contact {i}"}  # fmt: skip
    kind = "note" if i % 3 == 1 else "comment"
    return {
        "type": "admin",
        "message_type": kind,
        "admin_id": admin_id,
        "body": f"<p>admin {i}</p>",
    }


def test_reply_conversation_concurrently(server: Server) -> None:
    with client(server) as http:
        admin_id, contact_id, conversation_id = _setup(http)

    def reply(http: httpx.Client, i: int) -> httpx.Response:
        body = _reply(admin_id, contact_id, i)
        return http.post(f"/conversations/{conversation_id}/reply", json=body)

    responses = race(server, REPLIES, reply)
    assert [r.status_code for r in responses] == [200] * REPLIES, [r.text for r in responses]

    with client(server) as http:
        conversation = http.get(f"/conversations/{conversation_id}").json()
    listed = conversation["conversation_parts"]
    parts = listed["conversation_parts"]
    assert listed["total_count"] == len(parts) == REPLIES
    expected = {
        f"<p>contact {i}</p>" if i % 3 == 0 else f"<p>admin {i}</p>" for i in range(REPLIES)
    }
    assert {part["body"] for part in parts} == expected
    order = [(part["created_at"], int(part["id"])) for part in parts]
    assert order == sorted(order) and len(set(order)) == REPLIES
    types = [part["part_type"] for part in parts]
    assert types.count("note") == REPLIES // 3 and types.count("comment") == REPLIES - REPLIES // 3

    statistics = conversation["statistics"]
    assert statistics["count_conversation_parts"] == REPLIES
    contact_times = [p["created_at"] for p in parts if p["author"]["type"] == "user"]
    admin_times = [
        p["created_at"]
        for p in parts
        if p["author"]["type"] == "admin" and p["part_type"] == "comment"
    ]
    assert statistics["last_contact_reply_at"] == max(contact_times)
    assert statistics["first_admin_reply_at"] == min(admin_times)
    assert statistics["last_admin_reply_at"] == max(admin_times)
    assert conversation["state"] == "open"
    assert conversation["updated_at"] >= max(part["created_at"] for part in parts)


def test_reply_conversations_concurrently(server: Server) -> None:
    """Replies spread over several conversations land on the right one."""
    with client(server) as http:
        setups = [_setup(http) for _ in range(4)]

    def reply(http: httpx.Client, i: int) -> httpx.Response:
        admin_id, contact_id, conversation_id = setups[i % len(setups)]
        body = _reply(admin_id, contact_id, i)
        return http.post(f"/conversations/{conversation_id}/reply", json=body)

    responses = race(server, REPLIES, reply)
    assert [r.status_code for r in responses] == [200] * REPLIES
    with client(server) as http:
        for n, (_, _, conversation_id) in enumerate(setups):
            conversation = http.get(f"/conversations/{conversation_id}").json()
            mine = [i for i in range(REPLIES) if i % len(setups) == n]
            parts = conversation["conversation_parts"]["conversation_parts"]
            assert len(parts) == len(mine)
            assert conversation["statistics"]["count_conversation_parts"] == len(mine)


def test_retrieve_conversation_wakes_it_once_concurrently(server: Server) -> None:
    """Reads racing to wake a conversation whose snooze ran out add one ``unsnoozed`` part."""
    with client(server) as http:
        admin_id, _, conversation_id = _setup(http)
        until = int(time.time()) + 2
        body = {"message_type": "snoozed", "admin_id": admin_id, "snoozed_until": until}
        snoozed = http.post(f"/conversations/{conversation_id}/parts", json=body)
        assert snoozed.status_code == 200, snoozed.text
    time.sleep(max(0.0, until + 1 - time.time()))

    def read(http: httpx.Client, i: int) -> httpx.Response:
        if i % 2:
            return http.get("/conversations")
        return http.get(f"/conversations/{conversation_id}")

    responses = race(server, REPLIES, read)
    assert {r.status_code for r in responses} == {200}
    with client(server) as http:
        conversation = http.get(f"/conversations/{conversation_id}").json()
    types = [part["part_type"] for part in conversation["conversation_parts"]["conversation_parts"]]
    assert types == ["snoozed", "unsnoozed"]
    assert conversation["state"] == "open"
    assert conversation["statistics"]["count_conversation_parts"] == 2
