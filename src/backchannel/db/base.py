"""Declarative base, naming convention and the mixins every workspace table shares; the JSON
type and partial indexes that SQLite and PostgreSQL spell differently."""

from __future__ import annotations

from typing import Any, Literal

from sqlalchemy import (
    JSON,
    BigInteger,
    Connection,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    TypeDecorator,
    event,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column
from sqlalchemy.types import TypeEngine

__all__ = [
    "Base",
    "IntPK",
    "JsonType",
    "TimestampMixin",
    "WorkspaceMixin",
    "partial_index",
    "render_migration_type",
]

# Nothing here names a PostgreSQL type or option directly: that makes SQLAlchemy import its
# whole PostgreSQL dialect, every driver's module included (about 2 MiB of memory and 50 ms
# of start-up), which a server on SQLite never uses. The PostgreSQL parts are resolved when
# PostgreSQL first needs them; a test checks that serving on SQLite leaves the dialect unloaded.

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class _Jsonb(TypeDecorator[Any]):
    """PostgreSQL's ``JSONB``, looked up when PostgreSQL compiles, binds or reads it."""

    impl = JSON
    cache_ok = True
    # As JSONB's own: drivers that type their parameters in the SQL (psycopg) cast to JSONB.
    render_bind_cast = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        from sqlalchemy.dialects.postgresql import JSONB  # on use: see the note at the top

        return dialect.type_descriptor(JSONB())


def render_migration_type(type_: str, obj: Any, autogen_context: Any) -> str | Literal[False]:
    """Alembic's ``render_item`` hook: a migration written by autogenerate names PostgreSQL's
    ``JSONB`` itself, not this module's stand-in for it."""
    if type_ == "type" and isinstance(obj, _Jsonb):
        autogen_context.imports.add("from sqlalchemy.dialects import postgresql")
        return "postgresql.JSONB()"
    return False


# JSON documents: JSONB on PostgreSQL, JSON text on SQLite.
JsonType = JSON().with_variant(_Jsonb(), "postgresql")
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


def partial_index(name: str, *expressions: Any, where: str, unique: bool = False) -> Index:
    """An index of the rows for which ``where`` (SQL) holds, on SQLite and PostgreSQL.

    PostgreSQL's copy of the condition is given to the index just before PostgreSQL creates
    it (``create_all``), not here (see the note at the top). Migrations spell out both
    conditions themselves.
    """
    index = Index(
        name, *expressions, unique=unique, sqlite_where=text(where), info={"where": where}
    )
    event.listen(index, "before_create", _add_postgresql_where)
    return index


def _add_postgresql_where(index: Index, connection: Connection, **_: Any) -> None:
    if connection.dialect.name == "postgresql":
        index.dialect_kwargs["postgresql_where"] = text(index.info["where"])
