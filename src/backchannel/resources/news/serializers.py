"""News items and newsfeeds -> the ``news-item`` and ``newsfeed`` objects and their lists
(BEHAVIOR.md §6.12).

``type`` is ``news-item``, with a hyphen. ``workspace_id`` is the workspace's ``id_code``;
``sender_id`` and each assignment's ``newsfeed_id`` are integers, the object ids strings. A
draft's assignments carry no ``published_at`` (it is set only while the item is live, and
the schema has no null for it). Keys come in the recorded examples' order.
"""

from __future__ import annotations

from typing import Any

from backchannel.core.pagination import CursorPage
from backchannel.resources.news.service import Assignment, NewsItemPage, NewsItemView

__all__ = [
    "deleted_news_item_to_api",
    "news_item_list_to_api",
    "news_item_to_api",
    "newsfeed_assignment_to_api",
    "newsfeed_list_to_api",
    "newsfeed_to_api",
]


def newsfeed_assignment_to_api(assignment: Assignment) -> dict[str, Any]:
    """``{newsfeed_id, published_at}``; no ``published_at`` while the item is a draft."""
    found: dict[str, Any] = {"newsfeed_id": assignment.newsfeed_id}
    if assignment.published_at is not None:
        found["published_at"] = assignment.published_at
    return found


def news_item_to_api(view: NewsItemView, *, workspace_code: str) -> dict[str, Any]:
    item = view.item
    return {
        "id": str(item.id),
        "type": "news-item",
        "workspace_id": workspace_code,
        "title": item.title,
        "body": item.body,
        "sender_id": item.sender_id,
        "state": item.state,
        "labels": list(item.labels),
        "cover_image_url": item.cover_image_url,
        "reactions": list(item.reactions),
        "deliver_silently": item.deliver_silently,
        "created_at": item.created_at,
        "updated_at": item.updated_at,
        "newsfeed_assignments": [newsfeed_assignment_to_api(a) for a in view.assignments],
    }


def news_item_list_to_api(result: NewsItemPage, *, workspace_code: str) -> dict[str, Any]:
    """``{type: "list", pages, data: [news-item, ...], total_count}``."""
    return {
        "type": "list",
        "pages": result.page.pages(),
        "data": [news_item_to_api(view, workspace_code=workspace_code) for view in result.views],
        "total_count": result.page.total_count,
    }


def deleted_news_item_to_api(news_item_id: str) -> dict[str, Any]:
    """``deleted_object``: ``{id, object: "news-item", deleted: true}``."""
    return {"id": news_item_id, "object": "news-item", "deleted": True}


def newsfeed_to_api(feed: Any) -> dict[str, Any]:
    return {
        "id": str(feed.id),
        "type": "newsfeed",
        "name": feed.name,
        "created_at": feed.created_at,
        "updated_at": feed.updated_at,
    }


def newsfeed_list_to_api(page: CursorPage[Any]) -> dict[str, Any]:
    """``{type: "list", pages, data: [newsfeed, ...], total_count}``."""
    return {
        "type": "list",
        "pages": page.pages(),
        "data": [newsfeed_to_api(feed) for feed in page.items],
        "total_count": page.total_count,
    }
