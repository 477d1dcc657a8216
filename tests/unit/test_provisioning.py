"""Admins and teams share one id space, as in Intercom: a ticket's ``assignee_id`` names
either without saying which, so no admin may have a team's id."""

from __future__ import annotations

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from backchannel.db.tables import Admin, Team
from backchannel.provisioning import NewWorkspace, create_admin, create_team
from backchannel.runtime import Runtime
from tests.concurrency.blocking import waits_for


def _ids(engine: Engine) -> tuple[list[int], list[int]]:
    with Session(engine) as db:
        admins = list(db.execute(select(Admin.id)).scalars())
        teams = list(db.execute(select(Team.id)).scalars())
    return admins, teams


def test_admins_and_teams_never_share_an_id(
    runtime: Runtime, workspace: NewWorkspace, other_workspace: NewWorkspace
) -> None:
    assert workspace.admin.id != workspace.team.id
    with runtime.sessions.begin() as db:
        for number in range(3):
            create_team(
                db, clock=runtime.clock, workspace_id=workspace.workspace.id, name=f"T{number}"
            )
            create_admin(
                db,
                clock=runtime.clock,
                workspace_id=other_workspace.workspace.id,
                name=f"A{number}",
                email=f"a{number}@example.com",
            )
    admins, teams = _ids(runtime.engine)
    assert len(admins) == 5 and len(teams) == 5
    assert not set(admins) & set(teams)
    # Each new id is one above the highest of either table.
    assert sorted(admins + teams) == list(range(1, 11))


def test_concurrent_provisioning_waits_instead_of_taking_the_same_id(
    runtime: Runtime, workspace: NewWorkspace
) -> None:
    """PostgreSQL provisioning locks the admin and team tables; SQLite sessions hold the
    write lock from their start."""
    first = runtime.sessions()
    first.begin()
    team = create_team(first, clock=runtime.clock, workspace_id=workspace.workspace.id, name="A")

    def second() -> int:
        with runtime.sessions.begin() as db:
            admin = create_admin(
                db,
                clock=runtime.clock,
                workspace_id=workspace.workspace.id,
                name="B",
                email="b@example.com",
            )
            return admin.id

    assert waits_for(first, second) == team.id + 1
