"""The content data export file: one gzipped CSV row per message sent in a time window.

A *message* is a conversation's first message (its source) or a later part that carries a
message: a reply (``comment``, ``quick_reply``, or the ``open`` part of a contact reply
that reopened the conversation) or the message an admin left while closing, snoozing,
reopening or assigning. Notes (internal), bare state changes, assignments without a
message and other system parts are not messages. Tickets are not exported. Both ends of
the window are inclusive, and only the time a message was sent counts (BEHAVIOR.md §6.10).

The columns are those of the spec's ``data_export_csv``, in its order. Filled from
Backchannel's data:

- ``user_id``, ``user_external_id``, ``email``, ``name``: the contact the row is about: the
  author of a message a contact wrote, otherwise the conversation's first participant (the
  recipient). Empty once that contact is deleted.
- ``company_id``: the Intercom id of the contact's first attached company, ``-1`` for none.
- ``ruleset_id``: the id of the message that started the conversation (``source.id``, the
  ``id`` ``POST /messages`` returns).
- ``content_id``: the message itself: ``source.id`` for the first message, the
  conversation part id for a later one.
- ``content_type``: ``email`` for an email conversation, otherwise ``chat``.
- ``content_title``: the conversation's title, else the email subject, else empty.
- ``receipt_id``: ``<conversation id>-<part id>``, with part id ``0`` for the first message;
  unique per row.
- ``received_at``: when the message was sent.
- ``series_id``: ``-1`` (Backchannel has no series).
- ``first_reply``: for a message an admin or bot sent, when a contact first replied to it
  in the same conversation, within the window; empty otherwise.

Left empty, because Backchannel records no such thing: ``ruleset_version_id`` (content is
not versioned), ``series_title``, ``node_id``, ``first_completion``,
``first_series_completion``, ``first_series_disengagement``, ``first_series_exit``,
``first_goal_success``, ``first_open``, ``first_click``, ``first_dismisall`` (sic, as the spec
spells it), ``first_unsubscribe`` and ``first_hard_bounce``.
"""

from __future__ import annotations

import bisect
import csv
import gzip
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, and_, literal, or_, select, union_all

from backchannel.db.tables import (
    Company,
    CompanyContact,
    Contact,
    Conversation,
    ConversationContact,
    ConversationPart,
)

__all__ = ["COLUMNS", "ExportFile", "write_export"]

COLUMNS = (
    "user_id",
    "user_external_id",
    "company_id",
    "email",
    "name",
    "ruleset_id",
    "content_id",
    "content_type",
    "content_title",
    "ruleset_version_id",
    "receipt_id",
    "received_at",
    "series_id",
    "series_title",
    "node_id",
    "first_reply",
    "first_completion",
    "first_series_completion",
    "first_series_disengagement",
    "first_series_exit",
    "first_goal_success",
    "first_open",
    "first_click",
    "first_dismisall",
    "first_unsubscribe",
    "first_hard_bounce",
)

CONTACT_AUTHORS = ("user", "lead", "contact")
# Part types that carry a message when they have a body (a quick reply may have only
# options); notes and bare system parts never do.
MESSAGE_PARTS = (
    "comment",
    "quick_reply",
    "open",
    "close",
    "snoozed",
    "assignment",
    "assign_and_reopen",
)
BATCH = 1000

_C = Conversation.__table__
_P = ConversationPart.__table__
_CC = ConversationContact.__table__
_CONTACTS = Contact.__table__


@dataclass(frozen=True, slots=True)
class ExportFile:
    """The gzipped CSV and how many rows (messages) it holds."""

    content: bytes
    rows: int


def _message_part() -> Any:
    """The condition on ``conversation_parts`` for a part that is a message."""
    return and_(
        _P.c.part_type.in_(MESSAGE_PARTS),
        or_(
            _P.c.part_type == "quick_reply",
            _P.c.redacted.is_(True),
            and_(_P.c.body.is_not(None), _P.c.body != ""),
        ),
    )


def _messages(workspace_id: int, after: int, before: int) -> Any:
    """Every message of the window, oldest first: sources (part id 0) and message parts."""
    conversation_cols = (
        _C.c.source_id,
        _C.c.title,
        _C.c.source_subject,
        _C.c.message_type,
    )
    in_workspace = and_(_C.c.workspace_id == workspace_id, _C.c.kind == "conversation")
    sources = select(
        _C.c.id.label("conversation_id"),
        literal(0).label("part_id"),
        _C.c.created_at.label("sent_at"),
        _C.c.source_author_type.label("author_type"),
        _C.c.source_author_id.label("author_id"),
        *conversation_cols,
    ).where(in_workspace, _C.c.created_at >= after, _C.c.created_at <= before)
    parts = (
        select(
            _P.c.conversation_id,
            _P.c.id.label("part_id"),
            _P.c.created_at.label("sent_at"),
            _P.c.author_type,
            _P.c.author_id,
            *conversation_cols,
        )
        .join(_C, _C.c.id == _P.c.conversation_id)
        .where(in_workspace, _P.c.created_at >= after, _P.c.created_at <= before, _message_part())
    )
    messages = union_all(sources, parts).subquery("messages")
    return select(messages).order_by(
        messages.c.sent_at, messages.c.conversation_id, messages.c.part_id
    )


