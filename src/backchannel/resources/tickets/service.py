"""Ticket rules: creation against a ticket type, states, updates and replies.

A ticket is a conversation row of ``kind`` ``ticket`` plus a :class:`Ticket` row: it shares
the conversation id sequence, parts, participants and assignment machinery
(:mod:`backchannel.resources.conversations.service`). BEHAVIOR.md §6.8:

* A new ticket is ``submitted`` with one ``ticket_state_updated_by_admin`` part by the
  Operator bot; ``is_shared`` is true for Customer tickets, false otherwise; assignees "0".
* ``state`` may become ``in_progress``, ``waiting_on_customer`` or ``resolved``; each change
  adds a ``ticket_state_updated_by_admin`` part with the previous and the new state.
* ``open: false`` closes (and unsnoozes) with a ``close`` part, ``open: true`` reopens with an
  ``open`` part; ``snoozed_until`` snoozes with a ``snoozed`` part.
* Attribute changes add one ``ticket_attribute_updated_by_admin`` part per update.
* ``assignment`` assigns an admin or a team (``"0"`` unassigns) with an ``assignment`` part;
  an unknown assigner or assignee is 404 ``assignee_not_found``.
* Replies return the new part. Contacts cannot reply to back-office tickets.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from backchannel.core.auth import WorkspaceInfo
from backchannel.core.errors import ApiError, NotFound, ParameterInvalid, ParameterNotFound
from backchannel.core.html import plain_to_html
from backchannel.core.ids import IdFactory
from backchannel.db.tables import Contact, Conversation, ConversationPart, Ticket
from backchannel.resources.admins.service import AdminNotFound
from backchannel.resources.companies.service import find_company
from backchannel.resources.contacts import service as contacts
from backchannel.resources.contacts.schemas import ContactCreate
from backchannel.resources.conversations import service as conversations
from backchannel.resources.conversations.service import Author
from backchannel.resources.ticket_types.service import attributes_of, get_ticket_type
from backchannel.resources.tickets.attributes import check_attributes, missing_required
from backchannel.resources.tickets.schemas import (
    TicketContact,
    TicketCreate,
    TicketReply,
    TicketUpdate,
)

__all__ = [
    "KIND",
    "SETTABLE_STATES",
    "STATES",
    "AssigneeNotFound",
    "TicketNotFound",
    "TicketView",
    "create",
    "get",
    "move_opening_part",
    "open_ticket",
    "reply",
    "update",
]

KIND = "ticket"
"""``Conversation.kind`` of a ticket."""
STATES = ("submitted", "in_progress", "waiting_on_customer", "resolved")
SETTABLE_STATES = STATES[1:]
STATE_PART = "ticket_state_updated_by_admin"


class TicketNotFound(NotFound):
    code = "ticket_not_found"
    default_message = "Ticket not found"


class AssigneeNotFound(NotFound):
    code = "assignee_not_found"
    default_message = "Assignee not found"


class ContactReplyNotAllowed(ApiError):
    code = "parameter_mismatch"
    default_message = "Contacts cannot reply to a back-office ticket"


@dataclass(slots=True)
class TicketView:
    """A ticket: its conversation row and its ticket row."""

    conversation: Conversation
    ticket: Ticket


def get(db: Session, *, workspace: WorkspaceInfo, ticket_id: object, now: int) -> TicketView:
    """A ticket of the workspace (woken if its snooze ran out); 404 ``ticket_not_found``."""
    conversation = conversations.stored(db, workspace.id, ticket_id, kind=KIND)
    ticket = db.get(Ticket, conversation.id) if conversation is not None else None
    if conversation is None or ticket is None:
        raise TicketNotFound()
    conversations.wake(db, workspace, conversation, now)
    return TicketView(conversation, ticket)


def _contact(db: Session, workspace_id: int, refs: list[TicketContact] | None, now: int,
             ids: IdFactory) -> Contact:  # fmt: skip
    if not refs:
        raise ParameterNotFound("contacts is a required parameter.", field="contacts")
    if len(refs) != 1:
        raise ParameterInvalid("A ticket takes exactly one contact", field="contacts")
    ref = refs[0]
    if not (ref.id or ref.external_id or ref.email):
        raise ParameterNotFound("contacts needs one of id, external_id or email", field="contacts")
    contact = contacts.find(
        db, workspace_id=workspace_id, id=ref.id, external_id=ref.external_id, email=ref.email
    )
    if contact is None and ref.email and not (ref.id or ref.external_id):
        contact = contacts.create(
            db,
            workspace_id=workspace_id,
            data=ContactCreate(role="user", email=ref.email),
            now=now,
            ids=ids,
        )
    if contact is None:
        raise NotFound("User Not Found")
    return contact


def open_ticket(
    db: Session,
    *,
    workspace: WorkspaceInfo,
    ticket_type_id: object,
    contact: Contact,
    attributes: dict[str, Any] | None,
    now: int,
    ids: IdFactory,
    company_id: str | None = None,
    body_html: str = "",
    author: Author | None = None,
) -> TicketView:
    """Store a new ticket of ``ticket_type_id`` for ``contact``, checking its attributes
    (required ones included), with its opening ``submitted`` part."""
    if ticket_type_id is None or ticket_type_id == "":
        raise ParameterNotFound("ticket_type_id is a required parameter.", field="ticket_type_id")
    ticket_type = get_ticket_type(db, workspace_id=workspace.id, ticket_type_id=ticket_type_id)
    if ticket_type.archived:
        raise ParameterInvalid("The ticket type is archived", field="ticket_type_id")
    declared = attributes_of(db, ticket_type_id=ticket_type.id)
    values = check_attributes(declared, attributes or {}, current={})
    missing_required(declared, values)
    bot = conversations.operator(workspace)
    conversation = conversations.start(
        db,
        workspace_id=workspace.id,
        author=author or bot,
        contact=contact,
        body_html=body_html,
        now=now,
        ids=ids,
        delivered_as="admin_initiated" if author is None else "customer_initiated",
        kind=KIND,
    )
    conversation.admin_assignee_id = conversation.team_assignee_id = None
    number = db.execute(
        select(func.coalesce(func.max(Ticket.number), 0)).where(Ticket.workspace_id == workspace.id)
    ).scalar_one()
    ticket = Ticket(
        conversation_id=conversation.id,
        workspace_id=workspace.id,
        number=number + 1,
        ticket_type_id=ticket_type.id,
        category=ticket_type.category,
        state="submitted",
        attributes=values,
        is_shared=ticket_type.category == "Customer",
        company_id=company_id,
    )
    db.add(ticket)
    db.flush()
    _state_part(db, conversation, bot, "submitted", "submitted", now)
    conversations.refresh(db, conversation, now)
    return TicketView(conversation, ticket)


def create(
    db: Session, *, workspace: WorkspaceInfo, data: TicketCreate, now: int, ids: IdFactory
) -> TicketView:
    """``POST /tickets``."""
    at = data.created_at if data.created_at is not None else now
    contact = _contact(db, workspace.id, data.contacts, at, ids)
    company_id = None
    if data.company_id:
        company = find_company(db, workspace_id=workspace.id, company_id=data.company_id)
        company_id = company.id
    return open_ticket(
        db,
        workspace=workspace,
        ticket_type_id=data.ticket_type_id,
        contact=contact,
        attributes=data.ticket_attributes,
        now=at,
        ids=ids,
        company_id=company_id,
    )


def _state_part(
    db: Session, conversation: Conversation, author: Author, previous: str, state: str, at: int
) -> ConversationPart:
    part = conversations.add_part(db, conversation, part_type=STATE_PART, author=author, at=at)
    part.previous_ticket_state = previous
    part.ticket_state = state
    return part


def _assign(
    db: Session, workspace: WorkspaceInfo, view: TicketView, data: TicketUpdate, now: int
) -> None:
    assignment = data.assignment
    assert assignment is not None
    try:
        author = conversations.admin_author(
            db, workspace_id=workspace.id, admin_id=assignment.admin_id
        )
    except AdminNotFound:
        raise AssigneeNotFound("Admin not found") from None
    if assignment.assignee_id is None or assignment.assignee_id == "":
        raise ParameterNotFound("assignee_id is a required parameter.", field="assignee_id")
    kind, assignee = "admin", None
    if assignment.assignee_id not in (0, "0"):
        for kind in ("admin", "team"):
            try:
                assignee = conversations.resolve_assignee(
                    db, workspace.id, kind, assignment.assignee_id
                )
                break
            except NotFound:
                continue
        else:
            raise AssigneeNotFound()
    conversation = view.conversation
    if assignee is None:
        conversation.admin_assignee_id = conversation.team_assignee_id = None
    conversations.assign(
        db,
        workspace,
        conversation,
        kind=kind,
        assignee=assignee,
        author=author,
        now=now,
        part_type="assignment",
    )


def update(
    db: Session,
    *,
    workspace: WorkspaceInfo,
    ticket_id: str,
    data: TicketUpdate,
    admin_id: int,
    now: int,
) -> TicketView:
    """``PUT /tickets/{id}``: every change is checked before any is made."""
    view = get(db, workspace=workspace, ticket_id=ticket_id, now=now)
    conversation, ticket = view.conversation, view.ticket
    if data.state is not None and data.state not in SETTABLE_STATES:
        raise ParameterInvalid(
            "state must be one of in_progress, waiting_on_customer, resolved", field="state"
        )
    if data.snoozed_until is not None and data.snoozed_until <= now:
        raise ParameterInvalid("snoozed_until must be in the future", field="snoozed_until")
    values = ticket.attributes
    if data.ticket_attributes:
        declared = attributes_of(db, ticket_type_id=ticket.ticket_type_id)
        values = check_attributes(declared, data.ticket_attributes, current=ticket.attributes)
    actor = conversations.admin_author(db, workspace_id=workspace.id, admin_id=admin_id)
    if data.assignment is not None:
        _assign(db, workspace, view, data, now)
    if values != ticket.attributes:
        ticket.attributes = values
        conversations.add_part(
            db, conversation, part_type="ticket_attribute_updated_by_admin", author=actor, at=now
        )
    if data.state is not None and data.state != ticket.state:
        _state_part(db, conversation, actor, ticket.state, data.state, now)
        ticket.state = data.state
    if data.is_shared is not None:
        ticket.is_shared = data.is_shared
    if data.open is False and conversation.state != "closed":
        conversations.add_part(db, conversation, part_type="close", author=actor, at=now)
        conversations.set_state(conversation, "closed")
    elif data.open is True and conversation.state == "closed":
        conversations.add_part(db, conversation, part_type="open", author=actor, at=now)
        conversations.set_state(conversation, "open")
    if data.snoozed_until is not None and data.open is not False:
        conversations.add_part(db, conversation, part_type="snoozed", author=actor, at=now)
        conversations.set_state(conversation, "snoozed", data.snoozed_until)
    conversations.refresh(db, conversation, now)
    return view


ADMIN_MESSAGE_TYPES = ("comment", "note", "quick_reply")


def reply(
    db: Session, *, workspace: WorkspaceInfo, ticket_id: str, data: TicketReply, now: int
) -> ConversationPart:
    """``POST /tickets/{id}/reply``: the new part."""
    if data.type == "admin":
        if data.message_type not in ADMIN_MESSAGE_TYPES:
            raise ParameterInvalid(
                "message_type must be one of comment, note, quick_reply", field="message_type"
            )
        options = None
        if data.message_type == "quick_reply":
            if not data.reply_options:
                raise ParameterNotFound(
                    "reply_options is a required parameter.", field="reply_options"
                )
            options = [{"text": o.text, "uuid": o.uuid} for o in data.reply_options]
        author = conversations.admin_author(db, workspace_id=workspace.id, admin_id=data.admin_id)
        view = get(db, workspace=workspace, ticket_id=ticket_id, now=now)
        return conversations.admin_reply_part(
            db,
            view.conversation,
            author=author,
            message_type=data.message_type,
            body=data.body,
            at=data.created_at if data.created_at is not None else now,
            now=now,
            attachment_urls=data.attachment_urls,
            reply_options=options,
        )
    if data.type not in ("user", "lead", "contact"):
        raise ParameterInvalid("type must be one of admin, user", field="type")
    if data.message_type != "comment":
        raise ParameterInvalid("message_type must be comment", field="message_type")
    if not (data.intercom_user_id or data.user_id or data.email):
        raise ParameterNotFound(
            "intercom_user_id, user_id or email is a required parameter.",
            field="intercom_user_id",
        )
    body = plain_to_html(conversations.require_body(data.body))
    contact = contacts.find(
        db,
        workspace_id=workspace.id,
        id=data.intercom_user_id,
        external_id=data.user_id,
        email=data.email,
    )
    if contact is None:
        raise NotFound("User Not Found")
    view = get(db, workspace=workspace, ticket_id=ticket_id, now=now)
    if view.ticket.category == "Back-office":
        raise ContactReplyNotAllowed()
    return conversations.contact_reply_part(
        db,
        view.conversation,
        contact=contact,
        body_html=body,
        now=now,
        attachment_urls=data.attachment_urls,
        open_part=False,
    )


def move_opening_part(db: Session, view: TicketView, *, at: int) -> ConversationPart:
    """Replace a new ticket's opening ``submitted`` part by the same part dated ``at`` and
    stored after every part added since: a ticket converted from a conversation gets the
    conversation's history before it (:mod:`backchannel.resources.tickets.convert`)."""
    conversation = view.conversation
    opening = db.execute(
        select(ConversationPart)
        .where(
            ConversationPart.conversation_id == conversation.id,
            ConversationPart.part_type == STATE_PART,
        )
        .order_by(ConversationPart.id)
        .limit(1)
    ).scalar_one()
    author = Author(
        opening.author_type, opening.author_id, opening.author_name, opening.author_email
    )
    previous, state = opening.previous_ticket_state, opening.ticket_state
    db.delete(opening)
    db.flush()
    return _state_part(
        db, conversation, author, previous or "submitted", state or view.ticket.state, at
    )
