"""Request bodies of the ticket type and ticket type attribute operations.

Required keys (``name``; ``description`` and ``data_type`` of a new attribute) are optional
here and checked by the service, so that missing, ``null`` and blank get the same answer.
Enumerations (``category``, ``data_type``) are plain strings checked by the service too, with
the API's messages. A ``null`` optional key means "not given".
"""

from __future__ import annotations

from typing import Annotated

import msgspec
from msgspec import UNSET, Meta, UnsetType

__all__ = [
    "TicketTypeAttributeCreate",
    "TicketTypeAttributeUpdate",
    "TicketTypeCreate",
    "TicketTypeUpdate",
]

Text = Annotated[str, Meta(max_length=65_535)]
ListItems = Annotated[str, Meta(max_length=65_535)]


class TicketTypeCreate(msgspec.Struct, forbid_unknown_fields=True):
    """``create_ticket_type_request``: ``name`` required; category ``Customer`` and the
    ticket icon by default."""

    name: str | UnsetType | None = UNSET
    description: Text | UnsetType | None = UNSET
    category: str | UnsetType | None = UNSET
    icon: str | UnsetType | None = UNSET
    is_internal: bool | UnsetType | None = UNSET


class TicketTypeUpdate(msgspec.Struct, forbid_unknown_fields=True):
    """``update_ticket_type_request``: rename, describe, recategorise, archive."""

    name: str | UnsetType | None = UNSET
    description: Text | UnsetType | None = UNSET
    category: str | UnsetType | None = UNSET
    icon: str | UnsetType | None = UNSET
    archived: bool | UnsetType | None = UNSET
    is_internal: bool | UnsetType | None = UNSET


class TicketTypeAttributeCreate(msgspec.Struct, forbid_unknown_fields=True):
    """``create_ticket_type_attribute_request``: ``name``, ``description`` and ``data_type``
    required. ``multiline``, ``list_items`` and ``allow_multiple_values`` apply to strings,
    lists and files; given for another data type they are ignored (the API's own example sends
    all three for a string attribute)."""

    name: str | UnsetType | None = UNSET
    description: Text | UnsetType | None = UNSET
    data_type: str | UnsetType | None = UNSET
    required_to_create: bool | UnsetType | None = UNSET
    required_to_create_for_contacts: bool | UnsetType | None = UNSET
    visible_on_create: bool | UnsetType | None = UNSET
    visible_to_contacts: bool | UnsetType | None = UNSET
    multiline: bool | UnsetType | None = UNSET
    list_items: ListItems | UnsetType | None = UNSET
    allow_multiple_values: bool | UnsetType | None = UNSET


class TicketTypeAttributeUpdate(msgspec.Struct, forbid_unknown_fields=True):
    """``update_ticket_type_attribute_request``. ``data_type`` is not in the request schema
    but is accepted when it names the attribute's current type (clients echo it back): the
    type of an attribute never changes."""

    name: str | UnsetType | None = UNSET
    description: Text | UnsetType | None = UNSET
    required_to_create: bool | UnsetType | None = UNSET
    required_to_create_for_contacts: bool | UnsetType | None = UNSET
    visible_on_create: bool | UnsetType | None = UNSET
    visible_to_contacts: bool | UnsetType | None = UNSET
    multiline: bool | UnsetType | None = UNSET
    list_items: ListItems | UnsetType | None = UNSET
    allow_multiple_values: bool | UnsetType | None = UNSET
    archived: bool | UnsetType | None = UNSET
    data_type: str | UnsetType | None = UNSET
