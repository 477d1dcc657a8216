"""Ticket operations: one thin handler per operationId."""

from __future__ import annotations

from typing import Any

from backchannel.core.http import Context, Operation
from backchannel.resources.conversations import service as conversations
from backchannel.resources.conversations.serializers import load_related
from backchannel.resources.ticket_types.service import read_ticket_type
from backchannel.resources.tickets import convert, search, service
from backchannel.resources.tickets.schemas import (
    TicketConvert,
    TicketCreate,
    TicketReply,
    TicketUpdate,
)
from backchannel.resources.tickets.serializers import (
    ticket_list_to_api,
    ticket_part_to_api,
    ticket_to_api,
)

__all__ = ["OPERATIONS", "one"]


def one(ctx: Context, view: service.TicketView) -> dict[str, Any]:
    """A ticket with its type, contacts and parts."""
    conversation, ticket = view.conversation, view.ticket
    related = load_related(
        ctx.db, workspace_id=ctx.workspace_id, conversation_ids=[ticket.conversation_id]
    )
    ticket_type = read_ticket_type(
        ctx.db, workspace_id=ctx.workspace_id, ticket_type_id=ticket.ticket_type_id
    )
    return ticket_to_api(
        conversation,
        ticket,
        ticket_type=ticket_type,
        related=related,
        parts=conversations.parts_of(ctx.db, conversation.id),
        workspace_code=ctx.workspace.id_code,
    )


def create_ticket(ctx: Context, *, body: TicketCreate) -> dict[str, Any]:
    view = service.create(ctx.db, workspace=ctx.workspace, data=body, now=ctx.now(), ids=ctx.ids)
    return one(ctx, view)


def get_ticket(ctx: Context, id: str) -> dict[str, Any]:
    return one(ctx, service.get(ctx.db, workspace=ctx.workspace, ticket_id=id, now=ctx.now()))


def update_ticket(ctx: Context, id: str, *, body: TicketUpdate) -> dict[str, Any]:
    view = service.update(
        ctx.db,
        workspace=ctx.workspace,
        ticket_id=id,
        data=body,
        admin_id=ctx.admin_id,
        now=ctx.now(),
    )
    return one(ctx, view)


def reply_ticket(ctx: Context, id: str, *, body: TicketReply) -> dict[str, Any]:
    part = service.reply(ctx.db, workspace=ctx.workspace, ticket_id=id, data=body, now=ctx.now())
    return ticket_part_to_api(part)


def search_tickets(ctx: Context, *, body: dict[str, Any]) -> dict[str, Any]:
    """Full tickets, parts included (BEHAVIOR.md §5.5), loaded per page."""
    now = ctx.now()
    if conversations.has_due(ctx.reader, workspace_id=ctx.workspace_id, now=now):
        conversations.wake_due(ctx.db, workspace=ctx.workspace, now=now)
    page = search.search(ctx.reader, workspace=ctx.workspace, request=body, now=now)
    ids = [row.id for row in page.items]
    details = search.page_details(ctx.reader, workspace_id=ctx.workspace_id, conversation_ids=ids)
    related = load_related(ctx.reader, workspace_id=ctx.workspace_id, conversation_ids=ids)
    tickets = []
    for row in page.items:
        ticket = details.tickets[row.id]
        tickets.append(
            ticket_to_api(
                row,
                ticket,
                ticket_type=details.ticket_types[ticket.ticket_type_id],
                related=related,
                parts=details.parts.get(row.id, []),
                workspace_code=ctx.workspace.id_code,
            )
        )
    return ticket_list_to_api(page, tickets)


def convert_conversation_to_ticket(ctx: Context, id: str, *, body: TicketConvert) -> dict[str, Any]:
    view = convert.convert_conversation(
        ctx.db, workspace=ctx.workspace, conversation_id=id, data=body, now=ctx.now(), ids=ctx.ids
    )
    return one(ctx, view)


OPERATIONS = [
    Operation("POST", "/tickets", create_ticket, "createTicket", body=TicketCreate),
    Operation("GET", "/tickets/{id}", get_ticket, "getTicket"),
    Operation("PUT", "/tickets/{id}", update_ticket, "updateTicket", body=TicketUpdate),
    Operation("POST", "/tickets/{id}/reply", reply_ticket, "replyTicket", body=TicketReply),
    Operation("POST", "/tickets/search", search_tickets, "searchTickets", body=dict[str, Any]),
    Operation(
        "POST",
        "/conversations/{id}/convert",
        convert_conversation_to_ticket,
        "convertConversationToTicket",
        body=TicketConvert,
    ),
]
