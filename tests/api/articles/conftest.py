"""Setup shared by the article tests: a collection and a section to put articles in,
articles made through the API, a second admin, and a snapshot of the stored rows (to show a
refused request changed nothing)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select
from starlette.testclient import TestClient

from backchannel.db.tables import Article, ArticleTranslation
from backchannel.provisioning import NewWorkspace, create_admin
from backchannel.runtime import Runtime


@pytest.fixture
def author_id(workspace: NewWorkspace) -> int:
    return workspace.admin.id


@pytest.fixture
def bob_id(runtime: Runtime, workspace: NewWorkspace) -> int:
    """A second admin of the workspace."""
    with runtime.sessions.begin() as session:
        return create_admin(
            session,
            clock=runtime.clock,
            workspace_id=workspace.workspace.id,
            name="Bob Writer",
            email="bob@acme.test",
        ).id


@pytest.fixture
def collection(api: TestClient) -> dict[str, Any]:
    response = api.post("/help_center/collections", json={"name": "Guides"})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


@pytest.fixture
def section(api: TestClient, collection: dict[str, Any]) -> dict[str, Any]:
    response = api.post(
        "/help_center/collections", json={"name": "Basics", "parent_id": collection["id"]}
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


@pytest.fixture
def make_article(api: TestClient, author_id: int) -> Callable[..., dict[str, Any]]:
    """Create an article through the API (by the workspace owner); returns it."""

    def make(title: str = "This is the article title", **fields: Any) -> dict[str, Any]:
        response = api.post("/articles", json={"title": title, "author_id": author_id, **fields})
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    return make


@pytest.fixture
def stored(runtime: Runtime) -> Callable[[], list[list[tuple[Any, ...]]]]:
    """Every stored article and article locale, as tuples of their columns."""

    def read() -> list[list[tuple[Any, ...]]]:
        with runtime.sessions() as session:
            articles = session.execute(select(Article.__table__).order_by(Article.id))
            locales = session.execute(
                select(ArticleTranslation.__table__).order_by(
                    ArticleTranslation.article_id, ArticleTranslation.locale
                )
            )
            return [[tuple(row) for row in articles], [tuple(row) for row in locales]]

    return read


@pytest.fixture
def other_headers(other_workspace: NewWorkspace) -> dict[str, str]:
    """Headers that make the ``api`` client act for the second workspace."""
    return {"Authorization": f"Bearer {other_workspace.token}"}
