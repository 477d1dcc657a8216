"""Request bodies and query strings of the news operations.

``createNewsItem`` and ``updateNewsItem`` share one body, ``news_item_request``, whose
``title`` and ``sender_id`` are required on both. The two are optional here and checked by
the service, so that missing, ``null`` and blank get the same answer. ``state`` is a plain
string checked by the service too, with the API's own wording. A ``null`` optional key means
"not given", except ``cover_image_url``, where ``null`` removes the cover.
"""

from __future__ import annotations

from typing import Annotated

import msgspec
from msgspec import UNSET, Meta, UnsetType

__all__ = [
    "MAX_BODY_LENGTH",
    "MAX_LABELS",
    "MAX_REACTIONS",
    "NewsItemListQuery",
    "NewsItemRequest",
    "NewsfeedAssignmentRequest",
    "NewsfeedListQuery",
]

MAX_BODY_LENGTH = 65_536
MAX_LABELS = 50
MAX_REACTIONS = 20
MAX_ASSIGNMENTS = 100

IdRef = int | Annotated[str, Meta(max_length=64)]
Label = Annotated[str, Meta(max_length=255)]
Reaction = Annotated[str, Meta(min_length=1, max_length=32)]
Timestamp = Annotated[int, Meta(ge=0, le=2**53)]


class NewsfeedAssignmentRequest(msgspec.Struct, forbid_unknown_fields=True):
    """``newsfeed_assignment``: a newsfeed of the workspace (integer, or its string id) and
    an optional publish date, which may lie in the past but not in the future."""

    newsfeed_id: IdRef
    published_at: Timestamp | None = None


class NewsItemRequest(msgspec.Struct, forbid_unknown_fields=True):
    """``news_item_request``, for create and update alike.

    ``cover_image_url`` is not in 2.10's request schema, but it is a field of the news item
    (a ``.jpg`` or ``.png`` URL) and clients send it back with the rest, so it is accepted.
    """

    title: str | UnsetType | None = UNSET
    sender_id: IdRef | UnsetType | None = UNSET
    body: Annotated[str, Meta(max_length=MAX_BODY_LENGTH)] | UnsetType | None = UNSET
    state: str | UnsetType | None = UNSET
    deliver_silently: bool | UnsetType | None = UNSET
    labels: Annotated[list[Label], Meta(max_length=MAX_LABELS)] | UnsetType | None = UNSET
    reactions: (
        Annotated[list[Reaction | None], Meta(max_length=MAX_REACTIONS)] | UnsetType | None
    ) = UNSET
    cover_image_url: Annotated[str, Meta(max_length=2048)] | UnsetType | None = UNSET
    newsfeed_assignments: (
        Annotated[list[NewsfeedAssignmentRequest], Meta(max_length=MAX_ASSIGNMENTS)]
        | UnsetType
        | None
    ) = UNSET


class NewsItemListQuery(msgspec.Struct):
    """``GET /news/news_items`` and ``GET /news/newsfeeds/{id}/items``: cursor paging."""

    per_page: int | None = None
    starting_after: str | None = None


class NewsfeedListQuery(msgspec.Struct):
    """``GET /news/newsfeeds``: cursor paging."""

    per_page: int | None = None
    starting_after: str | None = None
