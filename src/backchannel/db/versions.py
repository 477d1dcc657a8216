"""Whether the database has changed since an earlier look, without reading what changed.

SQLite keeps, per connection, a number that moves whenever another connection has committed
a change to the database file (``PRAGMA data_version``): a connection of this process or of
another worker, or a script writing straight to the file. The driver also counts the rows
the connection changed itself (``total_changes``). Together with the connection they make a
stamp: equal stamps mean the database holds exactly what it held when the first was taken,
so whatever was computed from it then still holds. Taking a stamp costs a read transaction
that reads no table, a fraction of a query.

A stamp must be taken *before* the reads it vouches for: a change committed between the
stamp and the reads then makes the next stamp differ, which costs a read again but never
answers stale data.

PostgreSQL keeps no such number, and a connection inside a transaction of its own may hold
changes that are later rolled back: there is no stamp then (``None``), and callers compare
what they read instead (``db.prepared.Fetched.key``).
"""

from __future__ import annotations

from collections.abc import Hashable

from sqlalchemy import Connection
from sqlalchemy.orm import Session

__all__ = ["data_version"]

_DATA_VERSION = "PRAGMA data_version"


def data_version(db: Session | Connection) -> Hashable | None:
    """A stamp of the database as ``db`` sees it now, or None where there is none."""
    connection = db.connection() if isinstance(db, Session) else db
    if connection.dialect.name != "sqlite":
        return None
    driver = connection.connection.dbapi_connection
    if driver is None or driver.in_transaction:
        return None
    cursor = driver.execute(_DATA_VERSION)
    try:
        (version,) = cursor.fetchone()
    finally:
        cursor.close()
    # The connection object itself, not its id(): another connection could reuse an id,
    # and numbers its versions on its own.
    return (driver, version, driver.total_changes)
