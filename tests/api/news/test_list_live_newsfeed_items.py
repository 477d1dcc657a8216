"""listLiveNewsfeedItems: GET /news/newsfeeds/{id}/items."""

from __future__ import annotations

import pytest

from tests.conftest import START, assert_error


def test_list_live_newsfeed_items_empty(api, web_feed):
    response = api.get(f"/news/newsfeeds/{web_feed}/items")
    assert response.status_code == 200
    assert response.json() == {
        "type": "list",
        "pages": {"type": "pages", "page": 1, "per_page": 20, "total_pages": 0},
        "data": [],
        "total_count": 0,
    }


def test_list_live_newsfeed_items_newest_published_first(api, make_item, web_feed, clock):
    old = make_item(
        title="Old",
        state="live",
        newsfeed_assignments=[{"newsfeed_id": web_feed, "published_at": 1_600_000_000}],
    )
    clock.advance(10)
    new = make_item(title="New", state="live", newsfeed_assignments=[{"newsfeed_id": web_feed}])
    middle = make_item(
        title="Middle",
        state="live",
        newsfeed_assignments=[{"newsfeed_id": web_feed, "published_at": START}],
    )

    assert api.get(f"/news/newsfeeds/{web_feed}/items").json() == {
        "type": "list",
        "pages": {"type": "pages", "page": 1, "per_page": 20, "total_pages": 1},
        "data": [new, middle, old],
        "total_count": 3,
    }


def test_list_live_newsfeed_items_same_second_newer_item_first(api, make_item, web_feed):
    first = make_item(state="live", newsfeed_assignments=[{"newsfeed_id": web_feed}])
    second = make_item(state="live", newsfeed_assignments=[{"newsfeed_id": web_feed}])
    assert api.get(f"/news/newsfeeds/{web_feed}/items").json()["data"] == [second, first]


def test_list_live_newsfeed_items_never_drafts(api, make_item, web_feed):
    live = make_item(state="live", newsfeed_assignments=[{"newsfeed_id": web_feed}])
    make_item(title="Draft", newsfeed_assignments=[{"newsfeed_id": web_feed}])
    body = api.get(f"/news/newsfeeds/{web_feed}/items").json()
    assert (body["data"], body["total_count"]) == ([live], 1)


def test_list_live_newsfeed_items_draft_after_update_leaves(api, make_item, sender_id, web_feed):
    item = make_item(state="live", newsfeed_assignments=[{"newsfeed_id": web_feed}])
    api.put(
        f"/news/news_items/{item['id']}",
        json={"title": "News", "sender_id": sender_id, "state": "draft"},
    )
    assert api.get(f"/news/newsfeeds/{web_feed}/items").json()["total_count"] == 0


def test_list_live_newsfeed_items_only_that_feed(api, make_item, web_feed, app_feed):
    on_web = make_item(state="live", newsfeed_assignments=[{"newsfeed_id": web_feed}])
    on_app = make_item(state="live", newsfeed_assignments=[{"newsfeed_id": app_feed}])
    on_both = make_item(
        state="live",
        newsfeed_assignments=[{"newsfeed_id": web_feed}, {"newsfeed_id": app_feed}],
    )
    make_item(state="live")  # on no feed

    assert api.get(f"/news/newsfeeds/{web_feed}/items").json()["data"] == [on_both, on_web]
    assert api.get(f"/news/newsfeeds/{app_feed}/items").json()["data"] == [on_both, on_app]


def test_list_live_newsfeed_items_pages(api, make_item, web_feed, clock):
    made = []
    for _ in range(5):
        made.append(make_item(state="live", newsfeed_assignments=[{"newsfeed_id": web_feed}]))
        clock.advance(1)
    newest_first = made[::-1]

    seen = []
    params = {"per_page": 2}
    pages = 0
    while True:
        body = api.get(f"/news/newsfeeds/{web_feed}/items", params=params).json()
        pages += 1
        assert body["pages"]["page"] == pages
        assert (body["total_count"], body["pages"]["total_pages"]) == (5, 3)
        seen.extend(body["data"])
        if "next" not in body["pages"]:
            break
        params = {"per_page": 2, "starting_after": body["pages"]["next"]["starting_after"]}
    assert pages == 3
    assert seen == newest_first


def test_list_live_newsfeed_items_bad_cursor(api, web_feed):
    assert_error(
        api.get(f"/news/newsfeeds/{web_feed}/items", params={"starting_after": "WzEsMl0"}),
        400,
        "client_error",
    )


def test_list_live_newsfeed_items_cursor_of_another_feed(api, make_item, web_feed, app_feed):
    for _ in range(2):
        make_item(
            state="live",
            newsfeed_assignments=[{"newsfeed_id": web_feed}, {"newsfeed_id": app_feed}],
        )
    page = api.get(f"/news/newsfeeds/{web_feed}/items", params={"per_page": 1}).json()
    cursor = page["pages"]["next"]["starting_after"]
    assert_error(
        api.get(f"/news/newsfeeds/{app_feed}/items", params={"starting_after": cursor}),
        400,
        "client_error",
    )


@pytest.mark.parametrize("newsfeed_id", ["999999", "web"])
def test_list_live_newsfeed_items_unknown_feed(api, newsfeed_id):
    assert_error(
        api.get(f"/news/newsfeeds/{newsfeed_id}/items"), 404, "not_found", "Resource Not Found"
    )


def test_list_live_newsfeed_items_feed_of_another_workspace(api, make_item, other_feed):
    assert_error(
        api.get(f"/news/newsfeeds/{other_feed}/items"), 404, "not_found", "Resource Not Found"
    )


def test_list_live_newsfeed_items_other_workspace_sees_nothing_of_ours(
    api, make_item, web_feed, other_feed, other_headers
):
    make_item(state="live", newsfeed_assignments=[{"newsfeed_id": web_feed}])
    body = api.get(f"/news/newsfeeds/{other_feed}/items", headers=other_headers).json()
    assert (body["data"], body["total_count"]) == ([], 0)
    assert_error(
        api.get(f"/news/newsfeeds/{web_feed}/items", headers=other_headers), 404, "not_found"
    )


def test_list_live_newsfeed_items_unauthorized(anonymous):
    assert_error(anonymous.get("/news/newsfeeds/1/items"), 401, "unauthorized")
