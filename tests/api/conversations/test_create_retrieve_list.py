"""createConversation, retrieveConversation and listConversations."""

from __future__ import annotations

import pytest
from sqlalchemy import insert

from backchannel.db.tables import ConversationPart
from tests.conftest import START, assert_error


def test_create_by_lead_with_subject_and_attachments(api, make_contact):
    lead = make_contact(role="lead", name="Lee")
    response = api.post(
        "/conversations",
        json={
            "from": {"type": "lead", "id": lead["id"]},
            "body": "Line one\nline two",
            "subject": "Billing",
            "attachment_urls": ["https://files.example.test/a/screen%20shot.png"],
        },
    )
    assert response.status_code == 200, response.text
    conversation = api.get(f"/conversations/{response.json()['conversation_id']}").json()
    source = conversation["source"]
    assert source["body"] == "<p>Line one<br>line two</p>"
    assert source["subject"] == "Billing"
    assert source["author"]["type"] == "lead"
    assert source["attachments"] == [
        {
            "type": "upload",
            "name": "screen shot.png",
            "url": "https://files.example.test/a/screen%20shot.png",
            "content_type": "image/png",
        }
    ]


def test_create_from_a_visitor_makes_a_lead(api, runtime, workspace):
    from backchannel.db.tables import Visitor

    with runtime.sessions.begin() as session:
        session.add(
            Visitor(
                id="5f0000000000000000000001",
                workspace_id=workspace.workspace.id,
                user_id="visitor-1",
                created_at=START,
                updated_at=START,
                custom_attributes={},
            )
        )
    response = api.post(
        "/conversations",
        json={"from": {"type": "contact", "id": "5f0000000000000000000001"}, "body": "Hi"},
    )
    assert response.status_code == 200, response.text
    conversation = api.get(f"/conversations/{response.json()['conversation_id']}").json()
    author = conversation["source"]["author"]
    assert author["type"] == "lead"
    lead = api.get(f"/contacts/{author['id']}").json()
    assert lead["role"] == "lead"


def _with_contact(value, contact_id):
    """``value`` with every ``"CONTACT"`` replaced by the contact's id."""
    if isinstance(value, dict):
        return {key: _with_contact(item, contact_id) for key, item in value.items()}
    return contact_id if value == "CONTACT" else value


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"body": "Hi"}, 400, "parameter_not_found"),
        ({"from": {"type": "user", "id": "0" * 24}, "body": "Hi"}, 404, "not_found"),
        ({"from": {"type": "admin", "id": "1"}, "body": "Hi"}, 400, "parameter_invalid"),
        ({"from": {"type": "user"}, "body": "Hi"}, 400, "parameter_not_found"),
        ({"from": {"type": "user", "id": "CONTACT"}}, 400, "parameter_invalid"),
        ({"from": {"type": "user", "id": "CONTACT"}, "body": "  "}, 400, "parameter_invalid"),
        ({"from": {"type": "user", "id": "CONTACT"}, "body": 5}, 400, "parameter_invalid"),
        ({"from": {"type": "user", "id": "CONTACT"}, "body": "x", "extra": 1}, 400, "bad_request"),
        (
            {
                "from": {"type": "user", "id": "CONTACT"},
                "body": "x",
                "attachment_urls": ["ftp://x"],
            },
            400,
            "parameter_invalid",
        ),
        (
            {"from": {"type": "user", "id": "CONTACT"}, "body": "x", "attachment_urls": ["u"] * 11},
            400,
            "parameter_invalid",
        ),
    ],
)
def test_create_errors_store_nothing(api, contact, body, status, code):
    payload = _with_contact(body, contact["id"])
    assert_error(api.post("/conversations", json=payload), status, code)
    assert api.get("/conversations").json()["total_count"] == 0


def test_create_for_a_contact_of_another_workspace_is_not_found(api, contact, other_workspace):
    response = api.post(
        "/conversations",
        json={"from": {"type": "user", "id": contact["id"]}, "body": "Hi"},
        headers={"Authorization": f"Bearer {other_workspace.token}"},
    )
    assert_error(response, 404, "not_found", "User Not Found")


