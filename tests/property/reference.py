"""A pure-Python evaluator of search ASTs over plain contact dicts: the meaning the compiled SQL
must reproduce.

A contact is a dict of ``Contact`` attribute names to values, ``custom_attributes`` a dict.
Strings compare case-insensitively (Python ``str.lower``; the generated data is ASCII so the
databases agree). Dates under the DAY rule compare local calendar dates, an independent
formulation of the midnight boundaries the compiler computes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import QueryableAttribute

from backchannel.core.search import (
    CUSTOM_ATTRIBUTE_PREFIX,
    And,
    DateRule,
    FieldRegistry,
    FieldSpec,
    FieldType,
    Node,
    Operator,
    Predicate,
)

__all__ = ["matches"]

_O = Operator
_NEGATIONS = {_O.NE: _O.EQ, _O.NIN: _O.IN, _O.NOT_CONTAINS: _O.CONTAINS}
_ABSENT = object()


def matches(
    node: Node, contact: Mapping[str, Any], registry: FieldRegistry, zone: ZoneInfo
) -> bool:
    """Whether ``contact`` satisfies ``node``."""
    if isinstance(node, Predicate):
        return _predicate(node, contact, registry, zone)
    results = (matches(item, contact, registry, zone) for item in node.items)
    return all(results) if isinstance(node, And) else any(results)


def _predicate(
    node: Predicate, contact: Mapping[str, Any], registry: FieldRegistry, zone: ZoneInfo
) -> bool:
    spec = registry.resolve(node.field, node.value)
    stored = _stored(spec, contact)
    missing = stored is None
    comparable = not missing and _has_type(stored, spec.type)
    if node.value is None:
        return missing if node.op is _O.EQ else not missing
    if node.op in _NEGATIONS:
        if missing:
            return True
        if not comparable:
            return False
        return not _positive(_NEGATIONS[node.op], stored, node.value, spec, registry, zone)
    return comparable and _positive(node.op, stored, node.value, spec, registry, zone)


def _stored(spec: FieldSpec, contact: Mapping[str, Any]) -> Any:
    if spec.name.startswith(CUSTOM_ATTRIBUTE_PREFIX):
        key = spec.name[len(CUSTOM_ATTRIBUTE_PREFIX) :]
        return contact["custom_attributes"].get(key)
    assert isinstance(spec.expression, QueryableAttribute)
    return contact[spec.expression.key]


def _has_type(value: Any, kind: FieldType) -> bool:
    if kind is FieldType.STRING:
        return isinstance(value, str)
    if kind is FieldType.BOOLEAN:
        return isinstance(value, bool)
    return isinstance(value, int | float) and not isinstance(value, bool)


def _positive(
    op: Operator,
    stored: Any,
    value: Any,
    spec: FieldSpec,
    registry: FieldRegistry,
    zone: ZoneInfo,
) -> bool:
    if spec.type is FieldType.STRING:
        return _string(op, stored, value, fold=spec.case_insensitive)
    if spec.type is FieldType.DATE and registry.date_rule is DateRule.DAY:
        day, wanted = _local_date(stored, zone), _local_date(value, zone)
        return {_O.EQ: day == wanted, _O.GT: day > wanted, _O.LT: day < wanted}[op]
    if spec.type is FieldType.DATE:
        op = {_O.GT: _O.GE, _O.LT: _O.LE}.get(op, op)
    comparisons: dict[Operator, Callable[[], bool]] = {
        _O.EQ: lambda: stored == value,
        _O.IN: lambda: stored in value,
        _O.LT: lambda: stored < value,
        _O.LE: lambda: stored <= value,
        _O.GT: lambda: stored > value,
        _O.GE: lambda: stored >= value,
    }
    return comparisons[op]()


def _string(op: Operator, stored: str, value: Any, *, fold: bool) -> bool:
    def equal(x: str) -> str:
        return x.lower() if fold else x

    if op is _O.EQ:
        return equal(stored) == equal(value)
    if op is _O.IN:
        return equal(stored) in {equal(item) for item in value}
    text, part = stored.lower(), value.lower()
    if op is _O.CONTAINS:
        return part in text
    if op is _O.STARTS_WITH:
        return text.startswith(part)
    assert op is _O.ENDS_WITH
    return text.endswith(part)


def _local_date(timestamp: int, zone: ZoneInfo) -> date:
    return datetime.fromtimestamp(timestamp, zone).date()
