"""The search query AST: frozen predicates and AND/OR groups, and their JSON form.

A query is a :class:`Predicate` (``{field, operator, value}``) or an :class:`And`/:class:`Or`
group of nodes. Parsing (:mod:`backchannel.core.search.parse`) produces nodes whose values are
already normalised to the field's type, arrays as tuples; :func:`to_json` turns a node back
into the request shape, so ``parse(to_json(node)) == node``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from typing import Any, TypeAlias

__all__ = [
    "And",
    "Node",
    "Operator",
    "Or",
    "Predicate",
    "Scalar",
    "Value",
    "predicates",
    "to_json",
]

Scalar: TypeAlias = str | int | float | bool | None
Value: TypeAlias = Scalar | tuple[Scalar, ...]


class Operator(Enum):
    """A predicate operator, spelled as in the API."""

    EQ = "="
    NE = "!="
    IN = "IN"
    NIN = "NIN"
    LT = "<"
    LE = "<="
    GT = ">"
    GE = ">="
    CONTAINS = "~"
    NOT_CONTAINS = "!~"
    STARTS_WITH = "^"
    ENDS_WITH = "$"

    def __repr__(self) -> str:
        return f"Operator({self.value!r})"


@dataclass(frozen=True, slots=True)
class Predicate:
    """``field operator value``; ``value`` is a tuple for ``IN``/``NIN``."""

    field: str
    op: Operator
    value: Value


@dataclass(frozen=True, slots=True)
class And:
    """Every item matches."""

    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    """At least one item matches."""

    items: tuple[Node, ...]


Node: TypeAlias = Predicate | And | Or


def to_json(node: Node) -> dict[str, Any]:
    """The request-body form of ``node`` (``{field, operator, value}`` or ``{operator, value}``)."""
    if isinstance(node, Predicate):
        value: Any = list(node.value) if isinstance(node.value, tuple) else node.value
        return {"field": node.field, "operator": node.op.value, "value": value}
    return {
        "operator": "AND" if isinstance(node, And) else "OR",
        "value": [to_json(item) for item in node.items],
    }


def predicates(node: Node) -> Iterator[Predicate]:
    """Every predicate in ``node``, depth first, left to right."""
    if isinstance(node, Predicate):
        yield node
        return
    for item in node.items:
        yield from predicates(item)
