"""Data attributes: the declared custom attributes, and checking custom attribute writes."""

from __future__ import annotations

import math
import re
from typing import Any

from sqlalchemy.orm import Session

from backchannel.core.errors import ParameterInvalid

__all__ = ["merge_custom_attributes"]

CUSTOM_ATTRIBUTE_NAME = re.compile(r"^[\w$£€¥ -]{1,190}$")
MAX_CUSTOM_ATTRIBUTES = 250
MAX_CUSTOM_STRING = 255
INT64 = 2**63 - 1


def _check_value(name: str, value: Any) -> Any:
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int):
        if abs(value) > INT64:
            raise ParameterInvalid(f"Custom attribute '{name}' is out of range", field=name)
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ParameterInvalid(f"Custom attribute '{name}' must be a finite number", field=name)
        return value
    if isinstance(value, str):
        if len(value) > MAX_CUSTOM_STRING:
            raise ParameterInvalid(
                f"Custom attribute '{name}' is longer than {MAX_CUSTOM_STRING} characters",
                field=name,
            )
        return value
    raise ParameterInvalid(
        f"Custom attribute '{name}' must be a string, number, boolean or null", field=name
    )


def merge_custom_attributes(
    db: Session,
    *,
    workspace_id: int,
    model: str,
    current: dict[str, Any],
    changes: dict[str, Any],
) -> dict[str, Any]:
    """``current`` with ``changes`` applied key by key; a ``null`` value clears that key.

    Names must be well formed and values scalars (string, number, boolean); the result may
    hold at most 250 attributes. ``model`` is ``contact``, ``company`` or ``conversation``.
    """
    merged = dict(current)
    for name, value in changes.items():
        field = f"custom_attributes.{name}"
        if not isinstance(name, str) or not CUSTOM_ATTRIBUTE_NAME.match(name):
            raise ParameterInvalid(f"Custom attribute name '{name}' is invalid", field=field)
        value = _check_value(field, value)
        if value is None:
            merged.pop(name, None)
        else:
            merged[name] = value
    if len(merged) > MAX_CUSTOM_ATTRIBUTES:
        raise ParameterInvalid(
            f"A {model} can hold at most {MAX_CUSTOM_ATTRIBUTES} custom attributes",
            field="custom_attributes",
            code="custom_data_limit_reached",
        )
    return merged
