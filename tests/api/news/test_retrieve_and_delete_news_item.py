"""retrieveNewsItem and deleteNewsItem: GET and DELETE /news/news_items/{id}."""

from __future__ import annotations

import pytest

from tests.conftest import assert_error


def test_retrieve_news_item(api, make_item, web_feed):
    item = make_item(
        state="live",
        labels=["Product"],
        newsfeed_assignments=[{"newsfeed_id": web_feed, "published_at": 1_700_000_000}],
    )
    response = api.get(f"/news/news_items/{item['id']}")
    assert response.status_code == 200
    assert response.json() == item


def test_retrieve_news_item_draft(api, make_item):
    item = make_item()
    assert api.get(f"/news/news_items/{item['id']}").json() == item


@pytest.mark.parametrize("news_item_id", ["999999", "abc", "0", "-1", "1.5"])
def test_retrieve_news_item_not_found(api, news_item_id):
    assert_error(
        api.get(f"/news/news_items/{news_item_id}"), 404, "not_found", "Resource Not Found"
    )


def test_retrieve_news_item_of_another_workspace(api, make_item, other_headers):
    item = make_item()
    assert_error(
        api.get(f"/news/news_items/{item['id']}", headers=other_headers),
        404,
        "not_found",
        "Resource Not Found",
    )


def test_retrieve_news_item_unauthorized(anonymous):
    assert_error(anonymous.get("/news/news_items/1"), 401, "unauthorized")


def test_delete_news_item(api, make_item, web_feed, stored):
    item = make_item(state="live", newsfeed_assignments=[{"newsfeed_id": web_feed}])
    kept = make_item(title="Kept", newsfeed_assignments=[{"newsfeed_id": web_feed}])

    response = api.delete(f"/news/news_items/{item['id']}")

    assert response.status_code == 200
    assert response.json() == {"id": item["id"], "object": "news-item", "deleted": True}
    assert_error(api.get(f"/news/news_items/{item['id']}"), 404, "not_found")
    items, assignments, _feeds = stored()
    assert [row[0] for row in items] == [int(kept["id"])]
    assert [row[0] for row in assignments] == [int(kept["id"])]
    assert api.get(f"/news/newsfeeds/{web_feed}/items").json()["data"] == []


def test_delete_news_item_twice(api, make_item):
    item = make_item()
    api.delete(f"/news/news_items/{item['id']}")
    assert_error(
        api.delete(f"/news/news_items/{item['id']}"), 404, "not_found", "Resource Not Found"
    )


def test_delete_news_item_ids_are_not_reused(api, make_item):
    item = make_item()
    api.delete(f"/news/news_items/{item['id']}")
    assert int(make_item()["id"]) > int(item["id"])


@pytest.mark.parametrize("news_item_id", ["999999", "abc"])
def test_delete_news_item_not_found(api, make_item, stored, news_item_id):
    make_item()
    before = stored()
    assert_error(
        api.delete(f"/news/news_items/{news_item_id}"), 404, "not_found", "Resource Not Found"
    )
    assert stored() == before


def test_delete_news_item_of_another_workspace(api, make_item, other_headers, stored):
    item = make_item()
    before = stored()
    assert_error(
        api.delete(f"/news/news_items/{item['id']}", headers=other_headers),
        404,
        "not_found",
        "Resource Not Found",
    )
    assert stored() == before
