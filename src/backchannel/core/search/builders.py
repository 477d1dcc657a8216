"""Ready-made condition builders for fields that are not one plainly compared column.

A :class:`~backchannel.core.search.FieldSpec` with a ``builder`` gets the normalised operator
and value and returns the whole condition. The builders here keep the compiler's rules
(a negative operator matches exactly what its positive twin does not; ``= null`` is "has no
value", ``!= null`` "has one") for three shapes of field:

* :func:`value_builder`: one value per row compared by an :data:`ElementCompare` of its own,
  e.g. an integer id searched as a string field (:func:`numeric_id_compare`).
* :func:`exists_builder`: a many-valued field (a conversation's contacts, tags, teammates):
  ``= IN ~ ^ $`` match rows with at least one matching element, ``!= NIN !~`` rows with
  none, ``= null`` rows with no element at all.
* :func:`words_builder`: a text searched word by word over a column holding its distinct
  lowercase words (:func:`backchannel.core.html.words`): ``=`` is "has this word".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeAlias

from sqlalchemy import ColumnElement, Select, String, and_, cast, false, func, literal, not_, or_
from sqlalchemy.sql.elements import SQLColumnExpression

from backchannel.core.html import words
from backchannel.core.ids import parse_numeric_id
from backchannel.core.search.ast import Operator
from backchannel.core.search.compile import compare
from backchannel.core.search.fields import Builder, FieldSpec, FieldType

__all__ = [
    "ElementCompare",
    "exists_builder",
    "numeric_id_compare",
    "one_word",
    "text_compare",
    "value_builder",
    "words_builder",
]

_O = Operator
_NEGATIONS = {_O.NE: _O.EQ, _O.NIN: _O.IN, _O.NOT_CONTAINS: _O.CONTAINS}

ElementCompare: TypeAlias = Callable[[Operator, Any], ColumnElement[bool]]
"""A positive comparison (``= IN ~ ^ $ < <= > >=``) of one value with a value that is not
``null`` (a tuple for ``IN``)."""


def text_compare(
    column: SQLColumnExpression[Any], *, case_insensitive: bool = True
) -> ElementCompare:
    """``column`` compared as a string field compares (:func:`compile_query`'s table)."""
    spec = FieldSpec(
        _name(column), FieldType.STRING, column, sortable=False, case_insensitive=case_insensitive
    )
    return lambda op, value: compare(spec, op, value)


def numeric_id_compare(
    column: SQLColumnExpression[Any], *, null_as: str | None = None
) -> ElementCompare:
    """An integer id column searched as a string field (ids travel as strings).

    ``=``/``IN`` compare numbers, so ``"42"`` and ``42`` find id 42 through the column's index,
    and a value that is no id (``"abc"``, ``"0"``) matches nothing; ``~ ^ $`` compare the
    decimal text (``~ "4"`` finds 42 and 140).

    ``null_as`` is the id a NULL column is shown as (``"0"`` for "unassigned"): that value
    finds the NULL rows, ``~ ^ $`` read NULL as it, and no comparison is ever NULL, so the
    negations of :func:`value_builder` (without ``missing``) include those rows.
    """
    if null_as is None:
        shown: SQLColumnExpression[Any] = cast(column, String())
    else:
        shown = func.coalesce(cast(column, String()), literal(null_as, String()))
    text = text_compare(shown)

    def numbers_in(values: Sequence[Any]) -> ColumnElement[bool]:
        numbers = _distinct(parse_numeric_id(item) for item in values)
        found: ColumnElement[bool] = column.in_(numbers) if numbers else false()
        if null_as is None:
            return found
        # Two-valued: a NULL column is "not found", never unknown.
        found = and_(column.is_not(None), found) if numbers else found
        return or_(column.is_(None), found) if null_as in values else found

    def build(op: Operator, value: Any) -> ColumnElement[bool]:
        if op is _O.EQ:
            if null_as is None:
                number = parse_numeric_id(value)
                return false() if number is None else column == number
            return numbers_in([value])
        if op is _O.IN:
            return numbers_in(value)
        return text(op, value)

    return build


def value_builder(
    compare_value: ElementCompare, *, missing: ColumnElement[bool] | None = None
) -> Builder:
    """A builder for one value per row, compared by ``compare_value``; ``missing`` says when
    the row has no value (default: never)."""
    absent = missing if missing is not None else false()

    def build(op: Operator, value: Any) -> ColumnElement[bool]:
        if value is None:
            return absent if op is _O.EQ else not_(absent)
        if op in _NEGATIONS:
            positive = compare_value(_NEGATIONS[op], value)
            return not_(positive) if missing is None else or_(absent, not_(positive))
        return compare_value(op, value)

    return build


def exists_builder(elements: Select[Any], compare_element: ElementCompare) -> Builder:
    """A builder for a many-valued field: any element matches.

    Args:
        elements: a select of the row's elements, correlated to the searched table (e.g. the
            contact ids of a conversation's participants).
        compare_element: compares one element (a column ``elements`` selects).
    """

    def build(op: Operator, value: Any) -> ColumnElement[bool]:
        if value is None:
            any_element = elements.exists()
            return not_(any_element) if op is _O.EQ else any_element
        positive = _NEGATIONS.get(op, op)
        hit = elements.where(compare_element(positive, value)).exists()
        return not_(hit) if op in _NEGATIONS else hit

    return build


def one_word(value: str) -> str | None:
    """``value`` as the single lowercase word :func:`~backchannel.core.html.words` would store
    for it, or ``None`` when it is not exactly one word (``"need support"``, ``"support!"``)."""
    folded = value.strip().casefold()
    return folded if words(value).split() == [folded] else None


def words_builder(column: SQLColumnExpression[Any]) -> Builder:
    """A builder for a text searched per word, over ``column`` holding its distinct lowercase
    words as :func:`~backchannel.core.html.words` stores them (`` i need support ``).

    * ``=`` ``"support"``: the text has the word (any case); a value that is not exactly one
      word (``"need support"``) matches nothing. ``IN`` has any of the words.
    * ``~`` / ``^`` / ``$``: some word contains / starts with / ends with the value, which
      must itself be (part of) one word; ``~ ""`` is "has any word".
    * ``!= NIN !~``: the negations. ``= null``: the text has no words at all.
    """
    no_words = column == " "

    def word_like(pattern: Callable[[str], str], value: str) -> ColumnElement[bool]:
        word = one_word(value)
        if word is None:
            return false()
        return column.contains(pattern(word), autoescape=True)

    def positive(op: Operator, value: Any) -> ColumnElement[bool]:
        if op is _O.IN:
            found = _distinct(one_word(item) for item in value)
            if not found:
                return false()
            return or_(*(column.contains(f" {word} ", autoescape=True) for word in found))
        if op is _O.CONTAINS and value.strip() == "":
            return not_(no_words)
        patterns: dict[Operator, Callable[[str], str]] = {
            _O.EQ: lambda w: f" {w} ",
            _O.CONTAINS: lambda w: w,
            _O.STARTS_WITH: lambda w: f" {w}",
            _O.ENDS_WITH: lambda w: f"{w} ",
        }
        return word_like(patterns[op], value)

    def build(op: Operator, value: Any) -> ColumnElement[bool]:
        if value is None:
            return no_words if op is _O.EQ else not_(no_words)
        if op in _NEGATIONS:
            return not_(positive(_NEGATIONS[op], value))
        return positive(op, value)

    return build


def _distinct(values: Iterable[Any]) -> list[Any]:
    return [value for value in dict.fromkeys(values) if value is not None]


def _name(column: SQLColumnExpression[Any]) -> str:
    return str(getattr(column, "key", None) or "element")
