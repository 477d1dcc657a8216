"""Setup shared by the news tests: the workspace's newsfeeds, news items made through the API,
and a snapshot of the stored rows (to show a refused request changed nothing)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select
from starlette.testclient import TestClient

from backchannel.db.tables import Newsfeed, NewsfeedAssignment, NewsItem
from backchannel.provisioning import NewWorkspace
from backchannel.resources.news.service import create_newsfeed
from backchannel.runtime import Runtime

Rows = list[tuple[Any, ...]]


def feed_id_of(runtime: Runtime, workspace: NewWorkspace, name: str) -> int:
    """The id of the workspace's newsfeed called ``name``."""
    with runtime.sessions() as session:
        return session.execute(
            select(Newsfeed.id).where(
                Newsfeed.workspace_id == workspace.workspace.id, Newsfeed.name == name
            )
        ).scalar_one()


@pytest.fixture
def web_feed(runtime: Runtime, workspace: NewWorkspace) -> int:
    """The id of the workspace's default newsfeed, "Web"."""
    return feed_id_of(runtime, workspace, "Web")


@pytest.fixture
def app_feed(runtime: Runtime, workspace: NewWorkspace, clock: Any) -> int:
    """A second newsfeed of the workspace, "Mobile", made as ``newsfeed create`` makes it."""
    with runtime.sessions.begin() as session:
        feed = create_newsfeed(
            session, workspace_id=workspace.workspace.id, name="Mobile", now=clock.now()
        )
        return feed.id


@pytest.fixture
def other_feed(runtime: Runtime, other_workspace: NewWorkspace) -> int:
    """The id of the second workspace's default newsfeed."""
    return feed_id_of(runtime, other_workspace, "Web")


@pytest.fixture
def sender_id(workspace: NewWorkspace) -> int:
    """The workspace owner, who sends the news."""
    return workspace.admin.id


@pytest.fixture
def make_item(api: TestClient, sender_id: int) -> Callable[..., dict[str, Any]]:
    """Create a news item through the API (a draft titled "We have news" unless told
    otherwise); returns it."""

    def make(**fields: Any) -> dict[str, Any]:
        payload = {"title": "We have news", "body": "<p>Hello there,</p>", "sender_id": sender_id}
        response = api.post("/news/news_items", json={**payload, **fields})
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    return make


@pytest.fixture
def stored(runtime: Runtime) -> Callable[[], tuple[Rows, Rows, Rows]]:
    """Every stored news item, assignment and newsfeed, as tuples of their columns."""

    def read() -> tuple[Rows, Rows, Rows]:
        with runtime.sessions() as session:
            items = session.execute(select(NewsItem.__table__).order_by(NewsItem.id))
            assignments = session.execute(
                select(NewsfeedAssignment.__table__).order_by(
                    NewsfeedAssignment.news_item_id, NewsfeedAssignment.newsfeed_id
                )
            )
            feeds = session.execute(select(Newsfeed.__table__).order_by(Newsfeed.id))
            return (
                [tuple(row) for row in items],
                [tuple(row) for row in assignments],
                [tuple(row) for row in feeds],
            )

    return read


@pytest.fixture
def other_headers(other_workspace: NewWorkspace) -> dict[str, str]:
    """Headers that make the ``api`` client act for the second workspace."""
    return {"Authorization": f"Bearer {other_workspace.token}"}
