"""Admins: lookups, away mode and the workspace activity log.

Admins and their team memberships are read-only in 2.10 (provisioning creates them); only the
away-mode flags change through the API. Every lookup is scoped to one workspace, so an admin
of another workspace is indistinguishable from one that does not exist. Path ids arrive as
strings: anything that is not a positive integer is simply not found.

:func:`record_activity` appends to the activity log that ``GET /admins/activity_logs``
lists; any resource that performs a logged admin action calls it.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from enum import StrEnum
from operator import attrgetter
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from backchannel.core.errors import NotFound
from backchannel.core.ids import IdFactory, parse_numeric_id
from backchannel.core.pagination import (
    CursorPage,
    SortKey,
    clamp_per_page,
    cursor_page,
    fingerprint,
)
from backchannel.db.repository import Repository
from backchannel.db.tables import ActivityLog, Admin, Team, TeamMembership

__all__ = [
    "ACTIVITY_LOG_ORDER",
    "DEFAULT_ACTIVITY_LOGS_PER_PAGE",
    "ActivityLogPage",
    "ActivityType",
    "AdminNotFound",
    "AdminView",
    "get_admin",
    "list_activity_logs",
    "list_admins",
    "record_activity",
    "set_away_mode",
]

DEFAULT_ACTIVITY_LOGS_PER_PAGE = 20
SECONDARY = "secondary"

# Newest first; the UUID id breaks ties between entries of the same second.
ACTIVITY_LOG_ORDER: tuple[SortKey, ...] = (
    SortKey(ActivityLog.created_at.expression, True, attrgetter("created_at")),
    SortKey(ActivityLog.id.expression, True, attrgetter("id")),
)


class AdminNotFound(NotFound):
    """No admin with that id in this workspace."""

    code = "admin_not_found"
    default_message = "Admin not found"


class ActivityType(StrEnum):
    """Every ``activity_type`` an activity log entry may have (the 2.10 enum)."""

    ADMIN_ASSIGNMENT_LIMIT_CHANGE = "admin_assignment_limit_change"
    ADMIN_AVATAR_CHANGE = "admin_avatar_change"
    ADMIN_AWAY_MODE_CHANGE = "admin_away_mode_change"
    ADMIN_DELETION = "admin_deletion"
    ADMIN_DEPROVISIONED = "admin_deprovisioned"
    ADMIN_IMPERSONATION_END = "admin_impersonation_end"
    ADMIN_IMPERSONATION_START = "admin_impersonation_start"
    ADMIN_INVITE_CHANGE = "admin_invite_change"
    ADMIN_INVITE_CREATION = "admin_invite_creation"
    ADMIN_INVITE_DELETION = "admin_invite_deletion"
    ADMIN_LOGIN_FAILURE = "admin_login_failure"
    ADMIN_LOGIN_SUCCESS = "admin_login_success"
    ADMIN_LOGOUT = "admin_logout"
    ADMIN_PASSWORD_RESET_REQUEST = "admin_password_reset_request"
    ADMIN_PASSWORD_RESET_SUCCESS = "admin_password_reset_success"
    ADMIN_PERMISSION_CHANGE = "admin_permission_change"
    ADMIN_PROVISIONED = "admin_provisioned"
    ADMIN_TWO_FACTOR_AUTH_CHANGE = "admin_two_factor_auth_change"
    ADMIN_UNAUTHORIZED_SIGN_IN_METHOD = "admin_unauthorized_sign_in_method"
    APP_ADMIN_JOIN = "app_admin_join"
    APP_AUTHENTICATION_METHOD_CHANGE = "app_authentication_method_change"
    APP_DATA_DELETION = "app_data_deletion"
    APP_DATA_EXPORT = "app_data_export"
    APP_GOOGLE_SSO_DOMAIN_CHANGE = "app_google_sso_domain_change"
    APP_IDENTITY_VERIFICATION_CHANGE = "app_identity_verification_change"
    APP_NAME_CHANGE = "app_name_change"
    APP_OUTBOUND_ADDRESS_CHANGE = "app_outbound_address_change"
    APP_PACKAGE_INSTALLATION = "app_package_installation"
    APP_PACKAGE_TOKEN_REGENERATION = "app_package_token_regeneration"
    APP_PACKAGE_UNINSTALLATION = "app_package_uninstallation"
    APP_TEAM_CREATION = "app_team_creation"
    APP_TEAM_DELETION = "app_team_deletion"
    APP_TEAM_MEMBERSHIP_MODIFICATION = "app_team_membership_modification"
    APP_TIMEZONE_CHANGE = "app_timezone_change"
    APP_WEBHOOK_CREATION = "app_webhook_creation"
    APP_WEBHOOK_DELETION = "app_webhook_deletion"
    ARTICLES_IN_MESSENGER_ENABLED_CHANGE = "articles_in_messenger_enabled_change"
    BULK_DELETE = "bulk_delete"
    BULK_EXPORT = "bulk_export"
    CAMPAIGN_DELETION = "campaign_deletion"
    CAMPAIGN_STATE_CHANGE = "campaign_state_change"
    CONVERSATION_PART_DELETION = "conversation_part_deletion"
    CONVERSATION_PDF_EXPORT = "conversation_pdf_export"
    CONVERSATION_TOPIC_CHANGE = "conversation_topic_change"
    CONVERSATION_TOPIC_CREATION = "conversation_topic_creation"
    CONVERSATION_TOPIC_DELETION = "conversation_topic_deletion"
    HELP_CENTER_SETTINGS_CHANGE = "help_center_settings_change"
    INBOUND_CONVERSATIONS_CHANGE = "inbound_conversations_change"
    INBOX_ACCESS_CHANGE = "inbox_access_change"
    MESSAGE_DELETION = "message_deletion"
    MESSAGE_STATE_CHANGE = "message_state_change"
    MESSENGER_LOOK_AND_FEEL_CHANGE = "messenger_look_and_feel_change"
    MESSENGER_SEARCH_REQUIRED_CHANGE = "messenger_search_required_change"
    MESSENGER_SPACES_CHANGE = "messenger_spaces_change"
    OFFICE_HOURS_CHANGE = "office_hours_change"
    ROLE_CHANGE = "role_change"
    ROLE_CREATION = "role_creation"
    ROLE_DELETION = "role_deletion"
    RULESET_ACTIVATION_TITLE_PREVIEW = "ruleset_activation_title_preview"
    RULESET_CREATION = "ruleset_creation"
    RULESET_DELETION = "ruleset_deletion"
    SEARCH_BROWSE_ENABLED_CHANGE = "search_browse_enabled_change"
    SEARCH_BROWSE_REQUIRED_CHANGE = "search_browse_required_change"
    SEAT_CHANGE = "seat_change"
    SEAT_REVOKE = "seat_revoke"
    SECURITY_SETTINGS_CHANGE = "security_settings_change"
    TEMPORARY_EXPECTATION_CHANGE = "temporary_expectation_change"
    UPFRONT_EMAIL_COLLECTION_CHANGE = "upfront_email_collection_change"
    WELCOME_MESSAGE_CHANGE = "welcome_message_change"


@dataclass(frozen=True, slots=True)
class AdminView:
    """An admin with the ids of the teams it belongs to, by priority."""

    admin: Admin
    primary_team_ids: tuple[int, ...]
    secondary_team_ids: tuple[int, ...]

    @property
    def team_ids(self) -> list[int]:
        """Every team the admin is in, primary or secondary, ascending."""
        return sorted({*self.primary_team_ids, *self.secondary_team_ids})


@dataclass(frozen=True, slots=True)
class ActivityLogPage:
    """One page of activity logs and the admins who performed them, by id."""

    page: CursorPage[ActivityLog]
    admins: Mapping[int, Admin]


def _admins(db: Session, workspace_id: int) -> Repository[Admin]:
    return Repository(db, workspace_id, Admin, not_found=AdminNotFound())


def _find_admin(db: Session, workspace_id: int, admin_id: object) -> Admin | None:
    number = parse_numeric_id(admin_id)
    return None if number is None else _admins(db, workspace_id).get(number)


def _views(db: Session, workspace_id: int, admins: list[Admin]) -> list[AdminView]:
    """Attach team memberships to ``admins`` with one query."""
    primary: dict[int, list[int]] = {admin.id: [] for admin in admins}
    secondary: dict[int, list[int]] = {admin.id: [] for admin in admins}
    if admins:
        rows = db.execute(
            select(TeamMembership.admin_id, TeamMembership.team_id, TeamMembership.priority)
            .join(Team, Team.id == TeamMembership.team_id)
            .where(Team.workspace_id == workspace_id, TeamMembership.admin_id.in_(primary))
            .order_by(TeamMembership.team_id)
        )
        for admin_id, team_id, priority in rows:
            (secondary if priority == SECONDARY else primary)[admin_id].append(team_id)
    return [
        AdminView(admin, tuple(primary[admin.id]), tuple(secondary[admin.id])) for admin in admins
    ]


def get_admin(db: Session, *, workspace_id: int, admin_id: object) -> AdminView:
    """The workspace's admin with this id (int or digit string); :class:`AdminNotFound` if none."""
    admin = _find_admin(db, workspace_id, admin_id)
    if admin is None:
        raise AdminNotFound()
    return _views(db, workspace_id, [admin])[0]


