"""Request bodies and query strings of the article operations.

Required keys (``title``, ``author_id``) are optional here and checked by the service: both
may come from the default locale's ``translated_content`` instead of the top level.
``translated_content`` maps locales to :class:`ArticleContent`; its ``type`` key may hold the
object's type name. The read-only keys of ``article_content`` (``created_at``,
``updated_at``, ``url``) are accepted and ignored, so a retrieved article can be sent back.
A ``null`` optional key means "not given", except ``parent_id`` on update (null: make the
article standalone) and a locale in ``translated_content`` on update (null: remove it).
"""

from __future__ import annotations

from typing import Annotated, Any

import msgspec
from msgspec import UNSET, Meta, UnsetType

__all__ = [
    "MAX_BODY_LENGTH",
    "ArticleContent",
    "ArticleCreate",
    "ArticleListQuery",
    "ArticleSearchQuery",
    "ArticleTranslations",
    "ArticleUpdate",
]

MAX_BODY_LENGTH = 1_000_000
Text = Annotated[str, Meta(max_length=65_535)]
Body = Annotated[str, Meta(max_length=MAX_BODY_LENGTH)]
IdRef = int | Annotated[str, Meta(max_length=64)]


class ArticleContent(msgspec.Struct, forbid_unknown_fields=True):
    """One locale of an article: ``article_content``."""

    type: str | None = None
    title: Text | UnsetType | None = UNSET
    description: Text | UnsetType | None = UNSET
    body: Body | UnsetType | None = UNSET
    author_id: IdRef | UnsetType | None = UNSET
    state: str | UnsetType | None = UNSET
    created_at: Any = None
    updated_at: Any = None
    url: Any = None


ArticleTranslations = dict[str, ArticleContent | str | None]
"""``article_translated_content``: locale -> content, and ``type`` -> its type name."""


class ArticleCreate(msgspec.Struct, forbid_unknown_fields=True):
    """``create_article_request``."""

    title: Text | UnsetType | None = UNSET
    description: Text | UnsetType | None = UNSET
    body: Body | UnsetType | None = UNSET
    author_id: IdRef | UnsetType | None = UNSET
    state: str | UnsetType | None = UNSET
    parent_id: IdRef | UnsetType | None = UNSET
    parent_type: str | UnsetType | None = UNSET
    translated_content: ArticleTranslations | UnsetType | None = UNSET


class ArticleUpdate(msgspec.Struct, forbid_unknown_fields=True):
    """``update_article_request``: partial; an omitted ``state`` keeps the current one."""

    title: Text | UnsetType | None = UNSET
    description: Text | UnsetType | None = UNSET
    body: Body | UnsetType | None = UNSET
    author_id: IdRef | UnsetType | None = UNSET
    state: str | UnsetType | None = UNSET
    parent_id: IdRef | UnsetType | None = UNSET
    parent_type: str | UnsetType | None = UNSET
    translated_content: ArticleTranslations | UnsetType | None = UNSET


class ArticleListQuery(msgspec.Struct):
    """``GET /articles`` query: page-number paging."""

    page: int | None = None
    per_page: int | None = None


class ArticleSearchQuery(msgspec.Struct):
    """``GET /articles/search`` query."""

    phrase: str | None = None
    state: str | None = None
    help_center_id: int | None = None
    highlight: bool = False
    page: int | None = None
    per_page: int | None = None
