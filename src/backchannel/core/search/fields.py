"""Field declarations: what a searchable resource exposes and how each field maps to SQL.

A resource declares one :class:`FieldRegistry` of :class:`FieldSpec`; the parser and the
compiler look every field up there, so an unknown field or a forbidden operator is refused
before any SQL exists. ``custom_attributes.<name>`` fields are made on demand over the
resource's JSON column: typed by the declared data attribute when the registry knows one
(:meth:`FieldRegistry.with_custom_types`), else by the query value. Other families of fields
made on demand under a prefix (``ticket_attribute.<id>``) are declared with
:meth:`FieldRegistry.with_dynamic`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Any, TypeAlias

from sqlalchemy import ColumnElement, func
from sqlalchemy.orm import QueryableAttribute
from sqlalchemy.sql.elements import SQLColumnExpression

from backchannel.core.errors import InvalidSearchField, ParameterInvalid, SearchFieldUnavailable
from backchannel.core.search.ast import Operator
from backchannel.core.search.context import CompileContext
from backchannel.core.search.jsonvalues import (
    SAFE_KEY,
    JsonBoolean,
    JsonMissing,
    JsonNumber,
    JsonText,
)

__all__ = [
    "CUSTOM_ATTRIBUTE_PREFIX",
    "Builder",
    "ContextBuilder",
    "DateRule",
    "DynamicFields",
    "FieldRegistry",
    "FieldSpec",
    "FieldType",
    "custom_index_expression",
    "custom_value",
    "default_operators",
]

CUSTOM_ATTRIBUTE_PREFIX = "custom_attributes."
_CUSTOM_KEY = SAFE_KEY

Builder: TypeAlias = Callable[[Operator, Any], ColumnElement[bool]]
"""Builds the whole condition for one predicate of a relationship field (``tag_id``)."""

ContextBuilder: TypeAlias = Callable[
    [Operator, Any, "FieldRegistry", CompileContext], ColumnElement[bool]
]
"""Builds the condition for one predicate of a field that needs the search's
:class:`CompileContext` (``segment_id``: a saved query of the workspace, expanded). Gets the
normalised operator and value, the registry being compiled and the context."""

DynamicFields: TypeAlias = Callable[[str, str, Any], "FieldSpec"]
"""Makes the field of one name under a prefix (``ticket_attribute.12``): gets the full name,
the part after the prefix and the query value, returns an unsortable :class:`FieldSpec`
called by the full name, or raises :class:`ApiError` (``invalid_field`` for an unknown key)."""


class FieldType(Enum):
    """How a field's values are validated and compared."""

    STRING = "string"
    INTEGER = "integer"
    FLOAT = "float"
    BOOLEAN = "boolean"
    DATE = "date"


class DateRule(Enum):
    """How date fields compare.

    ``DAY`` (contacts): the value is truncated to local midnight in the workspace time zone;
    ``=`` is that day, ``>`` from the next day, ``<`` before that day; only ``= < >``.
    ``EXACT`` (conversations, tickets): exact seconds, ``>`` meaning ``>=`` and ``<`` ``<=``.
    """

    DAY = "day"
    EXACT = "exact"


_O = Operator
_EQUALITY = frozenset({_O.EQ, _O.NE, _O.IN, _O.NIN})
_ORDERING = frozenset({_O.LT, _O.LE, _O.GT, _O.GE})
_TEXT = frozenset({_O.CONTAINS, _O.NOT_CONTAINS, _O.STARTS_WITH, _O.ENDS_WITH})
_DEFAULTS: Mapping[FieldType, frozenset[Operator]] = {
    FieldType.STRING: _EQUALITY | _TEXT,
    FieldType.INTEGER: _EQUALITY | _ORDERING,
    FieldType.FLOAT: _EQUALITY | _ORDERING,
    FieldType.BOOLEAN: _EQUALITY,
}
_DATES: Mapping[DateRule, frozenset[Operator]] = {
    DateRule.DAY: frozenset({_O.EQ, _O.LT, _O.GT}),
    DateRule.EXACT: _EQUALITY | _ORDERING,
}


def default_operators(kind: FieldType, rule: DateRule) -> frozenset[Operator]:
    """The operators a field of ``kind`` allows when its spec names none."""
    return _DATES[rule] if kind is FieldType.DATE else _DEFAULTS[kind]