def list_admins(db: Session, *, workspace_id: int) -> list[AdminView]:
    """Every admin of the workspace, oldest id first."""
    stmt: Select[Any] = _admins(db, workspace_id).select().order_by(Admin.id)
    admins: list[Admin] = list(db.scalars(stmt))
    return _views(db, workspace_id, admins)


def _away_description(actor: Admin, subject: Admin, *, enabled: bool, reassign: bool) -> str:
    who = "themselves" if actor.id == subject.id else subject.name
    if not enabled:
        return f"{actor.name} set {who} to active."
    if reassign:
        return (
            f"{actor.name} set {who} to away, with new conversation replies reassigned "
            "to the default inbox."
        )
    return f"{actor.name} set {who} to away."


def set_away_mode(
    db: Session,
    *,
    workspace_id: int,
    admin_id: object,
    changed_by: int,
    away_mode_enabled: bool,
    away_mode_reassign: bool,
    now: int,
    ids: IdFactory,
    ip: str | None,
) -> AdminView:
    """Set an admin's away-mode flags and return the updated admin.

    When either flag changes, an ``admin_away_mode_change`` entry is logged for the admin
    whose status changed; its metadata names the admin who made the change (``changed_by``,
    the caller). Setting the flags to their current values logs nothing.

    Raises:
        AdminNotFound: ``Admin for admin_id not found`` when ``admin_id`` is not one of the
            workspace's admins.
    """
    admin = _find_admin(db, workspace_id, admin_id)
    if admin is None:
        raise AdminNotFound("Admin for admin_id not found")
    if (admin.away_mode_enabled, admin.away_mode_reassign) != (
        away_mode_enabled,
        away_mode_reassign,
    ):
        admin.away_mode_enabled = away_mode_enabled
        admin.away_mode_reassign = away_mode_reassign
        admin.updated_at = now
        actor = (
            admin if changed_by == admin.id else _admins(db, workspace_id).get_or_raise(changed_by)
        )
        record_activity(
            db,
            workspace_id=workspace_id,
            admin_id=admin.id,
            activity_type=ActivityType.ADMIN_AWAY_MODE_CHANGE,
            description=_away_description(
                actor, admin, enabled=away_mode_enabled, reassign=away_mode_reassign
            ),
            metadata={
                "away_mode": away_mode_enabled,
                "reassign_conversations": away_mode_reassign,
                "source": f"admin update from API - Admin id: {actor.id}",
                "update_by": actor.id,
                "update_by_name": actor.name,
            },
            now=now,
            ids=ids,
            ip=ip,
        )
    db.flush()
    return _views(db, workspace_id, [admin])[0]


