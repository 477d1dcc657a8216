"""The job runner under the export: failures, lost runners, stopping, and concurrent claims."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import Engine, select, text

from backchannel.core.clock import SystemClock
from backchannel.core.ids import IdFactory
from backchannel.db.session import make_engine, make_sessionmaker
from backchannel.db.tables import Base, Job
from backchannel.jobs import JobContext, JobOutcome, JobRunner, enqueue
from backchannel.provisioning import create_workspace
from backchannel.resources.data_export.service import KIND, run_export
from tests.conftest import DATABASES, START, _truncate


def test_runner_failed_export(api, runtime, export):
    job = export(START - 100, START)

    def broken(context: JobContext) -> JobOutcome:
        raise RuntimeError("disk on fire")

    runner = JobRunner(runtime.engine, clock=runtime.clock, handlers={KIND: broken})
    [run] = runner.run_pending()
    assert run.status == "failed"
    found = api.get(f"/export/content/data/{job['job_identifier']}").json()
    assert found == {**job, "status": "failed"}
    with runtime.sessions() as db:
        stored = db.execute(select(Job)).scalar_one()
        assert stored.error == "RuntimeError('disk on fire')"
    # A failed job is no longer active.
    assert export(START - 100, START)["status"] == "pending"


def test_runner_reclaims_a_job_whose_runner_died(api, runtime, clock, export, start, contact):
    start(contact)
    job = export(START, START)
    dead = JobRunner(runtime.engine, clock=clock, handlers={KIND: run_export}, lease_seconds=60)
    assert dead.claim() is not None  # ... and its process dies here
    alive = JobRunner(runtime.engine, clock=clock, handlers={KIND: run_export}, lease_seconds=60)
    assert alive.run_pending() == []  # the lease still holds
    clock.advance(61)
    [run] = alive.run_pending()
    assert run.status == "completed"
    assert api.get(f"/export/content/data/{job['job_identifier']}").json()["status"] == (
        "completed"
    )


def test_runner_gives_up_after_max_attempts(api, runtime, clock, export):
    job = export(START - 100, START)
    runner = JobRunner(
        runtime.engine, clock=clock, handlers={KIND: run_export}, lease_seconds=10, max_attempts=2
    )
    for _ in range(2):
        assert runner.claim() is not None
        clock.advance(11)
    assert runner.claim() is None
    assert api.get(f"/export/content/data/{job['job_identifier']}").json()["status"] == "failed"


def test_runner_stopping_hands_the_job_back(api, runtime, export, run_jobs):
    job = export(START - 100, START)

    def stopped(context: JobContext) -> JobOutcome:
        runner.stop()  # e.g. SIGTERM while the export runs
        return run_export(context)

    runner = JobRunner(runtime.engine, clock=runtime.clock, handlers={KIND: stopped})
    [run] = runner.run_pending()
    assert run.status == "pending"
    assert api.get(f"/export/content/data/{job['job_identifier']}").json()["status"] == "pending"
    [run] = run_jobs()
    assert run.status == "no_data"


def test_runner_finishing_late_cannot_overwrite(api, runtime, clock, export, start, contact):
    """A runner whose lease ran out, and whose job another runner finished, records nothing."""
    start(contact)
    job = export(START, START)
    slow = JobRunner(runtime.engine, clock=clock, handlers={KIND: run_export}, lease_seconds=5)
    claimed = slow.claim()
    assert claimed is not None
    clock.advance(6)
    fast = JobRunner(runtime.engine, clock=clock, handlers={KIND: run_export}, lease_seconds=5)
    [run] = fast.run_pending()
    assert run.status == "completed"
    late = JobOutcome(status="failed")
    assert slow._finish(claimed, late, "too late") == "completed"
    assert api.get(f"/export/content/data/{job['job_identifier']}").json()["status"] == (
        "completed"
    )


# Two runners, each with its own engine (as two worker processes have), claim at once.


@pytest.fixture(params=DATABASES)
def shared_database(
    request: pytest.FixtureRequest, tmp_path
) -> Iterator[tuple[Engine, Callable[[], Engine]]]:
    """A database two runners can open separately: an SQLite file, or a PostgreSQL schema."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'jobs.db'}"
        engine = make_engine(url)
        Base.metadata.create_all(engine)
        yield engine, lambda: make_engine(url)
        engine.dispose()
    else:
        engine = request.getfixturevalue("postgres_engine")
        _truncate(engine)
        with engine.connect() as connection:
            search_path = connection.execute(text("SHOW search_path")).scalar_one()
        url = engine.url.render_as_string(hide_password=False)
        options = {"options": f"-csearch_path={search_path}"}
        yield engine, lambda: make_engine(url, connect_args=options)
        _truncate(engine)


def test_two_runners_run_each_job_exactly_once(shared_database):
    jobs_count = 40
    database, open_engine = shared_database
    sessions = make_sessionmaker(database)
    with sessions.begin() as db:
        workspace = create_workspace(db, clock=SystemClock(), ids=IdFactory(seed=7), name="W")
        for number in range(jobs_count):
            enqueue(
                db,
                workspace_id=workspace.workspace.id,
                kind="probe",
                identifier=f"probe{number:04d}",
                params={},
                now=START,
            )
    ran: list[tuple[str, str]] = []
    lock = threading.Lock()
    barrier = threading.Barrier(2)

    def probe(context: JobContext) -> JobOutcome:
        with lock:
            ran.append((context.job.identifier, threading.current_thread().name))
        time.sleep(0.005)
        context.checkpoint()
        return JobOutcome(output=b"done")

    def work() -> None:
        engine = open_engine()
        try:
            runner = JobRunner(engine, clock=SystemClock(), handlers={"probe": probe})
            barrier.wait()
            runner.run_pending()
        finally:
            engine.dispose()

    threads = [threading.Thread(target=work, name=f"runner-{n}") for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    counts = Counter(identifier for identifier, _ in ran)
    assert len(counts) == jobs_count
    assert set(counts.values()) == {1}
    assert {runner for _, runner in ran} == {"runner-0", "runner-1"}
    with sessions() as db:
        statuses = db.execute(select(Job.status)).scalars().all()
    assert Counter(statuses) == {"completed": jobs_count}
