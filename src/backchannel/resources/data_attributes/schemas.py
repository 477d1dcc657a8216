"""Request bodies and query strings of the data attribute operations."""

from __future__ import annotations

from typing import Annotated, Any

import msgspec
from msgspec import UNSET, Meta, UnsetType

__all__ = ["DataAttributeCreate", "DataAttributeListQuery", "DataAttributeUpdate"]

Description = Annotated[str, Meta(max_length=2048)]


class DataAttributeListQuery(msgspec.Struct):
    """``GET /data_attributes``: an optional model and whether archived ones are shown."""

    model: str | None = None
    include_archived: bool = False


class DataAttributeCreate(msgspec.Struct, forbid_unknown_fields=True):
    """``create_data_attribute_request``.

    ``name``, ``model`` and ``data_type`` are required, but checked by the service in the
    order the API checks them (the model first), with the API's messages. ``options`` is
    either ``[{"value": ...}]`` objects or plain strings; its shape is checked by the service
    too ("Options isn't an array").
    """

    name: Any = UNSET
    model: Any = UNSET
    data_type: Any = UNSET
    description: Description | UnsetType | None = UNSET
    options: Any = UNSET
    messenger_writable: bool | UnsetType | None = UNSET


class DataAttributeUpdate(msgspec.Struct, forbid_unknown_fields=True):
    """``update_data_attribute_request``: description, options, messenger_writable, archived.

    ``data_type`` is accepted only when it names the attribute's current type: the type of an
    attribute cannot be changed through the API.
    """

    archived: bool | UnsetType | None = UNSET
    description: Description | UnsetType | None = UNSET
    options: Any = UNSET
    messenger_writable: bool | UnsetType | None = UNSET
    data_type: Any = UNSET