def record_activity(
    db: Session,
    *,
    workspace_id: int,
    admin_id: int,
    activity_type: ActivityType,
    description: str,
    metadata: Mapping[str, Any],
    now: int,
    ids: IdFactory,
    ip: str | None,
) -> ActivityLog:
    """Append one entry to the workspace's activity log.

    Args:
        db: the request's session; the entry commits with the change it describes.
        workspace_id: the workspace the activity happened in.
        admin_id: the admin shown as ``performed_by``; must belong to ``workspace_id``.
        activity_type: one of the 2.10 activity types.
        description: the human-readable ``activity_description`` sentence.
        metadata: free-form JSON details for this activity type.
        now: the entry's ``created_at`` (unix seconds, from the clock).
        ids: the id source; the entry's id is a UUID.
        ip: the caller's IP address, shown as ``performed_by.ip``.

    Returns:
        The new, flushed row.

    Raises:
        ValueError: ``admin_id`` is not an admin of ``workspace_id`` (a programming error).
    """
    if _admins(db, workspace_id).get(admin_id) is None:
        raise ValueError(f"admin {admin_id} is not in workspace {workspace_id}")
    row = ActivityLog(
        id=ids.uuid(),
        admin_id=admin_id,
        ip=ip,
        activity_type=ActivityType(activity_type).value,
        activity_description=description,
        metadata_=dict(metadata),
        created_at=now,
    )
    return Repository(db, workspace_id, ActivityLog).add(row)


def list_activity_logs(
    db: Session,
    *,
    workspace_id: int,
    created_at_after: int,
    created_at_before: int | None,
    per_page: int | None,
    starting_after: str | None,
) -> ActivityLogPage:
    """One page of the workspace's activity log, newest first.

    Entries with ``created_at_after <= created_at <= created_at_before`` (no upper bound
    when ``created_at_before`` is None) are listed, ``per_page`` at a time (default 20,
    at most 150); ``starting_after`` is the cursor from the previous page.
    """
    stmt = (
        Repository(db, workspace_id, ActivityLog)
        .select()
        .where(ActivityLog.created_at >= created_at_after)
    )
    if created_at_before is not None:
        stmt = stmt.where(ActivityLog.created_at <= created_at_before)
    page = cursor_page(
        db,
        stmt,
        order=ACTIVITY_LOG_ORDER,
        per_page=clamp_per_page(per_page, DEFAULT_ACTIVITY_LOGS_PER_PAGE),
        starting_after=starting_after,
        query_print=fingerprint("activity_logs", created_at_after, created_at_before),
    )
    return ActivityLogPage(page, _admins_by_id(db, workspace_id, {r.admin_id for r in page.items}))


def _admins_by_id(db: Session, workspace_id: int, admin_ids: Collection[int]) -> dict[int, Admin]:
    if not admin_ids:
        return {}
    stmt: Select[Any] = _admins(db, workspace_id).select().where(Admin.id.in_(admin_ids))
    return {admin.id: admin for admin in db.scalars(stmt)}
