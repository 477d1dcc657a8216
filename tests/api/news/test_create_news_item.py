"""createNewsItem: POST /news/news_items."""

from __future__ import annotations

import pytest

from tests.conftest import START, assert_error


def test_create_news_item_recorded_example(api, workspace, sender_id, web_feed):
    response = api.post(
        "/news/news_items",
        json={
            "title": "Halloween is here!",
            "body": "<p>New costumes in store for this spooky season</p>",
            "labels": ["Product", "Update", "New"],
            "sender_id": sender_id,
            "deliver_silently": True,
            "reactions": ["\U0001f606", "\U0001f605"],
            "state": "live",
            "newsfeed_assignments": [{"newsfeed_id": web_feed, "published_at": 1664638214}],
        },
    )

    assert response.status_code == 200
    assert response.json() == {
        "id": response.json()["id"],
        "type": "news-item",
        "workspace_id": workspace.workspace.id_code,
        "title": "Halloween is here!",
        "body": "<p>New costumes in store for this spooky season</p>",
        "sender_id": sender_id,
        "state": "live",
        "labels": ["New", "Product", "Update"],
        "cover_image_url": None,
        "reactions": ["\U0001f606", "\U0001f605"],
        "deliver_silently": True,
        "created_at": START,
        "updated_at": START,
        "newsfeed_assignments": [{"newsfeed_id": web_feed, "published_at": 1664638214}],
    }
    assert response.json()["id"].isdigit()


def test_create_news_item_defaults(api, workspace, sender_id):
    body = api.post(
        "/news/news_items", json={"title": "We have news", "sender_id": sender_id}
    ).json()

    assert body == {
        "id": body["id"],
        "type": "news-item",
        "workspace_id": workspace.workspace.id_code,
        "title": "We have news",
        "body": "",
        "sender_id": sender_id,
        "state": "draft",
        "labels": [],
        "cover_image_url": None,
        "reactions": [],
        "deliver_silently": False,
        "created_at": START,
        "updated_at": START,
        "newsfeed_assignments": [],
    }


def test_create_news_item_is_retrievable(api, make_item):
    item = make_item(state="live")
    assert api.get(f"/news/news_items/{item['id']}").json() == item


def test_create_news_item_ids_are_distinct_numeric_strings(make_item):
    first, second = make_item(), make_item()
    assert first["id"].isdigit() and second["id"].isdigit()
    assert int(second["id"]) > int(first["id"])


def test_create_news_item_plain_text_body_becomes_html(make_item):
    assert make_item(body="Hello there")["body"] == "<p>Hello there</p>"


def test_create_news_item_title_is_trimmed(make_item):
    assert make_item(title="  Launch day  ")["title"] == "Launch day"


def test_create_news_item_sender_as_string_id(make_item, sender_id):
    assert make_item(sender_id=str(sender_id))["sender_id"] == sender_id


def test_create_news_item_live_without_date_is_published_now(make_item, web_feed, clock):
    clock.advance(30)
    item = make_item(state="live", newsfeed_assignments=[{"newsfeed_id": web_feed}])
    assert item["newsfeed_assignments"] == [{"newsfeed_id": web_feed, "published_at": START + 30}]


def test_create_news_item_newsfeed_id_as_string(make_item, web_feed):
    item = make_item(state="live", newsfeed_assignments=[{"newsfeed_id": str(web_feed)}])
    assert item["newsfeed_assignments"] == [{"newsfeed_id": web_feed, "published_at": START}]


def test_create_news_item_published_now_is_allowed(make_item, web_feed):
    item = make_item(
        state="live", newsfeed_assignments=[{"newsfeed_id": web_feed, "published_at": START}]
    )
    assert item["newsfeed_assignments"][0]["published_at"] == START


def test_create_news_item_draft_ignores_published_at(make_item, web_feed):
    item = make_item(
        newsfeed_assignments=[{"newsfeed_id": web_feed, "published_at": START + 86_400}]
    )
    assert item["state"] == "draft"
    assert item["newsfeed_assignments"] == [{"newsfeed_id": web_feed}]


def test_create_news_item_keeps_assignment_order(make_item, web_feed, app_feed):
    item = make_item(
        state="live",
        newsfeed_assignments=[
            {"newsfeed_id": app_feed, "published_at": 100},
            {"newsfeed_id": web_feed, "published_at": 200},
        ],
    )
    assert item["newsfeed_assignments"] == [
        {"newsfeed_id": app_feed, "published_at": 100},
        {"newsfeed_id": web_feed, "published_at": 200},
    ]


def test_create_news_item_labels_trimmed_deduplicated_and_sorted(make_item):
    item = make_item(labels=["update", " Product ", "New", "", "Product", "apple"])
    assert item["labels"] == ["apple", "New", "Product", "update"]


