"""Workspaces, admins, teams and tokens: what 2.10 has no create operation for.

The CLI (``workspace create``, ``admin create``, ``team create``, ``token create``) and the
first ``serve`` on an empty database call these; so do the tests.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from backchannel.core.clock import Clock
from backchannel.core.errors import Conflict, NotFound
from backchannel.core.ids import IdFactory
from backchannel.db.tables import AccessToken, Admin, Team, TeamMembership, Workspace
from backchannel.resources.help_center import service as help_center
from backchannel.resources.news import service as news
from backchannel.resources.segments import service as segments
from backchannel.resources.subscription_types import service as subscription_types

__all__ = [
    "NewWorkspace",
    "create_admin",
    "create_team",
    "create_token",
    "create_workspace",
    "default_workspace",
]


def _next_teammate_id(db: Session) -> int:
    """The id for a new admin or team: one above the highest of either.

    In Intercom admins and teams share one id space, and a ticket's ``assignee_id`` names
    either without saying which; separate sequences would give a workspace's first admin and
    first team the same id. On PostgreSQL the two tables are locked against concurrent
    provisioning until the transaction ends (reads go on); SQLite has one writer at a time.
    """
    if db.get_bind().dialect.name == "postgresql":
        db.execute(text("LOCK TABLE admins, teams IN SHARE ROW EXCLUSIVE MODE"))
    highest = db.execute(select(func.max(Admin.id)).union_all(select(func.max(Team.id))))
    return max((value or 0 for value in highest.scalars()), default=0) + 1


@dataclass(frozen=True, slots=True)
class NewWorkspace:
    workspace: Workspace
    admin: Admin
    team: Team
    token: str


def create_admin(
    db: Session,
    *,
    clock: Clock,
    workspace_id: int,
    name: str,
    email: str,
    job_title: str | None = None,
    avatar_url: str | None = None,
) -> Admin:
    """Add a teammate to a workspace; emails are unique per workspace."""
    clash = db.execute(
        select(Admin.id).where(Admin.workspace_id == workspace_id, Admin.email == email)
    ).first()
    if clash is not None:
        raise Conflict(f"An admin with email {email} already exists with id={clash.id}")
    now = clock.now()
    admin = Admin(
        id=_next_teammate_id(db),
        workspace_id=workspace_id,
        name=name,
        email=email,
        job_title=job_title,
        avatar_url=avatar_url,
        created_at=now,
        updated_at=now,
    )
    db.add(admin)
    db.flush()
    return admin


def create_team(
    db: Session,
    *,
    clock: Clock,
    workspace_id: int,
    name: str,
    admin_ids: list[int] | None = None,
    secondary_admin_ids: list[int] | None = None,
) -> Team:
    """Add a team with primary (and optionally secondary) members from the same workspace."""
    now = clock.now()
    team = Team(
        id=_next_teammate_id(db),
        workspace_id=workspace_id,
        name=name,
        created_at=now,
        updated_at=now,
    )
    db.add(team)
    db.flush()
    for priority, members in (
        ("primary", admin_ids or []),
        ("secondary", secondary_admin_ids or []),
    ):
        for admin_id in members:
            admin = db.get(Admin, admin_id)
            if admin is None or admin.workspace_id != workspace_id:
                raise NotFound(f"Admin {admin_id} not found", code="admin_not_found")
            db.add(TeamMembership(team_id=team.id, admin_id=admin_id, priority=priority))
    db.flush()
    return team


def create_token(
    db: Session,
    *,
    clock: Clock,
    ids: IdFactory,
    workspace_id: int,
    admin_id: int,
    token: str | None = None,
) -> str:
    """Issue an access token that acts as ``admin_id`` in ``workspace_id``."""
    admin = db.get(Admin, admin_id)
    if admin is None or admin.workspace_id != workspace_id:
        raise NotFound(f"Admin {admin_id} not found", code="admin_not_found")
    value = token or ids.token()
    if db.get(AccessToken, value) is not None:
        raise Conflict("That access token is already in use")
    db.add(
        AccessToken(
            token=value, workspace_id=workspace_id, admin_id=admin_id, created_at=clock.now()
        )
    )
    db.flush()
    return value


def create_workspace(
    db: Session,
    *,
    clock: Clock,
    ids: IdFactory,
    name: str = "Backchannel",
    timezone: str = "UTC",
    region: str = "US",
    admin_name: str = "Workspace Owner",
    admin_email: str = "owner@example.com",
    team_name: str = "Support",
    token: str | None = None,
) -> NewWorkspace:
    """A workspace with an owner admin, a team holding that admin, and a token for it, plus
    the default segments and subscription types."""
    workspace = Workspace(
        id_code=ids.code(),
        name=name,
        timezone=timezone,
        region=region,
        created_at=clock.now(),
    )
    db.add(workspace)
    db.flush()
    admin = create_admin(
        db, clock=clock, workspace_id=workspace.id, name=admin_name, email=admin_email
    )
    team = create_team(
        db, clock=clock, workspace_id=workspace.id, name=team_name, admin_ids=[admin.id]
    )
    value = create_token(
        db, clock=clock, ids=ids, workspace_id=workspace.id, admin_id=admin.id, token=token
    )
    now = clock.now()
    segments.create_defaults(db, workspace_id=workspace.id, now=now, ids=ids)
    subscription_types.create_defaults(db, workspace_id=workspace.id, now=now, ids=ids)
    help_center.ensure_default_help_center(db, workspace_id=workspace.id, now=now)
    news.ensure_default_newsfeeds(db, workspace_id=workspace.id, now=now)
    return NewWorkspace(workspace=workspace, admin=admin, team=team, token=value)


def default_workspace(db: Session) -> Workspace | None:
    """The first workspace, if any."""
    return db.execute(select(Workspace).order_by(Workspace.id).limit(1)).scalars().first()
