"""Data export rules (BEHAVIOR.md §6.10): one active export per workspace, run as a job.

``POST /export/content/data`` queues a ``data_export`` job (:mod:`backchannel.jobs`); a
runner (in the API process or a ``backchannel worker``) moves it ``pending`` ->
``in_progress`` -> ``completed``, or ``no_data`` when the window holds no message, or
``failed``. The file (:mod:`.export_csv`) is kept in the database and can be downloaded
until two days after the job completed; after that the download answers 404.

Canceling stops a pending or running job (``canceled``; a running export notices at its
next batch and its file is never stored). A job that has already finished keeps its
status: canceling a completed export does not delete its file.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from backchannel import jobs
from backchannel.core.errors import NotFound, ParameterInvalid, RateLimited
from backchannel.core.ids import IdFactory
from backchannel.db.tables import Job
from backchannel.resources.data_export.export_csv import write_export

__all__ = [
    "DOWNLOAD_TTL_SECONDS",
    "KIND",
    "NO_DATA",
    "DataExportNotFound",
    "DownloadUnavailable",
    "ExportDownload",
    "TooManyExports",
    "cancel_export",
    "create_export",
    "download_export",
    "get_export",
    "run_export",
]

KIND = "data_export"
NO_DATA = "no_data"
DOWNLOAD_TTL_SECONDS = 2 * 24 * 60 * 60
CSV_GZIP_MEDIA_TYPE = "application/octet-stream"


class TooManyExports(RateLimited):
    """A second export while one is pending or in progress (the spec's own 429)."""

    default_message = "Exceeded rate limit of 1 pending message data export jobs"


class DataExportNotFound(NotFound):
    """No export job with that identifier in this workspace."""

    default_message = "Job Not Found"


class DownloadUnavailable(NotFound):
    """The job has no file to download: not finished, no data, canceled, or expired."""


@dataclass(frozen=True, slots=True)
class ExportDownload:
    identifier: str
    content: bytes
    media_type: str


def create_export(
    db: Session, *, workspace_id: int, after: int, before: int, now: int, ids: IdFactory
) -> Job:
    """Queue an export of the messages sent from ``after`` to ``before`` (inclusive).

    Raises:
        ParameterInvalid: the window ends before it starts.
        TooManyExports: the workspace already has a pending or running export.
    """
    if after > before:
        raise ParameterInvalid(
            "created_at_after must not be later than created_at_before", field="created_at_after"
        )
    try:
        return jobs.enqueue(
            db,
            workspace_id=workspace_id,
            kind=KIND,
            identifier=ids.code(16),
            params={"created_at_after": after, "created_at_before": before},
            now=now,
            exclusive_key=KIND,
        )
    except jobs.JobAlreadyActive:
        raise TooManyExports() from None


def get_export(db: Session, *, workspace_id: int, identifier: str) -> Job:
    """The workspace's export job; unknown identifiers are :class:`DataExportNotFound`."""
    job = jobs.find(db, workspace_id=workspace_id, kind=KIND, identifier=identifier)
    if job is None:
        raise DataExportNotFound()
    return job


def cancel_export(db: Session, *, workspace_id: int, identifier: str, now: int) -> Job:
    """Cancel a pending or running export; a finished one is returned unchanged."""
    job = get_export(db, workspace_id=workspace_id, identifier=identifier)
    return jobs.cancel(db, job=job, now=now)


def download_export(db: Session, *, workspace_id: int, identifier: str, now: int) -> ExportDownload:
    """The completed export's gzipped CSV.

    Raises:
        DataExportNotFound: no such job.
        DownloadUnavailable: the job has not completed (or ended without a file), or its
            file expired (two days after completion).
    """
    job = get_export(db, workspace_id=workspace_id, identifier=identifier)
    if job.status != jobs.COMPLETED:
        raise DownloadUnavailable(f"Export data is not available: the job is {job.status}")
    output = jobs.output_of(db, job=job)
    expired = job.output_expires_at is not None and now > job.output_expires_at
    if output is None or expired:
        raise DownloadUnavailable("Export data has expired")
    return ExportDownload(job.identifier, output.content, output.media_type)


def run_export(context: jobs.JobContext) -> jobs.JobOutcome:
    """The ``data_export`` job: write the window's CSV; ``no_data`` when it has no rows."""
    params = context.params
    with context.engine.connect() as db:
        exported = write_export(
            db,
            workspace_id=context.workspace_id,
            after=int(params["created_at_after"]),
            before=int(params["created_at_before"]),
            checkpoint=context.checkpoint,
        )
    if exported.rows == 0:
        return jobs.JobOutcome(status=NO_DATA, summary={"rows": 0})
    return jobs.JobOutcome(
        output=exported.content,
        media_type=CSV_GZIP_MEDIA_TYPE,
        output_ttl=DOWNLOAD_TTL_SECONDS,
        summary={"rows": exported.rows, "bytes": len(exported.content)},
    )
