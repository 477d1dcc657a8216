"""Admin operations: ``/me``, ``/admins``, ``/admins/{id}``, away mode and activity logs."""

from __future__ import annotations

from typing import Any

from backchannel.core.http import Context, Operation
from backchannel.resources.admins import serializers, service
from backchannel.resources.admins.schemas import (
    ActivityLogListQuery,
    AdminListQuery,
    AwayModeUpdate,
)

__all__ = ["OPERATIONS"]


def _client_ip(ctx: Context) -> str | None:
    client = ctx.request.client
    return client.host if client is not None else None


def identify_admin(ctx: Context) -> dict[str, Any]:
    """``GET /me``: the token's admin with its workspace as ``app``."""
    view = service.get_admin(ctx.db, workspace_id=ctx.workspace_id, admin_id=ctx.admin_id)
    return serializers.admin_with_app_to_api(view, workspace=ctx.workspace)


def list_admins(ctx: Context, *, query: AdminListQuery) -> dict[str, Any]:
    """``GET /admins``: every admin of the workspace (``admin.list``)."""
    views = service.list_admins(ctx.db, workspace_id=ctx.workspace_id)
    return serializers.admin_list_to_api(views, display_avatar=query.display_avatar)


def retrieve_admin(ctx: Context, id: str) -> dict[str, Any]:
    """``GET /admins/{id}``: one admin; 404 ``admin_not_found`` otherwise."""
    view = service.get_admin(ctx.db, workspace_id=ctx.workspace_id, admin_id=id)
    return serializers.admin_to_api(view)


def set_away_admin(ctx: Context, id: str, *, body: AwayModeUpdate) -> dict[str, Any]:
    """``PUT /admins/{id}/away``: set the away-mode flags and return the admin."""
    view = service.set_away_mode(
        ctx.db,
        workspace_id=ctx.workspace_id,
        admin_id=id,
        changed_by=ctx.admin_id,
        away_mode_enabled=body.away_mode_enabled,
        away_mode_reassign=body.away_mode_reassign,
        now=ctx.now(),
        ids=ctx.ids,
        ip=_client_ip(ctx),
    )
    return serializers.admin_to_api(view)


def list_activity_logs(ctx: Context, *, query: ActivityLogListQuery) -> dict[str, Any]:
    """``GET /admins/activity_logs``: the workspace's activity log, newest first, paged."""
    result = service.list_activity_logs(
        ctx.db,
        workspace_id=ctx.workspace_id,
        created_at_after=query.created_at_after,
        created_at_before=query.created_at_before,
        per_page=query.per_page,
        starting_after=query.starting_after,
    )
    return serializers.activity_log_list_to_api(result)


# /admins/activity_logs must come before /admins/{id}, which would otherwise match it.
OPERATIONS: list[Operation] = [
    Operation("GET", "/me", identify_admin, operation_id="identifyAdmin"),
    Operation("GET", "/admins", list_admins, operation_id="listAdmins", query=AdminListQuery),
    Operation(
        "GET",
        "/admins/activity_logs",
        list_activity_logs,
        operation_id="listActivityLogs",
        query=ActivityLogListQuery,
    ),
    Operation("GET", "/admins/{id}", retrieve_admin, operation_id="retrieveAdmin"),
    Operation(
        "PUT", "/admins/{id}/away", set_away_admin, operation_id="setAwayAdmin", body=AwayModeUpdate
    ),
]
