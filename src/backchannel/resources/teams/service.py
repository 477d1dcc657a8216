"""Teams: read-only groups of admins (provisioning creates them).

Lookups are scoped to one workspace: a team of another workspace, or an id that is not a
positive integer, is not found.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from backchannel.core.errors import NotFound
from backchannel.core.ids import parse_numeric_id
from backchannel.db.repository import Repository
from backchannel.db.tables import Team, TeamMembership

__all__ = ["TeamNotFound", "TeamView", "get_team", "list_teams"]

SECONDARY = "secondary"


class TeamNotFound(NotFound):
    """No team with that id in this workspace."""

    code = "team_not_found"
    default_message = "Team not found"


@dataclass(frozen=True, slots=True)
class TeamView:
    """A team with the ids of its members, by priority."""

    team: Team
    primary_admin_ids: tuple[int, ...]
    secondary_admin_ids: tuple[int, ...]

    @property
    def admin_ids(self) -> list[int]:
        """Every member, primary or secondary, ascending."""
        return sorted({*self.primary_admin_ids, *self.secondary_admin_ids})


def _views(db: Session, teams: Iterable[Team]) -> list[TeamView]:
    """Attach memberships to ``teams`` with one query."""
    teams = list(teams)
    primary: dict[int, list[int]] = {team.id: [] for team in teams}
    secondary: dict[int, list[int]] = {team.id: [] for team in teams}
    if teams:
        rows = db.execute(
            select(TeamMembership.team_id, TeamMembership.admin_id, TeamMembership.priority)
            .where(TeamMembership.team_id.in_(primary))
            .order_by(TeamMembership.admin_id)
        )
        for team_id, admin_id, priority in rows:
            (secondary if priority == SECONDARY else primary)[team_id].append(admin_id)
    return [TeamView(team, tuple(primary[team.id]), tuple(secondary[team.id])) for team in teams]


def list_teams(db: Session, *, workspace_id: int) -> list[TeamView]:
    """Every team of the workspace, oldest id first."""
    stmt: Select[Any] = Repository(db, workspace_id, Team).select().order_by(Team.id)
    return _views(db, db.scalars(stmt))


def get_team(db: Session, *, workspace_id: int, team_id: object) -> TeamView:
    """The workspace's team with this id (int or digit string); :class:`TeamNotFound` if none."""
    number = parse_numeric_id(team_id)
    team = None if number is None else Repository(db, workspace_id, Team).get(number)
    if team is None:
        raise TeamNotFound()
    return _views(db, [team])[0]
