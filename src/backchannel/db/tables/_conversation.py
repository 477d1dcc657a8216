from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from backchannel.db.base import Base, IntPK, TimestampMixin, WorkspaceMixin

__all__ = ["AssignmentRule", "Conversation", "ConversationContact", "ConversationPart"]


class Conversation(WorkspaceMixin, TimestampMixin, Base):
    """A conversation: its state, its source message and its derived statistics.

    The source (the message that started it) lives on the row, so lists and searches need no
    join. ``in_inbox`` is false for an admin-initiated message nobody has answered yet: such a
    conversation is stored (the message exists, and a contact reply finds it) but invisible
    to reads, lists and search until the contact replies, or at once with
    ``create_conversation_without_contact_reply``. The statistics columns and
    ``waiting_since`` are recomputed from the parts after every change
    (:mod:`backchannel.resources.conversations.statistics`). Ids are never reused.

    A ticket is a row of ``kind`` ``ticket`` (its ticket fields in :class:`Ticket`): tickets
    and conversations share one id sequence, their parts, participants and assignment, as
    in Intercom. Conversation operations only ever see ``kind`` ``conversation``.
    """

    __tablename__ = "conversations"
    __table_args__ = (
        Index("ix_conversations_ws_created", "workspace_id", "created_at", "id"),
        Index("ix_conversations_ws_updated", "workspace_id", "updated_at", "id"),
        Index("ix_conversations_ws_source_id", "workspace_id", "source_id"),
        Index("ix_conversations_ws_state_snoozed", "workspace_id", "state", "snoozed_until"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(IntPK, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(16), nullable=False, default="conversation")
    in_inbox: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    title: Mapped[str | None] = mapped_column(String(255))
    state: Mapped[str] = mapped_column(String(16), nullable=False, default="open")
    open: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    read: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    priority: Mapped[str] = mapped_column(String(16), nullable=False, default="not_priority")
    waiting_since: Mapped[int | None] = mapped_column(BigInteger)
    snoozed_until: Mapped[int | None] = mapped_column(BigInteger)
    admin_assignee_id: Mapped[int | None] = mapped_column(BigInteger)
    team_assignee_id: Mapped[int | None] = mapped_column(BigInteger)
    custom_attributes: Mapped[dict[str, Any]] = mapped_column(nullable=False, default=dict)

    # The source: the message that started the conversation.
    source_type: Mapped[str] = mapped_column(String(16), nullable=False)
    source_id: Mapped[str] = mapped_column(String(32), nullable=False)
    source_delivered_as: Mapped[str] = mapped_column(String(32), nullable=False)
    source_subject: Mapped[str] = mapped_column(Text, nullable=False, default="")
    source_body: Mapped[str] = mapped_column(Text, nullable=False, default="")
    source_words: Mapped[str] = mapped_column(Text, nullable=False, default=" ")
    source_author_type: Mapped[str] = mapped_column(String(16), nullable=False)
    source_author_id: Mapped[str] = mapped_column(String(32), nullable=False)
    source_author_name: Mapped[str | None] = mapped_column(String(255))
    source_author_email: Mapped[str | None] = mapped_column(String(255))
    source_attachments: Mapped[list[Any]] = mapped_column(nullable=False, default=list)
    source_url: Mapped[str | None] = mapped_column(String(2048))
    source_redacted: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    message_type: Mapped[str] = mapped_column(String(16), nullable=False, default="inapp")
    message_template: Mapped[str | None] = mapped_column(String(16))

    # Statistics, derived from the parts.
    time_to_assignment: Mapped[int | None] = mapped_column(BigInteger)
    time_to_admin_reply: Mapped[int | None] = mapped_column(BigInteger)
    time_to_first_close: Mapped[int | None] = mapped_column(BigInteger)
    time_to_last_close: Mapped[int | None] = mapped_column(BigInteger)
    median_time_to_reply: Mapped[int | None] = mapped_column(BigInteger)
    first_contact_reply_at: Mapped[int | None] = mapped_column(BigInteger)
    first_assignment_at: Mapped[int | None] = mapped_column(BigInteger)
    first_admin_reply_at: Mapped[int | None] = mapped_column(BigInteger)
    first_close_at: Mapped[int | None] = mapped_column(BigInteger)
    last_assignment_at: Mapped[int | None] = mapped_column(BigInteger)
    last_assignment_admin_reply_at: Mapped[int | None] = mapped_column(BigInteger)
    last_contact_reply_at: Mapped[int | None] = mapped_column(BigInteger)
    last_admin_reply_at: Mapped[int | None] = mapped_column(BigInteger)
    last_close_at: Mapped[int | None] = mapped_column(BigInteger)
    last_closed_by_id: Mapped[str | None] = mapped_column(String(32))
    count_reopens: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    count_assignments: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    count_conversation_parts: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


class ConversationPart(Base):
    """One event in a conversation: a reply, a note, or a state change.

    The author's name and email are kept as they were when the part was written.
    """

    __tablename__ = "conversation_parts"
    __table_args__ = (
        Index("ix_conversation_parts_conversation", "conversation_id", "id"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(IntPK, primary_key=True, autoincrement=True)
    conversation_id: Mapped[int] = mapped_column(
        IntPK, ForeignKey("conversations.id", ondelete="CASCADE"), nullable=False
    )
    part_type: Mapped[str] = mapped_column(String(64), nullable=False)
    body: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[int] = mapped_column(BigInteger, nullable=False)
    updated_at: Mapped[int] = mapped_column(BigInteger, nullable=False)
    notified_at: Mapped[int] = mapped_column(BigInteger, nullable=False)
    assigned_to_type: Mapped[str | None] = mapped_column(String(16))
    assigned_to_id: Mapped[str | None] = mapped_column(String(32))
    author_type: Mapped[str] = mapped_column(String(16), nullable=False)
    author_id: Mapped[str] = mapped_column(String(32), nullable=False)
    author_name: Mapped[str | None] = mapped_column(String(255))
    author_email: Mapped[str | None] = mapped_column(String(255))
    attachments: Mapped[list[Any]] = mapped_column(nullable=False, default=list)
    reply_options: Mapped[list[Any] | None] = mapped_column()
    previous_ticket_state: Mapped[str | None] = mapped_column(String(32))
    ticket_state: Mapped[str | None] = mapped_column(String(32))
    external_id: Mapped[str | None] = mapped_column(String(255))
    redacted: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)


class ConversationContact(Base):
    """A contact taking part in a conversation, in the order they joined."""

    __tablename__ = "conversation_contacts"
    __table_args__ = (Index("ix_conversation_contacts_contact", "contact_id"),)

    conversation_id: Mapped[int] = mapped_column(
        IntPK, ForeignKey("conversations.id", ondelete="CASCADE"), primary_key=True
    )
    contact_id: Mapped[str] = mapped_column(
        String(24), ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True
    )
    added_at: Mapped[int] = mapped_column(BigInteger, nullable=False)
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


class AssignmentRule(WorkspaceMixin, TimestampMixin, Base):
    """One rule of a workspace's assignment rules (``run_assignment_rules``).

    Rules are tried in ``position`` order; the first whose ``query`` (a conversation search
    query, or none to match every conversation) matches assigns the conversation to
    ``team_id`` and/or ``admin_id``. With ``round_robin`` the admin is the next member of the
    team after ``last_admin_id``, skipping admins who are away.
    """

    __tablename__ = "assignment_rules"
    __table_args__ = (Index("ix_assignment_rules_ws_position", "workspace_id", "position"),)

    id: Mapped[int] = mapped_column(IntPK, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(255), nullable=False)
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    query: Mapped[dict[str, Any] | None] = mapped_column()
    team_id: Mapped[int | None] = mapped_column(IntPK, ForeignKey("teams.id", ondelete="CASCADE"))
    admin_id: Mapped[int | None] = mapped_column(IntPK, ForeignKey("admins.id", ondelete="CASCADE"))
    round_robin: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    last_admin_id: Mapped[int | None] = mapped_column(BigInteger)
