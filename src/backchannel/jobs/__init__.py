"""Background jobs: a jobs table, runners that claim and run them, and their outcomes.

A job kind is a name and a handler (``JobContext -> JobOutcome``). Resources enqueue jobs
with :func:`enqueue` and expose their handlers (``backchannel.resources.JOB_HANDLERS``);
a :class:`JobRunner` runs them, in the API process (:class:`InlineJobs`, the default) or in
``backchannel worker`` processes (``BACKCHANNEL_JOBS=worker``).
"""

from __future__ import annotations

from backchannel.jobs._inline import InlineJobs
from backchannel.jobs._queue import (
    ACTIVE_STATUSES,
    CANCELED,
    COMPLETED,
    FAILED,
    IN_PROGRESS,
    PENDING,
    JobAlreadyActive,
    cancel,
    enqueue,
    find,
    output_of,
)
from backchannel.jobs._runner import (
    JobCanceled,
    JobContext,
    JobHandler,
    JobInterrupted,
    JobOutcome,
    JobRun,
    JobRunner,
)

__all__ = [
    "ACTIVE_STATUSES",
    "CANCELED",
    "COMPLETED",
    "FAILED",
    "IN_PROGRESS",
    "PENDING",
    "InlineJobs",
    "JobAlreadyActive",
    "JobCanceled",
    "JobContext",
    "JobHandler",
    "JobInterrupted",
    "JobOutcome",
    "JobRun",
    "JobRunner",
    "cancel",
    "enqueue",
    "find",
    "output_of",
]
