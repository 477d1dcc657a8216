"""News operations: one thin handler per operationId."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from backchannel.core.http import Context, Operation
from backchannel.resources.news import service
from backchannel.resources.news.schemas import NewsfeedListQuery, NewsItemListQuery, NewsItemRequest
from backchannel.resources.news.serializers import (
    deleted_news_item_to_api,
    news_item_list_to_api,
    news_item_to_api,
    newsfeed_list_to_api,
    newsfeed_to_api,
)

__all__ = ["OPERATIONS"]


def _with_newsfeeds(ctx: Context) -> Session | Connection:
    """The request's reader, once the workspace has its default newsfeeds (a workspace made
    before newsfeeds existed gets them now, in the request's transaction)."""
    if service.default_newsfeeds_missing(ctx.reader, workspace_id=ctx.workspace_id):
        service.ensure_default_newsfeeds(ctx.db, workspace_id=ctx.workspace_id, now=ctx.now())
    return ctx.reader


def list_news_items(ctx: Context, *, query: NewsItemListQuery) -> dict[str, Any]:
    """``GET /news/news_items``: drafts and live items, oldest first, page by page."""
    result = service.list_news_items(
        ctx.reader,
        workspace_id=ctx.workspace_id,
        per_page=query.per_page,
        starting_after=query.starting_after,
    )
    return news_item_list_to_api(result, workspace_code=ctx.workspace.id_code)


def create_news_item(ctx: Context, *, body: NewsItemRequest) -> dict[str, Any]:
    """``POST /news/news_items``."""
    view = service.create_news_item(ctx.db, workspace_id=ctx.workspace_id, data=body, now=ctx.now())
    return news_item_to_api(view, workspace_code=ctx.workspace.id_code)


def retrieve_news_item(ctx: Context, id: str) -> dict[str, Any]:
    """``GET /news/news_items/{id}``."""
    view = service.read_news_item(ctx.reader, workspace_id=ctx.workspace_id, news_item_id=id)
    return news_item_to_api(view, workspace_code=ctx.workspace.id_code)


def update_news_item(ctx: Context, id: str, *, body: NewsItemRequest) -> dict[str, Any]:
    """``PUT /news/news_items/{id}``: title and sender_id always, the rest when given."""
    view = service.update_news_item(
        ctx.db, workspace_id=ctx.workspace_id, news_item_id=id, data=body, now=ctx.now()
    )
    return news_item_to_api(view, workspace_code=ctx.workspace.id_code)


def delete_news_item(ctx: Context, id: str) -> dict[str, Any]:
    """``DELETE /news/news_items/{id}``."""
    deleted = service.delete_news_item(ctx.db, workspace_id=ctx.workspace_id, news_item_id=id)
    return deleted_news_item_to_api(deleted)


def list_live_newsfeed_items(ctx: Context, id: str, *, query: NewsItemListQuery) -> dict[str, Any]:
    """``GET /news/newsfeeds/{id}/items``: the feed's live items, newest published first."""
    result = service.list_live_newsfeed_items(
        _with_newsfeeds(ctx),
        workspace_id=ctx.workspace_id,
        newsfeed_id=id,
        per_page=query.per_page,
        starting_after=query.starting_after,
    )
    return news_item_list_to_api(result, workspace_code=ctx.workspace.id_code)


def list_newsfeeds(ctx: Context, *, query: NewsfeedListQuery) -> dict[str, Any]:
    """``GET /news/newsfeeds``: oldest first, page by page."""
    page = service.list_newsfeeds(
        _with_newsfeeds(ctx),
        workspace_id=ctx.workspace_id,
        per_page=query.per_page,
        starting_after=query.starting_after,
    )
    return newsfeed_list_to_api(page)


def retrieve_newsfeed(ctx: Context, id: str) -> dict[str, Any]:
    """``GET /news/newsfeeds/{id}``."""
    feed = service.read_newsfeed(
        _with_newsfeeds(ctx), workspace_id=ctx.workspace_id, newsfeed_id=id
    )
    return newsfeed_to_api(feed)


OPERATIONS = [
    Operation("GET", "/news/news_items", list_news_items, "listNewsItems", query=NewsItemListQuery),
    Operation("POST", "/news/news_items", create_news_item, "createNewsItem", body=NewsItemRequest),
    Operation("GET", "/news/news_items/{id}", retrieve_news_item, "retrieveNewsItem"),
    Operation(
        "PUT", "/news/news_items/{id}", update_news_item, "updateNewsItem", body=NewsItemRequest
    ),
    Operation("DELETE", "/news/news_items/{id}", delete_news_item, "deleteNewsItem"),
    Operation(
        "GET",
        "/news/newsfeeds/{id}/items",
        list_live_newsfeed_items,
        "listLiveNewsfeedItems",
        query=NewsItemListQuery,
    ),
    Operation("GET", "/news/newsfeeds", list_newsfeeds, "listNewsfeeds", query=NewsfeedListQuery),
    Operation("GET", "/news/newsfeeds/{id}", retrieve_newsfeed, "retrieveNewsfeed"),
]
