from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from backchannel.db.base import Base, IntPK, TimestampMixin, WorkspaceMixin

__all__ = ["TicketType", "TicketTypeAttribute"]


class TicketType(WorkspaceMixin, TimestampMixin, Base):
    """A ticket type: the form a ticket is captured with (BEHAVIOR.md §6.8).

    ``category`` is ``Customer``, ``Back-office`` or ``Tracker``. Archiving hides nothing: an
    archived type is still listed and read, with ``archived: true``. Ids are never reused, on
    SQLite either (AUTOINCREMENT), because tickets keep the id of their type.
    """

    __tablename__ = "ticket_types"
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(IntPK, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(255), nullable=False)
    description: Mapped[str] = mapped_column(Text, nullable=False, default="")
    icon: Mapped[str] = mapped_column(String(64), nullable=False)
    category: Mapped[str] = mapped_column(String(16), nullable=False)
    is_internal: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    archived: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)


class TicketTypeAttribute(WorkspaceMixin, TimestampMixin, Base):
    """One field of a ticket type, which a ticket's ``ticket_attributes`` are checked against.

    ``name`` is what tickets key their values by; it is unique within the ticket type, compared
    case-insensitively through ``name_key`` (the case-folded name, written by the service), so
    archived attributes keep their names reserved. ``data_type`` (``string``, ``list``,
    ``integer``, ``decimal``, ``boolean``, ``datetime``, ``files``) never changes.
    ``is_default`` marks the two attributes every type is created with (``_default_title_``,
    ``_default_description_``); the API calls it ``default`` and its rank ``order``, here
    ``position`` (both are SQL keywords).

    ``list_items`` holds a list attribute's items, ``[{"id", "label", "archived"}]`` in their
    order, and is ``NULL`` for other types. Tickets store an item's ``id`` (a UUID), so an item
    keeps its id for as long as its label stays in the list, and an item removed from the list
    is archived, not deleted. ``multiline`` applies to strings, ``allow_multiple_values`` to
    files; both are false for the other types.
    """

    __tablename__ = "ticket_type_attributes"
    __table_args__ = (
        Index("uq_ticket_type_attributes_type_name_key", "ticket_type_id", "name_key", unique=True),
        Index("ix_ticket_type_attributes_type_position", "ticket_type_id", "position", "id"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(IntPK, primary_key=True, autoincrement=True)
    ticket_type_id: Mapped[int] = mapped_column(
        IntPK, ForeignKey("ticket_types.id", ondelete="CASCADE"), nullable=False
    )
    name: Mapped[str] = mapped_column(String(255), nullable=False)
    name_key: Mapped[str] = mapped_column(String(1024), nullable=False)
    description: Mapped[str] = mapped_column(Text, nullable=False, default="")
    data_type: Mapped[str] = mapped_column(String(16), nullable=False)
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    is_default: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    required_to_create: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    required_to_create_for_contacts: Mapped[bool] = mapped_column(
        Boolean, nullable=False, default=False
    )
    visible_on_create: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    visible_to_contacts: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    multiline: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    allow_multiple_values: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    list_items: Mapped[list[Any] | None] = mapped_column()
    archived: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
