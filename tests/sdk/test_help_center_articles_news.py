"""Help centers, collections, articles, news items and newsfeeds through the official
python-intercom SDK, against a real server. 2.10 can only read help centers and newsfeeds:
these tests use the default help center and the default newsfeed ("Web") that ``serve``
makes with the workspace."""

from __future__ import annotations

import itertools
import time

import pytest
from intercom import CreateArticleRequest, GroupTranslatedContent, NewsfeedAssignment
from intercom.core.api_error import ApiError

pytestmark = pytest.mark.sdk


@pytest.fixture
def admin_id(client) -> int:
    me = client.admins.identify()
    assert me is not None
    return int(me.id)


def _all(pager, limit: int = 100) -> list:
    """Every item of an SDK pager; a pager that does not stop within ``limit`` items fails."""
    items = list(itertools.islice(pager, limit + 1))
    assert len(items) <= limit, "the pager did not stop"
    return items


def test_sdk_list_and_find_help_centers(client):
    (help_center,) = _all(client.help_centers.list())
    app = client.admins.identify().app
    assert help_center.id and help_center.workspace_id == app.id_code
    assert help_center.identifier == app.id_code
    assert help_center.display_name == "Backchannel Help Center"
    assert help_center.url == f"https://intercom.help/{app.id_code}"
    assert help_center.website_turned_on is False and help_center.custom_domain is None
    assert client.help_centers.find(int(help_center.id)) == help_center


def test_sdk_find_unknown_help_center(client):
    with pytest.raises(ApiError) as raised:
        client.help_centers.find(999999)
    assert raised.value.status_code == 404
    assert raised.value.body["errors"][0]["code"] == "not_found"


def test_sdk_collections_and_sections(client):
    (help_center,) = _all(client.help_centers.list())
    billing = client.help_centers.collections.create(
        name="SDK Billing",
        description="Invoices and payments",
        translated_content=GroupTranslatedContent(fr={"name": "Facturation"}),
    )
    assert billing.id and billing.name == "SDK Billing"
    assert billing.description == "Invoices and payments"
    assert billing.help_center_id == int(help_center.id) and billing.parent_id is None
    assert billing.icon == "book-bookmark" and billing.default_locale == "en"
    assert billing.translated_content is not None
    assert billing.translated_content.en.name == "SDK Billing"
    assert billing.translated_content.fr.name == "Facturation"

    refunds = client.help_centers.collections.create(name="SDK Refunds", parent_id=billing.id)
    assert refunds.parent_id == billing.id

    renamed = client.help_centers.collections.update(int(billing.id), name="SDK Billing & plans")
    assert renamed.name == "SDK Billing & plans" and renamed.description == billing.description
    found = client.help_centers.collections.find(int(billing.id))
    assert found.name == "SDK Billing & plans"
    assert found.translated_content.fr.name == "Facturation"

    listed = _all(client.help_centers.collections.list(per_page=1))
    assert len(listed) == len({c.id for c in listed})
    assert {billing.id, refunds.id} <= {c.id for c in listed}

    deleted = client.help_centers.collections.delete(int(billing.id))
    assert (deleted.id, deleted.object, deleted.deleted) == (billing.id, "collection", True)
    for gone in (billing, refunds):  # a collection's sections go with it
        with pytest.raises(ApiError) as raised:
            client.help_centers.collections.find(int(gone.id))
        assert raised.value.status_code == 404


def test_sdk_create_collection_without_a_name(client):
    with pytest.raises(ApiError) as raised:
        client.help_centers.collections.create(name="")
    assert raised.value.status_code == 400
    error = raised.value.body["errors"][0]
    assert (error["code"], error["message"]) == (
        "parameter_not_found",
        "Name is a required parameter.",
    )


def test_sdk_article_lifecycle(client, admin_id):
    collection = client.help_centers.collections.create(name="SDK Payments")
    article = client.articles.create(
        request=CreateArticleRequest(
            title="SDK How to pay",
            description="Cards and transfers",
            body="<p>Pay by card.</p>",
            author_id=admin_id,
            state="published",
            parent_id=int(collection.id),
            parent_type="collection",
        )
    )
    assert article.type == "article" and article.id
    assert (article.title, article.description) == ("SDK How to pay", "Cards and transfers")
    assert "Pay by card." in article.body
    assert (article.author_id, article.state) == (admin_id, "published")
    assert (article.parent_id, article.parent_type) == (int(collection.id), "collection")
    assert article.default_locale == "en" and article.url
    assert article.translated_content.en.title == "SDK How to pay"

    draft = client.articles.create(
        request=CreateArticleRequest(title="SDK Refund policy", author_id=admin_id)
    )
    assert draft.state == "draft" and draft.parent_id is None

    updated = client.articles.update(int(article.id), title="SDK How to pay us")
    assert updated.title == "SDK How to pay us"
    assert (updated.description, updated.state) == ("Cards and transfers", "published")
    assert client.articles.find(int(article.id)).title == "SDK How to pay us"

    listed = _all(client.articles.list(per_page=1))
    assert len(listed) == len({a.id for a in listed})
    assert {article.id, draft.id} <= {a.id for a in listed}

    deleted = client.articles.delete(int(draft.id))
    assert (deleted.id, deleted.object, deleted.deleted) == (draft.id, "article", True)
    with pytest.raises(ApiError) as raised:
        client.articles.find(int(draft.id))
    assert raised.value.status_code == 404


