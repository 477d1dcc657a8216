"""Group conversations: adding and removing contacts (BEHAVIOR.md §6.6 "Participants").

An admin adds a contact named by Intercom id, ``user_id`` or email; an email nobody has yet
makes a new lead. Each change adds a ``participant_added`` or ``participant_removed`` part by
that admin. The last contact cannot be removed (422). Both operations answer with the
participants as the recorded API does: ``{"customers": [{"type", "id"}]}`` (§9.11).
"""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from backchannel.core.auth import WorkspaceInfo
from backchannel.core.errors import ApiError, NotFound, ParameterNotFound
from backchannel.core.ids import IdFactory
from backchannel.db.tables import Contact, Conversation, ConversationContact
from backchannel.resources.contacts import service as contacts
from backchannel.resources.contacts.schemas import ContactCreate
from backchannel.resources.conversations import service
from backchannel.resources.conversations.schemas import CustomerAttach, CustomerDetach

__all__ = ["LastCustomer", "attach", "customers", "detach"]


class LastCustomer(ApiError):
    status = 422
    code = "parameter_invalid"
    default_message = "Removing the last customer is not allowed"


def customers(db: Session, conversation: Conversation) -> list[Contact]:
    """The conversation's contacts, in the order they joined."""
    stmt = (
        select(Contact)
        .join(ConversationContact, ConversationContact.contact_id == Contact.id)
        .where(ConversationContact.conversation_id == conversation.id)
        .order_by(ConversationContact.position, ConversationContact.added_at)
    )
    return list(db.execute(stmt).scalars())


def attach(
    db: Session,
    *,
    workspace: WorkspaceInfo,
    conversation_id: str,
    data: CustomerAttach,
    now: int,
    ids: IdFactory,
) -> Conversation:
    """``POST /conversations/{id}/customers``; adding a contact already there changes
    nothing."""
    author = service.admin_author(db, workspace_id=workspace.id, admin_id=data.admin_id)
    ref = data.customer
    if ref is None or not (ref.intercom_user_id or ref.user_id or ref.email):
        raise ParameterNotFound("customer is a required parameter.", field="customer")
    conversation = service.get(db, workspace=workspace, conversation_id=conversation_id, now=now)
    contact = service.find_customer(db, workspace_id=workspace.id, ref=ref)
    if contact is None and ref.email and not (ref.intercom_user_id or ref.user_id):
        contact = contacts.create(
            db,
            workspace_id=workspace.id,
            data=ContactCreate(role="lead", email=ref.email),
            now=now,
            ids=ids,
        )
    if contact is None:
        raise NotFound("User Not Found")
    if service.add_participant(db, conversation, contact.id, now):
        service.add_part(db, conversation, part_type="participant_added", author=author, at=now)
        service.refresh(db, conversation, now)
    return conversation


def detach(
    db: Session,
    *,
    workspace: WorkspaceInfo,
    conversation_id: str,
    contact_id: str,
    data: CustomerDetach,
    now: int,
) -> Conversation:
    """``DELETE /conversations/{id}/customers/{contact_id}``."""
    author = service.admin_author(db, workspace_id=workspace.id, admin_id=data.admin_id)
    conversation = service.get(db, workspace=workspace, conversation_id=conversation_id, now=now)
    present = [contact.id for contact in customers(db, conversation)]
    if contact_id not in present:
        raise NotFound("User Not Found")
    if len(present) == 1:
        raise LastCustomer()
    db.execute(
        delete(ConversationContact).where(
            ConversationContact.conversation_id == conversation.id,
            ConversationContact.contact_id == contact_id,
        )
    )
    service.add_part(db, conversation, part_type="participant_removed", author=author, at=now)
    service.refresh(db, conversation, now)
    return conversation
