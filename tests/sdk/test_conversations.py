"""Conversations and admin messages through the official python-intercom SDK, against a real
server: the SDK's own client methods, request models and response models."""

from __future__ import annotations

import pytest
from intercom import (
    AdminReplyConversationRequest,
    ContactReplyIntercomUserIdRequest,
    CreateMessageRequest_Email,
    CreateMessageRequest_Inapp,
    CreateMessageRequestFrom,
    CreateMessageRequestTo,
    MultipleFilterSearchRequest,
    SingleFilterSearchRequest,
)
from intercom.conversations import (
    ConversationsManageRequestBody_Close,
    CreateConversationRequestFrom,
)
from intercom.core.api_error import ApiError

pytestmark = pytest.mark.sdk


@pytest.fixture
def admin_id(client):
    me = client.admins.identify()
    assert me.id
    return me.id


def _parts(conversation):
    assert conversation.conversation_parts is not None
    return conversation.conversation_parts.conversation_parts or []


def test_sdk_conversation_create_reply_close_find(client, admin_id):
    contact = client.contacts.create(request={"email": "sdk-conv@example.com", "name": "Conv"})

    message = client.conversations.create(
        from_=CreateConversationRequestFrom(type="user", id=contact.id), body="I need help"
    )
    assert message.type == "user_message"
    assert message.message_type == "inapp"
    assert message.body == "<p>I need help</p>"
    assert message.conversation_id
    cid = message.conversation_id

    replied = client.conversations.reply(
        cid,
        request=AdminReplyConversationRequest(
            message_type="comment", admin_id=admin_id, body="On it"
        ),
    )
    assert replied.id == cid and replied.state == "open"
    assert [part.part_type for part in _parts(replied)] == ["comment"]

    closed = client.conversations.manage(
        cid, request=ConversationsManageRequestBody_Close(admin_id=admin_id, body="Solved")
    )
    assert closed.state == "closed" and closed.open is False

    found = client.conversations.find(cid)
    assert found.type == "conversation" and found.id == cid
    assert found.state == "closed" and found.open is False
    assert found.source is not None
    assert found.source.id == message.id
    assert found.source.delivered_as == "customer_initiated"
    assert found.source.body == "<p>I need help</p>"
    assert found.source.author is not None and found.source.author.id == contact.id
    assert found.contacts is not None
    assert [c.id for c in found.contacts.contacts or []] == [contact.id]
    parts = _parts(found)
    assert [(p.part_type, p.body) for p in parts] == [
        ("comment", "<p>On it</p>"),
        ("close", "<p>Solved</p>"),
    ]
    for part in parts:
        assert part.author is not None
        assert part.author.type == "admin" and part.author.id == admin_id
    assert found.conversation_parts is not None
    assert found.conversation_parts.total_count == 2
    assert found.statistics is not None
    assert found.statistics.count_conversation_parts == 2


def test_sdk_admin_message_then_contact_reply(client, admin_id):
    contact = client.contacts.create(request={"email": "sdk-msg@example.com", "name": "Msg"})

    message = client.messages.create(
        request=CreateMessageRequest_Inapp(
            body="Have you tried turning it off and on again?",
            from_=CreateMessageRequestFrom(id=int(admin_id)),
            to=CreateMessageRequestTo(type="user", id=contact.id),
        )
    )
    assert message.type == "admin_message"
    assert message.message_type == "inapp"
    assert message.body == "<p>Have you tried turning it off and on again?</p>"
    assert message.conversation_id is None  # nobody answered yet: no conversation

    conversation = client.conversations.reply(
        "last",
        request=ContactReplyIntercomUserIdRequest(body="Yes", intercom_user_id=contact.id),
    )
    assert conversation.source is not None and conversation.source.id == message.id
    assert conversation.source.delivered_as == "admin_initiated"
    assert conversation.source.author is not None
    assert conversation.source.author.type == "admin"
    assert [(p.part_type, p.body) for p in _parts(conversation)] == [("comment", "<p>Yes</p>")]
    assert conversation.id is not None
    assert client.conversations.find(conversation.id).source.id == message.id


def test_sdk_email_message_opens_a_conversation(client, admin_id):
    contact = client.contacts.create(request={"email": "sdk-mail@example.com"})
    message = client.messages.create(
        request=CreateMessageRequest_Email(
            subject="Your invoice",
            body="Please find it attached.",
            template="plain",
            from_=CreateMessageRequestFrom(id=int(admin_id)),
            to=CreateMessageRequestTo(type="user", id=contact.id),
            create_conversation_without_contact_reply=True,
        )
    )
    assert message.type == "admin_message"
    assert message.message_type == "email"
    assert message.subject == "Your invoice"
    assert message.conversation_id
    found = client.conversations.find(message.conversation_id)
    assert found.source is not None
    assert found.source.type == "email" and found.source.subject == "Your invoice"


def test_sdk_email_message_without_subject(client, admin_id):
    contact = client.contacts.create(request={"email": "sdk-nosubject@example.com"})
    with pytest.raises(ApiError) as raised:
        client.messages.create(
            request=CreateMessageRequest_Email(
                subject="",
                body="hey there",
                template="plain",
                from_=CreateMessageRequestFrom(id=int(admin_id)),
                to=CreateMessageRequestTo(type="user", id=contact.id),
            )
        )
    assert raised.value.status_code == 422
    assert raised.value.body["errors"][0]["message"] == "No subject supplied for email message"


def test_sdk_search_conversations(client, admin_id):
    contact = client.contacts.create(request={"email": "sdk-search@example.com"})
    message = client.conversations.create(
        from_=CreateConversationRequestFrom(type="user", id=contact.id), body="Searchable words"
    )
    by_source = client.conversations.search(
        query=SingleFilterSearchRequest(field="source.id", operator="=", value=message.id)
    )
    # The SDK's search pager resends the first request (BEHAVIOR.md §11.6): read one page.
    assert [c.id for c in by_source.items or []] == [message.conversation_id]
    both = client.conversations.search(
        query=MultipleFilterSearchRequest(
            operator="AND",
            value=[
                SingleFilterSearchRequest(field="contact_ids", operator="=", value=contact.id),
                SingleFilterSearchRequest(field="state", operator="=", value="open"),
            ],
        )
    )
    assert [c.id for c in both.items or []] == [message.conversation_id]
    assert both.response.type == "conversation.list"
