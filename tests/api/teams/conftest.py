"""Setup for the team operation tests: a second team with mixed priorities, another workspace."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from backchannel.provisioning import NewWorkspace, create_admin, create_team
from backchannel.runtime import Runtime


@dataclass(frozen=True)
class Billing:
    """The Billing team: Bob and Carol primary, Ada (the owner) secondary."""

    team_id: int
    bob_id: int
    carol_id: int


@pytest.fixture
def billing(runtime: Runtime, workspace: NewWorkspace) -> Billing:
    with runtime.sessions.begin() as session:
        ws_id = workspace.workspace.id
        bob = create_admin(
            session, clock=runtime.clock, workspace_id=ws_id, name="Bob", email="bob@acme.test"
        )
        carol = create_admin(
            session, clock=runtime.clock, workspace_id=ws_id, name="Carol", email="carol@acme.test"
        )
        team = create_team(
            session,
            clock=runtime.clock,
            workspace_id=ws_id,
            name="Billing",
            admin_ids=[carol.id, bob.id],
            secondary_admin_ids=[workspace.admin.id],
        )
        return Billing(team_id=team.id, bob_id=bob.id, carol_id=carol.id)
