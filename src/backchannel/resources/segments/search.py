"""A segment as a search condition: its saved query, expanded, with its person type.

A segment stores a query in the contact search language (the ``query`` part of
``POST /contacts/search``) and a person type; membership is never stored. Every read
compiles the saved query against the contact fields, so a contact enters or leaves a
segment the moment its data changes.

Saved queries may hold **relative dates**: a date field's value written as
``{"days_ago": N}`` stands for the instant N days (of 86,400 s) before the time of the
search, so "seen in the last 30 days" stays true to its name. Request values can never be
objects, so the marker cannot be mistaken for a real value. It is resolved here, before the
query is parsed, and then compares like any date (by calendar day in the workspace time
zone: ``> {"days_ago": 30}`` matches from the local midnight after the instant 30 days ago).

Kept apart from the service so the contact search fields can use :func:`contact_segment_condition`
(``segment_id``) without importing the contact service.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import ColumnElement, and_, case, false, not_, or_, select, true

from backchannel.core.errors import ParameterInvalid, SearchFieldUnavailable
from backchannel.core.search import (
    CompileContext,
    FieldRegistry,
    FieldType,
    Operator,
    compile_query,
    parse_query,
)
from backchannel.db.tables import Contact, Segment

__all__ = [
    "DAYS_AGO",
    "PERSON_TYPES",
    "contact_segment_condition",
    "load_segments",
    "resolve_relative_dates",
    "segment_condition",
]

DAYS_AGO = "days_ago"
"""The key of a relative date value: ``{"days_ago": N}``."""

MAX_DAYS_AGO = 36_500
DAY = 86_400

PERSON_TYPES: Mapping[str, str] = {"user": "user", "contact": "lead"}
"""A segment's ``person_type`` and the contact role it holds (``contact`` means leads)."""

_SEGMENTS = Segment.__table__


def resolve_relative_dates(raw: Any, *, now: int, registry: FieldRegistry) -> Any:
    """``raw`` (a query in its JSON form) with every ``{"days_ago": N}`` value replaced by
    the unix time N days before ``now``.

    Anything that is not a relative date is left as it is, for the query parser to judge.

    Raises:
        ParameterInvalid: a relative date on a field that is not a date, or with a count of
            days that is not a whole number from 0 to 36500.
    """
    if not isinstance(raw, dict):
        return raw
    value = raw.get("value")
    if "field" in raw:
        if not isinstance(value, dict) or DAYS_AGO not in value:
            return raw
        return {**raw, "value": _instant(raw["field"], value, now=now, registry=registry)}
    if isinstance(value, list):
        return {
            **raw,
            "value": [resolve_relative_dates(item, now=now, registry=registry) for item in value],
        }
    return raw


def _instant(field: Any, value: dict[str, Any], *, now: int, registry: FieldRegistry) -> int:
    spec = registry.lookup(field) if isinstance(field, str) else None
    if spec is None or spec.type is not FieldType.DATE:
        raise ParameterInvalid(
            f'A relative date ({{"{DAYS_AGO}": N}}) can only be used on a date field, '
            f"not on {field}",
            field=field if isinstance(field, str) else None,
        )
    days = value[DAYS_AGO]
    valid = isinstance(days, int) and not isinstance(days, bool) and 0 <= days <= MAX_DAYS_AGO
    if len(value) != 1 or not valid:
        raise ParameterInvalid(
            f'A relative date on {spec.name} must be {{"{DAYS_AGO}": N}} with N a whole '
            f"number of days from 0 to {MAX_DAYS_AGO}",
            field=spec.name,
        )
    return now - int(days) * DAY


def _definitely(condition: ColumnElement[bool]) -> ColumnElement[bool]:
    """``condition`` as a two-valued test: a NULL (unknown) result counts as false, so its
    negation matches every contact the condition does not."""
    return case((condition, true()), else_=false()) == true()


def segment_condition(
    segment: Any, registry: FieldRegistry, context: CompileContext
) -> ColumnElement[bool]:
    """The condition a contact meets while it belongs to ``segment`` (a stored row).

    The contact's role must be the segment's person type, and the saved query must match
    at ``context.now``. A segment met again while it is being expanded (a loop of segments
    referring to each other, which the segment service never makes) matches no contact.
    """
    if segment.id in context.expanding:
        return false()
    assert context.now is not None
    raw = resolve_relative_dates(segment.query, now=context.now, registry=registry)
    node = parse_query(raw, registry)
    inner = replace(context, expanding=context.expanding | {segment.id})
    role = Contact.role == PERSON_TYPES.get(segment.person_type, "user")
    return _definitely(and_(role, compile_query(node, registry, context=inner)))


def load_segments(db: Any, *, workspace_id: int, segment_ids: Iterable[str] | None) -> list[Any]:
    """The stored segments of a workspace (all, or those of ``segment_ids`` that exist),
    oldest first. Works over an ORM session or a plain connection."""
    stmt = select(_SEGMENTS).where(_SEGMENTS.c.workspace_id == workspace_id)
    if segment_ids is not None:
        wanted = sorted(set(segment_ids))
        if not wanted:
            return []
        stmt = stmt.where(_SEGMENTS.c.id.in_(wanted))
    order = (_SEGMENTS.c.created_at, _SEGMENTS.c.name, _SEGMENTS.c.id)
    return list(db.execute(stmt.order_by(*order)).all())


def contact_segment_condition(
    op: Operator, value: Any, registry: FieldRegistry, context: CompileContext
) -> ColumnElement[bool]:
    """The condition for ``segment_id <op> value`` in a contact search.

    ``=``/``IN`` match the contacts in the segment(s), ``!=``/``NIN`` every other contact.
    An id that is no segment of the workspace matches no contact with ``=`` and every
    contact with ``!=``, as a segment nobody belongs to would. ``= null`` means "in no
    segment at all", ``!= null`` "in at least one".

    Raises:
        SearchFieldUnavailable: the search was compiled without a workspace, a time and a
            read handle (a caller that does not support ``segment_id``).
    """
    if context.db is None or context.workspace_id is None or context.now is None:
        raise SearchFieldUnavailable("segment_id")
    wanted: Sequence[Any] | None = None
    if value is not None:
        wanted = value if isinstance(value, tuple) else (value,)
    segments = load_segments(context.db, workspace_id=context.workspace_id, segment_ids=wanted)
    member = or_(false(), *(segment_condition(s, registry, context) for s in segments))
    positive = op in (Operator.EQ, Operator.IN)
    if value is None:
        positive = op is Operator.NE
    return member if positive else not_(member)
