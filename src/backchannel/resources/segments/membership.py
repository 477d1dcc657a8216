"""Who is in a segment, worked out on every read: counts, and a contact's segments.

Only visible contacts count (not archived, not merged away), and only those of the
segment's person type. All segments are evaluated in one statement: one pass over the
workspace's contacts for the counts, one row for a contact's segments.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import case, func

from backchannel.core.search import CompileContext
from backchannel.db.tables import Contact
from backchannel.resources.contacts import service as contacts
from backchannel.resources.segments.search import load_segments, segment_condition
from backchannel.resources.segments.service import read_segment

__all__ = ["CountedSegment", "contact_segments", "list_segments", "retrieve_segment"]


@dataclass(frozen=True, slots=True)
class CountedSegment:
    """A stored segment and, when asked for, how many contacts it holds now."""

    segment: Any
    count: int | None = None


def _context(db: Any, *, workspace_id: int, timezone: str, now: int) -> CompileContext:
    return CompileContext(timezone, workspace_id=workspace_id, now=now, db=db)


def _counts(db: Any, context: CompileContext, segments: Sequence[Any]) -> list[int]:
    """How many visible contacts each segment holds, in one pass."""
    if not segments:
        return []
    assert context.workspace_id is not None
    fields = contacts.typed_fields(db, workspace_id=context.workspace_id)
    columns = [
        func.coalesce(
            func.sum(case((segment_condition(segment, fields, context), 1), else_=0)), 0
        ).label(f"segment_{position}")
        for position, segment in enumerate(segments)
    ]
    stmt = contacts.live(context.workspace_id).with_only_columns(
        *columns, maintain_column_froms=True
    )
    return [int(value) for value in db.execute(stmt).one()]


def list_segments(
    db: Any, *, workspace_id: int, timezone: str, now: int, include_count: bool
) -> list[CountedSegment]:
    """The workspace's segments, oldest first (then by name), counted if asked."""
    segments = load_segments(db, workspace_id=workspace_id, segment_ids=None)
    if not include_count:
        return [CountedSegment(segment) for segment in segments]
    context = _context(db, workspace_id=workspace_id, timezone=timezone, now=now)
    counts = _counts(db, context, segments)
    return [CountedSegment(s, n) for s, n in zip(segments, counts, strict=True)]


def retrieve_segment(
    db: Any, *, workspace_id: int, segment_id: str, timezone: str, now: int, include_count: bool
) -> CountedSegment:
    """One segment, counted if asked; 404 ``not_found`` "Resource Not Found"."""
    segment = read_segment(db, workspace_id=workspace_id, segment_id=segment_id)
    if not include_count:
        return CountedSegment(segment)
    context = _context(db, workspace_id=workspace_id, timezone=timezone, now=now)
    return CountedSegment(segment, _counts(db, context, [segment])[0])


def contact_segments(
    db: Any, *, workspace_id: int, contact_id: str, timezone: str, now: int
) -> list[Any]:
    """The segments a visible contact belongs to now; 404 ``not_found`` "User Not Found"."""
    contacts.read(db, workspace_id=workspace_id, contact_id=contact_id)
    segments = load_segments(db, workspace_id=workspace_id, segment_ids=None)
    if not segments:
        return []
    context = _context(db, workspace_id=workspace_id, timezone=timezone, now=now)
    fields = contacts.typed_fields(db, workspace_id=workspace_id)
    flags = [
        case((segment_condition(segment, fields, context), 1), else_=0).label(f"segment_{position}")
        for position, segment in enumerate(segments)
    ]
    stmt = (
        contacts.live(workspace_id)
        .where(Contact.id == contact_id)
        .with_only_columns(*flags, maintain_column_froms=True)
    )
    row = db.execute(stmt).one_or_none()
    if row is None:
        return []
    return [segment for segment, flag in zip(segments, row, strict=True) if flag]
