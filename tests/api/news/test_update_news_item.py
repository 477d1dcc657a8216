"""updateNewsItem: PUT /news/news_items/{id}."""

from __future__ import annotations

import pytest

from backchannel.provisioning import create_admin
from tests.conftest import START, assert_error


def test_update_news_item_recorded_example(api, make_item, sender_id, clock):
    item = make_item(title="Halloween is here!", state="live")
    clock.advance(1)

    response = api.put(
        f"/news/news_items/{item['id']}",
        json={
            "title": "Christmas is here!",
            "body": "<p>New gifts in store for the jolly season</p>",
            "sender_id": sender_id,
            "reactions": ["\U0001f61d", "\U0001f602"],
        },
    )

    assert response.status_code == 200
    assert response.json() == {
        **item,
        "title": "Christmas is here!",
        "body": "<p>New gifts in store for the jolly season</p>",
        "reactions": ["\U0001f61d", "\U0001f602"],
        "updated_at": START + 1,
    }
    assert api.get(f"/news/news_items/{item['id']}").json() == response.json()


def test_update_news_item_every_field(api, make_item, workspace, runtime, web_feed, clock):
    with runtime.sessions.begin() as session:
        bob = create_admin(
            session, clock=clock, workspace_id=workspace.workspace.id, name="Bob", email="b@x.test"
        ).id
    item = make_item()
    clock.advance(5)

    body = api.put(
        f"/news/news_items/{item['id']}",
        json={
            "title": "Shipped",
            "body": "It is out",
            "sender_id": bob,
            "state": "live",
            "deliver_silently": True,
            "labels": ["b", "a"],
            "reactions": ["\U0001f44d"],
            "cover_image_url": "https://example.com/c.png",
            "newsfeed_assignments": [{"newsfeed_id": web_feed, "published_at": 1000}],
        },
    ).json()

    assert body == {
        **item,
        "title": "Shipped",
        "body": "<p>It is out</p>",
        "sender_id": bob,
        "state": "live",
        "deliver_silently": True,
        "labels": ["a", "b"],
        "reactions": ["\U0001f44d"],
        "cover_image_url": "https://example.com/c.png",
        "newsfeed_assignments": [{"newsfeed_id": web_feed, "published_at": 1000}],
        "updated_at": START + 5,
    }


def test_update_news_item_keeps_what_is_not_given(api, make_item, sender_id, web_feed):
    item = make_item(
        state="live",
        labels=["New"],
        reactions=["\U0001f44d"],
        deliver_silently=True,
        cover_image_url="https://example.com/c.jpg",
        newsfeed_assignments=[{"newsfeed_id": web_feed, "published_at": 500}],
    )

    body = api.put(
        f"/news/news_items/{item['id']}",
        json={
            "title": "Renamed",
            "sender_id": sender_id,
            "body": None,
            "state": None,
            "labels": None,
            "reactions": None,
            "deliver_silently": None,
            "newsfeed_assignments": None,
        },
    ).json()

    assert body == {**item, "title": "Renamed"}


def test_update_news_item_null_cover_removes_it(api, make_item, sender_id):
    item = make_item(cover_image_url="https://example.com/c.jpg")
    body = api.put(
        f"/news/news_items/{item['id']}",
        json={"title": "News", "sender_id": sender_id, "cover_image_url": None},
    ).json()
    assert body["cover_image_url"] is None


def test_update_news_item_empty_lists_clear(api, make_item, sender_id, web_feed):
    item = make_item(
        labels=["New"], reactions=["\U0001f44d"], newsfeed_assignments=[{"newsfeed_id": web_feed}]
    )
    body = api.put(
        f"/news/news_items/{item['id']}",
        json={
            "title": "News",
            "sender_id": sender_id,
            "labels": [],
            "reactions": [],
            "newsfeed_assignments": [],
        },
    ).json()
    assert (body["labels"], body["reactions"], body["newsfeed_assignments"]) == ([], [], [])


def test_update_news_item_going_live_publishes_now(api, make_item, sender_id, web_feed, clock):
    item = make_item(newsfeed_assignments=[{"newsfeed_id": web_feed}])
    assert item["newsfeed_assignments"] == [{"newsfeed_id": web_feed}]
    clock.advance(60)

    body = api.put(
        f"/news/news_items/{item['id']}",
        json={"title": "News", "sender_id": sender_id, "state": "live"},
    ).json()

    assert body["newsfeed_assignments"] == [{"newsfeed_id": web_feed, "published_at": START + 60}]


def test_update_news_item_live_keeps_its_publish_date(api, make_item, sender_id, web_feed, clock):
    item = make_item(state="live", newsfeed_assignments=[{"newsfeed_id": web_feed}])
    clock.advance(60)

    body = api.put(
        f"/news/news_items/{item['id']}",
        json={
            "title": "Edited",
            "sender_id": sender_id,
            "newsfeed_assignments": [{"newsfeed_id": web_feed}],
        },
    ).json()

    assert body["newsfeed_assignments"] == [{"newsfeed_id": web_feed, "published_at": START}]


