from __future__ import annotations

from sqlalchemy import BigInteger, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from backchannel.db.base import Base, IntPK, WorkspaceMixin

__all__ = ["Note"]


class Note(WorkspaceMixin, Base):
    """A note an admin wrote on a contact; the body is stored as HTML.

    Ids are never reused, on SQLite either (AUTOINCREMENT): a note of a deleted contact
    keeps answering 404.
    """

    __tablename__ = "notes"
    __table_args__ = (
        Index("ix_notes_contact_created", "contact_id", "created_at", "id"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(IntPK, primary_key=True, autoincrement=True)
    contact_id: Mapped[str] = mapped_column(
        String(24), ForeignKey("contacts.id", ondelete="CASCADE"), nullable=False
    )
    admin_id: Mapped[int | None] = mapped_column(
        IntPK, ForeignKey("admins.id", ondelete="SET NULL")
    )
    body: Mapped[str] = mapped_column(Text, nullable=False)
    created_at: Mapped[int] = mapped_column(BigInteger, nullable=False)
