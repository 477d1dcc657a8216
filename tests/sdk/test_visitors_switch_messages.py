"""Visitors, phone call redirects ("Switch") and admin messages to leads through the official
python-intercom SDK, against a real server.

2.10 has no operation that makes a visitor: they are made with ``backchannel visitor
create`` against the server's database, as an operator would.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from intercom import (
    CreateMessageRequest_Inapp,
    CreateMessageRequestFrom,
    CreateMessageRequestTo,
    CreatePhoneSwitchRequest,
    UpdateVisitorRequestWithId,
    UpdateVisitorRequestWithUserId,
    UserWithId,
    UserWithUserId,
    VisitorWithId,
    VisitorWithUserId,
)
from intercom.core.api_error import ApiError

from tests.live import Server

pytestmark = pytest.mark.sdk


def _cli_visitors(server: Server, *people: tuple[str, str]) -> list[str]:
    """Make a visitor per (name, email) with the CLI, all at once; their ``user_id``s."""
    runs = [
        subprocess.Popen(
            [
                *(sys.executable, "-m", "backchannel", "visitor", "create"),
                *("--name", name, "--email", email, "--database-url", server.database_url),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name, email in people
    ]
    user_ids = []
    for run in runs:
        out, err = run.communicate(timeout=120)
        assert run.returncode == 0, err
        user_ids.append(out.strip())
    return user_ids


@pytest.fixture(scope="module")
def visitors(server) -> dict[str, str]:
    """user_id by name of the visitors made for this module."""
    names = ["Vera", "Victor"]
    made = _cli_visitors(server, *((name, f"{name.lower()}@visiting.test") for name in names))
    return dict(zip(names, made, strict=True))


def test_sdk_find_update_and_convert_visitor_into_an_existing_user(client, visitors):
    user_id = visitors["Vera"]
    visitor = client.visitors.find(user_id=user_id)
    assert visitor is not None and visitor.type == "visitor" and visitor.id
    assert (visitor.user_id, visitor.name, visitor.email) == (
        user_id,
        "Vera",
        "vera@visiting.test",
    )
    assert visitor.pseudonym and visitor.app_id == client.admins.identify().app.id_code
    assert visitor.companies is not None and visitor.companies.companies == []

    renamed = client.visitors.update(
        request=UpdateVisitorRequestWithUserId(user_id=user_id, name="Vera Visiting")
    )
    assert renamed is not None and renamed.id == visitor.id
    assert renamed.name == "Vera Visiting"
    again = client.visitors.update(request=UpdateVisitorRequestWithId(id=visitor.id, name="V."))
    assert again is not None and again.name == "V."
    found = client.visitors.find(user_id=user_id)
    assert found is not None and found.name == "V." and found.email == "vera@visiting.test"

    existing = client.contacts.create(request={"email": "vera-user@example.com"})
    contact = client.visitors.merge_to_contact(
        type="user", user=UserWithId(id=existing.id), visitor=VisitorWithId(id=visitor.id)
    )
    assert contact is not None
    assert (contact.id, contact.role, contact.email) == (
        existing.id,
        "user",
        "vera-user@example.com",
    )
    with pytest.raises(ApiError) as raised:
        client.visitors.find(user_id=user_id)
    assert raised.value.status_code == 404


def test_sdk_find_unknown_visitor(client):
    with pytest.raises(ApiError) as raised:
        client.visitors.find(user_id="no-such-visitor")
    assert raised.value.status_code == 404
    error = raised.value.body["errors"][0]
    assert (error["code"], error["message"]) == ("not_found", "Visitor Not Found")


def test_sdk_convert_visitor_to_a_new_user(client, visitors):
    user_id = visitors["Victor"]
    contact = client.visitors.merge_to_contact(
        type="user",
        user=UserWithUserId(user_id="sdk-victor", email="victor-user@example.com"),
        visitor=VisitorWithUserId(user_id=user_id),
    )
    assert contact is not None and contact.type == "contact" and contact.id
    assert (contact.role, contact.external_id, contact.email) == (
        "user",
        "sdk-victor",
        "victor-user@example.com",
    )
    assert contact.name == "Victor"
    assert client.contacts.find(contact.id).email == "victor-user@example.com"
    with pytest.raises(ApiError) as raised:
        client.visitors.find(user_id=user_id)
    assert raised.value.status_code == 404


def test_sdk_phone_switch_writes_custom_attributes(client):
    client.data_attributes.create(
        request={"name": "sdk_callback_reason", "model": "contact", "data_type": "string"}
    )
    contact = client.contacts.create(
        request={"email": "sdk-caller@example.com", "phone": "+353 87 123 4567"}
    )
    redirect = client.phone_call_redirects.create(
        request=CreatePhoneSwitchRequest(
            phone="+353871234567", custom_attributes={"sdk_callback_reason": "billing"}
        )
    )
    assert redirect is not None and redirect.type == "phone_call_redirect"
    assert redirect.phone == "+353871234567"
    assert "/msgr/" in redirect.url
    found = client.contacts.find(contact.id)
    assert found.custom_attributes == {"sdk_callback_reason": "billing"}


def test_sdk_phone_switch_invalid_number(client):
    with pytest.raises(ApiError) as raised:
        client.phone_call_redirects.create(request=CreatePhoneSwitchRequest(phone="12"))
    assert raised.value.status_code == 400
    # Phone switch errors are {error_key, message}, not an error.list.
    assert raised.value.body == {
        "error_key": "invalid_phone_number",
        "message": "Invalid phone number",
    }


def test_sdk_in_app_message_to_a_lead(client):
    me = client.admins.identify()
    assert me is not None
    lead = client.contacts.create(request={"role": "lead", "name": "SDK Lead"})
    message = client.messages.create(
        request=CreateMessageRequest_Inapp(
            body="Welcome aboard",
            from_=CreateMessageRequestFrom(id=int(me.id)),
            to=CreateMessageRequestTo(type="lead", id=lead.id),
            create_conversation_without_contact_reply=True,
        )
    )
    assert message.type == "admin_message" and message.id
    assert (message.message_type, message.body) == ("inapp", "<p>Welcome aboard</p>")
    assert message.created_at and message.conversation_id
    conversation = client.conversations.find(message.conversation_id)
    assert conversation.source is not None and conversation.source.id == message.id
    assert [c.id for c in conversation.contacts.contacts] == [lead.id]
