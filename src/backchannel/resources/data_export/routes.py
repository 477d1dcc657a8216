"""Data export operations: one thin handler per operationId, and the export job's handler."""

from __future__ import annotations

from typing import Any

from starlette.responses import Response

from backchannel.core.http import Context, Operation
from backchannel.jobs import JobHandler
from backchannel.resources.data_export import service
from backchannel.resources.data_export.schemas import DataExportCreate
from backchannel.resources.data_export.serializers import data_export_to_api

__all__ = ["JOB_HANDLERS", "OPERATIONS"]


def _base_url(ctx: Context) -> str:
    return str(ctx.request.base_url)


def create_data_export(ctx: Context, *, body: DataExportCreate) -> dict[str, Any]:
    """``POST /export/content/data``: queue an export; 429 while another is active."""
    job = service.create_export(
        ctx.db,
        workspace_id=ctx.workspace_id,
        after=body.created_at_after,
        before=body.created_at_before,
        now=ctx.now(),
        ids=ctx.ids,
    )
    return data_export_to_api(job, base_url=_base_url(ctx))


def get_data_export(ctx: Context, job_identifier: str) -> dict[str, Any]:
    """``GET /export/content/data/{job_identifier}``: the job's status."""
    job = service.get_export(ctx.db, workspace_id=ctx.workspace_id, identifier=job_identifier)
    return data_export_to_api(job, base_url=_base_url(ctx))


def cancel_data_export(ctx: Context, job_identifier: str) -> dict[str, Any]:
    """``POST /export/cancel/{job_identifier}``."""
    job = service.cancel_export(
        ctx.db, workspace_id=ctx.workspace_id, identifier=job_identifier, now=ctx.now()
    )
    return data_export_to_api(job, base_url=_base_url(ctx))


def download_data_export(ctx: Context, job_identifier: str) -> Response:
    """``GET /download/content/data/{job_identifier}``: the gzipped CSV, as it is stored.

    Served as ``application/octet-stream`` without ``Content-Encoding``: the client gets
    the gzip file itself. The ``Accept`` header is not checked, so clients that leave the
    default ``application/json`` still get the file.
    """
    found = service.download_export(
        ctx.db, workspace_id=ctx.workspace_id, identifier=job_identifier, now=ctx.now()
    )
    return Response(
        found.content,
        media_type=found.media_type,
        headers={"Content-Disposition": f'attachment; filename="{found.identifier}.csv.gz"'},
    )


OPERATIONS = [
    Operation(
        "POST",
        "/export/content/data",
        create_data_export,
        "createDataExport",
        body=DataExportCreate,
    ),
    Operation("GET", "/export/content/data/{job_identifier}", get_data_export, "getDataExport"),
    Operation("POST", "/export/cancel/{job_identifier}", cancel_data_export, "cancelDataExport"),
    Operation(
        "GET",
        "/download/content/data/{job_identifier}",
        download_data_export,
        "downloadDataExport",
    ),
]

JOB_HANDLERS: dict[str, JobHandler] = {service.KIND: service.run_export}
