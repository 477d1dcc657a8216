"""Request bodies and query strings decoded into typed msgspec structs.

Decoding errors become Intercom errors here, in one place: malformed JSON and wrong types
are ``parameter_invalid``, a missing required key is ``parameter_not_found``, an unknown key
is ``bad_request`` (``bad 'x' parameter``). Bodies that are not UTF-8, nest deeper than the
decoder can follow, or carry NUL characters, and query integers beyond 64 bits, are
``parameter_invalid`` too: a client gets a 400, never a 500.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, TypeVar

import msgspec

from backchannel.core.errors import ApiError, ParameterInvalid, ParameterNotFound, UnknownParameter
from backchannel.core.scalars import INT64

__all__ = ["decode_body", "decode_query", "translate_validation_error"]

T = TypeVar("T")

_MISSING = re.compile(r"Object missing required field `([^`]+)`(?: - at `\$(.*)`)?")
_UNKNOWN = re.compile(r"Object contains unknown field `([^`]*)`(?: - at `\$(.*)`)?")
_AT = re.compile(r" - at `\$(.*)`$")
# A JSON ``\u0000`` escape: an odd run of backslashes before ``u0000`` (``\\u0000`` is text).
_NUL_ESCAPE = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000")


def _path(prefix: str | None, name: str | None = None) -> str | None:
    parts = (prefix or "").lstrip(".")
    parts = re.sub(r"\[(\d+)\]", r".\1", parts.replace("[...]", "")).lstrip(".")
    if name:
        return f"{parts}.{name}" if parts else name
    return parts or None


def translate_validation_error(error: msgspec.ValidationError) -> ApiError:
    """The Intercom error for a msgspec validation failure."""
    text = str(error)
    if match := _MISSING.match(text):
        field = _path(match.group(2), match.group(1))
        return ParameterNotFound(f"{field} is a required parameter.", field=field)
    if match := _UNKNOWN.match(text):
        field = _path(match.group(2), match.group(1))
        return UnknownParameter(field or match.group(1))
    at = _AT.search(text)
    field = _path(at.group(1)) if at else None
    message = _AT.sub("", text).replace("`", "")
    if field:
        return ParameterInvalid(f"{field}: {message}", field=field)
    return ParameterInvalid(message)


def decode_body(raw: bytes, model: type[T], *, ignored: frozenset[str] = frozenset()) -> T:
    """Decode a JSON body into ``model``.

    An empty body is ``{}`` (SDKs POST some actions without one). Top-level keys in
    ``ignored`` (read-only keys that clients echo back) are dropped before validation.
    Strings may not contain NUL characters: no store keeps them faithfully.
    """
    if not raw.strip():
        raw = b"{}"
    if b"\\u0000" in raw and _NUL_ESCAPE.search(raw):
        raise ParameterInvalid("Strings must not contain NUL (\\u0000) characters")
    try:
        if not ignored:
            return msgspec.json.decode(raw, type=model)
        data = _parse(raw)
        if isinstance(data, dict):
            data = {key: value for key, value in data.items() if key not in ignored}
        return msgspec.convert(data, type=model)
    except msgspec.ValidationError as error:
        invalid = translate_validation_error(error)
    except (msgspec.DecodeError, UnicodeDecodeError, RecursionError):
        invalid = None
    # The decoder stops at the first problem; a body that is not JSON at all says so, even
    # when a bad field came first.
    _parse(raw)
    raise invalid or ParameterInvalid("Request body is not valid JSON")


def _parse(raw: bytes) -> Any:
    """``raw`` as plain JSON values; :class:`ParameterInvalid` if it is not JSON."""
    try:
        return msgspec.json.decode(raw)
    except msgspec.DecodeError as error:
        raise ParameterInvalid(f"Request body is not valid JSON: {error}") from None
    except UnicodeDecodeError:
        raise ParameterInvalid("Request body is not valid JSON: it is not UTF-8") from None
    except RecursionError:
        raise ParameterInvalid("Request body nests too deeply") from None


def decode_query(params: Mapping[str, str], model: type[T]) -> T:
    """Convert query-string values (all strings) into ``model``, coercing numbers and bools."""
    data: dict[str, Any] = dict(params)
    for name, value in data.items():
        if "\x00" in value:
            raise ParameterInvalid("Strings must not contain NUL (\\u0000) characters", field=name)
    try:
        query = msgspec.convert(data, type=model, strict=False)
    except msgspec.ValidationError as error:
        raise translate_validation_error(error) from None
    names = getattr(model, "__struct_encode_fields__", ())
    for attribute, name in zip(getattr(model, "__struct_fields__", ()), names, strict=True):
        value = getattr(query, attribute)
        if type(value) is int and not -INT64 - 1 <= value <= INT64:
            raise ParameterInvalid(f"{name} is out of range", field=name)
    return query
