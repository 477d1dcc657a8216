"""Segments: saved contact filters, evaluated by the search engine on every read."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from backchannel.db.tables import Segment

__all__ = ["segments_using_tag"]


def _filters(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        if "field" in node:
            yield node
        for child in node.get("value", []) if isinstance(node.get("value"), list) else []:
            yield from _filters(child)


def segments_using_tag(db: Session, *, workspace_id: int, tag_id: int) -> list[Segment]:
    """Segments whose stored query filters on ``tag_id`` (they block deleting that tag)."""
    found = []
    for segment in db.execute(
        select(Segment).where(Segment.workspace_id == workspace_id)
    ).scalars():
        for node in _filters(segment.query):
            values = node.get("value")
            values = values if isinstance(values, list) else [values]
            if node.get("field") == "tag_id" and str(tag_id) in [str(v) for v in values]:
                found.append(segment)
                break
    return found
