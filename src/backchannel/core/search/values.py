"""Checking one predicate against its field: operator allowed, value of the right type.

:func:`check_predicate` is the single gate both the parser and the compiler pass every
predicate through, so a hand-built AST is held to the same rules as a request body.

Value rules:

* ``null`` only with ``=`` (no value) and ``!=`` (has a value); these existence tests are
  allowed on every field, even where the type forbids ``!=`` (dates by day).
* ``IN``/``NIN`` take a non-empty array (at most :data:`MAX_ARRAY_ITEMS`); every other
  operator takes a single value. Objects are never values.
* strings: a string, or an integer (read as its digits); at most :data:`MAX_STRING_LENGTH`
  characters, no NUL, valid Unicode.
* integers and dates: an integer or a digit string, within the 64-bit range (dates within
  years 1..9999).
* floats: a finite number. Booleans: ``true``/``false``, or those words as strings.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from backchannel.core.errors import ParameterInvalid
from backchannel.core.search.ast import Operator, Predicate, Scalar, Value
from backchannel.core.search.fields import FieldRegistry, FieldSpec, FieldType

__all__ = ["MAX_ARRAY_ITEMS", "MAX_STRING_LENGTH", "check_predicate"]

MAX_ARRAY_ITEMS = 1000
MAX_STRING_LENGTH = 5000
_INT_MIN, _INT_MAX = -(2**63), 2**63 - 1
# Unix seconds of 0001-01-03 and 9999-12-29: a day's margin for any zone offset.
DATE_MIN, DATE_MAX = -62_135_424_000, 253_402_128_000
_DIGITS = re.compile(r"-?[0-9]{1,19}")
_ARRAY_OPERATORS = frozenset({Operator.IN, Operator.NIN})

_EXPECTS = {
    FieldType.STRING: "a string",
    FieldType.INTEGER: "an integer",
    FieldType.FLOAT: "a number",
    FieldType.BOOLEAN: "a boolean (true or false)",
    FieldType.DATE: "a date in unix seconds",
}


def check_predicate(
    registry: FieldRegistry, name: str, op: Operator, value: Any
) -> tuple[Predicate, FieldSpec]:
    """The normalised predicate and its field, or the :class:`ApiError` explaining why not.

    Raises:
        InvalidSearchField: unknown or not yet searchable field.
        ParameterInvalid: operator not allowed for the field, or a value of the wrong shape.
    """
    if isinstance(value, dict):
        raise ParameterInvalid(f"The value for {name} must not be an object", field=name)
    spec = registry.resolve(name, value)
    existence = value is None and op in (Operator.EQ, Operator.NE)
    if not existence and op not in registry.operators(spec):
        raise ParameterInvalid(
            f"The operator '{op.value}' is not allowed for {spec.name} ({spec.type.value} field)",
            field=spec.name,
        )
    return Predicate(spec.name, op, _normalise(spec, op, value)), spec


def _normalise(spec: FieldSpec, op: Operator, value: Any) -> Value:
    if value is None:
        if op not in (Operator.EQ, Operator.NE):
            raise ParameterInvalid(
                f"null can only be used with '=' or '!=' (on {spec.name})", field=spec.name
            )
        return None
    if op in _ARRAY_OPERATORS:
        if not isinstance(value, list | tuple):
            raise ParameterInvalid(
                f"The operator '{op.value}' on {spec.name} takes an array of values",
                field=spec.name,
            )
        if not 1 <= len(value) <= MAX_ARRAY_ITEMS:
            raise ParameterInvalid(
                f"The operator '{op.value}' on {spec.name} takes 1 to {MAX_ARRAY_ITEMS} values",
                field=spec.name,
            )
        return tuple(_scalar(spec, item) for item in value)
    if isinstance(value, list | tuple):
        raise ParameterInvalid(
            f"The operator '{op.value}' on {spec.name} takes a single value, not an array",
            field=spec.name,
        )
    return _scalar(spec, value)


def _scalar(spec: FieldSpec, value: Any) -> Scalar:
    kind = spec.type
    if kind is FieldType.STRING:
        result: Scalar = _string(spec, value)
    elif kind in (FieldType.INTEGER, FieldType.DATE):
        result = _integer(value)
        if result is not None and kind is FieldType.DATE and not DATE_MIN <= result <= DATE_MAX:
            result = None
    elif kind is FieldType.FLOAT:
        result = _float(value)
    else:
        result = _boolean(value)
    if result is None:
        raise ParameterInvalid(
            f"{spec.name} expects {_EXPECTS[kind]}, got {_describe(value)}", field=spec.name
        )
    return result


def _string(spec: FieldSpec, value: Any) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        return None
    if len(value) > MAX_STRING_LENGTH:
        raise ParameterInvalid(
            f"The value for {spec.name} is longer than {MAX_STRING_LENGTH} characters",
            field=spec.name,
        )
    if "\x00" in value or not _encodable(value):
        raise ParameterInvalid(
            f"The value for {spec.name} contains characters that cannot be searched",
            field=spec.name,
        )
    return value


def _encodable(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _integer(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, str) and _DIGITS.fullmatch(value):
        value = int(value)
    if isinstance(value, int) and _INT_MIN <= value <= _INT_MAX:
        return value
    return None


def _float(value: Any) -> float | int | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, int):
        return value if _INT_MIN <= value <= _INT_MAX else None
    return value if math.isfinite(value) else None


def _boolean(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    return None


def _describe(value: Any) -> str:
    try:
        text = json.dumps(value, ensure_ascii=True)
    except (TypeError, ValueError):
        text = type(value).__name__
    return text if len(text) <= 40 else text[:37] + "..."
