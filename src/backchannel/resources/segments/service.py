"""Segments: saved contact filters, evaluated by the search engine on every read.

The 2.10 API only reads segments; they are made here, by ``backchannel segment create`` and
with every new workspace (:func:`create_defaults`). A segment's query is validated when it
is made and stored as given; membership is computed on every read
(:mod:`backchannel.resources.segments.membership`).
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from backchannel.core.errors import NotFound, ParameterInvalid
from backchannel.core.ids import IdFactory
from backchannel.core.search import parse_query, predicates
from backchannel.db.tables import Segment
from backchannel.resources.contacts.search_fields import CONTACT_FIELDS
from backchannel.resources.segments.search import (
    DAYS_AGO,
    PERSON_TYPES,
    load_segments,
    resolve_relative_dates,
)

__all__ = [
    "DEFAULT_SEGMENTS",
    "MAX_NAME_LENGTH",
    "create_defaults",
    "create_segment",
    "read_segment",
    "segments_using_field",
    "segments_using_tag",
]

MAX_NAME_LENGTH = 255

DEFAULT_SEGMENTS: tuple[tuple[str, str, dict[str, Any]], ...] = (
    ("All users", "user", {"field": "role", "operator": "=", "value": "user"}),
    ("All leads", "contact", {"field": "role", "operator": "=", "value": "lead"}),
    ("Active", "user", {"field": "last_seen_at", "operator": ">", "value": {DAYS_AGO: 30}}),
    ("New", "user", {"field": "created_at", "operator": ">", "value": {DAYS_AGO: 7}}),
)
"""Every new workspace's segments: name, person type, query. "Active" holds the users seen
in the last 30 days and "New" those created in the last 7, counted from each read."""


def read_segment(db: Any, *, workspace_id: int, segment_id: str) -> Any:
    """A segment of the workspace (a row); 404 ``not_found`` "Resource Not Found"."""
    found = load_segments(db, workspace_id=workspace_id, segment_ids=[segment_id])
    if not found:
        raise NotFound()
    return found[0]


def create_segment(
    db: Session,
    *,
    workspace_id: int,
    name: str,
    person_type: str,
    query: Any,
    now: int,
    ids: IdFactory,
) -> Segment:
    """Save a segment: ``query`` in the contact search language, for users or leads.

    ``person_type`` is ``user`` (users) or ``contact`` (leads). The query is checked as
    ``POST /contacts/search`` checks it, and may use relative dates (``{"days_ago": N}``,
    :mod:`backchannel.resources.segments.search`); a ``segment_id`` in it must name an
    existing segment of the workspace.

    Raises:
        ParameterInvalid: a blank or too long name, an unknown person type, or a query the
            search engine refuses (its own error and message).
        ApiError: the other search errors (``invalid_field``, ``parameter_not_found``, ...).
    """
    name = name.strip() if isinstance(name, str) else ""
    if not name:
        raise ParameterInvalid("A segment needs a name", field="name")
    if len(name) > MAX_NAME_LENGTH:
        raise ParameterInvalid(
            f"A segment name can have at most {MAX_NAME_LENGTH} characters", field="name"
        )
    if person_type not in PERSON_TYPES:
        raise ParameterInvalid(
            f"person_type must be one of {', '.join(PERSON_TYPES)}, not {person_type!r}",
            field="person_type",
        )
    resolved = resolve_relative_dates(query, now=now, registry=CONTACT_FIELDS)
    node = parse_query(resolved, CONTACT_FIELDS)
    _check_segment_references(db, workspace_id, node)
    segment = Segment(
        id=ids.object_id(now),
        workspace_id=workspace_id,
        name=name,
        person_type=person_type,
        query=query,
        created_at=now,
        updated_at=now,
    )
    db.add(segment)
    db.flush()
    return segment


def _check_segment_references(db: Session, workspace_id: int, node: Any) -> None:
    """Every ``segment_id`` a new query names must be a segment of the workspace.

    Segments are never changed once made, so a segment can only refer to older ones and
    segments never refer to each other in a loop.
    """
    named: list[str] = []
    for predicate in predicates(node):
        if predicate.field != "segment_id" or predicate.value is None:
            continue
        values = predicate.value if isinstance(predicate.value, tuple) else (predicate.value,)
        named.extend(str(value) for value in values)
    if not named:
        return
    found = {row.id for row in load_segments(db, workspace_id=workspace_id, segment_ids=named)}
    for segment_id in named:
        if segment_id not in found:
            raise ParameterInvalid(
                f"segment_id {segment_id} is not a segment of this workspace", field="segment_id"
            )


def create_defaults(db: Session, *, workspace_id: int, now: int, ids: IdFactory) -> list[Segment]:
    """The segments every new workspace starts with (:data:`DEFAULT_SEGMENTS`)."""
    return [
        create_segment(
            db,
            workspace_id=workspace_id,
            name=name,
            person_type=person_type,
            query=copy.deepcopy(query),
            now=now,
            ids=ids,
        )
        for name, person_type, query in DEFAULT_SEGMENTS
    ]


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


def segments_using_field(db: Session, *, workspace_id: int, field: str) -> list[Segment]:
    """Segments whose stored query filters on ``field`` (``custom_attributes.plan``); they
    block archiving that data attribute."""
    return [
        segment
        for segment in db.execute(
            select(Segment).where(Segment.workspace_id == workspace_id)
        ).scalars()
        if any(node.get("field") == field for node in _filters(segment.query))
    ]
