"""Search request bodies to a validated :class:`SearchRequest`.

Everything is checked here, before any SQL: body keys, the filter grammar (at most
:data:`MAX_DEPTH` levels of AND/OR groups, at most :data:`MAX_GROUP_ITEMS` filters per group,
no empty groups), every predicate against the field registry, pagination and sort.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from typing import Any

from backchannel.core.errors import (
    InvalidSearchField,
    InvalidSortOrder,
    ParameterInvalid,
    ParameterNotFound,
    UnknownParameter,
)
from backchannel.core.pagination import clamp_per_page, fingerprint
from backchannel.core.search.ast import And, Node, Operator, Or, to_json
from backchannel.core.search.fields import FieldRegistry
from backchannel.core.search.values import check_predicate

__all__ = [
    "MAX_DEPTH",
    "MAX_GROUP_ITEMS",
    "SearchRequest",
    "Sort",
    "SortOrder",
    "parse_query",
    "parse_search_request",
    "parse_sort",
]

MAX_DEPTH = 2
MAX_GROUP_ITEMS = 15
_BODY_KEYS = ("query", "pagination", "sort")
_PAGINATION_KEYS = ("per_page", "starting_after")
_SORT_KEYS = ("field", "order")
_PREDICATE_KEYS = ("field", "operator", "value")
_GROUPS: dict[str, type[And] | type[Or]] = {"AND": And, "OR": Or}
_OPERATORS = {op.value: op for op in Operator}
_INTEGER = re.compile(r"-?[0-9]+")


class SortOrder(Enum):
    ASCENDING = "ascending"
    DESCENDING = "descending"


@dataclass(frozen=True, slots=True)
class Sort:
    """``sort: {field, order}``; ``field`` is the registry's canonical name."""

    field: str
    order: SortOrder

    @property
    def descending(self) -> bool:
        return self.order is SortOrder.DESCENDING

    def to_json(self) -> dict[str, str]:
        return {"field": self.field, "order": self.order.value}


@dataclass(frozen=True, slots=True)
class SearchRequest:
    """A validated search: the query, paging, optional sort, and the fingerprint that ties
    cursors to this query and sort."""

    query: Node
    per_page: int
    starting_after: str | None
    sort: Sort | None
    fingerprint: str


def parse_search_request(
    body: dict[str, Any], registry: FieldRegistry, *, default_per_page: int
) -> SearchRequest:
    """Validate a search body against ``registry``.

    Args:
        body: the decoded JSON body.
        registry: the searched resource's fields.
        default_per_page: the page size when ``pagination.per_page`` is absent.

    Raises:
        UnknownParameter: a key the body, ``pagination``, ``sort`` or a filter does not have.
        ParameterNotFound: ``query`` (or a filter's ``field``/``operator``/``value``) missing.
        ParameterInvalid: bad grammar, operator, value, page size or sort field.
        InvalidSearchField: a field the resource does not have (or cannot search yet).
        InvalidSortOrder: ``sort.order`` other than ``ascending``/``descending``.
    """
    if not isinstance(body, dict):
        raise ParameterInvalid("The request body must be a JSON object")
    _reject_unknown(body, _BODY_KEYS, "")
    if body.get("query") is None:
        raise ParameterNotFound("query is a required parameter.", field="query")
    query = parse_query(body["query"], registry)
    per_page, starting_after = _parse_pagination(body.get("pagination"), default_per_page)
    sort = parse_sort(body.get("sort"), registry)
    print_ = fingerprint(to_json(query), sort.to_json() if sort else None)
    return SearchRequest(query, per_page, starting_after, sort, print_)


def parse_query(raw: Any, registry: FieldRegistry) -> Node:
    """The AST of a ``query`` filter, validated against ``registry``."""
    return _filter(raw, registry, depth=0, path="query")


