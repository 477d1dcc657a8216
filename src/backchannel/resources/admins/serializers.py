"""Admins, the workspace ``app`` and activity logs in their 2.10 response shapes.

Ids of admins are strings at the top level but integers inside lists (``team_ids``), and
every documented key is emitted, ``null`` when there is no value.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from backchannel.core.auth import WorkspaceInfo
from backchannel.db.tables import ActivityLog, Admin
from backchannel.resources.admins.service import ActivityLogPage, AdminView

__all__ = [
    "activity_log_list_to_api",
    "activity_log_to_api",
    "admin_list_to_api",
    "admin_to_api",
    "admin_with_app_to_api",
    "app_to_api",
    "avatar_to_api",
]


def avatar_to_api(admin: Admin) -> dict[str, Any]:
    """``{type: "avatar", image_url}``; ``image_url`` is null when the admin has no avatar."""
    return {"type": "avatar", "image_url": admin.avatar_url}


def _admin_fields(view: AdminView) -> dict[str, Any]:
    admin = view.admin
    return {
        "type": "admin",
        "id": str(admin.id),
        "name": admin.name,
        "email": admin.email,
        "job_title": admin.job_title,
        "away_mode_enabled": admin.away_mode_enabled,
        "away_mode_reassign": admin.away_mode_reassign,
        "has_inbox_seat": admin.has_inbox_seat,
        "team_ids": view.team_ids,
    }


def admin_to_api(view: AdminView, *, display_avatar: bool = False) -> dict[str, Any]:
    """An ``admin``; ``avatar`` is the avatar object when asked for, else null."""
    return {
        **_admin_fields(view),
        "avatar": avatar_to_api(view.admin) if display_avatar else None,
        "team_priority_level": {
            "primary_team_ids": list(view.primary_team_ids),
            "secondary_team_ids": list(view.secondary_team_ids),
        },
    }


def admin_list_to_api(views: Iterable[AdminView], *, display_avatar: bool) -> dict[str, Any]:
    """``{type: "admin.list", admins: [...]}``."""
    return {
        "type": "admin.list",
        "admins": [admin_to_api(view, display_avatar=display_avatar) for view in views],
    }


def app_to_api(workspace: WorkspaceInfo) -> dict[str, Any]:
    """The workspace as an ``app``; ``secure`` mirrors identity verification ("secure mode")."""
    return {
        "type": "app",
        "id_code": workspace.id_code,
        "name": workspace.name,
        "created_at": workspace.created_at,
        "secure": workspace.identity_verification,
        "identity_verification": workspace.identity_verification,
        "timezone": workspace.timezone,
        "region": workspace.region,
    }


def admin_with_app_to_api(view: AdminView, *, workspace: WorkspaceInfo) -> dict[str, Any]:
    """``admin_with_app`` (``GET /me``): the admin, its avatar, email verification and app."""
    return {
        **_admin_fields(view),
        "avatar": avatar_to_api(view.admin),
        "email_verified": view.admin.email_verified,
        "app": app_to_api(workspace),
    }


def activity_log_to_api(row: ActivityLog, *, admin: Admin) -> dict[str, Any]:
    """One ``activity_log`` entry; ``admin`` is the admin who performed it."""
    return {
        "id": row.id,
        "performed_by": {
            "type": "admin",
            "id": str(admin.id),
            "email": admin.email,
            "ip": row.ip,
        },
        "metadata": row.metadata_,
        "created_at": row.created_at,
        "activity_type": row.activity_type,
        "activity_description": row.activity_description,
    }


def activity_log_list_to_api(result: ActivityLogPage) -> dict[str, Any]:
    """``{type: "activity_log.list", pages, activity_logs: [...]}``."""
    return {
        "type": "activity_log.list",
        "pages": result.page.pages(),
        "activity_logs": [
            activity_log_to_api(row, admin=result.admins[row.admin_id]) for row in result.page.items
        ],
    }
