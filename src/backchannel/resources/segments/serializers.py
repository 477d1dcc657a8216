"""Segments -> the ``segment`` objects and lists Intercom returns (BEHAVIOR.md §6.5)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from backchannel.resources.segments.membership import CountedSegment

__all__ = [
    "contact_segment_list_to_api",
    "counted_segment_to_api",
    "segment_list_to_api",
    "segment_to_api",
]


def segment_to_api(segment: Any, *, count: int | None = None) -> dict[str, Any]:
    """``{type: "segment", id, name, created_at, updated_at, person_type}``, plus ``count``
    when it was asked for (the recorded answers have no ``count`` key otherwise)."""
    body: dict[str, Any] = {
        "type": "segment",
        "id": segment.id,
        "name": segment.name,
        "created_at": segment.created_at,
        "updated_at": segment.updated_at,
        "person_type": segment.person_type,
    }
    if count is not None:
        body["count"] = count
    return body


def counted_segment_to_api(item: CountedSegment) -> dict[str, Any]:
    return segment_to_api(item.segment, count=item.count)


def segment_list_to_api(items: Iterable[CountedSegment]) -> dict[str, Any]:
    """``GET /segments``: ``{type: "segment.list", segments}``."""
    return {"type": "segment.list", "segments": [counted_segment_to_api(i) for i in items]}


def contact_segment_list_to_api(segments: Iterable[Any]) -> dict[str, Any]:
    """``GET /contacts/{id}/segments``: ``{type: "list", data}``."""
    return {"type": "list", "data": [segment_to_api(segment) for segment in segments]}
