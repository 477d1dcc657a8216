"""Request bodies and query strings of the conversation operations.

Required keys whose absence has its own Intercom message (a reply's ``body``, an action's
``admin_id``) are optional here and checked by the service, so ``null``, blank and missing
get the same answer.
"""

from __future__ import annotations

from typing import Annotated, Any

import msgspec
from msgspec import Meta

__all__ = [
    "MAX_ATTACHMENTS",
    "MAX_BODY_LENGTH",
    "AttachmentFile",
    "ConversationCreate",
    "ConversationListQuery",
    "ConversationManage",
    "ConversationReply",
    "ConversationRetrieveQuery",
    "ConversationUpdate",
    "CustomerAttach",
    "CustomerDetach",
    "CustomerRef",
    "Participant",
    "Redaction",
]

MAX_BODY_LENGTH = 65_536
MAX_ATTACHMENTS = 10

Body = Annotated[str, Meta(max_length=MAX_BODY_LENGTH)]
Short = Annotated[str, Meta(max_length=255)]
Url = Annotated[str, Meta(max_length=2048)]
IdRef = int | Annotated[str, Meta(max_length=64)]
Timestamp = Annotated[int, Meta(ge=0, le=253_402_300_799)]  # up to the year 9999


class Participant(msgspec.Struct, forbid_unknown_fields=True):
    """``from`` of a contact-initiated conversation: a contact by Intercom id, or a visitor
    (``type: contact``) by ``id`` or ``user_id``."""

    type: Short
    id: Short | None = None
    user_id: Short | None = None


class ConversationCreate(msgspec.Struct, forbid_unknown_fields=True):
    """``create_conversation_request``."""

    from_: Participant = msgspec.field(name="from")
    body: Body | None = None
    subject: Short | None = None
    attachment_urls: Annotated[list[Url], Meta(max_length=MAX_ATTACHMENTS)] | None = None
    created_at: Timestamp | None = None


class AttachmentFile(msgspec.Struct, forbid_unknown_fields=True):
    """``conversation_attachment_files``: a file sent inline, base64-encoded."""

    content_type: Short
    data: Annotated[str, Meta(max_length=14_000_000)]
    name: Short


class ConversationReply(msgspec.Struct, forbid_unknown_fields=True):
    """``reply_conversation_request``: an admin reply or a contact reply, told apart by
    ``type``."""

    type: Short
    message_type: Short
    body: Body | None = None
    admin_id: IdRef | None = None
    created_at: Timestamp | None = None
    intercom_user_id: Short | None = None
    user_id: Short | None = None
    email: Short | None = None
    attachment_urls: Annotated[list[Url], Meta(max_length=MAX_ATTACHMENTS)] | None = None
    attachment_files: Annotated[list[AttachmentFile], Meta(max_length=MAX_ATTACHMENTS)] | None = (
        None
    )


class ConversationManage(msgspec.Struct, forbid_unknown_fields=True):
    """``POST /conversations/{id}/parts``: close, snoozed, open or assignment."""

    message_type: Short
    type: Short | None = None
    admin_id: IdRef | None = None
    body: Body | None = None
    snoozed_until: Timestamp | None = None
    assignee_id: IdRef | None = None


class ConversationUpdate(msgspec.Struct, forbid_unknown_fields=True):
    """``update_conversation_request``: the read flag and custom attributes."""

    read: bool | None = None
    custom_attributes: dict[str, Any] | None = None


class ConversationListQuery(msgspec.Struct):
    """``GET /conversations``: cursor paging."""

    per_page: int | None = None
    starting_after: str | None = None
    display_as: str | None = None


class ConversationRetrieveQuery(msgspec.Struct):
    """``GET``/``PUT /conversations/{id}``: ``display_as=plaintext`` strips HTML."""

    display_as: str | None = None


class CustomerRef(msgspec.Struct, forbid_unknown_fields=True):
    """A contact named by Intercom id, external ``user_id`` or email."""

    intercom_user_id: Short | None = None
    user_id: Short | None = None
    email: Short | None = None
    customer: dict[str, Any] | None = None


class CustomerAttach(msgspec.Struct, forbid_unknown_fields=True):
    """``attach_contact_to_conversation_request``."""

    admin_id: IdRef | None = None
    customer: CustomerRef | None = None


class CustomerDetach(msgspec.Struct, forbid_unknown_fields=True):
    """``detach_contact_from_conversation_request``. The recorded requests also repeat the
    contact as ``customer``; the path decides which contact goes."""

    admin_id: IdRef | None = None
    customer: CustomerRef | None = None


class Redaction(msgspec.Struct, forbid_unknown_fields=True):
    """``redact_conversation_request``: a part or the source."""

    type: Short
    conversation_id: IdRef | None = None
    conversation_part_id: IdRef | None = None
    source_id: IdRef | None = None
