"""What a server on SQLite loads and sets up once started, checked in a fresh interpreter.

Start-up time and idle memory are measured in ``bench/``; these tests keep the modules and
the set-up that cost them most out of a server that does not need them.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from sqlalchemy.orm import Session

from backchannel.core.clock import SystemClock
from backchannel.core.ids import IdFactory
from backchannel.db.migrate import HEAD, upgrade
from backchannel.db.session import make_engine
from backchannel.provisioning import create_workspace
from tests.live import live_server

TOKEN = "bc_startup_test_token_0123456789"


def _served_database(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'served.db'}"
    engine = make_engine(url)
    upgrade(engine)  # in this process: Alembic itself loads PostgreSQL's dialect
    with Session(engine) as db, db.begin():
        create_workspace(db, clock=SystemClock(), ids=IdFactory(), token=TOKEN)
    engine.dispose()
    return url


def _run(code: str, *, database_url: str, cwd) -> list[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BACKCHANNEL_")}
    env["BACKCHANNEL_DATABASE_URL"] = database_url
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=cwd, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_serving_on_sqlite_loads_neither_postgresql_nor_phonenumbers(tmp_path):
    """SQLAlchemy's PostgreSQL dialect (with every driver's module) and phonenumbers are
    loaded only where they are used: together about 3 MiB and 80 ms of start-up."""
    code = textwrap.dedent(
        f"""
        import sys
        from starlette.testclient import TestClient
        from backchannel.app import app_factory

        auth = {{"Authorization": "Bearer {TOKEN}"}}
        with TestClient(app_factory()) as client:
            assert client.get("/_backchannel/health").status_code == 200
            assert client.get("/contacts", headers=auth).status_code == 200
            assert client.post("/tags", json={{"name": "VIP"}}, headers=auth).status_code == 200
        unwanted = ("sqlalchemy.dialects.postgresql", "phonenumbers")
        print("loaded:", *[name for name in unwanted if name in sys.modules])
        """
    )
    database_url = _served_database(tmp_path)
    assert _run(code, database_url=database_url, cwd=tmp_path) == ["loaded:"]


def test_an_idle_job_runner_leaves_the_orm_mappers_unconfigured(tmp_path):
    """Polling with no job waiting, and purging expired files, do not make SQLAlchemy
    configure the ORM mappers (about 1.5 MiB): the first request that needs them does."""
    code = textwrap.dedent(
        """
        import os
        from sqlalchemy import inspect
        from backchannel.core.clock import SystemClock
        from backchannel.db.session import make_engine
        from backchannel.db.tables import Job
        from backchannel.jobs import JobRunner
        from backchannel.resources import JOB_HANDLERS

        engine = make_engine(os.environ["BACKCHANNEL_DATABASE_URL"])
        runner = JobRunner(engine, clock=SystemClock(), handlers=JOB_HANDLERS)
        print(runner.poll(), runner.purge_expired(), inspect(Job).configured)
        """
    )
    database_url = _served_database(tmp_path)
    assert _run(code, database_url=database_url, cwd=tmp_path) == ["[]", "0", "False"]


def test_a_server_started_by_hand_refuses_a_database_that_is_not_migrated(tmp_path):
    """``uvicorn backchannel.app:app_factory --factory`` on a new or older database stops at
    once with the command that fixes it; ``backchannel serve`` upgrades before it starts."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("BACKCHANNEL_")}
    code = "from backchannel.app import app_factory; app_factory(); print('started')"

    def start(database_url: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            env={**env, "BACKCHANNEL_DATABASE_URL": database_url},
            cwd=tmp_path,
            timeout=120,
        )

    empty = start(f"sqlite:///{tmp_path / 'empty.db'}")
    assert empty.returncode == 1
    assert "the database has no Backchannel tables" in empty.stderr
    assert "Run `backchannel db upgrade`" in empty.stderr
    assert "Traceback" not in empty.stderr

    older_url = f"sqlite:///{tmp_path / 'older.db'}"
    engine = make_engine(older_url)
    upgrade(engine, "0006")
    engine.dispose()
    older = start(older_url)
    assert older.returncode == 1
    assert f"the database has revision 0006; this version needs revision {HEAD}" in older.stderr

    assert start(_served_database(tmp_path)).stdout.split() == ["started"]


def test_the_served_app_keeps_what_start_up_built_out_of_garbage_collection(tmp_path):
    """``app_factory`` freezes the objects start-up made, so a full collection walks only
    what requests have made since (about 40 ms less per full collection)."""
    code = textwrap.dedent(
        """
        import gc
        from backchannel.app import app_factory

        app_factory()
        print(gc.get_freeze_count(), len(gc.get_objects()))
        """
    )
    frozen, tracked = map(int, _run(code, database_url=_served_database(tmp_path), cwd=tmp_path))
    assert frozen > 20_000
    assert tracked < frozen / 10


def test_backchannel_serve_loads_no_websocket_or_file_watching_library(tmp_path):
    """No operation is a WebSocket and ``serve`` never reloads: Backchannel installs uvicorn
    with uvloop and httptools but without the WebSocket and file-watching libraries of
    ``uvicorn[standard]`` (uvicorn imports its file watcher at start-up, 0.85 MiB of every
    process), and tells uvicorn not to look for a WebSocket library that another package
    may have installed."""
    assert importlib.util.find_spec("watchfiles") is None
    assert importlib.util.find_spec("websockets") is None
    with live_server(f"sqlite:///{tmp_path / 'served.db'}") as server:
        maps = Path(f"/proc/{server.process.pid}/maps").read_text()
    assert "/uvloop/" in maps and "/httptools/" in maps
    assert "/websockets/" not in maps and "/watchfiles/" not in maps


def test_backchannel_serve_runs_uvicorn_on_uvloop_and_httptools_without_websockets(
    tmp_path, monkeypatch
):
    import uvicorn

    from backchannel import cli
    from backchannel.settings import Settings

    ran = []
    monkeypatch.setattr(uvicorn, "run", lambda *args, **options: ran.append(options))
    cli._run_uvicorn(Settings(database_url=f"sqlite:///{tmp_path / 'x.db'}"))
    (options,) = ran
    assert (options["loop"], options["http"], options["ws"]) == ("uvloop", "httptools", "none")