def test_create_news_item_reactions_keep_their_order(make_item):
    reactions = ["\U0001f44d", "\U0001f389", None, "\U0001f602"]
    assert make_item(reactions=reactions)["reactions"] == reactions


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/cover.jpg",
        "http://cdn.example.com/images/Cover.PNG",
        "https://example.com/cover.png?size=large",
    ],
)
def test_create_news_item_cover_image(make_item, url):
    assert make_item(cover_image_url=url)["cover_image_url"] == url


def test_create_news_item_nulls_mean_defaults(make_item):
    item = make_item(
        body=None,
        state=None,
        deliver_silently=None,
        labels=None,
        reactions=None,
        cover_image_url=None,
        newsfeed_assignments=None,
    )
    assert (item["body"], item["state"], item["deliver_silently"]) == ("", "draft", False)
    assert (item["labels"], item["reactions"], item["cover_image_url"]) == ([], [], None)
    assert item["newsfeed_assignments"] == []


# --- refused requests --------------------------------------------------------------------


@pytest.mark.parametrize("title", [None, "", "   "])
def test_create_news_item_without_title(api, sender_id, stored, title):
    before = stored()
    payload = (
        {"sender_id": sender_id} if title is None else {"title": title, "sender_id": sender_id}
    )
    assert_error(
        api.post("/news/news_items", json=payload),
        400,
        "parameter_not_found",
        "title is a required parameter.",
    )
    assert stored() == before


def test_create_news_item_null_title(api, sender_id, stored):
    before = stored()
    response = api.post("/news/news_items", json={"title": None, "sender_id": sender_id})
    body = assert_error(response, 400, "parameter_not_found", "title is a required parameter.")
    assert body["errors"][0]["field"] == "title"
    assert stored() == before


def test_create_news_item_title_too_long(api, sender_id, stored):
    before = stored()
    assert_error(
        api.post("/news/news_items", json={"title": "x" * 256, "sender_id": sender_id}),
        400,
        "parameter_invalid",
        "title is too long (maximum is 255 characters)",
    )
    assert stored() == before


@pytest.mark.parametrize("payload", [{"title": "News"}, {"title": "News", "sender_id": None}])
def test_create_news_item_without_sender(api, stored, payload):
    before = stored()
    body = assert_error(
        api.post("/news/news_items", json=payload),
        400,
        "parameter_not_found",
        "sender_id is a required parameter.",
    )
    assert body["errors"][0]["field"] == "sender_id"
    assert stored() == before


def test_create_news_item_title_is_checked_before_sender(api):
    assert_error(
        api.post("/news/news_items", json={}),
        400,
        "parameter_not_found",
        "title is a required parameter.",
    )


@pytest.mark.parametrize("sender", [999_999_999, "999999999", "not-an-id"])
def test_create_news_item_unknown_sender(api, stored, sender):
    before = stored()
    body = assert_error(
        api.post("/news/news_items", json={"title": "News", "sender_id": sender}),
        404,
        "admin_not_found",
        "Admin not found",
    )
    assert body["errors"][0]["field"] == "sender_id"
    assert stored() == before


def test_create_news_item_sender_of_another_workspace(api, other_workspace, stored):
    before = stored()
    assert_error(
        api.post("/news/news_items", json={"title": "News", "sender_id": other_workspace.admin.id}),
        404,
        "admin_not_found",
        "Admin not found",
    )
    assert stored() == before


def test_create_news_item_sender_of_wrong_type(api, stored):
    before = stored()
    body = assert_error(
        api.post("/news/news_items", json={"title": "News", "sender_id": True}),
        400,
        "parameter_invalid",
    )
    assert body["errors"][0]["field"] == "sender_id"
    assert stored() == before


@pytest.mark.parametrize("state", ["published", "LIVE", ""])
def test_create_news_item_unknown_state(api, sender_id, stored, state):
    before = stored()
    assert_error(
        api.post(
            "/news/news_items", json={"title": "News", "sender_id": sender_id, "state": state}
        ),
        400,
        "parameter_invalid",
        "state must be one of draft, live",
    )
    assert stored() == before


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/cover.gif",
        "https://example.com/cover.jpeg",
        "https://example.com/cover",
        "https://example.com/jpg",
        "ftp://example.com/cover.jpg",
        "cover.png",
        "",
    ],
)
def test_create_news_item_bad_cover_image(api, sender_id, stored, url):
    before = stored()
    body = assert_error(
        api.post(
            "/news/news_items",
            json={"title": "News", "sender_id": sender_id, "cover_image_url": url},
        ),
        400,
        "parameter_invalid",
        "cover_image_url must be an http(s) URL of a .jpg or .png image",
    )
    assert body["errors"][0]["field"] == "cover_image_url"
    assert stored() == before


