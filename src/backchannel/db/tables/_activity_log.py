from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from backchannel.db.base import Base, IntPK, WorkspaceMixin

__all__ = ["ActivityLog"]


class ActivityLog(WorkspaceMixin, Base):
    """An admin action, as listed by ``GET /admins/activity_logs``."""

    __tablename__ = "activity_logs"
    __table_args__ = (Index("ix_activity_logs_ws_created", "workspace_id", "created_at", "id"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    admin_id: Mapped[int] = mapped_column(
        IntPK, ForeignKey("admins.id", ondelete="CASCADE"), nullable=False
    )
    ip: Mapped[str | None] = mapped_column(String(64))
    activity_type: Mapped[str] = mapped_column(String(64), nullable=False)
    activity_description: Mapped[str] = mapped_column(Text, nullable=False, default="")
    metadata_: Mapped[dict[str, Any]] = mapped_column("metadata", nullable=False, default=dict)
    created_at: Mapped[int] = mapped_column(BigInteger, nullable=False)
