from __future__ import annotations

from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from backchannel.db.base import Base, IntPK, TimestampMixin, WorkspaceMixin, partial_index

__all__ = ["Company", "CompanyContact", "CompanyScroll", "Plan"]

# Archived (deleted) companies give up their company_id: a later upsert makes a new company.
_LIVE = "deleted = false"


class Plan(WorkspaceMixin, Base):
    """A company plan, written by name and read back as ``{type: "plan", id, name}``."""

    __tablename__ = "plans"
    __table_args__ = (UniqueConstraint("workspace_id", "name"),)

    id: Mapped[int] = mapped_column(IntPK, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(255), nullable=False)


class Company(WorkspaceMixin, TimestampMixin, Base):
    """A company. Deleting one archives it: it disappears and its contacts are detached."""

    __tablename__ = "companies"
    __table_args__ = (
        partial_index(
            "uq_companies_ws_company_id", "workspace_id", "company_id", unique=True, where=_LIVE
        ),
        Index("ix_companies_ws_created", "workspace_id", "created_at", "id"),
        Index("ix_companies_ws_name", "workspace_id", "name"),
    )

    id: Mapped[str] = mapped_column(String(24), primary_key=True)
    company_id: Mapped[str | None] = mapped_column(String(255))
    name: Mapped[str | None] = mapped_column(String(255))
    plan_id: Mapped[int | None] = mapped_column(IntPK, ForeignKey("plans.id", ondelete="SET NULL"))
    size: Mapped[int | None] = mapped_column(BigInteger)
    website: Mapped[str | None] = mapped_column(Text)
    industry: Mapped[str | None] = mapped_column(String(255))
    monthly_spend: Mapped[int] = mapped_column(BigInteger, nullable=False, default=0)
    session_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    user_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    remote_created_at: Mapped[int | None] = mapped_column(BigInteger)
    last_request_at: Mapped[int | None] = mapped_column(BigInteger)
    custom_attributes: Mapped[dict[str, Any]] = mapped_column(nullable=False, default=dict)
    deleted: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)


class CompanyContact(Base):
    """A contact attached to a company."""

    __tablename__ = "company_contacts"
    __table_args__ = (Index("ix_company_contacts_contact", "contact_id"),)

    company_id: Mapped[str] = mapped_column(
        String(24), ForeignKey("companies.id", ondelete="CASCADE"), primary_key=True
    )
    contact_id: Mapped[str] = mapped_column(
        String(24), ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True
    )
    created_at: Mapped[int] = mapped_column(BigInteger, nullable=False)


class CompanyScroll(WorkspaceMixin, Base):
    """An open company scroll; ``id`` is the ``scroll_param``. At most one per workspace.

    Kept in the database, not in process memory, so any API process can serve the next
    batch. ``last_company_id`` is the keyset position (companies are scrolled in id order);
    a scroll unused for a minute has expired.
    """

    __tablename__ = "company_scrolls"
    __table_args__ = (UniqueConstraint("workspace_id"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    last_company_id: Mapped[str | None] = mapped_column(String(24))
    created_at: Mapped[int] = mapped_column(BigInteger, nullable=False)
    last_used_at: Mapped[int] = mapped_column(BigInteger, nullable=False)
