"""Tag operations: one thin handler per operationId."""

from __future__ import annotations

from typing import Any

from backchannel.core.http import Context, Empty, Operation
from backchannel.resources.tags import service
from backchannel.resources.tags.schemas import (
    ConversationTagging,
    ConversationUntagging,
    TagReference,
    TicketTagging,
    TicketUntagging,
    parse_tag_request,
)
from backchannel.resources.tags.serializers import (
    applied_tag_list_to_api,
    applied_tag_to_api,
    tag_list_to_api,
    tag_to_api,
)

__all__ = ["OPERATIONS"]


def list_tags(ctx: Context) -> dict[str, Any]:
    """``GET /tags``: every tag of the workspace."""
    return tag_list_to_api(service.list_tags(ctx.reader, workspace_id=ctx.workspace_id))


def find_tag(ctx: Context, id: str) -> dict[str, Any]:
    """``GET /tags/{id}``."""
    return tag_to_api(service.read_tag(ctx.reader, workspace_id=ctx.workspace_id, tag_id=id))


def create_tag(ctx: Context, *, body: Any) -> dict[str, Any]:
    """``POST /tags``: create, rename, tag or untag companies, or tag contacts."""
    tag = service.create_tag(
        ctx.db,
        workspace_id=ctx.workspace_id,
        request=parse_tag_request(body),
        admin_id=ctx.admin_id,
        now=ctx.now(),
    )
    return tag_to_api(tag)


def delete_tag(ctx: Context, id: str) -> Empty:
    """``DELETE /tags/{id}``: 200 with an empty body."""
    service.delete_tag(ctx.db, workspace_id=ctx.workspace_id, tag_id=id)
    return Empty()


def attach_tag_to_contact(ctx: Context, contact_id: str, *, body: TagReference) -> dict[str, Any]:
    """``POST /contacts/{contact_id}/tags``."""
    applied = service.attach_to_contact(
        ctx.db,
        workspace_id=ctx.workspace_id,
        contact_id=contact_id,
        tag_id=body.id,
        admin_id=ctx.admin_id,
        now=ctx.now(),
    )
    return applied_tag_to_api(applied)


def detach_tag_from_contact(ctx: Context, contact_id: str, id: str) -> dict[str, Any]:
    """``DELETE /contacts/{contact_id}/tags/{id}``."""
    applied = service.detach_from_contact(
        ctx.db, workspace_id=ctx.workspace_id, contact_id=contact_id, tag_id=id
    )
    return applied_tag_to_api(applied)


def list_tags_for_a_contact(ctx: Context, contact_id: str) -> dict[str, Any]:
    """``GET /contacts/{contact_id}/tags``."""
    tags = service.contact_tags(ctx.reader, workspace_id=ctx.workspace_id, contact_id=contact_id)
    return applied_tag_list_to_api(tags)


def attach_tag_to_conversation(
    ctx: Context, conversation_id: str, *, body: ConversationTagging
) -> dict[str, Any]:
    """``POST /conversations/{conversation_id}/tags``."""
    applied = service.attach_to_conversation(
        ctx.db,
        workspace=ctx.workspace,
        conversation_id=conversation_id,
        tag_id=body.id,
        admin_id=body.admin_id,
        now=ctx.now(),
    )
    return applied_tag_to_api(applied)


def detach_tag_from_conversation(
    ctx: Context, conversation_id: str, id: str, *, body: ConversationUntagging
) -> dict[str, Any]:
    """``DELETE /conversations/{conversation_id}/tags/{id}`` (the admin in the body)."""
    applied = service.detach_from_conversation(
        ctx.db,
        workspace=ctx.workspace,
        conversation_id=conversation_id,
        tag_id=id,
        admin_id=body.admin_id,
        now=ctx.now(),
    )
    return applied_tag_to_api(applied)


def attach_tag_to_ticket(ctx: Context, ticket_id: str, *, body: TicketTagging) -> dict[str, Any]:
    """``POST /tickets/{ticket_id}/tags``."""
    applied = service.attach_to_ticket(
        ctx.db,
        workspace=ctx.workspace,
        ticket_id=ticket_id,
        tag_id=body.id,
        admin_id=body.admin_id,
        now=ctx.now(),
    )
    return applied_tag_to_api(applied)


def detach_tag_from_ticket(
    ctx: Context, ticket_id: str, id: str, *, body: TicketUntagging
) -> dict[str, Any]:
    """``DELETE /tickets/{ticket_id}/tags/{id}`` (the admin in the body)."""
    applied = service.detach_from_ticket(
        ctx.db,
        workspace=ctx.workspace,
        ticket_id=ticket_id,
        tag_id=id,
        admin_id=body.admin_id,
        now=ctx.now(),
    )
    return applied_tag_to_api(applied)


OPERATIONS = [
    Operation("GET", "/tags", list_tags, "listTags"),
    Operation("POST", "/tags", create_tag, "createTag", body=object),
    Operation("GET", "/tags/{id}", find_tag, "findTag"),
    Operation("DELETE", "/tags/{id}", delete_tag, "deleteTag"),
    Operation(
        "POST",
        "/contacts/{contact_id}/tags",
        attach_tag_to_contact,
        "attachTagToContact",
        body=TagReference,
    ),
    Operation(
        "DELETE",
        "/contacts/{contact_id}/tags/{id}",
        detach_tag_from_contact,
        "detachTagFromContact",
    ),
    Operation("GET", "/contacts/{contact_id}/tags", list_tags_for_a_contact, "listTagsForAContact"),
    Operation(
        "POST",
        "/conversations/{conversation_id}/tags",
        attach_tag_to_conversation,
        "attachTagToConversation",
        body=ConversationTagging,
    ),
    Operation(
        "DELETE",
        "/conversations/{conversation_id}/tags/{id}",
        detach_tag_from_conversation,
        "detachTagFromConversation",
        body=ConversationUntagging,
    ),
    Operation(
        "POST",
        "/tickets/{ticket_id}/tags",
        attach_tag_to_ticket,
        "attachTagToTicket",
        body=TicketTagging,
    ),
    Operation(
        "DELETE",
        "/tickets/{ticket_id}/tags/{id}",
        detach_tag_from_ticket,
        "detachTagFromTicket",
        body=TicketUntagging,
    ),
]