@dataclass(frozen=True, slots=True, eq=False)
class FieldSpec:
    """One searchable field.

    Attributes:
        name: the API name (``location.country``).
        type: how values are validated and compared.
        expression: the column or SQL expression compared; ``None`` only with ``builder``
            or ``unavailable``.
        operators: allowed operators; ``None`` means the default for ``type``.
        sortable: whether ``sort.field`` may name it.
        aliases: other API names accepted for it (``andoid_sdk_version``).
        builder: builds the condition itself instead of the operator table (relationship
            fields, e.g. an EXISTS over taggings); gets the normalised operator and value.
        context_builder: like ``builder``, for fields that also need the registry and the
            :class:`CompileContext` (the workspace, the time, a read handle).
        missing: when the field has no value; default ``expression IS NULL``.
        read: reads the sort value back from a loaded row; default the mapped attribute.
        case_insensitive: whether ``=``, ``!=``, ``IN``, ``NIN`` fold case (strings).
        stored_lowercase: the column only ever holds lowercase text (``role``), so a
            case-insensitive ``=``/``IN`` lowercases the value alone and a plain index on the
            column serves it.
        unavailable: documented but not searchable here yet; queries get ``invalid_field``.
    """

    name: str
    type: FieldType
    expression: SQLColumnExpression[Any] | None = None
    operators: frozenset[Operator] | None = None
    sortable: bool = True
    aliases: tuple[str, ...] = ()
    builder: Builder | None = None
    context_builder: ContextBuilder | None = None
    missing: ColumnElement[bool] | None = None
    read: Callable[[Any], Any] | None = None
    case_insensitive: bool = True
    stored_lowercase: bool = False
    unavailable: bool = False

    def __post_init__(self) -> None:
        built = self.builder is not None or self.context_builder is not None
        if not self.unavailable and self.expression is None and not built:
            raise ValueError(f"{self.name}: needs an expression or a builder")
        if self.sortable and (self.expression is None or self.type is FieldType.FLOAT):
            raise ValueError(f"{self.name}: only column fields of exact types can be sortable")

    def value_of(self, row: Any) -> Any:
        """This field's value on a loaded ORM row (for keyset cursors)."""
        if self.read is not None:
            return self.read(row)
        if isinstance(self.expression, QueryableAttribute):
            return getattr(row, self.expression.key)
        raise TypeError(f"{self.name}: no way to read it from a row; give FieldSpec.read")

    @property
    def nullable(self) -> bool:
        """Whether the expression can be NULL (columns say; anything else may be)."""
        column = getattr(self.expression, "expression", self.expression)
        return bool(getattr(column, "nullable", True))

    def __repr__(self) -> str:
        return f"FieldSpec({self.name!r}, {self.type.name})"


