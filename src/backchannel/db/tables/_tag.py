from __future__ import annotations

from sqlalchemy import BigInteger, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from backchannel.db.base import Base, IntPK, TimestampMixin, WorkspaceMixin

__all__ = ["Tag", "Tagging"]


class Tag(WorkspaceMixin, TimestampMixin, Base):
    """A tag; names are unique per workspace, compared case-insensitively."""

    __tablename__ = "tags"
    __table_args__ = (Index("ix_tags_ws_name", "workspace_id", "name"),)

    id: Mapped[int] = mapped_column(IntPK, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(255), nullable=False)


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
