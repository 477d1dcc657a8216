"""Tickets -> the ``ticket`` objects and ``ticket_part`` replies Intercom returns (BEHAVIOR.md
§6.8). A ticket embeds its ticket type (with attributes) and its parts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from backchannel.core.pagination import CursorPage
from backchannel.resources.conversations.serializers import MAX_PARTS, Related
from backchannel.resources.conversations.statistics import CONTACT_AUTHORS
from backchannel.resources.ticket_types.serializers import ticket_type_to_api
from backchannel.resources.ticket_types.service import TicketTypeView

__all__ = ["STATE_LABELS", "ticket_list_to_api", "ticket_part_to_api", "ticket_to_api"]

STATE_LABELS = {
    "submitted": "Submitted",
    "in_progress": "In progress",
    "waiting_on_customer": "Waiting on customer",
    "resolved": "Resolved",
}


def _author(part: Any) -> dict[str, Any]:
    """``ticket_part_author``: its ``type`` is admin, bot, team or user, so a lead's part is
    by a ``user``; its ``email`` is a non-null string, so it is left out when unknown (a
    lead without an email)."""
    kind = "user" if part.author_type in CONTACT_AUTHORS else part.author_type
    out: dict[str, Any] = {"type": kind, "id": part.author_id, "name": part.author_name}
    if part.author_email is not None:
        out["email"] = part.author_email
    return out


def ticket_part_to_api(part: Any) -> dict[str, Any]:
    """``ticket_part`` (and ``ticket_reply``, the same fields)."""
    out: dict[str, Any] = {
        "type": "ticket_part",
        "id": str(part.id),
        "part_type": part.part_type,
        "body": part.body,
        "created_at": part.created_at,
        "updated_at": part.updated_at,
        "author": _author(part),
        "attachments": part.attachments or [],
        "external_id": part.external_id,
        "redacted": part.redacted,
    }
    if part.assigned_to_type is not None:  # left out otherwise, as the recorded parts do
        out["assigned_to"] = {"type": part.assigned_to_type, "id": part.assigned_to_id}
    if part.ticket_state is not None:
        out["previous_ticket_state"] = part.previous_ticket_state
        out["ticket_state"] = part.ticket_state
    if part.reply_options:
        out["reply_options"] = part.reply_options
    return out


def _assignee(value: int | None) -> str:
    return str(value) if value is not None else "0"


def ticket_to_api(
    conversation: Any,
    ticket: Any,
    *,
    ticket_type: TicketTypeView,
    related: Related,
    parts: Sequence[Any],
    workspace_code: str,
) -> dict[str, Any]:
    """``ticket``: with its type, contacts and (at most the 500 most recent) parts."""
    label = STATE_LABELS[ticket.state]
    shown = parts[-MAX_PARTS:]
    out: dict[str, Any] = {
        "type": "ticket",
        "id": str(conversation.id),
        "ticket_id": str(ticket.number),
        "category": ticket.category,
        "ticket_attributes": dict(ticket.attributes or {}),
        "ticket_state": ticket.state,
        "ticket_state_internal_label": label,
        "ticket_state_external_label": label,
        "ticket_type": ticket_type_to_api(ticket_type, workspace_code=workspace_code),
        "contacts": {
            "type": "contact.list",
            "contacts": [
                {"type": "contact", "id": contact_id, "external_id": external_id}
                for contact_id, external_id in related.contacts.get(conversation.id, ())
            ],
        },
        "admin_assignee_id": _assignee(conversation.admin_assignee_id),
        "team_assignee_id": _assignee(conversation.team_assignee_id),
        "created_at": conversation.created_at,
        "updated_at": conversation.updated_at,
        "open": conversation.open,
        "linked_objects": {"type": "list", "data": [], "total_count": 0, "has_more": False},
        "ticket_parts": {
            "type": "ticket_part.list",
            "ticket_parts": [ticket_part_to_api(part) for part in shown],
            "total_count": len(parts),
        },
        "is_shared": ticket.is_shared,
    }
    if conversation.snoozed_until is not None:  # absent unless snoozed, as recorded
        out["snoozed_until"] = conversation.snoozed_until
    return out


def ticket_list_to_api(page: CursorPage[Any], tickets: list[dict[str, Any]]) -> dict[str, Any]:
    """``ticket.list`` (search): full tickets, parts included."""
    return {
        "type": "ticket.list",
        "tickets": tickets,
        "total_count": page.total_count,
        "pages": page.pages(),
    }
