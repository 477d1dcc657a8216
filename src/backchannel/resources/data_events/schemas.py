"""Request bodies and query strings of the data event operations."""

from __future__ import annotations

from typing import Annotated, Any

import msgspec
from msgspec import UNSET, Meta, UnsetType

__all__ = ["DataEventCreate", "DataEventListQuery", "EventSummariesCreate", "EventSummaryItem"]

EventName = Annotated[str, Meta(min_length=1, max_length=255)]
Text = Annotated[str, Meta(max_length=255)]
Timestamp = Annotated[int, Meta(ge=0, le=253_402_300_799)]  # up to the year 9999


class DataEventCreate(msgspec.Struct, forbid_unknown_fields=True):
    """``create_data_event_request``: the event, and one of ``id``, ``user_id``, ``email``."""

    event_name: EventName
    created_at: Timestamp
    id: Text | UnsetType | None = UNSET
    user_id: Text | UnsetType | None = UNSET
    email: Text | UnsetType | None = UNSET
    metadata: dict[str, Any] | UnsetType | None = UNSET


class DataEventListQuery(msgspec.Struct):
    """``GET /events``: ``type=user`` and one of ``user_id``, ``email``, ``intercom_user_id``.

    ``before`` (a cursor) and ``since`` (unix seconds) come back in the ``pages`` URLs.
    """

    type: str | None = None
    user_id: str | None = None
    email: str | None = None
    intercom_user_id: str | None = None
    summary: bool = False
    per_page: int | None = None
    before: str | None = None
    since: int | None = None


class EventSummaryItem(msgspec.Struct, forbid_unknown_fields=True):
    """One counter: how often ``event_name`` happened, first and last time (unix seconds)."""

    event_name: EventName
    count: Annotated[int, Meta(ge=0, le=2**31 - 1)] | None = None
    first: Timestamp | None = None
    last: Timestamp | None = None


class EventSummariesCreate(msgspec.Struct, forbid_unknown_fields=True):
    """``create_data_event_summaries_request``; ``event_summaries`` may also be a list."""

    user_id: Text | UnsetType | None = UNSET
    event_summaries: EventSummaryItem | list[EventSummaryItem] | UnsetType | None = UNSET
