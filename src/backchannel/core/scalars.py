"""Scalar values clients store in free-form maps (custom attributes, event metadata)."""

from __future__ import annotations

import math
from typing import Any

from backchannel.core.errors import ParameterInvalid

__all__ = ["INT64", "check_scalar"]

INT64 = 2**63 - 1


def check_scalar(value: Any, *, label: str, field: str, max_string: int) -> bool:
    """Whether ``value`` is a scalar (null, boolean, number, string) that every store keeps
    exactly; False for objects and arrays, which the caller judges.

    Raises:
        ParameterInvalid: an integer beyond 64 bits, a non-finite float or a string longer
            than ``max_string``; the message starts with ``label``.
    """
    if value is None or isinstance(value, bool):
        return True
    if isinstance(value, int):
        if abs(value) > INT64:
            raise ParameterInvalid(f"{label} is out of range", field=field)
        return True
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ParameterInvalid(f"{label} must be a finite number", field=field)
        return True
    if isinstance(value, str):
        if len(value) > max_string:
            raise ParameterInvalid(f"{label} is longer than {max_string} characters", field=field)
        return True
    return False
