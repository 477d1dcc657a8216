"""``POST /messages`` rules (BEHAVIOR.md §6.7).

An admin message is stored as a conversation whose source is the message
(:func:`backchannel.resources.conversations.service.start`): ``delivered_as:
admin_initiated``, the admin as author and the recipient as participant. Nobody sees it in
the inbox (retrieve, list, search) until the contact replies, unless
``create_conversation_without_contact_reply`` puts it there at once.

The legacy contact-initiated form (``from`` a user, lead or visitor, no ``to``) is
``POST /conversations`` under another path, and goes through the same service.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from backchannel.core.errors import ApiError, NotFound, ParameterInvalid, ParameterNotFound
from backchannel.core.html import normalize_body
from backchannel.core.ids import IdFactory
from backchannel.db.tables import Admin, Contact, Conversation
from backchannel.resources.contacts import service as contacts
from backchannel.resources.conversations import service as conversations
from backchannel.resources.conversations.attachments import from_urls
from backchannel.resources.conversations.schemas import ConversationCreate, Participant
from backchannel.resources.messages.schemas import MessageCreate, MessageRecipient, MessageSender

__all__ = [
    "CONTACT_SENDERS",
    "IN_APP_TYPES",
    "TEMPLATES",
    "AdminMessage",
    "SubjectRequired",
    "create",
]

IN_APP_TYPES = ("in_app", "inapp", "conversation")
"""Every spelling of an in-app message: the 2.10 enum's, the SDKs' and a recorded example's."""
TEMPLATES = ("plain", "personal")
CONTACT_SENDERS = ("user", "lead", "contact")
"""``from.type`` values of the legacy contact-initiated form."""


class SubjectRequired(ApiError):
    """An email message without a subject (the recorded 422)."""

    status = 422
    code = "parameter_not_found"
    default_message = "No subject supplied for email message"


@dataclass(frozen=True, slots=True)
class AdminMessage:
    """A stored admin message: its conversation and the admin who sent it."""

    conversation: Conversation
    owner: Admin


def create(
    db: Session,
    *,
    workspace_id: int,
    data: MessageCreate,
    default_admin_id: int,
    now: int,
    ids: IdFactory,
) -> AdminMessage | Conversation:
    """``POST /messages``: an :class:`AdminMessage`, or for the legacy form the contact's new
    conversation."""
    sender = data.from_
    if sender is not None and sender.type in CONTACT_SENDERS:
        return _from_contact(
            db, workspace_id=workspace_id, sender=sender, data=data, now=now, ids=ids
        )
    return _from_admin(
        db,
        workspace_id=workspace_id,
        data=data,
        default_admin_id=default_admin_id,
        now=now,
        ids=ids,
    )


def _from_contact(
    db: Session,
    *,
    workspace_id: int,
    sender: MessageSender,
    data: MessageCreate,
    now: int,
    ids: IdFactory,
) -> Conversation:
    """The legacy form: exactly ``POST /conversations``."""
    if data.to is not None:
        raise ParameterInvalid("to is only accepted when an admin sends the message", field="to")
    if data.message_type is not None and data.message_type not in IN_APP_TYPES:
        raise ParameterInvalid("A contact can only send an in-app message", field="message_type")
    request = ConversationCreate(
        from_=Participant(
            type=sender.type,
            id=None if sender.id is None else str(sender.id),
            user_id=sender.user_id,
        ),
        body=data.body,
        subject=data.subject,
        attachment_urls=data.attachment_urls,
        created_at=data.created_at,
    )
    return conversations.create(db, workspace_id=workspace_id, data=request, now=now, ids=ids)


def _message_type(value: str | None) -> str:
    """``inapp`` or ``email``; a missing type is in-app."""
    if value is None or value in IN_APP_TYPES:
        return "inapp"
    if value == "email":
        return "email"
    raise ParameterInvalid("message_type must be one of in_app, email", field="message_type")


def _template(value: str | None, message_type: str) -> str | None:
    """The email template (``plain`` unless told); in-app messages keep one only if given."""
    if value is None or value == "":
        return "plain" if message_type == "email" else None
    if value not in TEMPLATES:
        raise ParameterInvalid("template must be one of plain, personal", field="template")
    return value


def _recipient(db: Session, workspace_id: int, to: MessageRecipient | None) -> Contact:
    if to is None:
        raise ParameterNotFound("to is a required parameter.", field="to")
    if to.type not in ("user", "lead"):
        raise ParameterInvalid("to.type must be one of user, lead", field="to.type")
    if not (to.id or to.user_id or to.email):
        raise ParameterNotFound("to.id is a required parameter.", field="to.id")
    contact = contacts.find(
        db, workspace_id=workspace_id, id=to.id, external_id=to.user_id, email=to.email
    )
    if contact is None:
        raise NotFound("User Not Found")
    return contact


def _from_admin(
    db: Session,
    *,
    workspace_id: int,
    data: MessageCreate,
    default_admin_id: int,
    now: int,
    ids: IdFactory,
) -> AdminMessage:
    sender = data.from_
    if sender is not None and sender.type != "admin":
        raise ParameterInvalid("from.type must be one of admin, user, lead", field="from.type")
    if sender is not None and sender.id in (None, ""):
        raise ParameterNotFound("from.id is a required parameter.", field="from.id")
    admin_id = default_admin_id if sender is None else sender.id
    message_type = _message_type(data.message_type)
    template = _template(data.template, message_type)
    if data.body is None or not data.body.strip():
        raise ParameterInvalid("Body is required", field="body")
    subject = data.subject or ""
    if message_type == "email" and not subject.strip():
        raise SubjectRequired()
    if data.created_at is not None and data.created_at > now:
        raise ParameterInvalid("created_at must not be in the future", field="created_at")
    attachments = from_urls(data.attachment_urls)
    author = conversations.admin_author(db, workspace_id=workspace_id, admin_id=admin_id)
    contact = _recipient(db, workspace_id, data.to)
    created_at = data.created_at if data.created_at is not None else now
    conversation = conversations.start(
        db,
        workspace_id=workspace_id,
        author=author,
        contact=contact,
        body_html=normalize_body(data.body),
        now=created_at,
        ids=ids,
        delivered_as="admin_initiated",
        source_type="email" if message_type == "email" else "conversation",
        subject=subject,
        attachments=attachments,
        message_type=message_type,
        template=template,
        in_inbox=bool(data.create_conversation_without_contact_reply),
    )
    owner = db.get(Admin, int(author.id))  # loaded by admin_author: no second query
    assert owner is not None
    return AdminMessage(conversation, owner)
