from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from backchannel.db.base import Base, IntPK, TimestampMixin, WorkspaceMixin

__all__ = ["DataAttribute"]


class DataAttribute(WorkspaceMixin, TimestampMixin, Base):
    """A custom attribute declared for contacts, companies or conversations."""

    __tablename__ = "data_attributes"
    __table_args__ = (UniqueConstraint("workspace_id", "name"),)

    id: Mapped[int] = mapped_column(IntPK, primary_key=True, autoincrement=True)
    model: Mapped[str] = mapped_column(String(16), nullable=False)
    name: Mapped[str] = mapped_column(String(190), nullable=False)
    label: Mapped[str] = mapped_column(String(255), nullable=False)
    description: Mapped[str | None] = mapped_column(Text)
    data_type: Mapped[str] = mapped_column(String(16), nullable=False)
    options: Mapped[list[Any] | None] = mapped_column()
    api_writable: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    ui_writable: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    messenger_writable: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    archived: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    admin_id: Mapped[int | None] = mapped_column(
        IntPK, ForeignKey("admins.id", ondelete="SET NULL")
    )