def test_retrieve_errors(api, start, other_workspace):
    conversation = start()
    assert_error(api.get("/conversations/123456"), 404, "not_found", "Resource Not Found")
    assert_error(api.get("/conversations/nope"), 404, "not_found", "Resource Not Found")
    foreign = api.get(
        f"/conversations/{conversation['id']}",
        headers={"Authorization": f"Bearer {other_workspace.token}"},
    )
    assert_error(foreign, 404, "not_found", "Resource Not Found")
    response = api.get(f"/conversations/{conversation['id']}", params={"display_as": "pdf"})
    assert_error(response, 400, "parameter_invalid")


def test_retrieve_as_plaintext(api, start, act, admin_id):
    conversation = start(body="Hello & <welcome>")
    act(conversation["id"], "reply", type="admin", admin_id=admin_id, message_type="note",
        body="<h2>Notes</h2><ul><li>Coffee</li><li>Tea</li></ul>")  # fmt: skip
    shown = api.get(f"/conversations/{conversation['id']}", params={"display_as": "plaintext"})
    assert shown.status_code == 200
    body = shown.json()
    assert body["source"]["body"] == "Hello & <welcome>"
    assert body["conversation_parts"]["conversation_parts"][0]["body"] == "Notes\nCoffee\nTea"
    html = api.get(f"/conversations/{conversation['id']}").json()
    assert html["source"]["body"] == "<p>Hello &amp; &lt;welcome&gt;</p>"


def test_parts_are_capped_at_the_500_most_recent(api, start, runtime):
    conversation = start()
    rows = [
        {
            "conversation_id": int(conversation["id"]),
            "part_type": "note",
            "body": f"<p>{n}</p>",
            "created_at": START + n,
            "updated_at": START + n,
            "notified_at": START + n,
            "author_type": "admin",
            "author_id": "1",
            "attachments": [],
            "redacted": False,
        }
        for n in range(1, 503)
    ]
    with runtime.sessions.begin() as session:
        session.execute(insert(ConversationPart), rows)
    parts = api.get(f"/conversations/{conversation['id']}").json()["conversation_parts"]
    assert parts["total_count"] == 502
    assert len(parts["conversation_parts"]) == 500
    assert parts["conversation_parts"][0]["body"] == "<p>3</p>"
    assert parts["conversation_parts"][-1]["body"] == "<p>502</p>"


def test_list_pages_newest_first(api, start, clock):
    made = []
    for n in range(5):
        clock.advance(1)
        made.append(start(body=f"number {n}")["id"])
    first = api.get("/conversations", params={"per_page": 2})
    assert first.status_code == 200
    page = first.json()
    assert page["type"] == "conversation.list"
    assert page["total_count"] == 5
    assert [c["id"] for c in page["conversations"]] == made[::-1][:2]
    assert "conversation_parts" not in page["conversations"][0]
    assert page["pages"]["next"]["starting_after"]
    seen = [c["id"] for c in page["conversations"]]
    while "next" in page["pages"]:
        page = api.get(
            "/conversations",
            params={"per_page": 2, "starting_after": page["pages"]["next"]["starting_after"]},
        ).json()
        seen += [c["id"] for c in page["conversations"]]
    assert seen == made[::-1]
    assert page["pages"]["page"] == 3


def test_list_default_page_size_and_errors(api, start, other_workspace):
    for _ in range(21):
        start()
    page = api.get("/conversations").json()
    assert len(page["conversations"]) == 20 and page["pages"]["per_page"] == 20
    assert_error(api.get("/conversations", params={"starting_after": "garbage"}), 400,
                 "client_error")  # fmt: skip
    assert_error(api.get("/conversations", params={"per_page": "x"}), 400, "parameter_invalid")
    foreign = api.get(
        "/conversations", headers={"Authorization": f"Bearer {other_workspace.token}"}
    )
    assert foreign.json()["total_count"] == 0
