"""listArticles: GET /articles, page-number paged, most recently updated first."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from tests.conftest import assert_error


def _item(article):
    """A single-article response as a list shows it: without statistics."""
    return {key: value for key, value in article.items() if key != "statistics"}


def test_list_articles(api, make_article, clock):
    made = []
    for title in ("One", "Two", "Three"):
        clock.advance(1)
        made.append(make_article(title))
    clock.advance(1)
    made[0] = api.put(f"/articles/{made[0]['id']}", json={"description": "touched"}).json()
    response = api.get("/articles")
    assert response.status_code == 200
    assert response.json() == {
        "type": "list",
        "pages": {"type": "pages", "page": 1, "per_page": 25, "total_pages": 1, "next": None},
        "total_count": 3,
        "data": [_item(made[0]), _item(made[2]), _item(made[1])],
    }


def test_list_articles_empty(api):
    assert api.get("/articles").json() == {
        "type": "list",
        "pages": {"type": "pages", "page": 1, "per_page": 25, "total_pages": 0, "next": None},
        "total_count": 0,
        "data": [],
    }


def test_list_articles_pages(api, make_article, clock):
    made = []
    for number in range(5):
        clock.advance(1)
        made.append(make_article(f"Article {number}"))
    made.reverse()
    first = api.get("/articles", params={"per_page": 2}).json()
    assert [a["id"] for a in first["data"]] == [a["id"] for a in made[:2]]
    assert (first["total_count"], first["pages"]["total_pages"]) == (5, 3)
    link = urlsplit(first["pages"]["next"])
    assert link.path == "/articles"
    assert parse_qs(link.query) == {"page": ["2"], "per_page": ["2"]}
    second = api.get(first["pages"]["next"]).json()
    assert [a["id"] for a in second["data"]] == [a["id"] for a in made[2:4]]
    third = api.get(second["pages"]["next"]).json()
    assert [a["id"] for a in third["data"]] == [made[4]["id"]]
    assert third["pages"]["next"] is None
    past = api.get("/articles", params={"page": 4, "per_page": 2}).json()
    assert (past["data"], past["total_count"]) == ([], 5)


def test_list_articles_per_page_bounds(api, make_article):
    make_article()
    assert api.get("/articles", params={"per_page": 0}).json()["pages"]["per_page"] == 1
    assert api.get("/articles", params={"per_page": 999}).json()["pages"]["per_page"] == 150


def test_list_articles_bad_page(api):
    assert_error(api.get("/articles", params={"page": "x"}), 400, "parameter_invalid")


def test_list_articles_only_the_workspaces(api, make_article, other_headers, other_workspace):
    mine = make_article("Mine")
    api.post(
        "/articles",
        json={"title": "Theirs", "author_id": other_workspace.admin.id},
        headers=other_headers,
    )
    listed = api.get("/articles").json()
    assert [a["id"] for a in listed["data"]] == [mine["id"]]


def test_list_articles_unauthorized(anonymous):
    assert_error(anonymous.get("/articles"), 401, "unauthorized", "Access Token Invalid")
