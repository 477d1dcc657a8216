from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from backchannel.db.base import Base, IntPK, WorkspaceMixin

__all__ = ["ContactSubscription", "SubscriptionType"]


class SubscriptionType(WorkspaceMixin, Base):
    """A kind of message a contact can opt in to or out of."""

    __tablename__ = "subscription_types"

    id: Mapped[int] = mapped_column(IntPK, primary_key=True, autoincrement=True)
    state: Mapped[str] = mapped_column(String(16), nullable=False, default="live")
    consent_type: Mapped[str] = mapped_column(String(16), nullable=False)
    default_translation: Mapped[dict[str, Any]] = mapped_column(nullable=False)
    translations: Mapped[list[Any]] = mapped_column(nullable=False, default=list)
    content_types: Mapped[list[Any]] = mapped_column(nullable=False, default=list)
    created_at: Mapped[int] = mapped_column(BigInteger, nullable=False)


class ContactSubscription(Base):
    """A contact's explicit preference for one subscription type (opt_in or opt_out)."""

    __tablename__ = "contact_subscriptions"

    contact_id: Mapped[str] = mapped_column(
        String(24), ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True
    )
    subscription_type_id: Mapped[int] = mapped_column(
        IntPK, ForeignKey("subscription_types.id", ondelete="CASCADE"), primary_key=True
    )
    consent: Mapped[str] = mapped_column(String(16), nullable=False)
    created_at: Mapped[int] = mapped_column(BigInteger, nullable=False)
