"""listNewsfeeds and retrieveNewsfeed: GET /news/newsfeeds and /news/newsfeeds/{id}, and the
default newsfeeds every workspace has."""

from __future__ import annotations

import pytest
from sqlalchemy import delete

from backchannel.db.tables import Newsfeed
from backchannel.resources.news.service import create_newsfeed, ensure_default_newsfeeds
from tests.conftest import START, assert_error


def feed(feed_id, name, at=START):
    return {
        "id": str(feed_id),
        "type": "newsfeed",
        "name": name,
        "created_at": at,
        "updated_at": at,
    }


def test_list_newsfeeds_default_web_feed(api, web_feed):
    response = api.get("/news/newsfeeds")
    assert response.status_code == 200
    assert response.json() == {
        "type": "list",
        "pages": {"type": "pages", "page": 1, "per_page": 10, "total_pages": 1},
        "data": [feed(web_feed, "Web")],
        "total_count": 1,
    }


def test_list_newsfeeds_oldest_first(api, web_feed, app_feed):
    assert api.get("/news/newsfeeds").json()["data"] == [
        feed(web_feed, "Web"),
        feed(app_feed, "Mobile"),
    ]


def test_list_newsfeeds_pages(api, runtime, workspace, web_feed, clock):
    with runtime.sessions.begin() as session:
        made = [
            create_newsfeed(
                session, workspace_id=workspace.workspace.id, name=f"Feed {n}", now=clock.now()
            ).id
            for n in range(2)
        ]

    first = api.get("/news/newsfeeds", params={"per_page": 2}).json()
    assert first["data"] == [feed(web_feed, "Web"), feed(made[0], "Feed 0")]
    assert (first["total_count"], first["pages"]["total_pages"]) == (3, 2)
    cursor = first["pages"]["next"]["starting_after"]
    second = api.get("/news/newsfeeds", params={"per_page": 2, "starting_after": cursor}).json()
    assert second["data"] == [feed(made[1], "Feed 1")]
    assert second["pages"]["page"] == 2
    assert "next" not in second["pages"]


def test_list_newsfeeds_only_this_workspace(api, web_feed, other_feed, other_headers):
    assert [f["id"] for f in api.get("/news/newsfeeds").json()["data"]] == [str(web_feed)]
    body = api.get("/news/newsfeeds", headers=other_headers).json()
    assert [f["id"] for f in body["data"]] == [str(other_feed)]


def test_retrieve_newsfeed(api, web_feed):
    response = api.get(f"/news/newsfeeds/{web_feed}")
    assert response.status_code == 200
    assert response.json() == feed(web_feed, "Web")


@pytest.mark.parametrize("newsfeed_id", ["999999", "web", "0"])
def test_retrieve_newsfeed_not_found(api, newsfeed_id):
    assert_error(api.get(f"/news/newsfeeds/{newsfeed_id}"), 404, "not_found", "Resource Not Found")


def test_retrieve_newsfeed_of_another_workspace(api, other_feed):
    assert_error(api.get(f"/news/newsfeeds/{other_feed}"), 404, "not_found", "Resource Not Found")


def test_newsfeeds_are_read_only(api, web_feed):
    assert_error(api.post("/news/newsfeeds", json={"name": "Mine"}), 404, "not_found")
    assert_error(api.delete(f"/news/newsfeeds/{web_feed}"), 404, "not_found")
    assert [feed["name"] for feed in api.get("/news/newsfeeds").json()["data"]] == ["Web"]


def test_newsfeeds_unauthorized(anonymous):
    assert_error(anonymous.get("/news/newsfeeds"), 401, "unauthorized")
    assert_error(anonymous.get("/news/newsfeeds/1"), 401, "unauthorized")


# --- default newsfeeds --------------------------------------------------------------------


@pytest.fixture
def without_newsfeeds(runtime, workspace):
    """The workspace as it was before newsfeeds existed: it has none."""
    with runtime.sessions.begin() as session:
        session.execute(delete(Newsfeed).where(Newsfeed.workspace_id == workspace.workspace.id))


@pytest.mark.usefixtures("without_newsfeeds")
def test_list_newsfeeds_adds_the_defaults_on_first_use(api, clock, stored):
    clock.advance(100)
    body = api.get("/news/newsfeeds").json()
    assert [(f["name"], f["created_at"]) for f in body["data"]] == [("Web", START + 100)]
    assert api.get("/news/newsfeeds").json() == body
    assert len(stored()[2]) == 1


@pytest.mark.usefixtures("without_newsfeeds")
def test_list_live_newsfeed_items_adds_the_defaults_on_first_use(api, stored):
    assert stored()[2] == []
    assert_error(api.get("/news/newsfeeds/999999/items"), 404, "not_found")
    web = api.get("/news/newsfeeds").json()["data"][0]
    assert api.get(f"/news/newsfeeds/{web['id']}/items").json()["total_count"] == 0


@pytest.mark.usefixtures("without_newsfeeds")
def test_create_newsfeed_adds_the_defaults_first(api, runtime, workspace, clock):
    with runtime.sessions.begin() as session:
        create_newsfeed(session, workspace_id=workspace.workspace.id, name="Beta", now=clock.now())
    assert [f["name"] for f in api.get("/news/newsfeeds").json()["data"]] == ["Web", "Beta"]


def test_ensure_default_newsfeeds_adds_nothing_twice(runtime, workspace, stored, clock):
    before = stored()
    with runtime.sessions.begin() as session:
        made = ensure_default_newsfeeds(
            session, workspace_id=workspace.workspace.id, now=clock.now()
        )
    assert made == []
    assert stored() == before


def test_every_new_workspace_has_the_default_newsfeed(api, other_headers, web_feed, other_feed):
    assert web_feed != other_feed
    assert [
        f["name"] for f in api.get("/news/newsfeeds", headers=other_headers).json()["data"]
    ] == ["Web"]
