"""Visitor operations: one thin handler per operationId."""

from __future__ import annotations

from typing import Any

from backchannel.core.http import Context, Operation
from backchannel.resources.contacts.serializers import contacts_to_api
from backchannel.resources.visitors import service
from backchannel.resources.visitors.schemas import VisitorConvert, VisitorQuery, VisitorUpdate
from backchannel.resources.visitors.serializers import visitor_to_api

__all__ = ["OPERATIONS"]


def retrieve_visitor_with_user_id(ctx: Context, *, query: VisitorQuery) -> dict[str, Any]:
    """``GET /visitors?user_id=…``."""
    visitor = service.read(ctx.reader, workspace_id=ctx.workspace_id, user_id=query.user_id)
    return visitor_to_api(visitor, workspace_code=ctx.workspace.id_code)


def update_visitor(ctx: Context, *, body: VisitorUpdate) -> dict[str, Any]:
    """``PUT /visitors``: name and custom attributes of the visitor ``id`` or ``user_id``."""
    visitor = service.update(ctx.db, workspace_id=ctx.workspace_id, data=body, now=ctx.now())
    return visitor_to_api(visitor, workspace_code=ctx.workspace.id_code)


def convert_visitor(ctx: Context, *, body: VisitorConvert) -> dict[str, Any]:
    """``POST /visitors/convert``: the contact the visitor became or was merged into."""
    contact = service.convert(
        ctx.db, workspace_id=ctx.workspace_id, data=body, now=ctx.now(), ids=ctx.ids
    )
    [shown] = contacts_to_api(
        ctx.reader,
        [contact],
        workspace_id=ctx.workspace_id,
        workspace_code=ctx.workspace.id_code,
    )
    return shown


OPERATIONS = [
    Operation(
        "GET",
        "/visitors",
        retrieve_visitor_with_user_id,
        "retrieveVisitorWithUserId",
        query=VisitorQuery,
    ),
    Operation("PUT", "/visitors", update_visitor, "updateVisitor", body=VisitorUpdate),
    Operation("POST", "/visitors/convert", convert_visitor, "convertVisitor", body=VisitorConvert),
]
