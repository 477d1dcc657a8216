"""Transactions behave the same on both databases: a savepoint never outlives its transaction."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from backchannel.db.session import SQLITE_MMAP_BYTES
from backchannel.db.tables import Contact
from tests.conftest import START


def _contact(workspace_id: int, suffix: str) -> Contact:
    return Contact(
        id=f"{START:08x}{suffix:0>16}",
        workspace_id=workspace_id,
        role="lead",
        created_at=START,
        updated_at=START,
        custom_attributes={},
        social_profiles=[],
    )


def test_savepoint_as_first_write_rolls_back_with_its_transaction(runtime, workspace):
    ws = workspace.workspace.id
    with runtime.sessions() as session:
        with session.begin_nested():
            session.add(_contact(ws, "1"))
        session.rollback()
    with runtime.sessions() as session:
        assert session.execute(select(func.count()).select_from(Contact)).scalar_one() == 0


def test_savepoint_rolled_back_keeps_the_outer_work(runtime, workspace):
    ws = workspace.workspace.id
    with runtime.sessions() as session:
        session.add(_contact(ws, "1"))
        session.flush()
        nested = session.begin_nested()
        session.add(_contact(ws, "2"))
        session.flush()
        nested.rollback()
        session.commit()
    with runtime.sessions() as session:
        ids = session.execute(select(Contact.id)).scalars().all()
    assert ids == [f"{START:08x}{'1':0>16}"]


def test_sessions_that_read_then_write_wait_for_each_other(runtime, workspace):
    """Two units of work interleave as two API processes would: the one that read first
    still writes after the other commits, instead of failing with "database is locked"."""
    import threading

    ws = workspace.workspace.id
    read_done = threading.Event()
    errors: list[BaseException] = []

    def slow_writer() -> None:
        try:
            with runtime.sessions() as session:
                session.execute(select(func.count()).select_from(Contact)).scalar_one()
                read_done.set()
                threading.Event().wait(0.3)
                session.add(_contact(ws, "1"))
                session.commit()
        except BaseException as error:  # reported below
            errors.append(error)
            read_done.set()

    thread = threading.Thread(target=slow_writer)
    thread.start()
    read_done.wait(5)
    with runtime.sessions() as session:
        session.add(_contact(ws, "2"))
        session.commit()
    thread.join(10)
    assert errors == []
    with runtime.sessions() as session:
        assert session.execute(select(func.count()).select_from(Contact)).scalar_one() == 2


def test_sqlite_connections_read_through_a_memory_map(runtime):
    if runtime.engine.dialect.name != "sqlite":
        pytest.skip("a SQLite setting")
    with runtime.engine.connect() as conn:
        mapped = conn.exec_driver_sql("PRAGMA mmap_size").scalar_one()
        journal = conn.exec_driver_sql("PRAGMA journal_mode").scalar_one()
    assert mapped == SQLITE_MMAP_BYTES
    assert journal == "wal"
