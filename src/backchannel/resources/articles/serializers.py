"""Articles -> the ``article`` objects, lists and search results (BEHAVIOR.md §6.14).

Keys follow the recorded examples: ``author_id`` and ``parent_id`` are integers,
``parent_ids`` is ``[]`` (Backchannel keeps one parent per article, and the recorded
articles show an empty list beside their ``parent_id``), ``statistics`` appears on single
articles only. A locale's ``url`` is ``<help center URL>/<locale>/articles/<id>-<slug of
its title>`` while it is published, and null while it is a draft. The statistics carry the
conversation count under both ``conversions`` (schema) and ``conversations`` (recorded
examples), BEHAVIOR.md §9.15.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from backchannel.db.tables import ArticleTranslation
from backchannel.resources.articles.service import (
    ArticlePage,
    ArticleSearchResult,
    ArticleView,
    Highlight,
)
from backchannel.resources.help_center.service import help_center_url, slugify

__all__ = [
    "article_deleted_to_api",
    "article_list_to_api",
    "article_search_to_api",
    "article_statistics_to_api",
    "article_to_api",
    "highlight_to_api",
]


def _percentage(part: int, total: int) -> float | int:
    return round(100 * part / total, 1) if total else 0


def article_statistics_to_api(article: Any) -> dict[str, Any]:
    reactions = article.happy_reactions + article.neutral_reactions + article.sad_reactions
    return {
        "type": "article_statistics",
        "views": article.views,
        "conversions": article.conversions,
        "conversations": article.conversions,
        "reactions": reactions,
        "happy_reaction_percentage": _percentage(article.happy_reactions, reactions),
        "neutral_reaction_percentage": _percentage(article.neutral_reactions, reactions),
        "sad_reaction_percentage": _percentage(article.sad_reactions, reactions),
    }


def _url(view: ArticleView, row: ArticleTranslation) -> str | None:
    if row.state != "published" or view.help_center is None:
        return None
    base = help_center_url(view.help_center)
    return f"{base}/{row.locale}/articles/{view.article.id}-{slugify(row.title)}"


def _content(view: ArticleView, row: ArticleTranslation) -> dict[str, Any]:
    return {
        "type": "article_content",
        "title": row.title,
        "description": row.description,
        "body": row.body,
        "author_id": row.author_id,
        "state": row.state,
        "created_at": row.created_at,
        "updated_at": row.updated_at,
        "url": _url(view, row),
    }


def article_to_api(
    view: ArticleView, *, workspace_code: str, statistics: bool = True
) -> dict[str, Any]:
    """One article; list and search items leave ``statistics`` out."""
    article, main, parent = view.article, view.main, view.parent
    parent_type = None
    if parent is not None:
        parent_type = "section" if parent.parent_id is not None else "collection"
    body: dict[str, Any] = {
        "id": str(article.id),
        "type": "article",
        "workspace_id": workspace_code,
        "parent_id": article.parent_id,
        "parent_type": parent_type,
        "parent_ids": [],
    }
    if statistics:
        body["statistics"] = article_statistics_to_api(article)
    translated: dict[str, Any] = {"type": "article_translated_content"}
    for row in view.translations:
        translated[row.locale] = _content(view, row)
    body.update(
        {
            "title": main.title,
            "description": main.description,
            "body": main.body,
            "author_id": main.author_id,
            "state": main.state,
            "created_at": main.created_at,
            "updated_at": main.updated_at,
            "url": _url(view, main),
            "default_locale": article.default_locale,
            "translated_content": translated,
        }
    )
    return body


def article_list_to_api(
    result: ArticlePage, *, workspace_code: str, next_url: Callable[[int], str]
) -> dict[str, Any]:
    """``{type: "list", pages, total_count, data}``; ``pages.next`` is the next page's URL."""
    return {
        "type": "list",
        "pages": result.page.pages(next_url),
        "total_count": result.page.total_count,
        "data": [
            article_to_api(view, workspace_code=workspace_code, statistics=False)
            for view in result.views
        ],
    }


def highlight_to_api(highlight: Highlight) -> dict[str, Any]:
    return {
        "article_id": str(highlight.article_id),
        "highlighted_title": highlight.title,
        "highlighted_summary": highlight.summary,
    }


def article_search_to_api(
    result: ArticleSearchResult, *, workspace_code: str, next_url: Callable[[int], str]
) -> dict[str, Any]:
    """``{type: "list", total_count, data: {articles, highlights}, pages}``; highlights are
    ``[]`` unless asked for."""
    return {
        "type": "list",
        "total_count": result.page.total_count,
        "data": {
            "articles": [
                article_to_api(view, workspace_code=workspace_code, statistics=False)
                for view in result.views
            ],
            "highlights": [highlight_to_api(highlight) for highlight in result.highlights],
        },
        "pages": result.page.pages(next_url),
    }


def article_deleted_to_api(article_id: int) -> dict[str, Any]:
    return {"id": str(article_id), "object": "article", "deleted": True}
