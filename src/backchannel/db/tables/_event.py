from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from backchannel.db.base import Base, IntPK, WorkspaceMixin

__all__ = ["DataEvent", "DataEventSummary"]


class DataEvent(WorkspaceMixin, Base):
    """Something a contact did, submitted with ``POST /events``; de-duplicated on arrival."""

    __tablename__ = "data_events"
    __table_args__ = (
        UniqueConstraint("workspace_id", "contact_id", "event_name", "created_at"),
        Index("ix_data_events_contact_created", "contact_id", "created_at", "id"),
    )

    id: Mapped[int] = mapped_column(IntPK, primary_key=True, autoincrement=True)
    contact_id: Mapped[str] = mapped_column(
        String(24), ForeignKey("contacts.id", ondelete="CASCADE"), nullable=False
    )
    event_name: Mapped[str] = mapped_column(String(255), nullable=False)
    created_at: Mapped[int] = mapped_column(BigInteger, nullable=False)
    metadata_: Mapped[dict[str, Any]] = mapped_column("metadata", nullable=False, default=dict)


class DataEventSummary(WorkspaceMixin, Base):
    """Counters for events reported in bulk with ``POST /events/summaries``."""

    __tablename__ = "data_event_summaries"

    contact_id: Mapped[str] = mapped_column(
        String(24), ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True
    )
    event_name: Mapped[str] = mapped_column(String(255), primary_key=True)
    count: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    first: Mapped[int | None] = mapped_column(BigInteger)
    last: Mapped[int | None] = mapped_column(BigInteger)
