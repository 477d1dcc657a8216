"""The data the benchmark reads: a fresh database, one workspace, contacts.

The database is a new SQLite file, or with ``--database-url`` a new schema on a PostgreSQL
server, made for the run and dropped after it (:func:`fresh_database`). The schema
(Backchannel's migrations) and the workspace with the access token the benchmark uses are
made in-process, as ``backchannel serve`` makes them on first start; the contacts go through
the API, as a client would create them. With ``--bulk-contacts N``, N more contacts are
written straight into the database by ``backchannel.seeding`` (what
``backchannel seed contacts`` runs) before the servers start, so search can be measured over
a million contacts without a million API calls.
"""

from __future__ import annotations

import json
import sqlite3
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from bench.procs import HttpClient

__all__ = [
    "BulkResult",
    "Database",
    "SeedResult",
    "bulk_contacts",
    "contact_email",
    "describe_error",
    "fresh_database",
    "prepare_database",
    "search_body",
    "search_query_body",
    "seed_contacts",
]

PLANS = ("free", "pro", "enterprise")
# Custom attributes the contacts carry, so search has something beyond built-in fields.
DATA_ATTRIBUTES = (
    {"name": "plan", "model": "contact", "data_type": "string"},
    {"name": "seats", "model": "contact", "data_type": "integer"},
)


@dataclass
class SeedResult:
    """What seeding made, and what it had to leave out."""

    requested: int
    created: int = 0
    seconds: float = 0.0
    contact_ids: list[str] = field(default_factory=list)
    custom_attributes: bool = False
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "requested": self.requested,
            "created": self.created,
            "seconds": round(self.seconds, 3),
            "custom_attributes": self.custom_attributes,
            "notes": self.notes,
        }


@dataclass(frozen=True)
class Database:
    """The database a run uses: the URL Backchannel connects with, and what it is.

    On PostgreSQL, ``monitor`` is a connection pool of the benchmark's own, and every
    connection made with ``url`` calls itself ``application_name``, so the benchmark can
    tell when the database has finished the queries a server left behind
    (:meth:`wait_idle`).
    """

    url: str
    description: str
    application_name: str | None = None
    monitor: Engine | None = None

    def active_queries(self) -> int:
        """How many queries of ``url``'s connections are running now (0 on SQLite)."""
        if self.monitor is None:
            return 0
        active = text(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE application_name = :name AND state = 'active' AND pid <> pg_backend_pid()"
        )
        with self.monitor.connect() as conn:
            return int(conn.execute(active, {"name": self.application_name}).scalar_one())

    def wait_idle(self, *, interval: float = 0.25, timeout: float = 300.0) -> float:
        """Wait until no query of ``url``'s connections runs; returns the seconds waited.

        A server process waiting for PostgreSQL uses no CPU, so the wait for an idle server
        (:func:`bench.procs.wait_idle`) ends while the database still works through the
        queries that wrk's last requests started; the next scenario must not pay for them.
        SQLite works inside the server process, so there is nothing more to wait for.
        """
        started = time.perf_counter()
        while self.active_queries() and time.perf_counter() - started < timeout:
            time.sleep(interval)
        return time.perf_counter() - started


@contextmanager
def fresh_database(workdir: Path, server_url: str | None = None) -> Iterator[Database]:
    """An empty database for one run, gone afterwards (also after an error or Ctrl-C).

    Without ``server_url``, a new SQLite file in ``workdir`` (which the caller removes).
    With a PostgreSQL ``server_url``, a new uniquely named schema on that server, the way
    the tests make theirs (:mod:`backchannel.db.scratch`), dropped with everything in it
    when the run ends; the servers must be stopped by then.
    """
    if server_url is None:
        yield Database(
            f"sqlite:///{workdir / 'backchannel.db'}",
            f"SQLite {sqlite3.sqlite_version}, a new file",
        )
        return
    from backchannel.db.scratch import schema_name, scratch_schema
    from backchannel.db.session import make_engine

    schema = schema_name("bc_bench")
    print(f"[bench] creating schema {schema}", file=sys.stderr, flush=True)
    with scratch_schema(server_url, schema) as url:
        tagged = (
            make_url(url)
            .update_query_dict({"application_name": schema})
            .render_as_string(hide_password=False)
        )
        monitor = make_engine(server_url, pool_size=1)
        try:
            description = f"{_postgres_server(monitor)}, schema {schema} (made for this run)"
            yield Database(tagged, description, application_name=schema, monitor=monitor)
        finally:
            monitor.dispose()
    print(f"[bench] dropped schema {schema}", file=sys.stderr, flush=True)


def _postgres_server(engine: Engine) -> str:
    """``PostgreSQL <version> at host:port/database`` (no credentials)."""
    with engine.connect() as conn:
        version = conn.exec_driver_sql("SHOW server_version").scalar_one()
    url = engine.url
    return f"PostgreSQL {version} at {url.host}:{url.port or 5432}/{url.database}"


def prepare_database(database_url: str, token: str) -> None:
    """Migrate an empty database and create one workspace whose access token is ``token``."""
    from backchannel.core.clock import SystemClock
    from backchannel.core.ids import IdFactory
    from backchannel.db.migrate import upgrade
    from backchannel.db.session import make_engine
    from backchannel.provisioning import create_workspace

    engine = make_engine(database_url)
    try:
        upgrade(engine)
        with Session(engine) as db, db.begin():
            create_workspace(db, clock=SystemClock(), ids=IdFactory(), token=token)
    finally:
        engine.dispose()


