"""Export jobs -> the ``data_export`` object (BEHAVIOR.md §6.10, §9.13)."""

from __future__ import annotations

from typing import Any

from backchannel import jobs
from backchannel.db.tables import Job

__all__ = ["data_export_to_api", "download_url"]


def download_url(base_url: str, identifier: str) -> str:
    return f"{base_url.rstrip('/')}/download/content/data/{identifier}"


def data_export_to_api(job: Job, *, base_url: str) -> dict[str, Any]:
    """``{job_identifier, status, download_url, download_expires_at}``.

    The key is ``job_identifier`` as in every example and SDK (the schema misspells it
    ``job_identfier``). ``download_url`` and ``download_expires_at`` (unix seconds, as a
    string) are empty strings until the job has completed.
    """
    completed = job.status == jobs.COMPLETED
    expires = job.output_expires_at if completed else None
    return {
        "job_identifier": job.identifier,
        "status": job.status,
        "download_url": download_url(base_url, job.identifier) if completed else "",
        "download_expires_at": "" if expires is None else str(expires),
    }
