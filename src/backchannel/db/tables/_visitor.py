from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, Boolean, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from backchannel.db.base import Base, TimestampMixin, WorkspaceMixin

__all__ = ["Visitor"]


class Visitor(WorkspaceMixin, TimestampMixin, Base):
    """An anonymous Messenger visitor, until converted into a user or lead."""

    __tablename__ = "visitors"
    __table_args__ = (Index("uq_visitors_ws_user_id", "workspace_id", "user_id", unique=True),)

    id: Mapped[str] = mapped_column(String(24), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(64), nullable=False)
    name: Mapped[str | None] = mapped_column(String(255))
    pseudonym: Mapped[str | None] = mapped_column(String(255))
    email: Mapped[str | None] = mapped_column(String(255))
    phone: Mapped[str | None] = mapped_column(String(64))
    avatar: Mapped[str | None] = mapped_column(Text)
    owner_id: Mapped[int | None] = mapped_column(BigInteger)
    session_count: Mapped[int] = mapped_column(BigInteger, nullable=False, default=0)
    last_request_at: Mapped[int | None] = mapped_column(BigInteger)
    signed_up_at: Mapped[int | None] = mapped_column(BigInteger)
    remote_created_at: Mapped[int | None] = mapped_column(BigInteger)
    unsubscribed_from_emails: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    marked_email_as_spam: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    has_hard_bounced: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    do_not_track: Mapped[bool | None] = mapped_column(Boolean)
    location: Mapped[dict[str, Any]] = mapped_column(nullable=False, default=dict)
    custom_attributes: Mapped[dict[str, Any]] = mapped_column(nullable=False, default=dict)
    referrer: Mapped[str | None] = mapped_column(Text)
    utm: Mapped[dict[str, Any]] = mapped_column(nullable=False, default=dict)
    converted_into_id: Mapped[str | None] = mapped_column(String(24))
