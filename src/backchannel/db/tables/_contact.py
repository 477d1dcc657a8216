from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, Boolean, ColumnElement, Index, String, Text, func, text
from sqlalchemy.orm import Mapped, mapped_column

from backchannel.db.base import Base, IntPK, TimestampMixin, WorkspaceMixin, partial_index

__all__ = ["Contact"]

# Archived users keep their email reserved; merged-away contacts release it.
_LIVE_USER = "role = 'user' AND merged_into_id IS NULL"


def _lower(column: str) -> ColumnElement[Any]:
    return func.lower(text(column))


class Contact(WorkspaceMixin, TimestampMixin, Base):
    """A user or lead. Archived and merged-away contacts stay stored but are hidden."""

    __tablename__ = "contacts"
    __table_args__ = (
        # Default list and search order: newest first, keyset on (created_at, id).
        Index("ix_contacts_ws_created", "workspace_id", "created_at", "id"),
        Index("ix_contacts_ws_updated", "workspace_id", "updated_at", "id"),
        Index("ix_contacts_ws_last_seen", "workspace_id", "last_seen_at"),
        # Search compares strings on lower(); an equality search is then one index range,
        # already in the default order, whatever the planner knows about the data (an SQLite
        # file that was never ANALYZEd otherwise walks ix_contacts_ws_created to the end).
        Index("ix_contacts_ws_email", "workspace_id", _lower("email"), "created_at", "id"),
        Index(
            "ix_contacts_ws_external_id", "workspace_id", _lower("external_id"), "created_at", "id"
        ),
        Index("ix_contacts_ws_name", "workspace_id", _lower("name"), "created_at", "id"),
        Index("ix_contacts_ws_phone", "workspace_id", _lower("phone"), "created_at", "id"),
        Index("ix_contacts_ws_role", "workspace_id", "role", "created_at"),
        # external_id is unique across every stored contact of a workspace (NULLs allowed).
        Index("uq_contacts_ws_external_id", "workspace_id", "external_id", unique=True),
        # email is unique among users that are not merged away; leads may share emails.
        partial_index(
            "uq_contacts_ws_user_email",
            "workspace_id",
            func.lower(text("email")),
            unique=True,
            where=_LIVE_USER,
        ),
    )

    id: Mapped[str] = mapped_column(String(24), primary_key=True)
    role: Mapped[str] = mapped_column(String(8), nullable=False, default="user")
    external_id: Mapped[str | None] = mapped_column(String(255))
    email: Mapped[str | None] = mapped_column(String(255))
    email_domain: Mapped[str | None] = mapped_column(String(255))
    phone: Mapped[str | None] = mapped_column(String(64))
    name: Mapped[str | None] = mapped_column(String(255))
    avatar: Mapped[str | None] = mapped_column(Text)
    owner_id: Mapped[int | None] = mapped_column(IntPK)

    has_hard_bounced: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    marked_email_as_spam: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    unsubscribed_from_emails: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)

    signed_up_at: Mapped[int | None] = mapped_column(BigInteger)
    last_seen_at: Mapped[int | None] = mapped_column(BigInteger)
    last_replied_at: Mapped[int | None] = mapped_column(BigInteger)
    last_contacted_at: Mapped[int | None] = mapped_column(BigInteger)
    last_email_opened_at: Mapped[int | None] = mapped_column(BigInteger)
    last_email_clicked_at: Mapped[int | None] = mapped_column(BigInteger)

    language_override: Mapped[str | None] = mapped_column(String(32))
    browser: Mapped[str | None] = mapped_column(String(64))
    browser_version: Mapped[str | None] = mapped_column(String(64))
    browser_language: Mapped[str | None] = mapped_column(String(32))
    os: Mapped[str | None] = mapped_column(String(64))

    location_country: Mapped[str | None] = mapped_column(String(128))
    location_region: Mapped[str | None] = mapped_column(String(128))
    location_city: Mapped[str | None] = mapped_column(String(128))
    location_country_code: Mapped[str | None] = mapped_column(String(8))
    location_continent_code: Mapped[str | None] = mapped_column(String(8))

    android_app_name: Mapped[str | None] = mapped_column(String(128))
    android_app_version: Mapped[str | None] = mapped_column(String(64))
    android_device: Mapped[str | None] = mapped_column(String(128))
    android_os_version: Mapped[str | None] = mapped_column(String(64))
    android_sdk_version: Mapped[str | None] = mapped_column(String(64))
    android_last_seen_at: Mapped[int | None] = mapped_column(BigInteger)
    ios_app_name: Mapped[str | None] = mapped_column(String(128))
    ios_app_version: Mapped[str | None] = mapped_column(String(64))
    ios_device: Mapped[str | None] = mapped_column(String(128))
    ios_os_version: Mapped[str | None] = mapped_column(String(64))
    ios_sdk_version: Mapped[str | None] = mapped_column(String(64))
    ios_last_seen_at: Mapped[int | None] = mapped_column(BigInteger)

    utm_campaign: Mapped[str | None] = mapped_column(String(255))
    utm_content: Mapped[str | None] = mapped_column(String(255))
    utm_medium: Mapped[str | None] = mapped_column(String(255))
    utm_source: Mapped[str | None] = mapped_column(String(255))
    utm_term: Mapped[str | None] = mapped_column(String(255))
    referrer: Mapped[str | None] = mapped_column(Text)

    custom_attributes: Mapped[dict[str, Any]] = mapped_column(nullable=False, default=dict)
    social_profiles: Mapped[list[Any]] = mapped_column(nullable=False, default=list)

    archived: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    merged_into_id: Mapped[str | None] = mapped_column(String(24))
