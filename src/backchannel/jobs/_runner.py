"""The job runner: claim a pending job of a known kind, run its handler, record the outcome.

Several runners may share one database (API processes and ``backchannel worker``
processes). A claim is safe between them: on PostgreSQL the candidate row is locked with
``SELECT … FOR UPDATE SKIP LOCKED``, so two runners never pick the same job and never wait
for each other; everywhere the claim itself is an ``UPDATE … WHERE status = 'pending'``
that only one runner can win (on SQLite writers take turns, so it is the whole story).

A claim comes with a lease. The handler calls :meth:`JobContext.checkpoint` now and then,
which renews the lease and stops the handler (:class:`JobCanceled`) once the job was
canceled. A runner that dies leaves its job ``in_progress``; when the lease runs out another
runner claims it again, up to ``max_attempts`` claims, after which the job fails.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import CursorResult, Engine, Table, and_, delete, func, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from backchannel.core.clock import Clock
from backchannel.db.session import make_sessionmaker
from backchannel.db.tables import Job, JobOutput
from backchannel.jobs._queue import COMPLETED, FAILED, IN_PROGRESS, PENDING

__all__ = [
    "JobCanceled",
    "JobContext",
    "JobHandler",
    "JobInterrupted",
    "JobOutcome",
    "JobRun",
    "JobRunner",
]

logger = logging.getLogger("backchannel.jobs")

# The tables themselves. Looking for work (and purging) with them rather than with the
# mapped classes keeps an idle runner, polling every second from start-up, off the ORM:
# SQLAlchemy configures every mapper on the first ORM statement, about 1.5 MiB that a
# server serving no request would otherwise hold. A test checks that idle polls leave them.
_JOBS = Job.__table__.c
_JOB_OUTPUTS = cast(Table, JobOutput.__table__)

DEFAULT_LEASE_SECONDS = 300
DEFAULT_MAX_ATTEMPTS = 3
PURGE_EVERY_SECONDS = 60


@dataclass(frozen=True, slots=True)
class JobOutcome:
    """What a handler returns: the final status, and optionally a file to keep.

    Args:
        status: ``completed``, or a final status of the handler's own (``no_data``).
        output: the file's bytes, served until ``output_ttl`` seconds after the job finished.
        summary: a small JSON document kept on the job (counts, for logs and debugging).
    """

    status: str = COMPLETED
    output: bytes | None = None
    media_type: str = "application/octet-stream"
    output_ttl: int | None = None
    summary: dict[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class JobRun:
    """The result of running one job: its identifier and the status it ended in."""

    identifier: str
    kind: str
    status: str


class JobCanceled(Exception):
    """The job was canceled (or taken over by another runner) while the handler ran."""


class JobInterrupted(Exception):
    """The runner is stopping; the job goes back to ``pending`` for another run."""


@dataclass(frozen=True, slots=True)
class ClaimedJob:
    id: int
    identifier: str
    workspace_id: int
    kind: str
    params: dict[str, Any]
    claim_token: str


@dataclass(slots=True)
class JobContext:
    """What a handler gets: the job, the engine to read with, the clock, and checkpoints."""

    job: ClaimedJob
    engine: Engine
    clock: Clock
    _runner: JobRunner = field(repr=False)

    @property
    def workspace_id(self) -> int:
        return self.job.workspace_id

    @property
    def params(self) -> dict[str, Any]:
        return self.job.params

    def now(self) -> int:
        return self.clock.now()

    def checkpoint(self) -> None:
        """Renew the lease; raise :class:`JobCanceled` if the job is no longer ours, or
        :class:`JobInterrupted` if the runner is stopping."""
        if self._runner.stopping.is_set():
            raise JobInterrupted()
        if not self._runner._renew(self.job):
            raise JobCanceled()


JobHandler = Callable[[JobContext], JobOutcome]


def _rowcount(result: Any) -> int:
    return int(cast(CursorResult[Any], result).rowcount)


class JobRunner:
    """Runs jobs of the kinds in ``handlers`` from the database of ``engine``."""

    def __init__(
        self,
        engine: Engine,
        *,
        clock: Clock,
        handlers: Mapping[str, JobHandler],
        lease_seconds: int = DEFAULT_LEASE_SECONDS,
        max_attempts: int = DEFAULT_MAX_ATTEMPTS,
        name: str | None = None,
    ) -> None:
        self.engine = engine
        self.sessions: sessionmaker[Session] = make_sessionmaker(engine)
        self.clock = clock
        self.handlers = dict(handlers)
        self.lease_seconds = lease_seconds
        self.max_attempts = max_attempts
        self.name = name or f"{socket.gethostname()}:{os.getpid()}"
        self.stopping = threading.Event()
        self._wake = threading.Event()
        self._last_purge = clock.now()

    def __repr__(self) -> str:
        return f"JobRunner(name={self.name!r}, kinds={sorted(self.handlers)!r})"

    # Claiming ---------------------------------------------------------------------------

    def _claimable(self, now: int) -> Any:
        return or_(
            _JOBS.status == PENDING,
            and_(_JOBS.status == IN_PROGRESS, _JOBS.lease_expires_at < now),
        )

    def claim(self) -> ClaimedJob | None:
        """Take the oldest claimable job of a known kind, or None when there is none."""
        if not self.handlers:
            return None
        while True:
            now = self.clock.now()
            claimable = self._claimable(now)
            candidates = (
                select(_JOBS.id, _JOBS.attempts)
                .where(_JOBS.kind.in_(list(self.handlers)), claimable)
                .order_by(_JOBS.id)
                .limit(1)
            )
            # Look first without taking a lock: an idle poll never blocks writers (on
            # SQLite a write transaction locks the whole database).
            with self.engine.connect() as connection:
                if connection.execute(candidates).first() is None:
                    return None
            with self.sessions.begin() as db:
                row = db.execute(candidates.with_for_update(skip_locked=True)).first()
                if row is None:
                    return None
                guarded = update(Job).where(Job.id == row.id, claimable)
                if row.attempts >= self.max_attempts:
                    # Claimed and lost that many times: its runners keep dying on it.
                    db.execute(
                        guarded.values(
                            status=FAILED,
                            error=f"abandoned by its runner {row.attempts} times",
                            finished_at=now,
                            updated_at=now,
                            claim_token=None,
                            lease_expires_at=None,
                        ).execution_options(synchronize_session=False)
                    )
                    continue
                token = str(uuid.uuid4())
                won = db.execute(
                    guarded.values(
                        status=IN_PROGRESS,
                        claim_token=token,
                        lease_expires_at=now + self.lease_seconds,
                        attempts=Job.attempts + 1,
                        started_at=func.coalesce(Job.started_at, now),
                        updated_at=now,
                    ).execution_options(synchronize_session=False)
                )
                if _rowcount(won) != 1:
                    continue  # another runner got there first
                job = db.execute(
                    select(Job.identifier, Job.workspace_id, Job.kind, Job.params).where(
                        Job.id == row.id
                    )
                ).one()
                return ClaimedJob(
                    id=row.id,
                    identifier=job.identifier,
                    workspace_id=job.workspace_id,
                    kind=job.kind,
                    params=dict(job.params or {}),
                    claim_token=token,
                )

    def _renew(self, job: ClaimedJob) -> bool:
        """Extend the lease; False when the job was canceled or claimed by another runner."""
        now = self.clock.now()
        with self.sessions.begin() as db:
            result = db.execute(
                update(Job)
                .where(
                    Job.id == job.id, Job.status == IN_PROGRESS, Job.claim_token == job.claim_token
                )
                .values(lease_expires_at=now + self.lease_seconds, updated_at=now)
                .execution_options(synchronize_session=False)
            )
            return _rowcount(result) == 1

    # Running ----------------------------------------------------------------------------

    def run_one(self) -> JobRun | None:
        """Claim one job and run it to its end; None when nothing was waiting."""
        job = self.claim()
        if job is None:
            return None
        context = JobContext(job=job, engine=self.engine, clock=self.clock, _runner=self)
        logger.info("job %s (%s) started by %s", job.identifier, job.kind, self.name)
        try:
            outcome = self.handlers[job.kind](context)
        except JobCanceled:
            logger.info("job %s (%s) stopped: canceled", job.identifier, job.kind)
            return JobRun(job.identifier, job.kind, self._status(job))
        except JobInterrupted:
            self._release(job)
            logger.info("job %s (%s) handed back: runner stopping", job.identifier, job.kind)
            return JobRun(job.identifier, job.kind, self._status(job))
        except Exception as error:
            logger.exception("job %s (%s) failed", job.identifier, job.kind)
            outcome = JobOutcome(status=FAILED, summary={"error": type(error).__name__})
            return JobRun(job.identifier, job.kind, self._finish(job, outcome, repr(error)))
        status = self._finish(job, outcome, None)
        logger.info("job %s (%s) ended: %s", job.identifier, job.kind, status)
        return JobRun(job.identifier, job.kind, status)

    def run_pending(self) -> list[JobRun]:
        """Run jobs until none is waiting (or the runner is told to stop)."""
        runs: list[JobRun] = []
        while not self.stopping.is_set():
            run = self.run_one()
            if run is None:
                break
            runs.append(run)
        return runs

    def _finish(self, job: ClaimedJob, outcome: JobOutcome, error: str | None) -> str:
        """Record the outcome if the job is still ours; returns the job's status."""
        now = self.clock.now()
        keeps_output = outcome.output is not None
        expires = (
            now + outcome.output_ttl if keeps_output and outcome.output_ttl is not None else None
        )
        with self.sessions.begin() as db:
            result = db.execute(
                update(Job)
                .where(
                    Job.id == job.id, Job.status == IN_PROGRESS, Job.claim_token == job.claim_token
                )
                .values(
                    status=outcome.status,
                    summary=outcome.summary,
                    error=error,
                    finished_at=now,
                    updated_at=now,
                    lease_expires_at=None,
                    output_expires_at=expires,
                )
                .execution_options(synchronize_session=False)
            )
            if _rowcount(result) != 1:
                status: str = db.execute(select(Job.status).where(Job.id == job.id)).scalar_one()
                return status
            if outcome.output is not None:
                db.add(
                    JobOutput(
                        job_id=job.id,
                        media_type=outcome.media_type,
                        content=outcome.output,
                        size=len(outcome.output),
                        created_at=now,
                    )
                )
        return outcome.status

    def _release(self, job: ClaimedJob) -> None:
        """Hand a job this runner holds back to the queue, as if never claimed."""
        with self.sessions.begin() as db:
            db.execute(
                update(Job)
                .where(
                    Job.id == job.id, Job.status == IN_PROGRESS, Job.claim_token == job.claim_token
                )
                .values(
                    status=PENDING,
                    claim_token=None,
                    lease_expires_at=None,
                    attempts=Job.attempts - 1,
                    updated_at=self.clock.now(),
                )
                .execution_options(synchronize_session=False)
            )

    def _status(self, job: ClaimedJob) -> str:
        with self.sessions() as db:
            status: str = db.execute(select(Job.status).where(Job.id == job.id)).scalar_one()
            return status

    # Housekeeping -----------------------------------------------------------------------

    def purge_expired(self) -> int:
        """Delete the files of jobs whose output has expired; returns how many."""
        now = self.clock.now()
        self._last_purge = now
        expired = select(_JOBS.id).where(_JOBS.output_expires_at < now).scalar_subquery()
        with self.sessions.begin() as db:
            result = db.execute(delete(_JOB_OUTPUTS).where(_JOB_OUTPUTS.c.job_id.in_(expired)))
            return _rowcount(result)

    def poll(self) -> list[JobRun]:
        """One round of the loop: run what is waiting, and purge expired files now and then."""
        runs = self.run_pending()
        now = self.clock.now()
        if now - self._last_purge >= PURGE_EVERY_SECONDS:
            self.purge_expired()
        return runs

    def run_forever(self, poll_seconds: float) -> None:
        """Poll every ``poll_seconds`` until :meth:`stop`; errors are logged, never raised."""
        logger.info("%r polling every %ss", self, poll_seconds)
        while not self.stopping.is_set():
            try:
                self.poll()
            except Exception:
                logger.exception("job runner %s: polling failed", self.name)
            self._wake.wait(poll_seconds)
            self._wake.clear()

    def wake(self) -> None:
        """Poll now instead of at the end of the current wait."""
        self._wake.set()

    def stop(self) -> None:
        """Ask :meth:`run_forever` to return; a running job is handed back at its next
        checkpoint."""
        self.stopping.set()
        self._wake.set()
