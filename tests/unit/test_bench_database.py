"""The benchmark's database (``bench/seed.py``): a new SQLite file, or a new PostgreSQL schema
dropped after the run, prepared and bulk-loaded the same way on both.

Nothing is timed here: timing happens in ``bench/``, never in the test suite.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest
from bench.seed import Database, bulk_contacts, fresh_database, prepare_database
from sqlalchemy import func, select, text

from backchannel.db.session import make_engine
from backchannel.db.tables import Contact
from tests.conftest import DATABASES, POSTGRES_URL
from tests.unit.db.test_scratch import existing_schemas


@pytest.mark.parametrize("kind", DATABASES)
def test_a_run_gets_a_database_of_its_own_prepared_and_bulk_loaded(kind, tmp_path):
    server_url = POSTGRES_URL if kind == "postgresql" else None
    with fresh_database(tmp_path, server_url) as database:
        assert database.description.startswith("PostgreSQL" if server_url else "SQLite")
        prepare_database(database.url, "bc_bench_test_token")
        result = bulk_contacts(database.url, 50)
        assert result.created == 50

        engine = make_engine(database.url)
        try:
            with engine.connect() as conn:
                stored = conn.execute(select(func.count()).select_from(Contact)).scalar_one()
                assert stored == 50
                if server_url:
                    # The table was vacuumed and has statistics before any server starts.
                    vacuums, analyzes = conn.execute(
                        text(
                            "SELECT vacuum_count, analyze_count FROM pg_stat_user_tables "
                            "WHERE relid = 'contacts'::regclass"
                        )
                    ).one()
                    assert vacuums >= 1 and analyzes >= 1
                    reltuples = conn.execute(
                        text("SELECT reltuples FROM pg_class WHERE oid = 'contacts'::regclass")
                    ).scalar_one()
                    assert reltuples == 50
                    schema = conn.execute(text("SELECT current_schema()")).scalar_one()
        finally:
            engine.dispose()

    if server_url:
        assert result.analyze_seconds is not None
        assert schema.startswith("bc_bench_") and schema not in existing_schemas()
    else:
        assert result.analyze_seconds is None


@pytest.mark.skipif(not POSTGRES_URL, reason="BACKCHANNEL_TEST_POSTGRES_URL is not set")
def test_the_schema_is_dropped_when_the_run_is_interrupted(tmp_path):
    with pytest.raises(KeyboardInterrupt), fresh_database(tmp_path, POSTGRES_URL) as database:
        prepare_database(database.url, "bc_bench_test_token")
        schema = database.description.rsplit("schema ", 1)[1].split()[0]
        assert schema in existing_schemas()
        raise KeyboardInterrupt
    assert schema not in existing_schemas()


@pytest.mark.parametrize("kind", DATABASES)
def test_the_benchmark_sees_the_queries_a_server_left_running(kind, tmp_path):
    """What the benchmark waits for between scenarios: on PostgreSQL a server's queries run
    on in the database after the server went idle; on SQLite there are none outside it."""
    server_url = POSTGRES_URL if kind == "postgresql" else None
    with fresh_database(tmp_path, server_url) as database:
        assert database.active_queries() == 0
        if not server_url:
            return
        engine = make_engine(database.url)  # connects as a server would
        outcome: list[BaseException | None] = []

        def sleep() -> None:
            try:
                with engine.connect() as conn:
                    conn.execute(text("SELECT pg_sleep(300)"))
                outcome.append(None)
            except BaseException as exc:
                outcome.append(exc)

        worker = threading.Thread(target=sleep, daemon=True)
        worker.start()
        try:
            running = _eventually(lambda: database.active_queries() == 1)
            assert running, "the query never showed as running"
        finally:
            # Cancelled again until it ends: a cancel that came before the query is lost.
            _eventually(lambda: _cancel(database) or not worker.is_alive())
            worker.join(timeout=60)
            engine.dispose()
        assert outcome and outcome[0] is not None  # cancelled, not finished
        assert _eventually(lambda: database.active_queries() == 0)


def _eventually(check: Callable[[], bool], seconds: float = 60.0) -> bool:
    """Whether ``check`` comes true within ``seconds`` (polled; not a timing assertion)."""
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def _cancel(database: Database) -> bool:
    """Cancel the queries of ``database``'s connections; False (so callers poll on)."""
    assert database.monitor is not None
    with database.monitor.connect() as conn:
        conn.execute(
            text(
                "SELECT pg_cancel_backend(pid) FROM pg_stat_activity "
                "WHERE application_name = :name AND pid <> pg_backend_pid()"
            ),
            {"name": database.application_name},
        )
    return False
