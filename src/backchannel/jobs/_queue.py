"""Putting jobs on the queue, finding them and canceling them (the API side of jobs)."""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import CursorResult, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from backchannel.db.tables import Job, JobOutput

__all__ = [
    "ACTIVE_STATUSES",
    "CANCELED",
    "COMPLETED",
    "FAILED",
    "IN_PROGRESS",
    "PENDING",
    "JobAlreadyActive",
    "cancel",
    "enqueue",
    "find",
    "output_of",
]

PENDING = "pending"
IN_PROGRESS = "in_progress"
COMPLETED = "completed"
FAILED = "failed"
CANCELED = "canceled"
ACTIVE_STATUSES = (PENDING, IN_PROGRESS)


class JobAlreadyActive(Exception):
    """A job with the same exclusive key is already pending or running in the workspace."""

    def __init__(self, exclusive_key: str) -> None:
        super().__init__(f"a {exclusive_key} job is already active")
        self.exclusive_key = exclusive_key


def enqueue(
    db: Session,
    *,
    workspace_id: int,
    kind: str,
    identifier: str,
    params: dict[str, Any],
    now: int,
    exclusive_key: str | None = None,
) -> Job:
    """Add a pending job; a runner picks it up.

    Raises:
        JobAlreadyActive: ``exclusive_key`` is given and a job with that key is pending or
            in progress in the workspace (checked first, and enforced by a unique index when
            two requests race).
    """
    if exclusive_key is not None:
        active = db.execute(
            select(Job.id).where(
                Job.workspace_id == workspace_id,
                Job.exclusive_key == exclusive_key,
                Job.status.in_(ACTIVE_STATUSES),
            )
        ).first()
        if active is not None:
            raise JobAlreadyActive(exclusive_key)
    job = Job(
        workspace_id=workspace_id,
        identifier=identifier,
        kind=kind,
        status=PENDING,
        exclusive_key=exclusive_key,
        params=params,
        attempts=0,
        created_at=now,
        updated_at=now,
    )
    try:
        with db.begin_nested():
            db.add(job)
            db.flush()
    except IntegrityError:
        if exclusive_key is None:
            raise
        raise JobAlreadyActive(exclusive_key) from None
    return job


def find(db: Session, *, workspace_id: int, kind: str, identifier: str) -> Job | None:
    """The workspace's job of ``kind`` with this public identifier."""
    return db.execute(
        select(Job).where(
            Job.workspace_id == workspace_id, Job.kind == kind, Job.identifier == identifier
        )
    ).scalar_one_or_none()


def cancel(db: Session, *, job: Job, now: int) -> Job:
    """Cancel a pending or running job; a job already finished is left as it is.

    A running job's claim is dropped with it: its runner notices at its next checkpoint
    and can no longer finish it.
    """
    result = cast(
        CursorResult[Any],
        db.execute(
            update(Job)
            .where(Job.id == job.id, Job.status.in_(ACTIVE_STATUSES))
            .values(
                status=CANCELED,
                finished_at=now,
                updated_at=now,
                claim_token=None,
                lease_expires_at=None,
            )
            .execution_options(synchronize_session=False)
        ),
    )
    if result.rowcount:
        db.refresh(job)
    return job


def output_of(db: Session, *, job: Job) -> JobOutput | None:
    """The file the job produced, if it is still kept."""
    return db.get(JobOutput, job.id)
