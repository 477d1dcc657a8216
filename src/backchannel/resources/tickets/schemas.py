"""Request bodies of the ticket operations."""

from __future__ import annotations

from typing import Annotated, Any

import msgspec
from msgspec import Meta

from backchannel.resources.conversations.schemas import (
    MAX_ATTACHMENTS,
    Body,
    IdRef,
    Short,
    Timestamp,
    Url,
)

__all__ = [
    "ReplyOption",
    "TicketAssignment",
    "TicketContact",
    "TicketConvert",
    "TicketCreate",
    "TicketReply",
    "TicketUpdate",
]


class TicketContact(msgspec.Struct, forbid_unknown_fields=True):
    """One contact of ``create_ticket_request``: by Intercom ``id``, ``external_id`` or email."""

    id: Short | None = None
    external_id: Short | None = None
    email: Short | None = None


class TicketCreate(msgspec.Struct, forbid_unknown_fields=True):
    """``create_ticket_request``."""

    ticket_type_id: IdRef | None = None
    contacts: Annotated[list[TicketContact], Meta(max_length=10)] | None = None
    company_id: Short | None = None
    ticket_attributes: dict[str, Any] | None = None
    created_at: Timestamp | None = None


class TicketAssignment(msgspec.Struct, forbid_unknown_fields=True):
    """``update_ticket_request.assignment``: who assigns, and the admin or team assigned."""

    admin_id: IdRef | None = None
    assignee_id: IdRef | None = None


class TicketUpdate(msgspec.Struct, forbid_unknown_fields=True):
    """``update_ticket_request``."""

    ticket_attributes: dict[str, Any] | None = None
    state: Short | None = None
    open: bool | None = None
    is_shared: bool | None = None
    snoozed_until: Timestamp | None = None
    assignment: TicketAssignment | None = None


class ReplyOption(msgspec.Struct, forbid_unknown_fields=True):
    """One button of a quick reply."""

    text: Short
    uuid: Short


class TicketReply(msgspec.Struct, forbid_unknown_fields=True):
    """``POST /tickets/{id}/reply``: an admin reply or a contact reply, by ``type``."""

    type: Short
    message_type: Short
    body: Body | None = None
    admin_id: IdRef | None = None
    created_at: Timestamp | None = None
    intercom_user_id: Short | None = None
    user_id: Short | None = None
    email: Short | None = None
    attachment_urls: Annotated[list[Url], Meta(max_length=MAX_ATTACHMENTS)] | None = None
    reply_options: Annotated[list[ReplyOption], Meta(max_length=10)] | None = None
    cross_post: bool | None = None


class TicketConvert(msgspec.Struct, forbid_unknown_fields=True):
    """``convert_conversation_to_ticket_request``."""

    ticket_type_id: IdRef | None = None
    attributes: dict[str, Any] | None = None
