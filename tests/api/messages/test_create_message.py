"""createMessage: admin messages (in-app and email), their errors, the legacy
contact-initiated form, and workspace isolation."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from backchannel.db.tables import Conversation, ConversationContact
from tests.conftest import START, assert_error, contract_client

OWNER = {
    "type": "admin",
    "name": "Ada Owner",
    "email": "ada@acme.test",
    "away_mode_enabled": False,
    "away_mode_reassign": False,
}


def test_create_message_in_app(send, admin_id):
    response = send(body="Hello <b>there</b>")
    assert response.status_code == 200, response.text
    message = response.json()
    assert message == {
        "type": "admin_message",
        "id": message["id"],
        "created_at": START,
        "subject": "",
        "body": "<p>Hello <b>there</b></p>",
        "message_type": "inapp",
        "owner": {**OWNER, "id": admin_id},
    }
    assert message["id"].isdigit()


@pytest.mark.parametrize("message_type", ["in_app", "inapp", "conversation", None])
def test_create_message_in_app_spellings(send, message_type):
    response = send(message_type=message_type)
    assert response.status_code == 200, response.text
    assert response.json()["message_type"] == "inapp"


def test_create_message_email(send, admin_id):
    response = send(
        message_type="email",
        subject="Your invoice",
        template="personal",
        body="<p>Hi Joe,</p><p>see attached.</p>",
    )
    assert response.status_code == 200, response.text
    message = response.json()
    assert message == {
        "type": "admin_message",
        "id": message["id"],
        "created_at": START,
        "subject": "Your invoice",
        "body": "<p>Hi Joe,</p><p>see attached.</p>",
        "message_type": "email",
        "owner": {**OWNER, "id": admin_id},
    }


def test_create_message_plain_text_body_is_wrapped(send):
    response = send(body="Line one\n\nTom & Jerry")
    assert response.status_code == 200, response.text
    assert response.json()["body"] == "<p>Line one</p><p>Tom &amp; Jerry</p>"


def test_create_message_admin_id_as_integer(send, admin_id):
    response = send(**{"from": {"type": "admin", "id": int(admin_id)}})
    assert response.status_code == 200, response.text
    assert response.json()["owner"]["id"] == admin_id


@pytest.mark.parametrize(
    "to",
    [
        {"type": "user", "user_id": "u-1"},
        {"type": "user", "email": "JOE@bloggs.test"},
        {"type": "lead", "id": None},
    ],
    ids=["user_id", "email", "lead-by-id"],
)
def test_create_message_recipient_forms(send, make_contact, contact, runtime, to):
    expected = contact["id"]
    if to["type"] == "lead":
        expected = make_contact(role="lead", name="Lee")["id"]
        to = {"type": "lead", "id": expected}
    response = send(to=to)
    assert response.status_code == 200, response.text
    message = response.json()
    assert (message["type"], message["body"]) == ("admin_message", "<p>Hello there</p>")
    with runtime.sessions() as session:
        recipients = session.execute(
            select(ConversationContact.contact_id)
            .join(Conversation, Conversation.id == ConversationContact.conversation_id)
            .where(Conversation.source_id == message["id"])
        ).scalars()
        assert list(recipients) == [expected]


def test_create_message_without_from_is_sent_by_the_calling_admin(api, contact, admin_id):
    response = api.post(
        "/messages", json={"to": {"type": "user", "id": contact["id"]}, "body": "Hi"}
    )
    assert response.status_code == 200, response.text
    assert response.json()["owner"] == {**OWNER, "id": admin_id}


def test_create_message_created_at(send):
    response = send(created_at=START - 3600)
    assert response.status_code == 200, response.text
    assert response.json()["created_at"] == START - 3600


def test_create_message_created_at_in_the_future(send):
    response = send(created_at=START + 60)
    assert_error(response, 400, "parameter_invalid", "created_at must not be in the future")


# Errors ---------------------------------------------------------------------------------


@pytest.mark.parametrize("body", [None, "", "   \n"], ids=["null", "empty", "blank"])
@pytest.mark.parametrize("message_type", ["inapp", "email"])
def test_create_message_body_required(send, body, message_type):
    response = send(body=body, message_type=message_type, subject="heyy")
    body_json = assert_error(response, 400, "parameter_invalid", "Body is required")
    assert body_json["errors"][0]["field"] == "body"


def test_create_message_body_missing(api, admin_id, contact):
    response = api.post(
        "/messages",
        json={
            "from": {"type": "admin", "id": admin_id},
            "to": {"type": "user", "id": contact["id"]},
            "message_type": "inapp",
        },
    )
    assert_error(response, 400, "parameter_invalid", "Body is required")


@pytest.mark.parametrize("subject", [None, "", "  "], ids=["null", "empty", "blank"])
def test_create_message_email_subject_required(send, subject):
    response = send(message_type="email", subject=subject, body="hey there")
    assert_error(response, 422, "parameter_not_found", "No subject supplied for email message")


def test_create_message_email_without_subject_key(api, admin_id):
    # The recorded request: the contact named by user_id, no subject at all.
    response = api.post(
        "/messages",
        json={
            "from": {"type": "admin", "id": admin_id},
            "to": {"type": "user", "user_id": "70"},
            "message_type": "email",
            "body": "hey there",
        },
    )
    assert_error(response, 422, "parameter_not_found", "No subject supplied for email message")


def test_create_message_unknown_admin(send):
    response = send(**{"from": {"type": "admin", "id": "999999999"}})
    assert_error(response, 404, "admin_not_found", "Admin not found")


def test_create_message_admin_without_id(send):
    response = send(**{"from": {"type": "admin"}})
    assert_error(response, 400, "parameter_not_found", "from.id is a required parameter.")


@pytest.mark.parametrize(
    "to",
    [
        {"type": "user", "id": "0123456789abcdef01234567"},
        {"type": "user", "user_id": "nobody"},
        {"type": "lead", "email": "nobody@example.test"},
    ],
    ids=["id", "user_id", "email"],
)
def test_create_message_unknown_contact(send, to):
    response = send(to=to)
    assert_error(response, 404, "not_found", "User Not Found")


def test_create_message_archived_contact(api, send, contact):
    assert api.post(f"/contacts/{contact['id']}/archive").status_code == 200
    assert_error(send(), 404, "not_found", "User Not Found")


def test_create_message_without_to(send):
    response = send(to=None)
    assert_error(response, 400, "parameter_not_found", "to is a required parameter.")


def test_create_message_to_without_identifier(send):
    response = send(to={"type": "user"})
    assert_error(response, 400, "parameter_not_found", "to.id is a required parameter.")


def test_create_message_to_without_type(send, contact):
    response = send(to={"id": contact["id"]})
    assert_error(response, 400, "parameter_not_found", "to.type is a required parameter.")


def test_create_message_to_bad_type(send, contact):
    response = send(to={"type": "admin", "id": contact["id"]})
    assert_error(response, 400, "parameter_invalid", "to.type must be one of user, lead")


def test_create_message_bad_from_type(send):
    response = send(**{"from": {"type": "team", "id": "1"}})
    assert_error(response, 400, "parameter_invalid")


def test_create_message_bad_message_type(send):
    response = send(message_type="sms")
    assert_error(response, 400, "parameter_invalid", "message_type must be one of in_app, email")


def test_create_message_bad_template(send):
    response = send(message_type="email", subject="Hi", template="fancy")
    assert_error(response, 400, "parameter_invalid", "template must be one of plain, personal")


@pytest.mark.parametrize(
    ("extra", "name"),
    [
        ({"colour": "red"}, "colour"),
        ({"to": {"type": "user", "id": "x", "phone": "1"}}, "to.phone"),
        ({"from": {"type": "admin", "id": "1", "name": "Ada"}}, "from.name"),
    ],
    ids=["top-level", "in-to", "in-from"],
)
def test_create_message_unknown_field(send, extra, name):
    response = send(**extra)
    assert_error(response, 400, "bad_request", f"bad '{name}' parameter")


def test_create_message_unauthorized(anonymous):
    response = anonymous.post("/messages", json={"body": "x"})
    assert_error(response, 401, "unauthorized", "Access Token Invalid")


# The legacy contact-initiated form ----------------------------------------------------------


@pytest.mark.parametrize("role", ["user", "lead"])
def test_create_message_from_a_contact(api, make_contact, role):
    who = make_contact(role=role, name="Sam", email="sam@example.test")
    response = api.post(
        "/messages",
        json={
            "from": {"type": role, "id": who["id"]},
            "body": "heyy",
            "referer": "https://twitter.com/bob",
        },
    )
    assert response.status_code == 200, response.text
    message = response.json()
    assert message == {
        "type": "user_message",
        "id": message["id"],
        "created_at": START,
        "body": "<p>heyy</p>",
        "message_type": "inapp",
        "conversation_id": message["conversation_id"],
    }
    conversation = api.get(f"/conversations/{message['conversation_id']}").json()
    assert conversation["source"]["id"] == message["id"]
    assert conversation["source"]["delivered_as"] == "customer_initiated"
    assert conversation["source"]["author"]["id"] == who["id"]
    assert conversation["source"]["author"]["type"] == role
    assert conversation["waiting_since"] == START


def test_create_message_from_an_unknown_contact(api):
    response = api.post(
        "/messages",
        json={"from": {"type": "user", "id": "0123456789abcdef01234567"}, "body": "heyy"},
    )
    assert_error(response, 404, "not_found", "User Not Found")


def test_create_message_from_a_contact_without_body(api, contact):
    response = api.post("/messages", json={"from": {"type": "user", "id": contact["id"]}})
    assert_error(response, 400, "parameter_invalid", "Body is required")


def test_create_message_from_a_contact_to_someone(api, contact):
    response = api.post(
        "/messages",
        json={
            "from": {"type": "user", "id": contact["id"]},
            "to": {"type": "user", "id": contact["id"]},
            "body": "heyy",
        },
    )
    assert_error(response, 400, "parameter_invalid")


def test_create_message_from_a_contact_as_email(api, contact):
    response = api.post(
        "/messages",
        json={
            "from": {"type": "user", "id": contact["id"]},
            "message_type": "email",
            "subject": "Hi",
            "body": "heyy",
        },
    )
    assert_error(response, 400, "parameter_invalid")


# Isolation ------------------------------------------------------------------------------


def test_create_message_other_workspace_contact(app, other_workspace, contact):
    with contract_client(app) as other:
        other.headers["Authorization"] = f"Bearer {other_workspace.token}"
        response = other.post(
            "/messages",
            json={
                "from": {"type": "admin", "id": str(other_workspace.admin.id)},
                "to": {"type": "user", "id": contact["id"]},
                "message_type": "inapp",
                "body": "Hello from elsewhere",
            },
        )
        assert_error(response, 404, "not_found", "User Not Found")
        legacy = other.post(
            "/messages", json={"from": {"type": "user", "id": contact["id"]}, "body": "hi"}
        )
        assert_error(legacy, 404, "not_found", "User Not Found")


def test_create_message_other_workspace_admin(send, other_workspace):
    response = send(**{"from": {"type": "admin", "id": str(other_workspace.admin.id)}})
    assert_error(response, 404, "admin_not_found", "Admin not found")