def test_update_news_item_back_dates(api, make_item, sender_id, web_feed):
    item = make_item(state="live", newsfeed_assignments=[{"newsfeed_id": web_feed}])
    body = api.put(
        f"/news/news_items/{item['id']}",
        json={
            "title": "News",
            "sender_id": sender_id,
            "newsfeed_assignments": [{"newsfeed_id": web_feed, "published_at": 1_600_000_000}],
        },
    ).json()
    assert body["newsfeed_assignments"] == [
        {"newsfeed_id": web_feed, "published_at": 1_600_000_000}
    ]


def test_update_news_item_back_to_draft_unpublishes(api, make_item, sender_id, web_feed):
    item = make_item(state="live", newsfeed_assignments=[{"newsfeed_id": web_feed}])
    body = api.put(
        f"/news/news_items/{item['id']}",
        json={"title": "News", "sender_id": sender_id, "state": "draft"},
    ).json()
    assert body["state"] == "draft"
    assert body["newsfeed_assignments"] == [{"newsfeed_id": web_feed}]


def test_update_news_item_replaces_assignments(
    api, make_item, sender_id, web_feed, app_feed, clock
):
    item = make_item(state="live", newsfeed_assignments=[{"newsfeed_id": web_feed}])
    clock.advance(10)

    body = api.put(
        f"/news/news_items/{item['id']}",
        json={
            "title": "News",
            "sender_id": sender_id,
            "newsfeed_assignments": [{"newsfeed_id": app_feed}, {"newsfeed_id": web_feed}],
        },
    ).json()

    assert body["newsfeed_assignments"] == [
        {"newsfeed_id": app_feed, "published_at": START + 10},
        {"newsfeed_id": web_feed, "published_at": START},
    ]
    body = api.put(
        f"/news/news_items/{item['id']}",
        json={
            "title": "News",
            "sender_id": sender_id,
            "newsfeed_assignments": [{"newsfeed_id": app_feed}],
        },
    ).json()
    assert body["newsfeed_assignments"] == [{"newsfeed_id": app_feed, "published_at": START + 10}]


def test_update_news_item_updated_at_never_goes_back(api, make_item, sender_id, clock):
    item = make_item()
    clock.set(START - 100)
    body = api.put(
        f"/news/news_items/{item['id']}", json={"title": "News", "sender_id": sender_id}
    ).json()
    assert body["updated_at"] == START


# --- refused requests --------------------------------------------------------------------


@pytest.mark.parametrize("news_item_id", ["999999", "abc", "0"])
def test_update_news_item_not_found(api, sender_id, stored, news_item_id):
    before = stored()
    assert_error(
        api.put(f"/news/news_items/{news_item_id}", json={"title": "News", "sender_id": sender_id}),
        404,
        "not_found",
        "Resource Not Found",
    )
    assert stored() == before


def test_update_news_item_not_found_is_checked_first(api):
    assert_error(api.put("/news/news_items/999999", json={}), 404, "not_found")


def test_update_news_item_of_another_workspace(api, make_item, other_headers, stored):
    item = make_item()
    before = stored()
    assert_error(
        api.put(
            f"/news/news_items/{item['id']}",
            json={"title": "Stolen", "sender_id": 1},
            headers=other_headers,
        ),
        404,
        "not_found",
        "Resource Not Found",
    )
    assert stored() == before


@pytest.mark.parametrize(
    ("payload", "status", "code", "message"),
    [
        ({"sender_id": "SENDER"}, 400, "parameter_not_found", "title is a required parameter."),
        ({"title": "New"}, 400, "parameter_not_found", "sender_id is a required parameter."),
        ({"title": "  ", "sender_id": "SENDER"}, 400, "parameter_not_found", None),
        ({"title": "New", "sender_id": 999_999_999}, 404, "admin_not_found", "Admin not found"),
        (
            {"title": "New", "sender_id": "SENDER", "state": "archived"},
            400,
            "parameter_invalid",
            "state must be one of draft, live",
        ),
        (
            {"title": "New", "sender_id": "SENDER", "cover_image_url": "https://x.test/a.bmp"},
            400,
            "parameter_invalid",
            None,
        ),
        (
            {
                "title": "New",
                "sender_id": "SENDER",
                "state": "live",
                "newsfeed_assignments": [{"newsfeed_id": "FEED", "published_at": START + 9}],
            },
            400,
            "parameter_invalid",
            "published_at cannot be in the future",
        ),
        (
            {
                "title": "New",
                "sender_id": "SENDER",
                "newsfeed_assignments": [{"newsfeed_id": 424242}],
            },
            404,
            "not_found",
            "Newsfeed not found",
        ),
        ({"title": "New", "sender_id": "SENDER", "x": 1}, 400, "bad_request", "bad 'x' parameter"),
    ],
)
def test_update_news_item_refused_changes_nothing(
    api, make_item, sender_id, web_feed, stored, clock, payload, status, code, message
):
    item = make_item(
        state="live", labels=["Keep"], newsfeed_assignments=[{"newsfeed_id": web_feed}]
    )
    clock.advance(5)
    if payload.get("sender_id") == "SENDER":
        payload = {**payload, "sender_id": sender_id}
    for assignment in payload.get("newsfeed_assignments", []):
        if assignment.get("newsfeed_id") == "FEED":
            assignment["newsfeed_id"] = web_feed
    before = stored()

    assert_error(api.put(f"/news/news_items/{item['id']}", json=payload), status, code, message)

    assert stored() == before
    assert api.get(f"/news/news_items/{item['id']}").json() == item
