"""The Alembic history builds exactly the schema the ORM tables describe, on both databases."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import uuid
import warnings
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.exc import SAWarning

from backchannel.db.migrate import HEAD, current_revision, upgrade
from backchannel.db.scratch import schema_name, scratch_schema
from backchannel.db.session import make_engine
from backchannel.db.tables import Base
from tests.conftest import POSTGRES_URL


def _diff(engine):
    with engine.connect() as connection, warnings.catch_warnings():
        # SQLite cannot reflect expression indexes; Alembic warns and skips them.
        warnings.simplefilter("ignore", UserWarning)
        warnings.simplefilter("ignore", SAWarning)
        return compare_metadata(MigrationContext.configure(connection), Base.metadata)


def test_upgrade_head_matches_tables_sqlite(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'migrated.db'}")
    upgrade(engine)
    assert _diff(engine) == []
    assert "contacts" in inspect(engine).get_table_names()
    upgrade(engine)  # a second upgrade is a no-op
    engine.dispose()


@pytest.mark.skipif(not POSTGRES_URL, reason="BACKCHANNEL_TEST_POSTGRES_URL is not set")
def test_upgrade_head_matches_tables_postgresql():
    schema = f"bc_migrate_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin = make_engine(POSTGRES_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = make_engine(POSTGRES_URL, connect_args={"options": f"-csearch_path={schema}"})
    try:
        upgrade(engine)
        assert _diff(engine) == []
        indexes = {ix["name"] for ix in inspect(engine).get_indexes("contacts")}
        assert {"uq_contacts_ws_user_email", "ix_contacts_ws_email"} <= indexes
    finally:
        engine.dispose()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def test_head_constant_is_alembics_head():
    from alembic.script import ScriptDirectory

    from backchannel.db.migrate import HEAD, alembic_config

    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == HEAD


def test_a_database_at_head_is_served_without_loading_alembic(tmp_path):
    """``serve`` on a migrated database does not import Alembic (start-up time, memory)."""
    import subprocess
    import sys

    url = f"sqlite:///{tmp_path / 'served.db'}"
    check = (
        "import sys\n"
        "from backchannel.db.migrate import current_revision, upgrade, HEAD\n"
        "from backchannel.db.session import make_engine\n"
        f"engine = make_engine({url!r})\n"
        "fresh = current_revision(engine) is None\n"
        "upgrade(engine)\n"
        "print(fresh, current_revision(engine) == HEAD, 'alembic' in sys.modules)\n"
    )
    first = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True)
    assert first.stdout.split() == ["True", "True", "True"], first.stderr
    second = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True)
    assert second.stdout.split() == ["False", "True", "False"], second.stderr


_UPGRADER = """
import sys, time
from pathlib import Path
from alembic import command  # imported before the start signal, so the runs overlap
from backchannel.db.migrate import upgrade
from backchannel.db.session import make_engine

engine = make_engine(sys.argv[1])
print("ready", flush=True)
go = Path(sys.argv[2])
while not go.exists():
    time.sleep(0.001)
upgrade(engine)
engine.dispose()
"""


def _upgrade_at_once(url: str, tmp_path, processes: int = 3) -> list[subprocess.CompletedProcess]:
    go = tmp_path / "go"
    started = [
        subprocess.Popen(
            [sys.executable, "-c", _UPGRADER, url, str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(processes)
    ]
    for process in started:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "ready"
    go.touch()
    finished = []
    for process in started:
        stdout, stderr = process.communicate(timeout=120)
        finished.append(
            subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)
        )
    return finished


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_processes_that_start_together_on_a_new_database_migrate_it_once(database, tmp_path):
    """An API process and a worker (or several hosts) started together on a new database each
    run ``upgrade``: one migrates, the others wait for it and find the database current."""
    if database == "sqlite":
        context: Any = contextlib.nullcontext(f"sqlite:///{tmp_path / 'shared.db'}")
    elif POSTGRES_URL:
        context = scratch_schema(POSTGRES_URL, schema_name("bc_migrate"))
    else:
        pytest.skip("BACKCHANNEL_TEST_POSTGRES_URL is not set")
    with context as url:
        results = _upgrade_at_once(url, tmp_path)
        for result in results:
            assert result.returncode == 0, result.stderr[-3000:]
        engine = make_engine(url)
        try:
            assert current_revision(engine) == HEAD
            assert _diff(engine) == []
        finally:
            engine.dispose()
