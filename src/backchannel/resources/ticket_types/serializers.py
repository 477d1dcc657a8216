"""Ticket types -> the ``ticket_type`` and ``ticket_type_attribute`` objects (BEHAVIOR.md §6.8).

Both lists, the ticket types and a type's attributes, are ``{type: "list", data: [...]}`` as
the recorded examples show, not the schemas' ``ticket_type.list``/``ticket_type_attributes.list``
(§9.10). ``workspace_id`` is the workspace's ``id_code``; ``ticket_type_id`` is an integer.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from backchannel.resources.ticket_types.service import TicketTypeView, list_items_of

__all__ = [
    "input_options_to_api",
    "ticket_type_attribute_to_api",
    "ticket_type_list_to_api",
    "ticket_type_to_api",
]


def input_options_to_api(attribute: Any) -> dict[str, Any] | None:
    """``{multiline}`` for strings, ``{list_options: [{id, label, archived}]}`` for lists,
    ``{allow_multiple_values}`` for files, ``null`` for the other types."""
    if attribute.data_type == "string":
        return {"multiline": attribute.multiline}
    if attribute.data_type == "list":
        return {
            "list_options": [
                {"id": item.id, "label": item.label, "archived": item.archived}
                for item in list_items_of(attribute, include_archived=True)
            ]
        }
    if attribute.data_type == "files":
        return {"allow_multiple_values": attribute.allow_multiple_values}
    return None


def ticket_type_attribute_to_api(attribute: Any, *, workspace_code: str) -> dict[str, Any]:
    """One attribute (row or entity), in the recorded key order."""
    return {
        "type": "ticket_type_attribute",
        "id": str(attribute.id),
        "workspace_id": workspace_code,
        "name": attribute.name,
        "description": attribute.description,
        "data_type": attribute.data_type,
        "input_options": input_options_to_api(attribute),
        "order": attribute.position,
        "required_to_create": attribute.required_to_create,
        "required_to_create_for_contacts": attribute.required_to_create_for_contacts,
        "visible_on_create": attribute.visible_on_create,
        "visible_to_contacts": attribute.visible_to_contacts,
        "default": attribute.is_default,
        "ticket_type_id": attribute.ticket_type_id,
        "archived": attribute.archived,
        "created_at": attribute.created_at,
        "updated_at": attribute.updated_at,
    }


def ticket_type_to_api(view: TicketTypeView, *, workspace_code: str) -> dict[str, Any]:
    """A ticket type with all its attributes (archived ones too), in the recorded key order."""
    ticket_type = view.ticket_type
    return {
        "type": "ticket_type",
        "id": str(ticket_type.id),
        "name": ticket_type.name,
        "description": ticket_type.description,
        "icon": ticket_type.icon,
        "workspace_id": workspace_code,
        "archived": ticket_type.archived,
        "created_at": ticket_type.created_at,
        "updated_at": ticket_type.updated_at,
        "is_internal": ticket_type.is_internal,
        "ticket_type_attributes": {
            "type": "list",
            "data": [
                ticket_type_attribute_to_api(attribute, workspace_code=workspace_code)
                for attribute in view.attributes
            ],
        },
        "category": ticket_type.category,
    }


def ticket_type_list_to_api(
    views: Sequence[TicketTypeView], *, workspace_code: str
) -> dict[str, Any]:
    """``{type: "list", data: [ticket_type, ...]}``."""
    return {
        "type": "list",
        "data": [ticket_type_to_api(view, workspace_code=workspace_code) for view in views],
    }
