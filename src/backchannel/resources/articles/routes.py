"""Article operations: one thin handler per operationId."""

from __future__ import annotations

from typing import Any

from backchannel.core.http import Context, Operation
from backchannel.resources.articles import service
from backchannel.resources.articles.schemas import (
    ArticleCreate,
    ArticleListQuery,
    ArticleSearchQuery,
    ArticleUpdate,
)
from backchannel.resources.articles.serializers import (
    article_deleted_to_api,
    article_list_to_api,
    article_search_to_api,
    article_to_api,
)

__all__ = ["OPERATIONS"]


def _next_url(ctx: Context, per_page: int) -> Any:
    def next_url(page: int) -> str:
        return str(ctx.request.url.include_query_params(page=page, per_page=per_page))

    return next_url


def list_articles(ctx: Context, *, query: ArticleListQuery) -> dict[str, Any]:
    """``GET /articles``: most recently updated first, page by page."""
    result = service.list_articles(
        ctx.db, workspace_id=ctx.workspace_id, page=query.page, per_page=query.per_page
    )
    return article_list_to_api(
        result,
        workspace_code=ctx.workspace.id_code,
        next_url=_next_url(ctx, result.page.per_page),
    )


def create_article(ctx: Context, *, body: ArticleCreate) -> dict[str, Any]:
    """``POST /articles``."""
    view = service.create_article(ctx.db, workspace_id=ctx.workspace_id, data=body, now=ctx.now())
    return article_to_api(view, workspace_code=ctx.workspace.id_code)


def retrieve_article(ctx: Context, id: str) -> dict[str, Any]:
    """``GET /articles/{id}``: with its statistics."""
    view = service.read_article(ctx.db, workspace_id=ctx.workspace_id, article_id=id)
    return article_to_api(view, workspace_code=ctx.workspace.id_code)


def update_article(ctx: Context, id: str, *, body: ArticleUpdate) -> dict[str, Any]:
    """``PUT /articles/{id}``."""
    view = service.update_article(
        ctx.db, workspace_id=ctx.workspace_id, article_id=id, data=body, now=ctx.now()
    )
    return article_to_api(view, workspace_code=ctx.workspace.id_code)


def delete_article(ctx: Context, id: str) -> dict[str, Any]:
    """``DELETE /articles/{id}``."""
    deleted = service.delete_article(ctx.db, workspace_id=ctx.workspace_id, article_id=id)
    return article_deleted_to_api(deleted)


def search_articles(ctx: Context, *, query: ArticleSearchQuery) -> dict[str, Any]:
    """``GET /articles/search``."""
    result = service.search_articles(ctx.db, workspace_id=ctx.workspace_id, query=query)
    return article_search_to_api(
        result,
        workspace_code=ctx.workspace.id_code,
        next_url=_next_url(ctx, result.page.per_page),
    )


OPERATIONS = [
    Operation("GET", "/articles", list_articles, "listArticles", query=ArticleListQuery),
    Operation("POST", "/articles", create_article, "createArticle", body=ArticleCreate),
    Operation(
        "GET", "/articles/search", search_articles, "searchArticles", query=ArticleSearchQuery
    ),
    Operation("GET", "/articles/{id}", retrieve_article, "retrieveArticle"),
    Operation("PUT", "/articles/{id}", update_article, "updateArticle", body=ArticleUpdate),
    Operation("DELETE", "/articles/{id}", delete_article, "deleteArticle"),
]
