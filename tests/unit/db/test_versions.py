"""Database stamps: equal only while nothing was committed, on SQLite; none on PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update
from sqlalchemy.pool import NullPool

from backchannel.db.session import make_engine
from backchannel.db.tables import Contact, Workspace
from backchannel.db.versions import data_version


@pytest.fixture
def sqlite_only(runtime):
    if runtime.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL keeps no data version (see test_postgresql_has_no_stamp)")


def _rename(connection, workspace_id: int, name: str) -> None:
    connection.execute(update(Workspace).where(Workspace.id == workspace_id).values(name=name))


def test_stamp_stays_while_nothing_is_committed(runtime, workspace, sqlite_only):
    with runtime.engine.connect() as conn:
        stamp = data_version(conn)
        assert stamp is not None
        conn.execute(select(Contact.id)).all()
        conn.rollback()
        assert data_version(conn) == stamp


def test_stamp_moves_when_another_connection_commits(runtime, workspace, sqlite_only):
    with runtime.engine.connect() as reader:
        stamp = data_version(reader)
        with runtime.engine.begin() as other:
            _rename(other, workspace.workspace.id, "Renamed")
        assert data_version(reader) != stamp


def test_stamp_moves_when_the_connection_itself_commits(runtime, workspace, sqlite_only):
    """A connection's own commits do not move SQLite's data version; the count of rows it
    changed does."""
    with runtime.engine.connect() as conn:
        stamp = data_version(conn)
        _rename(conn, workspace.workspace.id, "Renamed")
        conn.commit()
        assert data_version(conn) != stamp


def test_no_stamp_inside_a_transaction(runtime, workspace, sqlite_only):
    """What a transaction reads may be its own uncommitted writes, later rolled back."""
    with runtime.sessions.begin() as session:
        session.execute(select(Contact.id)).all()
        assert data_version(session) is None


def test_stamps_of_two_connections_differ(runtime, workspace, sqlite_only):
    """Each connection numbers its versions on its own: equal numbers on two connections
    say nothing."""
    fresh = make_engine(str(runtime.engine.url), poolclass=NullPool)
    try:
        with fresh.connect() as one, fresh.connect() as two:
            first, second = data_version(one), data_version(two)
            assert first[1:] == second[1:]  # the same version and count of changes
            assert first != second
    finally:
        fresh.dispose()


def test_postgresql_has_no_stamp(runtime, workspace):
    if runtime.engine.dialect.name != "postgresql":
        pytest.skip("SQLite has stamps (the tests above)")
    with runtime.engine.connect() as conn:
        assert data_version(conn) is None
