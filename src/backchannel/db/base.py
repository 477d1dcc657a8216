"""Declarative base, naming convention and the mixins every workspace table shares."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKey, Integer, MetaData
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

__all__ = ["Base", "IntPK", "JsonType", "TimestampMixin", "WorkspaceMixin"]

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# JSON documents: JSONB on PostgreSQL, JSON text on SQLite.
JsonType = JSON().with_variant(JSONB(), "postgresql")
# Integer primary keys that autoincrement on both dialects (SQLite needs plain INTEGER).
IntPK = BigInteger().with_variant(Integer(), "sqlite")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: dict[Any, Any] = {dict[str, Any]: JsonType, list[Any]: JsonType}


class WorkspaceMixin:
    """Every tenant table carries ``workspace_id``; the repository always filters on it."""

    @declared_attr
    def workspace_id(cls) -> Mapped[int]:
        return mapped_column(
            IntPK, ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False, index=True
        )


class TimestampMixin:
    """Unix-second ``created_at``/``updated_at``, written from the injected clock."""

    created_at: Mapped[int] = mapped_column(BigInteger, nullable=False)
    updated_at: Mapped[int] = mapped_column(BigInteger, nullable=False)
