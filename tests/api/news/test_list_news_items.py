"""listNewsItems: GET /news/news_items."""

from __future__ import annotations

from tests.conftest import assert_error


def test_list_news_items_empty(api):
    response = api.get("/news/news_items")
    assert response.status_code == 200
    assert response.json() == {
        "type": "list",
        "pages": {"type": "pages", "page": 1, "per_page": 10, "total_pages": 0},
        "data": [],
        "total_count": 0,
    }


def test_list_news_items_drafts_and_live_oldest_first(api, make_item):
    first = make_item()
    second = make_item(title="Second", state="live")

    assert api.get("/news/news_items").json() == {
        "type": "list",
        "pages": {"type": "pages", "page": 1, "per_page": 10, "total_pages": 1},
        "data": [first, second],
        "total_count": 2,
    }


def test_list_news_items_pages(api, make_item):
    made = [make_item(title=f"Item {n}") for n in range(5)]

    first = api.get("/news/news_items", params={"per_page": 2}).json()
    assert first["pages"]["page"] == 1
    assert first["pages"]["total_pages"] == 3
    assert first["total_count"] == 5
    assert first["data"] == made[:2]
    cursor = first["pages"]["next"]["starting_after"]
    assert first["pages"]["next"] == {"page": 2, "per_page": 2, "starting_after": cursor}

    second = api.get("/news/news_items", params={"per_page": 2, "starting_after": cursor}).json()
    assert second["pages"]["page"] == 2
    assert second["data"] == made[2:4]

    cursor = second["pages"]["next"]["starting_after"]
    third = api.get("/news/news_items", params={"per_page": 2, "starting_after": cursor}).json()
    assert third["data"] == made[4:]
    assert third["total_count"] == 5
    assert "next" not in third["pages"]


def test_list_news_items_per_page_is_clamped(api, make_item):
    make_item()
    assert api.get("/news/news_items", params={"per_page": 0}).json()["pages"]["per_page"] == 1
    assert api.get("/news/news_items", params={"per_page": 500}).json()["pages"]["per_page"] == 150


def test_list_news_items_bad_cursor(api, make_item):
    make_item()
    assert_error(
        api.get("/news/news_items", params={"starting_after": "not-a-cursor"}),
        400,
        "client_error",
    )


def test_list_news_items_cursor_of_another_list(api, make_item, web_feed):
    for _ in range(2):
        make_item(state="live", newsfeed_assignments=[{"newsfeed_id": web_feed}])
    feed_page = api.get(f"/news/newsfeeds/{web_feed}/items", params={"per_page": 1}).json()
    cursor = feed_page["pages"]["next"]["starting_after"]
    assert_error(
        api.get("/news/news_items", params={"starting_after": cursor}), 400, "client_error"
    )


def test_list_news_items_bad_per_page(api):
    assert_error(api.get("/news/news_items", params={"per_page": "many"}), 400, "parameter_invalid")


def test_list_news_items_only_this_workspace(api, make_item, other_headers):
    make_item()
    body = api.get("/news/news_items", headers=other_headers).json()
    assert (body["data"], body["total_count"]) == ([], 0)


def test_list_news_items_unauthorized(anonymous):
    assert_error(anonymous.get("/news/news_items"), 401, "unauthorized", "Access Token Invalid")