@dataclass(frozen=True, slots=True, eq=False)
class FieldRegistry:
    """The searchable fields of one resource.

    Attributes:
        fields: the declared fields.
        date_rule: how date fields compare (:class:`DateRule`).
        id_field: the unique field every sort ends with.
        custom_attributes: the JSON column behind ``custom_attributes.<name>``, if any.
        custom_types: the declared type of each known custom attribute, by name; others are
            typed by the query value.
        dynamic: other families of fields made on demand, by prefix (``ticket_attribute.``);
            looked up after the declared fields and ``custom_attributes``.
    """

    fields: tuple[FieldSpec, ...]
    date_rule: DateRule
    id_field: str = "id"
    custom_attributes: SQLColumnExpression[Any] | None = None
    custom_types: Mapping[str, FieldType] = field(default_factory=dict)
    dynamic: Mapping[str, DynamicFields] = field(default_factory=dict)
    _index: dict[str, FieldSpec] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        index: dict[str, FieldSpec] = {}
        for spec in self.fields:
            for name in (spec.name, *spec.aliases):
                if name in index:
                    raise ValueError(f"search field {name} is declared twice")
                index[name] = spec
        if self.id_field not in index or not index[self.id_field].sortable:
            raise ValueError(f"id field {self.id_field} must be a declared sortable field")
        object.__setattr__(self, "_index", index)

    def with_custom_types(self, types: Mapping[str, FieldType]) -> FieldRegistry:
        """This registry with the declared types of custom attributes (one workspace's data
        attributes); a declared ``date`` attribute compares by this registry's date rule."""
        return replace(self, custom_types=dict(types))

    def with_dynamic(self, prefix: str, make: DynamicFields) -> FieldRegistry:
        """This registry with the fields under ``prefix`` made by ``make`` (typically one
        workspace's declarations, loaded for one search)."""
        if not prefix:
            raise ValueError("a dynamic field prefix cannot be empty")
        return replace(self, dynamic={**self.dynamic, prefix: make})

    def is_dynamic(self, name: str) -> bool:
        """Whether ``name`` falls in a family of fields made on demand (never sortable)."""
        if self.custom_attributes is not None and name.startswith(CUSTOM_ATTRIBUTE_PREFIX):
            return True
        return any(name.startswith(prefix) for prefix in self.dynamic)

    def lookup(self, name: str) -> FieldSpec | None:
        """The declared field called ``name`` (or aliased so), if any."""
        return self._index.get(name)

    def spec(self, name: str) -> FieldSpec:
        """The declared field called ``name``; :class:`KeyError` if there is none."""
        return self._index[name]

    @property
    def id_spec(self) -> FieldSpec:
        """The unique field every sort ends with."""
        return self._index[self.id_field]

    def operators(self, spec: FieldSpec) -> frozenset[Operator]:
        """The operators ``spec`` allows under this registry's date rule."""
        if spec.operators is not None:
            return spec.operators
        return default_operators(spec.type, self.date_rule)

    def resolve(self, name: str, value: Any) -> FieldSpec:
        """The field a predicate on ``name`` with ``value`` searches.

        Raises:
            InvalidSearchField: ``name`` is not a field here.
            SearchFieldUnavailable: ``name`` is documented but cannot be searched yet.
            ParameterInvalid: a custom attribute name or value this server cannot search.
        """
        spec = self._index.get(name)
        if spec is not None:
            if spec.unavailable:
                raise SearchFieldUnavailable(spec.name)
            return spec
        if self.custom_attributes is not None and name.startswith(CUSTOM_ATTRIBUTE_PREFIX):
            return self._custom_attribute(name, value)
        for prefix, make in self.dynamic.items():
            if name.startswith(prefix):
                return make(name, name[len(prefix) :], value)
        raise InvalidSearchField(name)

    def _custom_attribute(self, name: str, value: Any) -> FieldSpec:
        assert self.custom_attributes is not None
        key = name[len(CUSTOM_ATTRIBUTE_PREFIX) :]
        if not _CUSTOM_KEY.fullmatch(key):
            raise ParameterInvalid(
                f"{name} is not a valid custom attribute name: use up to 190 letters, "
                "digits, spaces, '_', '-' or '$'",
                field=name,
            )
        declared = self.custom_types.get(key)
        kind = declared if declared is not None else infer_type(name, value)
        document = self.custom_attributes
        return FieldSpec(
            name=name,
            type=kind,
            expression=custom_value(document, key, kind),
            sortable=False,
            missing=JsonMissing(document, key),
        )

    def __repr__(self) -> str:
        return f"FieldRegistry({len(self.fields)} fields, dates={self.date_rule.name})"


def custom_value(
    document: SQLColumnExpression[Any], key: str, kind: FieldType, *, any_key: bool = False
) -> ColumnElement[Any]:
    """The typed value of custom attribute ``key`` in ``document`` that a search compares;
    ``any_key`` allows keys outside :data:`~backchannel.core.search.jsonvalues.SAFE_KEY`
    (bound, never indexed)."""
    if kind is FieldType.STRING:
        return JsonText(document, key, any_key=any_key)
    if kind is FieldType.BOOLEAN:
        return JsonBoolean(document, key, any_key=any_key)
    return JsonNumber(document, key, any_key=any_key)


def custom_index_expression(
    document: SQLColumnExpression[Any], key: str, kind: FieldType
) -> ColumnElement[Any]:
    """The expression an index must hold for searches on custom attribute ``key`` of ``kind``
    to use it: exactly the left side the compiler builds for ``= IN`` (strings fold case
    through ``lower()``) and ``< <= > >=``.

    Raises:
        ValueError: ``key`` is not a searchable custom attribute name.
    """
    value = custom_value(document, key, kind)
    return func.lower(value) if kind is FieldType.STRING else value


def infer_type(name: str, value: Any) -> FieldType:
    """The type of a custom attribute, from the query value (arrays by their items).

    ``null`` and anything not a scalar give STRING; the value check that follows rejects
    what is not allowed.
    """
    items = value if isinstance(value, list | tuple) else [value]
    kinds = {kind for kind in map(_scalar_type, items) if kind is not None}
    if kinds == {FieldType.INTEGER, FieldType.FLOAT}:
        return FieldType.FLOAT
    if len(kinds) > 1:
        raise ParameterInvalid(f"{name} values must all have the same type", field=name)
    return kinds.pop() if kinds else FieldType.STRING


def _scalar_type(value: Any) -> FieldType | None:
    if isinstance(value, bool):
        return FieldType.BOOLEAN
    if isinstance(value, int):
        return FieldType.INTEGER
    if isinstance(value, float):
        return FieldType.FLOAT
    if isinstance(value, str):
        return FieldType.STRING
    return None
