"""Setup shared by the Help Center tests: the default help center, collections made
through the API, and a snapshot of the stored rows (to show a refused request changed
nothing)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select
from starlette.testclient import TestClient

from backchannel.db.tables import Article, HelpCenter, HelpCenterCollection
from backchannel.provisioning import NewWorkspace
from backchannel.resources.help_center.service import create_help_center
from backchannel.runtime import Runtime


@pytest.fixture
def help_center(api: TestClient) -> dict[str, Any]:
    """The workspace's default help center, as the API shows it."""
    body: dict[str, Any] = api.get("/help_center/help_centers").json()["data"][0]
    return body


@pytest.fixture
def second_help_center(runtime: Runtime, workspace: NewWorkspace) -> int:
    """A second help center of the workspace (made as the CLI makes them); its id."""
    with runtime.sessions.begin() as session:
        made = create_help_center(
            session,
            workspace_id=workspace.workspace.id,
            identifier="docs",
            display_name="Developer Docs",
            custom_domain="docs.acme.test",
            website_turned_on=True,
            now=runtime.clock.now(),
        )
        return made.id


@pytest.fixture
def make_collection(api: TestClient) -> Callable[..., dict[str, Any]]:
    """Create a collection through the API; returns it."""

    def make(name: str = "Getting Started", **fields: Any) -> dict[str, Any]:
        response = api.post("/help_center/collections", json={"name": name, **fields})
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    return make


@pytest.fixture
def stored(runtime: Runtime) -> Callable[[], list[list[tuple[Any, ...]]]]:
    """Every stored help center, collection and article, as tuples of their columns."""

    def read() -> list[list[tuple[Any, ...]]]:
        with runtime.sessions() as session:
            return [
                [tuple(row) for row in session.execute(select(table.__table__).order_by("id"))]
                for table in (HelpCenter, HelpCenterCollection, Article)
            ]

    return read


@pytest.fixture
def other_headers(other_workspace: NewWorkspace) -> dict[str, str]:
    """Headers that make the ``api`` client act for the second workspace."""
    return {"Authorization": f"Bearer {other_workspace.token}"}
