"""Setup shared by the conversation tests: a contact, a second admin, a team, and helpers
that start conversations and act on them through the API."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from starlette.testclient import TestClient

from backchannel.core.clock import FrozenClock
from backchannel.provisioning import NewWorkspace, create_admin
from backchannel.runtime import Runtime

Json = dict[str, Any]


@pytest.fixture
def contact(make_contact: Callable[..., Json]) -> Json:
    return make_contact(role="user", email="joe@bloggs.test", name="Joe Bloggs", external_id="u-1")


@pytest.fixture
def admin_id(workspace: NewWorkspace) -> str:
    """The workspace owner (Ada), as the string id replies name."""
    return str(workspace.admin.id)


@pytest.fixture
def bob_id(runtime: Runtime, workspace: NewWorkspace) -> str:
    """A second admin of the workspace, in its team."""
    from backchannel.db.tables import TeamMembership

    with runtime.sessions.begin() as session:
        bob = create_admin(
            session,
            clock=runtime.clock,
            workspace_id=workspace.workspace.id,
            name="Bob Agent",
            email="bob@acme.test",
        )
        session.flush()
        session.add(TeamMembership(team_id=workspace.team.id, admin_id=bob.id))
        return str(bob.id)


@pytest.fixture
def team_id(workspace: NewWorkspace) -> str:
    return str(workspace.team.id)


@pytest.fixture
def start(api: TestClient, contact: Json, clock: FrozenClock) -> Callable[..., Json]:
    """Start a conversation from ``contact`` (or another) and return it as retrieved."""

    def make(
        body: str = "I need support with billing", who: Json | None = None, **extra: Any
    ) -> Json:
        sender = who or contact
        response = api.post(
            "/conversations",
            json={"from": {"type": sender["role"], "id": sender["id"]}, "body": body, **extra},
        )
        assert response.status_code == 200, response.text
        conversation = api.get(f"/conversations/{response.json()['conversation_id']}")
        assert conversation.status_code == 200, conversation.text
        result: Json = conversation.json()
        return result

    return make


@pytest.fixture
def act(api: TestClient) -> Callable[..., Json]:
    """POST an action to ``/conversations/{id}/<path>``; assert 200; return the body."""

    def run(conversation_id: str, path: str, **body: Any) -> Json:
        response = api.post(f"/conversations/{conversation_id}/{path}", json=body)
        assert response.status_code == 200, response.text
        result: Json = response.json()
        return result

    return run
