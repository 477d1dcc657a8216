"""AST to one SQLAlchemy condition, through a table from operator to expression builder.

Semantics, the same on SQLite and PostgreSQL:

* Strings compare case-insensitively (ASCII letters on every database; other scripts as
  the database lowercases them): ``=``/``IN`` on ``lower()``, ``~ ^ $`` as LIKE/ILIKE with
  ``%`` and ``_`` escaped.
* A missing value (NULL column, absent custom attribute) never matches ``= IN ~ ^ $ < <= > >=``
  and always matches ``!= NIN !~``; ``= null`` is "has no value", ``!= null`` "has one".
* A custom attribute stored with another JSON type than the query value matches no operator
  (only ``!= null``).
* Dates under :attr:`DateRule.DAY` compare whole days of the workspace time zone; under
  :attr:`DateRule.EXACT` exact seconds with ``>`` as ``>=`` and ``<`` as ``<=``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime, time, timedelta
from typing import Any, TypeAlias
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, and_, func, literal, not_, or_
from sqlalchemy.sql.elements import SQLColumnExpression

from backchannel.core.errors import ParameterInvalid
from backchannel.core.search.ast import And, Node, Operator, Predicate
from backchannel.core.search.context import CompileContext
from backchannel.core.search.fields import DateRule, FieldRegistry, FieldSpec, FieldType
from backchannel.core.search.values import check_predicate

__all__ = ["compare", "compile_query", "day_bounds"]

_O = Operator
_Expr: TypeAlias = SQLColumnExpression[Any]
_Build: TypeAlias = Callable[[_Expr, Any, ZoneInfo], ColumnElement[bool]]

# A negative operator matches what its positive twin does not, plus missing values.
_NEGATIONS: Mapping[Operator, Operator] = {
    _O.NE: _O.EQ,
    _O.NIN: _O.IN,
    _O.NOT_CONTAINS: _O.CONTAINS,
}


def compile_query(
    node: Node,
    registry: FieldRegistry,
    *,
    timezone: str | None = None,
    context: CompileContext | None = None,
) -> ColumnElement[bool]:
    """The WHERE condition for ``node`` over ``registry``'s columns.

    Args:
        node: a query, normally from :func:`parse_search_request`; hand-built nodes are
            checked the same way.
        registry: the searched resource's fields.
        timezone: the workspace's IANA time zone (day boundaries of ``DAY`` dates); the
            short form of ``context=CompileContext(timezone)``.
        context: the search the query is compiled for, for fields with a
            ``context_builder`` (``segment_id``); give either it or ``timezone``.

    Raises:
        ApiError: a predicate the registry does not allow.
    """
    if context is None:
        if timezone is None:
            raise TypeError("compile_query needs a timezone or a context")
        context = CompileContext(timezone=timezone)
    elif timezone is not None and timezone != context.timezone:
        raise TypeError("compile_query got two different time zones")
    return _compile(node, registry, context, ZoneInfo(context.timezone))


def _compile(
    node: Node, registry: FieldRegistry, context: CompileContext, zone: ZoneInfo
) -> ColumnElement[bool]:
    if isinstance(node, Predicate):
        return _predicate(node, registry, context, zone)
    items = [_compile(item, registry, context, zone) for item in node.items]
    return and_(*items) if isinstance(node, And) else or_(*items)


def _predicate(
    node: Predicate, registry: FieldRegistry, context: CompileContext, zone: ZoneInfo
) -> ColumnElement[bool]:
    predicate, spec = check_predicate(registry, node.field, node.op, node.value)
    op, value = predicate.op, predicate.value
    if spec.context_builder is not None:
        return spec.context_builder(op, value, registry, context)
    if spec.builder is not None:
        return spec.builder(op, value)
    assert spec.expression is not None
    expression = spec.expression
    missing = spec.missing if spec.missing is not None else expression.is_(None)
    if value is None:
        return missing if op is _O.EQ else not_(missing)
    table = _table(spec, registry.date_rule)
    if op in _NEGATIONS:
        return or_(missing, not_(table[_NEGATIONS[op]](expression, value, zone)))
    return table[op](expression, value, zone)


def compare(
    spec: FieldSpec,
    op: Operator,
    value: Any,
    *,
    rule: DateRule = DateRule.EXACT,
    timezone: str = "UTC",
) -> ColumnElement[bool]:
    """``spec.expression <op> value`` by the operator table, for builders that compare a
    column of their own (an element of a many-valued field) the way plain fields compare.

    Args:
        spec: gives the expression, the type and the string folding.
        op: a positive operator the type allows (``= IN ~ ^ $ < <= > >=``); negations and
            ``null`` are the caller's.
        value: already normalised (:func:`check_predicate`); a tuple for ``IN``.
        rule: how dates compare; ``timezone`` gives the day boundaries of ``DAY``.
    """
    if spec.expression is None or value is None or op in _NEGATIONS:
        raise ValueError(f"compare needs an expression, a value and a positive operator: {op!r}")
    return _table(spec, rule)[op](spec.expression, value, ZoneInfo(timezone))


def _table(spec: FieldSpec, rule: DateRule) -> Mapping[Operator, _Build]:
    if spec.type is FieldType.STRING:
        if not spec.case_insensitive:
            return _STRING_EXACT
        return _STRING_STORED_LOWER if spec.stored_lowercase else _STRING
    if spec.type is FieldType.DATE:
        return _DAY if rule is DateRule.DAY else _EXACT_DATE
    return _VALUES


def _lower(value: str) -> ColumnElement[str]:
    return func.lower(literal(value))


_STRING: Mapping[Operator, _Build] = {
    _O.EQ: lambda c, v, _: func.lower(c) == _lower(v),
    _O.IN: lambda c, v, _: func.lower(c).in_([_lower(item) for item in v]),
    _O.CONTAINS: lambda c, v, _: c.icontains(v, autoescape=True),
    _O.STARTS_WITH: lambda c, v, _: c.istartswith(v, autoescape=True),
    _O.ENDS_WITH: lambda c, v, _: c.iendswith(v, autoescape=True),
}

_STRING_EXACT: Mapping[Operator, _Build] = {
    **_STRING,
    _O.EQ: lambda c, v, _: c == v,
    _O.IN: lambda c, v, _: c.in_(list(v)),
}

_STRING_STORED_LOWER: Mapping[Operator, _Build] = {
    **_STRING,
    _O.EQ: lambda c, v, _: c == v.lower(),
    _O.IN: lambda c, v, _: c.in_([item.lower() for item in v]),
}

_VALUES: Mapping[Operator, _Build] = {
    _O.EQ: lambda c, v, _: c == v,
    _O.IN: lambda c, v, _: c.in_(list(v)),
    _O.LT: lambda c, v, _: c < v,
    _O.LE: lambda c, v, _: c <= v,
    _O.GT: lambda c, v, _: c > v,
    _O.GE: lambda c, v, _: c >= v,
}

_EXACT_DATE: Mapping[Operator, _Build] = {
    **_VALUES,
    _O.GT: lambda c, v, _: c >= v,
    _O.LT: lambda c, v, _: c <= v,
}


def _day_equal(c: _Expr, v: int, zone: ZoneInfo) -> ColumnElement[bool]:
    start, end = day_bounds(v, zone)
    return and_(c >= start, c < end)


_DAY: Mapping[Operator, _Build] = {
    _O.EQ: _day_equal,
    _O.GT: lambda c, v, zone: c >= day_bounds(v, zone)[1],
    _O.LT: lambda c, v, zone: c < day_bounds(v, zone)[0],
}


def day_bounds(timestamp: int, zone: ZoneInfo) -> tuple[int, int]:
    """Unix seconds of the local midnight starting the day of ``timestamp`` in ``zone``, and of
    the next local midnight (23 or 25 hours later across a DST change).

    Raises:
        ParameterInvalid: ``timestamp`` is outside the years 1..9999.
    """
    try:
        day = datetime.fromtimestamp(timestamp, zone).date()
        return _midnight(day, zone), _midnight(day + timedelta(days=1), zone)
    except (OverflowError, OSError, ValueError):
        raise ParameterInvalid(f"{timestamp} is not a searchable date") from None


def _midnight(day: date, zone: ZoneInfo) -> int:
    """The first instant of ``day`` in ``zone`` (a skipped midnight maps to the moment the day
    begins)."""
    return int(datetime.combine(day, time(0), tzinfo=zone).timestamp())