def test_create_news_item_future_published_at_on_live_item(api, sender_id, web_feed, stored):
    before = stored()
    body = assert_error(
        api.post(
            "/news/news_items",
            json={
                "title": "News",
                "sender_id": sender_id,
                "state": "live",
                "newsfeed_assignments": [{"newsfeed_id": web_feed, "published_at": START + 1}],
            },
        ),
        400,
        "parameter_invalid",
        "published_at cannot be in the future",
    )
    assert body["errors"][0]["field"] == "newsfeed_assignments.0.published_at"
    assert stored() == before


def test_create_news_item_negative_published_at(api, sender_id, web_feed, stored):
    before = stored()
    assert_error(
        api.post(
            "/news/news_items",
            json={
                "title": "News",
                "sender_id": sender_id,
                "state": "live",
                "newsfeed_assignments": [{"newsfeed_id": web_feed, "published_at": -1}],
            },
        ),
        400,
        "parameter_invalid",
    )
    assert stored() == before


@pytest.mark.parametrize("feed", [999_999, "999999", "web", 0])
def test_create_news_item_unknown_newsfeed(api, sender_id, web_feed, stored, feed):
    before = stored()
    body = assert_error(
        api.post(
            "/news/news_items",
            json={
                "title": "News",
                "sender_id": sender_id,
                "newsfeed_assignments": [{"newsfeed_id": web_feed}, {"newsfeed_id": feed}],
            },
        ),
        404,
        "not_found",
        "Newsfeed not found",
    )
    assert body["errors"][0]["field"] == "newsfeed_assignments.1.newsfeed_id"
    assert stored() == before


def test_create_news_item_newsfeed_of_another_workspace(api, sender_id, other_feed, stored):
    before = stored()
    assert_error(
        api.post(
            "/news/news_items",
            json={
                "title": "News",
                "sender_id": sender_id,
                "newsfeed_assignments": [{"newsfeed_id": other_feed}],
            },
        ),
        404,
        "not_found",
        "Newsfeed not found",
    )
    assert stored() == before


def test_create_news_item_same_newsfeed_twice(api, sender_id, web_feed, stored):
    before = stored()
    assert_error(
        api.post(
            "/news/news_items",
            json={
                "title": "News",
                "sender_id": sender_id,
                "newsfeed_assignments": [{"newsfeed_id": web_feed}, {"newsfeed_id": web_feed}],
            },
        ),
        400,
        "parameter_invalid",
        f"newsfeed_assignments names newsfeed {web_feed} more than once",
    )
    assert stored() == before


def test_create_news_item_assignment_without_newsfeed_id(api, sender_id, stored):
    before = stored()
    assert_error(
        api.post(
            "/news/news_items",
            json={"title": "News", "sender_id": sender_id, "newsfeed_assignments": [{}]},
        ),
        400,
        "parameter_not_found",
        "newsfeed_assignments.0.newsfeed_id is a required parameter.",
    )
    assert stored() == before


def test_create_news_item_sender_is_checked_before_newsfeeds(api, stored):
    assert_error(
        api.post(
            "/news/news_items",
            json={
                "title": "News",
                "sender_id": 999_999_999,
                "newsfeed_assignments": [{"newsfeed_id": 999_999}],
            },
        ),
        404,
        "admin_not_found",
    )


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"title": 5}, "title"),
        ({"labels": "Product"}, "labels"),
        ({"labels": [1]}, "labels.0"),
        ({"reactions": "\U0001f44d"}, "reactions"),
        ({"deliver_silently": "yes"}, "deliver_silently"),
        ({"newsfeed_assignments": {"newsfeed_id": 1}}, "newsfeed_assignments"),
    ],
)
def test_create_news_item_wrong_types(api, sender_id, stored, payload, field):
    before = stored()
    body = assert_error(
        api.post("/news/news_items", json={"title": "News", "sender_id": sender_id, **payload}),
        400,
        "parameter_invalid",
    )
    assert body["errors"][0]["field"] == field
    assert stored() == before


def test_create_news_item_unknown_field(api, sender_id, stored):
    before = stored()
    assert_error(
        api.post(
            "/news/news_items", json={"title": "News", "sender_id": sender_id, "audience": "all"}
        ),
        400,
        "bad_request",
        "bad 'audience' parameter",
    )
    assert stored() == before


def test_create_news_item_unauthorized(anonymous, stored):
    before = stored()
    assert_error(
        anonymous.post("/news/news_items", json={"title": "News", "sender_id": 1}),
        401,
        "unauthorized",
        "Access Token Invalid",
    )
    assert stored() == before
