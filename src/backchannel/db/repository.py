"""A generic workspace-scoped repository: every read and write is filtered on ``workspace_id``."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from backchannel.core.errors import ApiError, NotFound

__all__ = ["Repository", "insert_unless_present"]

T = TypeVar("T")


def insert_unless_present(
    db: Session, model: type[Any], values: dict[str, Any], *, keys: list[str] | None = None
) -> None:
    """Insert a row of ``model`` unless it would conflict (``ON CONFLICT DO NOTHING``).

    ``keys`` names the columns of the unique index to check; none means any constraint.
    Race-free without a savepoint: a concurrent request inserting the same row first makes
    this a no-op instead of an integrity error.
    """
    # Each dialect's insert is imported here, on use: importing SQLAlchemy's PostgreSQL
    # dialect loads every driver's module too (about 2 MiB), which SQLite never needs.
    insert: Any
    if db.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    db.execute(insert(model).values(**values).on_conflict_do_nothing(index_elements=keys))


class Repository(Generic[T]):
    """Reads and writes rows of ``model`` that belong to one workspace."""

    def __init__(
        self,
        db: Session,
        workspace_id: int,
        model: type[T],
        *,
        not_found: ApiError | None = None,
    ) -> None:
        self.db = db
        self.workspace_id = workspace_id
        self.model = model
        self._not_found = not_found

    def select(self) -> Select[T]:
        """All of this workspace's rows of ``model``; add filters with ``.where``."""
        return select(self.model).where(self.model.workspace_id == self.workspace_id)  # type: ignore[attr-defined]

    def get(self, id_: Any) -> T | None:
        row = self.db.get(self.model, id_)
        if row is None or row.workspace_id != self.workspace_id:  # type: ignore[attr-defined]
            return None
        return row

    def get_or_raise(self, id_: Any) -> T:
        row = self.get(id_)
        if row is None:
            raise self._not_found or NotFound()
        return row

    def first(self, stmt: Select[T]) -> T | None:
        return self.db.execute(stmt.limit(1)).scalars().first()

    def add(self, row: T) -> T:
        row.workspace_id = self.workspace_id  # type: ignore[attr-defined]
        self.db.add(row)
        self.db.flush()
        return row

    def delete(self, row: T) -> None:
        self.db.delete(row)
        self.db.flush()

    def __repr__(self) -> str:
        return f"Repository({self.model.__name__}, workspace_id={self.workspace_id})"
