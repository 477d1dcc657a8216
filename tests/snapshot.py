"""Every stored row, read back in a fixed order, so a test can prove that a request changed
nothing: ``assert snapshot(engine) == before``.

Rows are compared column by column (JSON documents included) after the request; a failed
request must leave each of them exactly as it was and add none.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, select

from backchannel.db.tables import Base

Snapshot = dict[str, list[tuple[Any, ...]]]


def snapshot(engine: Engine) -> Snapshot:
    """All rows of every table, each table ordered by its primary key."""
    rows: Snapshot = {}
    with engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            order = list(table.primary_key.columns) or list(table.columns)
            result = conn.execute(select(table).order_by(*order))
            rows[table.name] = [tuple(row) for row in result]
    return rows


def changed_tables(before: Snapshot, after: Snapshot) -> list[str]:
    """The names of the tables whose rows differ (for a readable assertion message)."""
    return sorted(
        name for name in before.keys() | after.keys() if before.get(name) != after.get(name)
    )
