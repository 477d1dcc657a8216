"""Messages in their 2.10 response shapes (``message``, BEHAVIOR.md §6.7).

An admin message is ``admin_message`` with its ``owner`` as the recorded example shows it
(``message`` itself does not declare ``owner``, §9.17); ``conversation_id`` is present only
when the conversation went to the inbox at once. The legacy contact-initiated form answers
``user_message``, exactly as ``POST /conversations`` does.
"""

from __future__ import annotations

from typing import Any

from backchannel.db.tables import Admin
from backchannel.resources.messages.service import AdminMessage

__all__ = ["admin_message_to_api", "owner_to_api"]


def owner_to_api(admin: Admin) -> dict[str, Any]:
    """The sending admin, in the recorded ``owner`` shape."""
    return {
        "type": "admin",
        "id": str(admin.id),
        "name": admin.name,
        "email": admin.email,
        "away_mode_enabled": admin.away_mode_enabled,
        "away_mode_reassign": admin.away_mode_reassign,
    }


def admin_message_to_api(message: AdminMessage) -> dict[str, Any]:
    """``{type: "admin_message", id, created_at, subject, body, message_type, owner}``, plus
    ``conversation_id`` once the conversation is in the inbox."""
    conversation = message.conversation
    result: dict[str, Any] = {
        "type": "admin_message",
        "id": conversation.source_id,
        "created_at": conversation.created_at,
        "subject": conversation.source_subject,
        "body": conversation.source_body,
        "message_type": conversation.message_type,
        "owner": owner_to_api(message.owner),
    }
    if conversation.in_inbox:
        result["conversation_id"] = str(conversation.id)
    return result