def _filter(raw: Any, registry: FieldRegistry, *, depth: int, path: str) -> Node:
    if not isinstance(raw, dict):
        raise ParameterInvalid(f"{path} must be a filter object", field=path)
    operator = raw.get("operator")
    if "field" not in raw and isinstance(operator, str) and operator in _GROUPS:
        return _group(raw, registry, depth=depth + 1, path=path)
    _reject_unknown(raw, _PREDICATE_KEYS, path)
    for key in _PREDICATE_KEYS:
        if key not in raw:
            known = isinstance(operator, str) and operator in _OPERATORS
            if key == "field" and operator is not None and not known:
                raise ParameterInvalid(
                    f"{path}.operator must be AND or OR for a compound filter, or one of "
                    f"{', '.join(_OPERATORS)} with a field",
                    field=f"{path}.operator",
                )
            raise ParameterNotFound(f"{path}.{key} is a required parameter.", field=f"{path}.{key}")
    name = raw["field"]
    if not isinstance(name, str):
        raise ParameterInvalid(f"{path}.field must be a string", field=f"{path}.field")
    if not isinstance(operator, str) or operator not in _OPERATORS:
        raise ParameterInvalid(
            f"{_quote(operator)} is not a valid search operator for {name}", field=name
        )
    predicate, _spec = check_predicate(registry, name, _OPERATORS[operator], raw["value"])
    return predicate


def _group(raw: dict[str, Any], registry: FieldRegistry, *, depth: int, path: str) -> Node:
    _reject_unknown(raw, ("operator", "value"), path)
    if depth > MAX_DEPTH:
        raise ParameterInvalid(
            f"{path} nests AND/OR filters too deeply: at most {MAX_DEPTH} levels are allowed",
            field=path,
        )
    if "value" not in raw:
        raise ParameterNotFound(f"{path}.value is a required parameter.", field=f"{path}.value")
    items = raw["value"]
    if not isinstance(items, list):
        raise ParameterInvalid(f"{path}.value must be an array of filters", field=f"{path}.value")
    if not 1 <= len(items) <= MAX_GROUP_ITEMS:
        raise ParameterInvalid(
            f"{path} must have between 1 and {MAX_GROUP_ITEMS} filters, got {len(items)}",
            field=path,
        )
    nodes = tuple(
        _filter(item, registry, depth=depth, path=f"{path}.value[{i}]")
        for i, item in enumerate(items)
    )
    return _GROUPS[raw["operator"]](nodes)


def parse_sort(raw: Any, registry: FieldRegistry) -> Sort | None:
    """The ``sort`` object; ``order`` defaults to descending.

    Raises:
        InvalidSearchField: the sort field is not a field of the resource.
        ParameterInvalid: the field exists but cannot be sorted on.
        InvalidSortOrder: ``order`` is not ``ascending``/``descending``.
    """
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise ParameterInvalid("sort must be an object with field and order", field="sort")
    _reject_unknown(raw, _SORT_KEYS, "sort")
    name = raw.get("field")
    if name is None:
        raise ParameterNotFound("sort.field is a required parameter.", field="sort.field")
    if not isinstance(name, str):
        raise ParameterInvalid("sort.field must be a string", field="sort.field")
    spec = registry.lookup(name)
    if spec is None and not registry.is_dynamic(name):
        raise InvalidSearchField(name)
    if spec is None or not spec.sortable:
        raise ParameterInvalid(f"{name} is not a sortable field", field="sort.field")
    order = raw.get("order")
    if order is None:
        order = SortOrder.DESCENDING.value
    orders = {o.value: o for o in SortOrder}
    if not isinstance(order, str) or order not in orders:
        raise InvalidSortOrder(order if isinstance(order, str) else _quote(order))
    return Sort(spec.name, orders[order])


def _parse_pagination(raw: Any, default_per_page: int) -> tuple[int, str | None]:
    if raw is None:
        return default_per_page, None
    if not isinstance(raw, dict):
        raise ParameterInvalid("pagination must be an object", field="pagination")
    _reject_unknown(raw, _PAGINATION_KEYS, "pagination")
    per_page = raw.get("per_page")
    if isinstance(per_page, str) and _INTEGER.fullmatch(per_page):
        digits = per_page.lstrip("-")
        magnitude = int(digits) if len(digits) <= 19 else 2**63
        per_page = -magnitude if per_page.startswith("-") else magnitude
    if per_page is not None and (isinstance(per_page, bool) or not isinstance(per_page, int)):
        raise ParameterInvalid("per_page must be an integer", field="pagination.per_page")
    starting_after = raw.get("starting_after")
    if starting_after is not None and not isinstance(starting_after, str):
        raise ParameterInvalid("starting_after must be a string", field="pagination.starting_after")
    return clamp_per_page(per_page, default_per_page), starting_after or None


def _reject_unknown(raw: dict[str, Any], allowed: tuple[str, ...], path: str) -> None:
    for key in raw:
        if key not in allowed:
            raise UnknownParameter(f"{path}.{key}" if path else str(key))


def _quote(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 40 else text[:37] + "..."
