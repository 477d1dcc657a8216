"""Admins and teams share one id space, as in Intercom: a ticket's ``assignee_id`` names
either without saying which, so no admin may have a team's id."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from backchannel.db.tables import Admin, Team
from backchannel.provisioning import NewWorkspace, create_admin, create_team
from backchannel.runtime import Runtime


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


def test_concurrent_provisioning_on_postgresql_waits_instead_of_taking_the_same_id(
    runtime: Runtime, workspace: NewWorkspace
) -> None:
    if runtime.engine.dialect.name != "postgresql":
        pytest.skip("SQLite has one writer at a time")
    first = runtime.sessions()
    first.begin()
    team = create_team(first, clock=runtime.clock, workspace_id=workspace.workspace.id, name="A")
    created: list[int] = []

    def second() -> None:
        with runtime.sessions.begin() as db:
            admin = create_admin(
                db,
                clock=runtime.clock,
                workspace_id=workspace.workspace.id,
                name="B",
                email="b@example.com",
            )
            created.append(admin.id)

    thread = threading.Thread(target=second)
    thread.start()
    try:
        thread.join(0.5)
        assert thread.is_alive(), "the second provisioning waits for the first to end"
        first.commit()
    finally:
        first.close()
        thread.join(10)
    assert created == [team.id + 1]
