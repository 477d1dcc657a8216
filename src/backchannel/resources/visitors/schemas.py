"""Request bodies and query strings of the visitor operations."""

from __future__ import annotations

from typing import Annotated, Any

import msgspec
from msgspec import UNSET, Meta, UnsetType

__all__ = ["VisitorConvert", "VisitorQuery", "VisitorRef", "VisitorUpdate"]

Text = Annotated[str, Meta(max_length=255)]


class VisitorQuery(msgspec.Struct):
    """``GET /visitors?user_id=…``: ``user_id`` is required (checked by the service)."""

    user_id: str | None = None


class VisitorUpdate(msgspec.Struct, forbid_unknown_fields=True):
    """``update_visitor_request``: the visitor by ``id`` or ``user_id``, and what changes."""

    id: Text | UnsetType | None = UNSET
    user_id: Text | UnsetType | None = UNSET
    name: Text | UnsetType | None = UNSET
    custom_attributes: dict[str, Any] | UnsetType | None = UNSET


class VisitorRef(msgspec.Struct, forbid_unknown_fields=True):
    """Identifiers of a visitor or contact: Intercom ``id``, ``user_id`` or ``email``."""

    id: Text | None = None
    user_id: Text | None = None
    email: Text | None = None


class VisitorConvert(msgspec.Struct, forbid_unknown_fields=True):
    """``convert_visitor_request``: turn ``visitor`` into (or merge it into) ``user``."""

    type: str
    user: VisitorRef
    visitor: VisitorRef
