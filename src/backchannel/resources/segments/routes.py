"""Segment operations: one thin handler per operationId."""

from __future__ import annotations

from typing import Any

from backchannel.core.http import Context, Operation
from backchannel.resources.segments import membership
from backchannel.resources.segments.schemas import SegmentQuery
from backchannel.resources.segments.serializers import (
    contact_segment_list_to_api,
    counted_segment_to_api,
    segment_list_to_api,
)

__all__ = ["OPERATIONS"]


def list_segments(ctx: Context, *, query: SegmentQuery) -> dict[str, Any]:
    """``GET /segments[?include_count=true]``."""
    segments = membership.list_segments(
        ctx.reader,
        workspace_id=ctx.workspace_id,
        timezone=ctx.workspace.timezone,
        now=ctx.now(),
        include_count=query.include_count,
    )
    return segment_list_to_api(segments)


def retrieve_segment(ctx: Context, id: str, *, query: SegmentQuery) -> dict[str, Any]:
    """``GET /segments/{id}[?include_count=true]``."""
    segment = membership.retrieve_segment(
        ctx.reader,
        workspace_id=ctx.workspace_id,
        segment_id=id,
        timezone=ctx.workspace.timezone,
        now=ctx.now(),
        include_count=query.include_count,
    )
    return counted_segment_to_api(segment)


def list_segments_for_a_contact(ctx: Context, contact_id: str) -> dict[str, Any]:
    """``GET /contacts/{contact_id}/segments``: the segments the contact is in now."""
    segments = membership.contact_segments(
        ctx.reader,
        workspace_id=ctx.workspace_id,
        contact_id=contact_id,
        timezone=ctx.workspace.timezone,
        now=ctx.now(),
    )
    return contact_segment_list_to_api(segments)


OPERATIONS = [
    Operation("GET", "/segments", list_segments, "listSegments", query=SegmentQuery),
    Operation("GET", "/segments/{id}", retrieve_segment, "retrieveSegment", query=SegmentQuery),
    Operation(
        "GET",
        "/contacts/{contact_id}/segments",
        list_segments_for_a_contact,
        "listSegmentsForAContact",
    ),
]
