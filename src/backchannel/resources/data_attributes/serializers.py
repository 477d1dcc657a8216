"""Data attributes -> the ``data_attribute`` object and its list."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Row

from backchannel.db.tables import DataAttribute
from backchannel.resources.data_attributes.builtins import BuiltinAttribute

__all__ = ["builtin_to_api", "data_attribute_list_to_api", "data_attribute_to_api"]


def builtin_to_api(attribute: BuiltinAttribute) -> dict[str, Any]:
    """A standard attribute: no ``id``, ``custom: false``, not writable in the UI."""
    return {
        "type": "data_attribute",
        "name": attribute.name,
        "full_name": attribute.full_name,
        "label": attribute.label,
        "description": attribute.description,
        "data_type": attribute.data_type,
        "options": None,
        "api_writable": attribute.api_writable,
        "ui_writable": False,
        "messenger_writable": True,
        "custom": False,
        "archived": False,
        "model": attribute.model,
    }


def data_attribute_to_api(attribute: DataAttribute | Row[Any]) -> dict[str, Any]:
    """A custom attribute: integer ``id``, ``full_name`` ``custom_attributes.<name>``."""
    return {
        "id": attribute.id,
        "type": "data_attribute",
        "name": attribute.name,
        "full_name": f"custom_attributes.{attribute.name}",
        "label": attribute.label,
        "description": attribute.description,
        "data_type": attribute.data_type,
        "options": list(attribute.options) if attribute.options else None,
        "api_writable": attribute.api_writable,
        "ui_writable": attribute.ui_writable,
        "messenger_writable": attribute.messenger_writable,
        "custom": True,
        "archived": attribute.archived,
        "admin_id": str(attribute.admin_id) if attribute.admin_id is not None else None,
        "created_at": attribute.created_at,
        "updated_at": attribute.updated_at,
        "model": attribute.model,
    }


def data_attribute_list_to_api(
    builtins: Sequence[BuiltinAttribute], custom: Sequence[DataAttribute | Row[Any]]
) -> dict[str, Any]:
    return {
        "type": "list",
        "data": [builtin_to_api(a) for a in builtins] + [data_attribute_to_api(a) for a in custom],
    }
