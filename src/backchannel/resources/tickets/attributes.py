"""Checking ``ticket_attributes`` against the ticket type's attributes.

Keys are attribute names (``_default_title_``, ``_default_description_`` and the custom
ones); archived attributes cannot be written. Values by data type:

* ``string``: a string (at most 65,536 characters);
* ``integer``: an integer; ``decimal``: a number; ``boolean``: true or false;
* ``datetime``: unix seconds (an integer);
* ``list``: the id of one of the attribute's (unarchived) list items;
* ``files``: a list of http(s) URLs, at most one unless the attribute allows multiple values.

``null`` clears a value. On create every ``required_to_create`` attribute must have a
non-blank value. A refusal is 400 ``parameter_invalid`` naming the attribute.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from backchannel.core.errors import ParameterInvalid
from backchannel.core.scalars import INT64
from backchannel.resources.conversations.attachments import from_urls
from backchannel.resources.ticket_types.service import list_items_of

__all__ = ["MAX_TEXT", "check_attributes", "missing_required"]

MAX_TEXT = 65_536
_EXPECTED = {
    "string": "a string",
    "integer": "an integer",
    "decimal": "a number",
    "boolean": "a boolean",
    "datetime": "a date in unix seconds (an integer)",
    "list": "the id of one of its list items",
    "files": "a list of http or https URLs (one, unless it allows multiple values)",
}


def _integer(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and abs(value) <= INT64


def _fits(attribute: Any, value: Any) -> bool:
    kind = attribute.data_type
    if kind == "string":
        return isinstance(value, str) and len(value) <= MAX_TEXT
    if kind in ("integer", "datetime"):
        return _integer(value) and (kind == "integer" or value >= 0)
    if kind == "decimal":
        return _integer(value) or (isinstance(value, float) and value == value)
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "list":
        return isinstance(value, str) and value in {item.id for item in list_items_of(attribute)}
    if kind == "files":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return False
        if len(value) > 1 and not attribute.allow_multiple_values:
            return False
        try:
            from_urls(value)
        except ParameterInvalid:
            return False
        return True
    return False


def check_attributes(
    attributes: Sequence[Any], values: dict[str, Any], *, current: dict[str, Any]
) -> dict[str, Any]:
    """``current`` with ``values`` applied, each checked against its attribute."""
    by_name = {attribute.name: attribute for attribute in attributes}
    merged = dict(current)
    for name, value in values.items():
        field = f"ticket_attributes.{name}"
        attribute = by_name.get(name)
        if attribute is None:
            raise ParameterInvalid(f"Ticket attribute '{name}' does not exist", field=field)
        if value is None:
            merged.pop(name, None)
            continue
        if not _fits(attribute, value):
            raise ParameterInvalid(
                f"Ticket attribute '{name}' has data type {attribute.data_type}: its value must "
                f"be {_EXPECTED.get(attribute.data_type, 'valid')}",
                field=field,
            )
        merged[name] = value
    return merged


def missing_required(attributes: Sequence[Any], values: dict[str, Any]) -> None:
    """Refuse a new ticket that lacks a ``required_to_create`` attribute."""
    for attribute in attributes:
        if not attribute.required_to_create:
            continue
        value = values.get(attribute.name)
        if value is None or (isinstance(value, str | list) and not value):
            raise ParameterInvalid(
                f"Ticket attribute '{attribute.name}' is required",
                field=f"ticket_attributes.{attribute.name}",
            )
