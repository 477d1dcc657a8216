"""Converting a conversation into a ticket: ``POST /conversations/{id}/convert``.

BEHAVIOR.md §6.6, and the recorded example of ``convertConversationToTicket``:

* The ticket type must be in category ``Customer``: otherwise 400 ``parameter_invalid``
  "Ticket type is not a customer ticket type". An archived type is refused as createTicket
  refuses it (400). An unknown conversation (or a ticket's id, or another workspace's
  conversation) is 404 ``not_found`` "Resource Not Found", as for every conversation
  operation; an unknown ticket type is 404 ``not_found``, as for createTicket.
* ``attributes`` are checked as createTicket checks ``ticket_attributes``, required ones
  included; a refusal names the field ``attributes.<name>``. Nothing is filled in from the
  conversation: the recorded conversion of a conversation with a message returns
  ``ticket_attributes: {}``, and the message is in the ticket's parts anyway. A type whose
  title or description is required needs it in ``attributes``.
* The result is a new ticket, with its own id from the conversation id sequence and the
  workspace's next ticket number, for the conversation's first contact. Its parts are the
  conversation's history: the source as a ``comment`` part by the source's author (body,
  time, attachments and redaction kept), then a copy of every conversation part in the
  order they happened (part type, body, author, times, attachments and assignee kept), then
  the ``ticket_state_updated_by_admin`` part (submitted to submitted) by the Operator bot,
  dated now. The ticket dates from the conversation's ``created_at``, as recorded; its
  ``updated_at`` is now. It is ``submitted``, open, shared and unassigned (assignees "0",
  as recorded), whatever the conversation's state and assignees.
* The conversation itself is left as it was: same state, parts and assignees, and no link
  to the ticket (the recorded ticket's ``linked_objects`` is empty). It stays usable, so
  converting it again is allowed and makes another ticket from its history at that time.
* Everything happens in the request's one transaction: a refused conversion stores nothing.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from backchannel.core.auth import WorkspaceInfo
from backchannel.core.errors import ParameterInvalid, ParameterNotFound
from backchannel.core.ids import IdFactory
from backchannel.db.tables import Contact, Conversation, ConversationContact, ConversationPart
from backchannel.resources.conversations import service as conversations
from backchannel.resources.conversations.service import Author
from backchannel.resources.ticket_types.service import get_ticket_type
from backchannel.resources.tickets import service as tickets
from backchannel.resources.tickets.schemas import TicketConvert

__all__ = ["CUSTOMER", "NotCustomerTicketType", "convert_conversation"]

CUSTOMER = "Customer"
"""The only ticket type category a conversation converts to."""

_ATTRIBUTE_FIELD = "ticket_attributes."
_COPIED = tuple(
    column.name
    for column in ConversationPart.__table__.columns
    if column.name not in ("id", "conversation_id")
)


class NotCustomerTicketType(ParameterInvalid):
    default_message = "Ticket type is not a customer ticket type"


def _first_contact(db: Session, conversation: Conversation) -> Contact:
    contact_id = db.execute(
        select(ConversationContact.contact_id)
        .where(ConversationContact.conversation_id == conversation.id)
        .order_by(ConversationContact.position, ConversationContact.added_at)
        .limit(1)
    ).scalar()
    contact = db.get(Contact, contact_id) if contact_id is not None else None
    if contact is None:  # a conversation always keeps one contact; kept for safety
        raise ParameterInvalid("The conversation has no contact to open a ticket for")
    return contact


def _source_author(conversation: Conversation) -> Author:
    return Author(
        conversation.source_author_type,
        conversation.source_author_id,
        conversation.source_author_name,
        conversation.source_author_email,
    )


def _copy_history(db: Session, source: Conversation, ticket: Conversation) -> None:
    """The source as a ``comment`` part, then a copy of each part of ``source``, in order."""
    comment = conversations.add_part(
        db,
        ticket,
        part_type="comment",
        author=_source_author(source),
        at=source.created_at,
        body=source.source_body,
        attachments=list(source.source_attachments or []),
    )
    comment.redacted = source.source_redacted
    for part in conversations.parts_of(db, source.id):
        values = {name: part._mapping[name] for name in _COPIED}
        db.add(ConversationPart(conversation_id=ticket.id, **values))
    db.flush()


def _open(
    db: Session,
    *,
    workspace: WorkspaceInfo,
    conversation: Conversation,
    data: TicketConvert,
    ids: IdFactory,
) -> tickets.TicketView:
    """The ticket, dated like the conversation; attribute refusals renamed to ``attributes``."""
    try:
        return tickets.open_ticket(
            db,
            workspace=workspace,
            ticket_type_id=data.ticket_type_id,
            contact=_first_contact(db, conversation),
            attributes=data.attributes,
            now=conversation.created_at,
            ids=ids,
            body_html=conversation.source_body,
            author=_source_author(conversation),
        )
    except ParameterInvalid as refused:
        field = refused.field or ""
        if not field.startswith(_ATTRIBUTE_FIELD):
            raise
        renamed = "attributes." + field.removeprefix(_ATTRIBUTE_FIELD)
        raise ParameterInvalid(refused.message, field=renamed) from None


def convert_conversation(
    db: Session,
    *,
    workspace: WorkspaceInfo,
    conversation_id: str,
    data: TicketConvert,
    now: int,
    ids: IdFactory,
) -> tickets.TicketView:
    """``POST /conversations/{id}/convert``: a new ticket carrying the conversation's history.

    Raises:
        ParameterNotFound: no ``ticket_type_id``.
        ConversationNotFound: no such visible conversation in the workspace.
        TicketTypeNotFound: no such ticket type in the workspace.
        NotCustomerTicketType: the type is not a ``Customer`` one.
        ParameterInvalid: an archived type; an unknown, malformed or missing required attribute.
    """
    if data.ticket_type_id is None or data.ticket_type_id == "":
        raise ParameterNotFound("ticket_type_id is a required parameter.", field="ticket_type_id")
    conversation = conversations.get(
        db, workspace=workspace, conversation_id=conversation_id, now=now
    )
    ticket_type = get_ticket_type(db, workspace_id=workspace.id, ticket_type_id=data.ticket_type_id)
    if ticket_type.category != CUSTOMER:
        raise NotCustomerTicketType(field="ticket_type_id")
    view = _open(db, workspace=workspace, conversation=conversation, data=data, ids=ids)
    ticket = view.conversation
    ticket.source_type = conversation.source_type
    ticket.source_delivered_as = conversation.source_delivered_as
    ticket.source_subject = conversation.source_subject
    ticket.source_attachments = list(conversation.source_attachments or [])
    ticket.source_url = conversation.source_url
    ticket.source_redacted = conversation.source_redacted
    _copy_history(db, conversation, ticket)
    tickets.move_opening_part(db, view, at=now)
    conversations.refresh(db, ticket, now)
    return view
