"""Setup shared by the note tests: contacts and a second admin."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from backchannel.provisioning import NewWorkspace, create_admin
from backchannel.runtime import Runtime

MakeContact = Callable[..., dict[str, Any]]


@pytest.fixture
def contact(make_contact: MakeContact) -> dict[str, Any]:
    return make_contact(email="noted@x.test")


@pytest.fixture
def bob_id(runtime: Runtime, workspace: NewWorkspace) -> int:
    """A second admin of the workspace, away with reassignment on."""
    with runtime.sessions.begin() as session:
        bob = create_admin(
            session,
            clock=runtime.clock,
            workspace_id=workspace.workspace.id,
            name="Bob Agent",
            email="bob@acme.test",
            job_title="Support Engineer",
        )
        bob.away_mode_enabled = True
        bob.away_mode_reassign = True
        session.flush()
        return bob.id


@pytest.fixture
def other_headers(other_workspace: NewWorkspace) -> dict[str, str]:
    """Headers that make the ``api`` client act for the second workspace."""
    return {"Authorization": f"Bearer {other_workspace.token}"}
