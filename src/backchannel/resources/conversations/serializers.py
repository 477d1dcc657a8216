"""Conversations -> the ``conversation`` objects and lists Intercom returns (BEHAVIOR.md §6.6).

A conversation carries its contacts, tags and teammates; :func:`load_related` fetches them
for a whole page in one query each. ``conversation_parts`` appear only on single-conversation
responses, capped at the 500 most recent. ``display_as=plaintext`` turns every body into
plain text.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, func, select
from sqlalchemy.orm import Session

from backchannel.core.html import to_plaintext
from backchannel.core.pagination import CursorPage
from backchannel.db.tables import Contact, ConversationContact, ConversationPart, Tag, Tagging
from backchannel.resources.tags.search import CONVERSATION
from backchannel.resources.tags.serializers import applied_tag_to_api
from backchannel.resources.tags.service import AppliedTag

__all__ = [
    "MAX_PARTS",
    "Related",
    "conversation_list_to_api",
    "conversation_to_api",
    "load_related",
    "part_to_api",
    "user_message_to_api",
]

MAX_PARTS = 500
STATISTICS = (
    "time_to_assignment",
    "time_to_admin_reply",
    "time_to_first_close",
    "time_to_last_close",
    "median_time_to_reply",
    "first_contact_reply_at",
    "first_assignment_at",
    "first_admin_reply_at",
    "first_close_at",
    "last_assignment_at",
    "last_assignment_admin_reply_at",
    "last_contact_reply_at",
    "last_admin_reply_at",
    "last_close_at",
    "last_closed_by_id",
    "count_reopens",
    "count_assignments",
    "count_conversation_parts",
)
_PARTS = ConversationPart.__table__.c


@dataclass(slots=True)
class Related:
    """What hangs off each conversation of a page, by conversation id."""

    contacts: dict[int, list[tuple[str, str | None]]] = field(default_factory=dict)
    tags: dict[int, list[AppliedTag]] = field(default_factory=dict)
    teammates: dict[int, list[str]] = field(default_factory=dict)


def load_related(
    db: Session | Connection, *, workspace_id: int, conversation_ids: Sequence[int]
) -> Related:
    """The contacts, tags and teammates of the given conversations."""
    related = Related()
    if not conversation_ids:
        return related
    ids = list(conversation_ids)
    contacts: defaultdict[int, list[tuple[str, str | None]]] = defaultdict(list)
    rows = db.execute(
        select(ConversationContact.conversation_id, Contact.id, Contact.external_id)
        .join(Contact, Contact.id == ConversationContact.contact_id)
        .where(ConversationContact.conversation_id.in_(ids))
        .order_by(ConversationContact.position, ConversationContact.added_at)
    )
    for conversation_id, contact_id, external_id in rows:
        contacts[conversation_id].append((contact_id, external_id))
    tags: defaultdict[int, list[AppliedTag]] = defaultdict(list)
    tag_rows = db.execute(
        select(Tagging.target_id, Tag.id, Tag.name, Tagging.applied_at, Tagging.applied_by)
        .join(Tag, Tag.id == Tagging.tag_id)
        .where(
            Tag.workspace_id == workspace_id,
            Tagging.target_type == CONVERSATION,
            Tagging.target_id.in_([str(i) for i in ids]),
        )
        .order_by(Tagging.applied_at, Tag.id)
    )
    for target_id, tag_id, name, applied_at, applied_by in tag_rows:
        tags[int(target_id)].append(AppliedTag(tag_id, name, applied_at, applied_by))
    teammates: defaultdict[int, list[str]] = defaultdict(list)
    author_rows = db.execute(
        select(_PARTS.conversation_id, _PARTS.author_id, func.min(_PARTS.id).label("first"))
        .where(_PARTS.conversation_id.in_(ids), _PARTS.author_type == "admin")
        .group_by(_PARTS.conversation_id, _PARTS.author_id)
        .order_by("first")
    )
    for conversation_id, author_id, _first in author_rows:
        teammates[conversation_id].append(author_id)
    related.contacts, related.tags, related.teammates = dict(contacts), dict(tags), dict(teammates)
    return related


def _body(body: str | None, plaintext: bool) -> str | None:
    if body is None or not plaintext:
        return body
    return to_plaintext(body)


def _author(type_: str, id_: str, name: str | None, email: str | None) -> dict[str, Any]:
    return {"type": type_, "id": id_, "name": name, "email": email}


def part_to_api(part: Any, *, plaintext: bool = False) -> dict[str, Any]:
    """``conversation_part``."""
    assigned_to = None
    if part.assigned_to_type is not None:
        assigned_to = {"type": part.assigned_to_type, "id": part.assigned_to_id}
    out = {
        "type": "conversation_part",
        "id": str(part.id),
        "part_type": part.part_type,
        "body": _body(part.body, plaintext),
        "created_at": part.created_at,
        "updated_at": part.updated_at,
        "notified_at": part.notified_at,
        "assigned_to": assigned_to,
        "author": _author(part.author_type, part.author_id, part.author_name, part.author_email),
        "attachments": part.attachments or [],
        "external_id": part.external_id,
        "redacted": part.redacted,
    }
    if part.reply_options:
        out["reply_options"] = part.reply_options
    return out


def _source(row: Any, plaintext: bool) -> dict[str, Any]:
    return {
        "type": row.source_type,
        "id": row.source_id,
        "delivered_as": row.source_delivered_as,
        "subject": row.source_subject,
        "body": _body(row.source_body, plaintext),
        "author": _author(
            row.source_author_type,
            row.source_author_id,
            row.source_author_name,
            row.source_author_email,
        ),
        "attachments": row.source_attachments or [],
        "url": row.source_url,
        "redacted": row.source_redacted,
    }


def _statistics(row: Any) -> dict[str, Any]:
    """``conversation_statistics``; a figure that does not exist yet (no close, no reply) is
    left out, as the schema has no nulls for them."""
    figures = {name: getattr(row, name) for name in STATISTICS}
    return {
        "type": "conversation_statistics",
        **{name: value for name, value in figures.items() if value is not None},
    }


def conversation_to_api(
    row: Any,
    related: Related,
    *,
    parts: Sequence[Any] | None = None,
    plaintext: bool = False,
) -> dict[str, Any]:
    """``conversation`` (a row or an entity); ``parts`` adds ``conversation_parts``."""
    first_contact_reply = None
    if row.first_contact_reply_at is not None:
        first_contact_reply = {
            "created_at": row.first_contact_reply_at,
            "type": row.source_type,
            "url": None,
        }
    out: dict[str, Any] = {
        "type": "conversation",
        "id": str(row.id),
        "title": row.title,
        "created_at": row.created_at,
        "updated_at": row.updated_at,
        "waiting_since": row.waiting_since,
        "snoozed_until": row.snoozed_until,
        "open": row.open,
        "state": row.state,
        "read": row.read,
        "priority": row.priority,
        "admin_assignee_id": row.admin_assignee_id,
        "team_assignee_id": row.team_assignee_id,
        "tags": {
            "type": "tag.list",
            "tags": [applied_tag_to_api(tag) for tag in related.tags.get(row.id, ())],
        },
        "conversation_rating": None,
        "source": _source(row, plaintext),
        "contacts": {
            "type": "contact.list",
            "contacts": [
                {"type": "contact", "id": contact_id, "external_id": external_id}
                for contact_id, external_id in related.contacts.get(row.id, ())
            ],
        },
        "teammates": {
            "type": "admin.list",
            "teammates": [
                {"type": "admin", "id": admin_id} for admin_id in related.teammates.get(row.id, ())
            ],
        },
        "custom_attributes": row.custom_attributes or {},
        "first_contact_reply": first_contact_reply,
        "sla_applied": None,
        "statistics": _statistics(row),
        "linked_objects": {"type": "list", "data": [], "total_count": 0, "has_more": False},
    }
    if parts is not None:
        shown = parts[-MAX_PARTS:]
        out["conversation_parts"] = {
            "type": "conversation_part.list",
            "conversation_parts": [part_to_api(part, plaintext=plaintext) for part in shown],
            "total_count": len(parts),
        }
    return out


def conversation_list_to_api(
    page: CursorPage[Any], related: Related, *, plaintext: bool = False
) -> dict[str, Any]:
    """``conversation.list`` (list and search): list items, without parts."""
    return {
        "type": "conversation.list",
        "conversations": [
            conversation_to_api(row, related, plaintext=plaintext) for row in page.items
        ],
        "total_count": page.total_count,
        "pages": page.pages(),
    }


def user_message_to_api(conversation: Any) -> dict[str, Any]:
    """The contact's message that started ``conversation``: ``user_message`` (what
    ``POST /conversations`` and the contact form of ``POST /messages`` answer)."""
    return {
        "type": "user_message",
        "id": conversation.source_id,
        "created_at": conversation.created_at,
        "body": conversation.source_body,
        "message_type": "inapp",
        "conversation_id": str(conversation.id),
    }