@dataclass(frozen=True)
class BulkResult:
    """What the direct bulk load wrote, and how long the statistics after it took (on
    PostgreSQL; ``None`` on SQLite)."""

    created: int
    seconds: float
    analyze_seconds: float | None = None

    def as_dict(self) -> dict[str, Any]:
        analyze = None if self.analyze_seconds is None else round(self.analyze_seconds, 3)
        return {
            "created": self.created,
            "seconds": round(self.seconds, 3),
            "analyze_seconds": analyze,
        }


def bulk_contacts(database_url: str, count: int, *, seed: int = 0) -> BulkResult:
    """Write ``count`` synthetic contacts into the first workspace, batch by batch."""
    from backchannel.db.session import make_engine
    from backchannel.provisioning import default_workspace
    from backchannel.seeding import seed_contacts as bulk_seed

    engine = make_engine(database_url)
    try:
        with Session(engine) as db:
            workspace = default_workspace(db)
            assert workspace is not None, "prepare_database makes the workspace first"
            workspace_id = workspace.id
        shown = [0]  # progress is printed about every 10%

        def progress(done: int, total: int, seconds: float) -> None:
            if done - shown[0] >= total / 10 or done == total:
                shown[0] = done
                print(
                    f"[bench]   {done:,}/{total:,} contacts in {seconds:.1f} s",
                    file=sys.stderr,
                    flush=True,
                )

        result = bulk_seed(
            engine, workspace_id=workspace_id, count=count, seed=seed, progress=progress
        )
        analyze_seconds = _vacuum_analyze(engine)
    finally:
        engine.dispose()
    return BulkResult(result.created, result.seconds, analyze_seconds)


def _vacuum_analyze(engine: Engine) -> float | None:
    """On PostgreSQL, ``VACUUM (ANALYZE) contacts`` after the bulk load; seconds taken.

    A server with autovacuum (the default) does the same on its own soon after such a
    load; the benchmark neither waits for it nor counts on it being on. Without statistics
    the planner expects a handful of rows where there are hundreds of thousands, and picks
    plans that read a whole contact index to find one email, or even the contacts of a
    page by id (seconds per search over a million contacts). VACUUM also marks the loaded
    pages all-visible, as autovacuum would, so index-only scans need not visit them.
    SQLite plans without statistics by design (see ``ix_contacts_ws_email``), so it gets
    none.
    """
    if engine.dialect.name != "postgresql":
        return None
    started = time.perf_counter()
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("VACUUM (ANALYZE) contacts")
    return time.perf_counter() - started


def contact_email(index: int) -> str:
    """The email of the ``index``-th contact :func:`seed_contacts` creates."""
    return f"person{index:07d}@example{index % 10}.com"


def _contact(index: int, custom_attributes: bool) -> dict[str, Any]:
    body: dict[str, Any] = {
        "role": "lead" if index % 5 == 0 else "user",
        "email": contact_email(index),
        "external_id": f"bench-{index:07d}",
        "name": f"Bench Person {index}",
        "signed_up_at": 1_700_000_000 + index * 60,
    }
    if custom_attributes:
        body["custom_attributes"] = {"plan": PLANS[index % len(PLANS)], "seats": index % 50}
    return body


def describe_error(raw: bytes, limit: int = 160) -> str:
    """The ``code: message`` of an ``error.list`` body, or the start of any other body."""
    try:
        first = json.loads(raw)["errors"][0]
        text = f"{first.get('code')}: {first.get('message')}"
    except (ValueError, KeyError, IndexError, TypeError):
        text = raw.decode("utf-8", "replace")
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def seed_contacts(client: HttpClient, count: int, *, timeout: float) -> SeedResult:
    """Create ``count`` contacts through ``POST /contacts``, within ``timeout`` seconds.

    Custom attributes are declared first with ``POST /data_attributes``; when the server
    refuses them, contacts are created without and the result says so.
    """
    # Custom attributes are tried on contacts even when they could not be declared first:
    # a lenient server takes them.
    result = SeedResult(requested=count, custom_attributes=True)
    started = time.perf_counter()
    deadline = started + timeout

    for attribute in DATA_ATTRIBUTES:
        status, raw = client.request("POST", "/data_attributes", json.dumps(attribute).encode())
        if status != 200:
            result.notes.append(
                f"POST /data_attributes {attribute['name']} -> {status}: {describe_error(raw)}"
            )

    for index in range(count):
        if time.perf_counter() > deadline:
            result.notes.append(f"seeding stopped after {timeout:.0f} s")
            break
        body = json.dumps(_contact(index, result.custom_attributes)).encode()
        status, raw = client.request("POST", "/contacts", body)
        if status != 200 and index == 0 and result.custom_attributes:
            result.notes.append(
                f"POST /contacts with custom_attributes -> {status}: {describe_error(raw)}; "
                "seeding without custom attributes"
            )
            result.custom_attributes = False
            body = json.dumps(_contact(index, False)).encode()
            status, raw = client.request("POST", "/contacts", body)
        if status != 200:
            result.notes.append(f"POST /contacts #{index} -> {status}: {describe_error(raw)}")
            break
        result.contact_ids.append(json.loads(raw)["id"])
    result.created = len(result.contact_ids)
    result.seconds = time.perf_counter() - started
    return result


def search_body(custom_attributes: bool, per_page: int = 20) -> str:
    """A typical contact search: users on one plan (or in one email domain), one page."""
    second = (
        {"field": "custom_attributes.plan", "operator": "=", "value": "pro"}
        if custom_attributes
        else {"field": "email", "operator": "~", "value": "@example3."}
    )
    query = {
        "operator": "AND",
        "value": [{"field": "role", "operator": "=", "value": "user"}, second],
    }
    return search_query_body(query, per_page)


def search_query_body(query: dict[str, Any], per_page: int = 20) -> str:
    """A ``POST /contacts/search`` body: ``query``, first page of ``per_page``."""
    return json.dumps({"query": query, "pagination": {"per_page": per_page}})
