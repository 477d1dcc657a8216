"""Ticket type and ticket type attribute operations: one thin handler per operationId."""

from __future__ import annotations

from typing import Any

from backchannel.core.http import Context, Operation
from backchannel.resources.ticket_types import service
from backchannel.resources.ticket_types.schemas import (
    TicketTypeAttributeCreate,
    TicketTypeAttributeUpdate,
    TicketTypeCreate,
    TicketTypeUpdate,
)
from backchannel.resources.ticket_types.serializers import (
    ticket_type_attribute_to_api,
    ticket_type_list_to_api,
    ticket_type_to_api,
)

__all__ = ["OPERATIONS"]


def list_ticket_types(ctx: Context) -> dict[str, Any]:
    """``GET /ticket_types``: every ticket type of the workspace, with its attributes."""
    views = service.list_ticket_types(ctx.reader, workspace_id=ctx.workspace_id)
    return ticket_type_list_to_api(views, workspace_code=ctx.workspace.id_code)


def get_ticket_type(ctx: Context, id: str) -> dict[str, Any]:
    """``GET /ticket_types/{id}``."""
    view = service.read_ticket_type(ctx.reader, workspace_id=ctx.workspace_id, ticket_type_id=id)
    return ticket_type_to_api(view, workspace_code=ctx.workspace.id_code)


def create_ticket_type(ctx: Context, *, body: TicketTypeCreate) -> dict[str, Any]:
    """``POST /ticket_types``: a new type with its default title and description attributes."""
    view = service.create_ticket_type(
        ctx.db, workspace_id=ctx.workspace_id, data=body, now=ctx.now()
    )
    return ticket_type_to_api(view, workspace_code=ctx.workspace.id_code)


def update_ticket_type(ctx: Context, id: str, *, body: TicketTypeUpdate) -> dict[str, Any]:
    """``PUT /ticket_types/{id}``: rename, recategorise, archive."""
    view = service.update_ticket_type(
        ctx.db, workspace_id=ctx.workspace_id, ticket_type_id=id, data=body, now=ctx.now()
    )
    return ticket_type_to_api(view, workspace_code=ctx.workspace.id_code)


def create_ticket_type_attribute(
    ctx: Context, ticket_type_id: str, *, body: TicketTypeAttributeCreate
) -> dict[str, Any]:
    """``POST /ticket_types/{ticket_type_id}/attributes``."""
    attribute = service.create_attribute(
        ctx.db,
        workspace_id=ctx.workspace_id,
        ticket_type_id=ticket_type_id,
        data=body,
        now=ctx.now(),
        ids=ctx.ids,
    )
    return ticket_type_attribute_to_api(attribute, workspace_code=ctx.workspace.id_code)


def update_ticket_type_attribute(
    ctx: Context, ticket_type_id: str, id: str, *, body: TicketTypeAttributeUpdate
) -> dict[str, Any]:
    """``PUT /ticket_types/{ticket_type_id}/attributes/{id}``."""
    attribute = service.update_attribute(
        ctx.db,
        workspace_id=ctx.workspace_id,
        ticket_type_id=ticket_type_id,
        attribute_id=id,
        data=body,
        now=ctx.now(),
        ids=ctx.ids,
    )
    return ticket_type_attribute_to_api(attribute, workspace_code=ctx.workspace.id_code)


OPERATIONS = [
    Operation("GET", "/ticket_types", list_ticket_types, "listTicketTypes"),
    Operation(
        "POST", "/ticket_types", create_ticket_type, "createTicketType", body=TicketTypeCreate
    ),
    Operation("GET", "/ticket_types/{id}", get_ticket_type, "getTicketType"),
    Operation(
        "PUT", "/ticket_types/{id}", update_ticket_type, "updateTicketType", body=TicketTypeUpdate
    ),
    Operation(
        "POST",
        "/ticket_types/{ticket_type_id}/attributes",
        create_ticket_type_attribute,
        "createTicketTypeAttribute",
        body=TicketTypeAttributeCreate,
    ),
    Operation(
        "PUT",
        "/ticket_types/{ticket_type_id}/attributes/{id}",
        update_ticket_type_attribute,
        "updateTicketTypeAttribute",
        body=TicketTypeAttributeUpdate,
    ),
]