def test_sdk_search_articles(client, admin_id):
    published = client.articles.create(
        request=CreateArticleRequest(
            title="SDK Resetting a zebrafish password",
            body="<p>Open the zebrafish settings.</p>",
            author_id=admin_id,
            state="published",
        )
    )
    draft = client.articles.create(
        request=CreateArticleRequest(title="SDK Zebrafish draft", author_id=admin_id, state="draft")
    )
    found = client.articles.search(phrase="zebrafish", state="published")
    assert found.type == "list" and found.total_count == 1
    assert [a.id for a in found.data.articles] == [published.id]

    everything = client.articles.search(phrase="zebrafish", state="all", highlight=True)
    assert {a.id for a in everything.data.articles} == {published.id, draft.id}
    highlights = {h.article_id: h for h in everything.data.highlights}
    assert set(highlights) == {published.id, draft.id}
    title = highlights[published.id].highlighted_title
    assert "".join(part.text for part in title) == "SDK Resetting a zebrafish password"
    assert [part.text for part in title if part.type == "highlight"] == ["zebrafish"]

    assert client.articles.search(phrase="no-such-word-anywhere").total_count == 0


def _feeds(client):
    listed = client.news.feeds.list()
    assert listed.type == "list"
    return listed.data or []


def test_sdk_list_and_find_newsfeeds(client):
    (feed,) = _feeds(client)
    assert feed.type == "newsfeed" and feed.id and feed.name == "Web"
    found = client.news.feeds.find(feed.id)
    assert (found.id, found.name, found.created_at) == (feed.id, "Web", feed.created_at)


def test_sdk_news_item_lifecycle(client, admin_id):
    (feed,) = _feeds(client)
    published_at = int(time.time()) - 3600
    live = client.news.items.create(
        title="SDK Launch",
        sender_id=admin_id,
        body="<p>Something new</p>",
        state="live",
        labels=["Product", "Announcement"],
        reactions=["😆", "🚀"],
        newsfeed_assignments=[
            NewsfeedAssignment(newsfeed_id=int(feed.id), published_at=published_at)
        ],
    )
    assert live.type == "news-item" and live.id
    assert (live.title, live.body, live.sender_id, live.state) == (
        "SDK Launch",
        "<p>Something new</p>",
        admin_id,
        "live",
    )
    assert live.labels == ["Announcement", "Product"]
    assert live.reactions == ["😆", "🚀"] and live.deliver_silently is False
    assert [(a.newsfeed_id, a.published_at) for a in live.newsfeed_assignments] == [
        (int(feed.id), published_at)
    ]
    draft = client.news.items.create(
        title="SDK Coming soon",
        sender_id=admin_id,
        state="draft",
        newsfeed_assignments=[NewsfeedAssignment(newsfeed_id=int(feed.id))],
    )
    assert draft.state == "draft"

    # 2.10 requires title and sender_id on update as well as on create.
    updated = client.news.items.update(
        int(live.id), title="SDK Launch day", sender_id=admin_id, deliver_silently=True
    )
    assert (updated.title, updated.body) == ("SDK Launch day", "<p>Something new</p>")
    assert updated.deliver_silently is True
    found = client.news.items.find(int(live.id))
    assert found.title == "SDK Launch day" and found.labels == ["Announcement", "Product"]

    listed = client.news.items.list()
    assert listed.type == "list"
    assert {live.id, draft.id} <= {item.id for item in listed.data}
    in_feed = client.news.feeds.list_items(feed.id)
    assert in_feed.type == "list"
    ids = [item.id for item in in_feed.data]
    assert live.id in ids and draft.id not in ids  # drafts are not in feeds

    deleted = client.news.items.delete(int(draft.id))
    assert (deleted.id, deleted.object, deleted.deleted) == (draft.id, "news-item", True)
    with pytest.raises(ApiError) as raised:
        client.news.items.find(int(draft.id))
    assert raised.value.status_code == 404
