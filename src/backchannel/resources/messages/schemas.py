"""The request body of ``POST /messages``.

``create_message_request`` in 2.10, plus what clients really send: ``to.user_id`` and
``to.email`` (a recorded example names the contact by ``user_id``), the 2.14 ``created_at``
the SDKs send, and the legacy contact-initiated form (``from`` a user or lead, no ``to``,
with the ``referer`` the recorded examples carry). ``body`` and ``subject`` are optional here
and checked by the service, so that ``null``, blank and missing get the same answer.
"""

from __future__ import annotations

from typing import Annotated

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

__all__ = ["MessageCreate", "MessageRecipient", "MessageSender"]


class MessageSender(msgspec.Struct, forbid_unknown_fields=True):
    """``from``: an admin by id (int or digit string), or, in the legacy form, the contact
    (``user``/``lead``) or visitor (``contact``) starting a conversation."""

    type: Short
    id: IdRef | None = None
    user_id: Short | None = None


class MessageRecipient(msgspec.Struct, forbid_unknown_fields=True):
    """``to``: a user or lead by Intercom ``id``, external ``user_id`` or ``email``."""

    type: Short
    id: Short | None = None
    user_id: Short | None = None
    email: Short | None = None


class MessageCreate(msgspec.Struct, forbid_unknown_fields=True):
    """``create_message_request``; ``from`` defaults to the calling admin."""

    from_: MessageSender | None = msgspec.field(default=None, name="from")
    to: MessageRecipient | None = None
    message_type: Short | None = None
    subject: Short | None = None
    body: Body | None = None
    template: Short | None = None
    create_conversation_without_contact_reply: bool | None = None
    created_at: Timestamp | None = None
    attachment_urls: Annotated[list[Url], Meta(max_length=MAX_ATTACHMENTS)] | None = None
    referer: Annotated[str, Meta(max_length=2048)] | None = None
