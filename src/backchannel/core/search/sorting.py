"""Search sort to keyset :class:`SortKey` lists for :func:`core.pagination.cursor_page`.

Keys are NULL-safe: a nullable column sorts as ``coalesce(column, sentinel)`` (``''`` for
strings, the smallest 64-bit integer otherwise), so missing values come first ascending and
last descending, and the cursor can always carry the value. Booleans sort as 0/1. Every key
list ends with the registry's id field, in the same direction, as the tie-break.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import BigInteger, Integer, String, cast, func, literal

from backchannel.core.pagination import SortKey
from backchannel.core.search.fields import FieldRegistry, FieldSpec, FieldType
from backchannel.core.search.parse import SearchRequest

__all__ = ["INTEGER_SENTINEL", "STRING_SENTINEL", "field_sort_key", "sort_keys"]

STRING_SENTINEL = ""
INTEGER_SENTINEL = -(2**63)


def sort_keys(
    request: SearchRequest, registry: FieldRegistry, *, default: Sequence[SortKey]
) -> list[SortKey]:
    """The keyset for ``request``: its sort field then id, or ``default`` without a sort.

    Args:
        request: the parsed search.
        registry: the searched resource's fields.
        default: the resource's default order; it must itself end with a unique key.
    """
    if request.sort is None:
        return list(default)
    spec = registry.lookup(request.sort.field)
    if spec is None or not spec.sortable:
        raise ValueError(f"{request.sort.field} is not a sortable field")
    descending = request.sort.descending
    id_key = field_sort_key(registry.id_spec, descending=descending)
    if spec is registry.id_spec:
        return [id_key]
    return [field_sort_key(spec, descending=descending), id_key]


def field_sort_key(spec: FieldSpec, *, descending: bool) -> SortKey:
    """A NULL-safe keyset column for a sortable field."""
    if not spec.sortable or spec.expression is None:
        raise ValueError(f"{spec.name} is not a sortable field")
    expression: Any = spec.expression
    if spec.type is FieldType.BOOLEAN:
        expression = cast(expression, Integer)
    if not spec.nullable:
        return SortKey(expression, descending, _reader(spec, None))
    if spec.type is FieldType.STRING:
        sentinel: str | int = STRING_SENTINEL
        expression = func.coalesce(expression, literal(STRING_SENTINEL, String()))
    else:
        sentinel = INTEGER_SENTINEL
        expression = func.coalesce(expression, literal(INTEGER_SENTINEL, BigInteger()))
    return SortKey(expression, descending, _reader(spec, sentinel))


def _reader(spec: FieldSpec, sentinel: str | int | None) -> Callable[[Any], Any]:
    def read(row: Any) -> Any:
        value = spec.value_of(row)
        if value is None:
            return sentinel
        if isinstance(value, bool):
            return int(value)
        return value

    return read
