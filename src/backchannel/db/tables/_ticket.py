from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from backchannel.db.base import Base, IntPK, WorkspaceMixin

__all__ = ["Ticket"]


class Ticket(WorkspaceMixin, Base):
    """What makes a conversation row of ``kind`` ``ticket`` a ticket.

    ``conversation_id`` is the ticket's ``id``; ``number`` is its ``ticket_id``, counted per
    workspace from 1. ``attributes`` holds the ticket attributes by attribute name (list
    attributes hold the chosen list item's id).
    """

    __tablename__ = "tickets"
    __table_args__ = (
        Index("uq_tickets_ws_number", "workspace_id", "number", unique=True),
        Index("ix_tickets_ticket_type", "ticket_type_id"),
    )

    conversation_id: Mapped[int] = mapped_column(
        IntPK, ForeignKey("conversations.id", ondelete="CASCADE"), primary_key=True
    )
    number: Mapped[int] = mapped_column(Integer, nullable=False)
    ticket_type_id: Mapped[int] = mapped_column(
        IntPK, ForeignKey("ticket_types.id", ondelete="RESTRICT"), nullable=False
    )
    category: Mapped[str] = mapped_column(String(16), nullable=False)
    state: Mapped[str] = mapped_column(String(32), nullable=False, default="submitted")
    attributes: Mapped[dict[str, Any]] = mapped_column(nullable=False, default=dict)
    is_shared: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    company_id: Mapped[str | None] = mapped_column(String(24))
