"""Message operations: one thin handler per operationId."""

from __future__ import annotations

from typing import Any

from backchannel.core.http import Context, Operation
from backchannel.resources.conversations.serializers import user_message_to_api
from backchannel.resources.messages import service
from backchannel.resources.messages.schemas import MessageCreate
from backchannel.resources.messages.serializers import admin_message_to_api

__all__ = ["OPERATIONS"]


def create_message(ctx: Context, *, body: MessageCreate) -> dict[str, Any]:
    """``POST /messages``: an admin message (``from`` defaults to the calling admin), or the
    legacy contact-initiated form."""
    created = service.create(
        ctx.db,
        workspace_id=ctx.workspace_id,
        data=body,
        default_admin_id=ctx.admin_id,
        now=ctx.now(),
        ids=ctx.ids,
    )
    if isinstance(created, service.AdminMessage):
        return admin_message_to_api(created)
    return user_message_to_api(created)


OPERATIONS = [
    Operation("POST", "/messages", create_message, "createMessage", body=MessageCreate),
]