class _Lookups:
    """Contacts, companies, first participants and contact replies for one batch of rows."""

    def __init__(
        self,
        db: Connection,
        *,
        workspace_id: int,
        after: int,
        before: int,
        rows: Sequence[Any],
    ) -> None:
        conversation_ids = sorted({row.conversation_id for row in rows})
        self.first_participant: dict[int, str] = {}
        for conversation_id, contact_id in db.execute(
            select(_CC.c.conversation_id, _CC.c.contact_id)
            .where(_CC.c.conversation_id.in_(conversation_ids))
            .order_by(_CC.c.conversation_id, _CC.c.position, _CC.c.added_at, _CC.c.contact_id)
        ):
            self.first_participant.setdefault(conversation_id, contact_id)
        contact_ids = {self.contact_of(row) for row in rows} - {None}
        self.contacts = {
            contact.id: contact
            for contact in db.execute(
                select(_CONTACTS.c.id, _CONTACTS.c.external_id, _CONTACTS.c.email, _CONTACTS.c.name)
                .where(_CONTACTS.c.workspace_id == workspace_id)
                .where(_CONTACTS.c.id.in_(sorted(contact_ids)))
            )
        }
        self.companies: dict[str, str] = {}
        for contact_id, company_id in db.execute(
            select(CompanyContact.contact_id, Company.id)
            .join(Company, Company.id == CompanyContact.company_id)
            .where(
                Company.workspace_id == workspace_id,
                CompanyContact.contact_id.in_(sorted(self.contacts)),
            )
            .order_by(CompanyContact.contact_id, CompanyContact.created_at, Company.id)
        ):
            self.companies.setdefault(contact_id, company_id)
        self.replies: dict[int, list[tuple[int, int]]] = {}
        for conversation_id, created_at, part_id in db.execute(
            select(_P.c.conversation_id, _P.c.created_at, _P.c.id)
            .where(
                _P.c.conversation_id.in_(conversation_ids),
                _P.c.author_type.in_(CONTACT_AUTHORS),
                _P.c.created_at >= after,
                _P.c.created_at <= before,
                _message_part(),
            )
            .order_by(_P.c.conversation_id, _P.c.created_at, _P.c.id)
        ):
            self.replies.setdefault(conversation_id, []).append((created_at, part_id))

    def contact_of(self, row: Any) -> str | None:
        if row.author_type in CONTACT_AUTHORS:
            return str(row.author_id)
        return self.first_participant.get(row.conversation_id)

    def first_reply(self, row: Any) -> int | None:
        """When a contact first answered a message an admin or bot sent."""
        if row.author_type in CONTACT_AUTHORS:
            return None
        replies = self.replies.get(row.conversation_id, [])
        index = bisect.bisect_right(replies, (row.sent_at, row.part_id))
        return replies[index][0] if index < len(replies) else None


def _row(row: Any, found: _Lookups) -> list[Any]:
    contact_id = found.contact_of(row)
    contact = found.contacts.get(contact_id) if contact_id else None
    content_id = row.source_id if row.part_id == 0 else str(row.part_id)
    values: dict[str, Any] = {
        "user_id": contact.id if contact else None,
        "user_external_id": contact.external_id if contact else None,
        "company_id": found.companies.get(contact.id, "-1") if contact else "-1",
        "email": contact.email if contact else None,
        "name": contact.name if contact else None,
        "ruleset_id": row.source_id,
        "content_id": content_id,
        "content_type": "email" if row.message_type == "email" else "chat",
        "content_title": row.title or row.source_subject or None,
        "receipt_id": f"{row.conversation_id}-{row.part_id}",
        "received_at": row.sent_at,
        "series_id": "-1",
        "first_reply": found.first_reply(row),
    }
    return ["" if values.get(column) is None else values[column] for column in COLUMNS]


def _batches(db: Connection, stmt: Any) -> Iterable[Sequence[Any]]:
    result = db.execution_options(yield_per=BATCH).execute(stmt)
    yield from result.partitions(BATCH)


def write_export(
    db: Connection,
    *,
    workspace_id: int,
    after: int,
    before: int,
    checkpoint: Callable[[], None] = lambda: None,
) -> ExportFile:
    """The window's messages as a gzipped CSV (header row first).

    ``checkpoint`` is called before the query and before each batch of rows; it may raise
    to stop the export.
    """
    buffer = io.BytesIO()
    rows = 0
    with (
        gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0) as compressed,
        io.TextIOWrapper(compressed, encoding="utf-8", newline="") as text,
    ):
        writer = csv.writer(text)
        writer.writerow(COLUMNS)
        checkpoint()
        for batch in _batches(db, _messages(workspace_id, after, before)):
            checkpoint()
            found = _Lookups(db, workspace_id=workspace_id, after=after, before=before, rows=batch)
            writer.writerows(_row(row, found) for row in batch)
            rows += len(batch)
    return ExportFile(buffer.getvalue(), rows)
