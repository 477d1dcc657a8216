from __future__ import annotations

from sqlalchemy import BigInteger, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from backchannel.db.base import Base, IntPK, TimestampMixin, WorkspaceMixin

__all__ = ["Tag", "Tagging"]


class Tag(WorkspaceMixin, TimestampMixin, Base):
    """A tag; names are unique per workspace, compared case-insensitively.

    ``name_key`` is the case-folded name, written by the service on every create and
    rename: a unique index on it gives the same case-insensitive uniqueness on SQLite and
    PostgreSQL (their ``lower()`` differ outside ASCII). Ids are never reused, on SQLite
    either (AUTOINCREMENT), so a deleted tag's id cannot come to mean another tag.
    """

    __tablename__ = "tags"
    __table_args__ = (
        Index("uq_tags_ws_name_key", "workspace_id", "name_key", unique=True),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(IntPK, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(255), nullable=False)
    name_key: Mapped[str] = mapped_column(String(1024), nullable=False)


class Tagging(Base):
    """A tag applied to a contact, company, conversation or ticket, by an admin."""

    __tablename__ = "taggings"
    __table_args__ = (Index("ix_taggings_target", "target_type", "target_id"),)

    tag_id: Mapped[int] = mapped_column(
        IntPK, ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True
    )
    target_type: Mapped[str] = mapped_column(String(16), primary_key=True)
    target_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    applied_at: Mapped[int] = mapped_column(BigInteger, nullable=False)
    applied_by: Mapped[int | None] = mapped_column(IntPK)
