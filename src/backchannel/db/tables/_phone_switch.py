from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from backchannel.db.base import Base, IntPK, WorkspaceMixin

__all__ = ["PhoneCallRedirect"]


class PhoneCallRedirect(WorkspaceMixin, Base):
    """A phone call deflected to the Messenger (``POST /phone_call_redirects``).

    Backchannel sends no SMS: this row records the one that would have been sent, to
    ``phone`` (E.164) with the Messenger link ``url``. ``contact_id`` is the user or lead the
    number matched (``NULL`` when none did, or once that contact is deleted), and
    ``custom_attributes`` what the request asked to write on it.
    """

    __tablename__ = "phone_call_redirects"
    __table_args__ = (
        Index("ix_phone_call_redirects_ws_phone", "workspace_id", "phone", "created_at"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(IntPK, primary_key=True, autoincrement=True)
    token: Mapped[str] = mapped_column(String(36), nullable=False, unique=True)
    phone: Mapped[str] = mapped_column(String(32), nullable=False)
    contact_id: Mapped[str | None] = mapped_column(
        String(24), ForeignKey("contacts.id", ondelete="SET NULL")
    )
    url: Mapped[str] = mapped_column(String(2048), nullable=False)
    custom_attributes: Mapped[dict[str, Any]] = mapped_column(nullable=False, default=dict)
    created_at: Mapped[int] = mapped_column(BigInteger, nullable=False)
