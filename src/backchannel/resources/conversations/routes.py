"""Conversation operations: one thin handler per operationId."""

from __future__ import annotations

from typing import Any

from backchannel.core.errors import ParameterInvalid
from backchannel.core.http import Context, Operation
from backchannel.core.pagination import CursorPage
from backchannel.db.tables import Conversation
from backchannel.resources.conversations import assignment, participants, search, service
from backchannel.resources.conversations.schemas import (
    ConversationCreate,
    ConversationListQuery,
    ConversationManage,
    ConversationReply,
    ConversationRetrieveQuery,
    ConversationUpdate,
    CustomerAttach,
    CustomerDetach,
    Redaction,
)
from backchannel.resources.conversations.serializers import (
    conversation_list_to_api,
    conversation_to_api,
    load_related,
    user_message_to_api,
)

__all__ = ["OPERATIONS", "one", "page_of", "wake_due"]


def plaintext(display_as: str | None) -> bool:
    """``display_as``: ``plaintext`` strips HTML; anything else but ``html`` is refused."""
    if display_as in (None, "", "html"):
        return False
    if display_as == "plaintext":
        return True
    raise ParameterInvalid("display_as must be plaintext or html", field="display_as")


def wake_due(ctx: Context) -> None:
    """Before a list or search: wake conversations whose snooze has run out (a write, so a
    session is opened only when there is something to wake)."""
    now = ctx.now()
    if service.has_due(ctx.reader, workspace_id=ctx.workspace_id, now=now):
        service.wake_due(ctx.db, workspace=ctx.workspace, now=now)


def one(ctx: Context, conversation: Any, *, as_text: bool = False) -> dict[str, Any]:
    """A conversation (entity or row) with its parts, as single-conversation operations
    return it."""
    related = load_related(
        ctx.reader, workspace_id=ctx.workspace_id, conversation_ids=[conversation.id]
    )
    parts = service.parts_of(ctx.reader, conversation.id)
    return conversation_to_api(conversation, related, parts=parts, plaintext=as_text)


def page_of(ctx: Context, page: CursorPage[Any], *, as_text: bool = False) -> dict[str, Any]:
    """A page of conversations (list items, no parts)."""
    ids = [row.id for row in page.items]
    related = load_related(ctx.reader, workspace_id=ctx.workspace_id, conversation_ids=ids)
    return conversation_list_to_api(page, related, plaintext=as_text)


def create_conversation(ctx: Context, *, body: ConversationCreate) -> dict[str, Any]:
    conversation = service.create(
        ctx.db, workspace_id=ctx.workspace_id, data=body, now=ctx.now(), ids=ctx.ids
    )
    return user_message_to_api(conversation)


def list_conversations(ctx: Context, *, query: ConversationListQuery) -> dict[str, Any]:
    as_text = plaintext(query.display_as)
    wake_due(ctx)
    page = service.list_page(
        ctx.reader,
        workspace_id=ctx.workspace_id,
        per_page=query.per_page,
        starting_after=query.starting_after,
    )
    return page_of(ctx, page, as_text=as_text)


def retrieve_conversation(
    ctx: Context, id: str, *, query: ConversationRetrieveQuery
) -> dict[str, Any]:
    as_text = plaintext(query.display_as)
    now = ctx.now()
    conversation = service.read(ctx.reader, workspace_id=ctx.workspace_id, conversation_id=id)
    if service.snooze_ran_out(conversation, now):
        conversation = service.get(ctx.db, workspace=ctx.workspace, conversation_id=id, now=now)
    return one(ctx, conversation, as_text=as_text)


def update_conversation(
    ctx: Context, id: str, *, body: ConversationUpdate, query: ConversationRetrieveQuery
) -> dict[str, Any]:
    as_text = plaintext(query.display_as)
    conversation = service.update(
        ctx.db, workspace=ctx.workspace, conversation_id=id, data=body, now=ctx.now()
    )
    return one(ctx, conversation, as_text=as_text)


def reply_conversation(ctx: Context, id: str, *, body: ConversationReply) -> dict[str, Any]:
    conversation = service.reply(
        ctx.db, workspace=ctx.workspace, conversation_id=id, data=body, now=ctx.now()
    )
    return one(ctx, conversation)


def manage_conversation(ctx: Context, id: str, *, body: ConversationManage) -> dict[str, Any]:
    conversation = service.manage(
        ctx.db, workspace=ctx.workspace, conversation_id=id, data=body, now=ctx.now()
    )
    return one(ctx, conversation)


def redact_conversation(ctx: Context, *, body: Redaction) -> dict[str, Any]:
    conversation = service.redact(ctx.db, workspace=ctx.workspace, data=body, now=ctx.now())
    return one(ctx, conversation)


def _customers(ctx: Context, conversation: Conversation) -> dict[str, Any]:
    """The participants, in the recorded shape of the participant operations (§9.11)."""
    return {
        "customers": [
            {"type": contact.role, "id": contact.id}
            for contact in participants.customers(ctx.db, conversation)
        ]
    }


def attach_contact_to_conversation(
    ctx: Context, id: str, *, body: CustomerAttach
) -> dict[str, Any]:
    conversation = participants.attach(
        ctx.db, workspace=ctx.workspace, conversation_id=id, data=body, now=ctx.now(), ids=ctx.ids
    )
    return _customers(ctx, conversation)


def detach_contact_from_conversation(
    ctx: Context, conversation_id: str, contact_id: str, *, body: CustomerDetach
) -> dict[str, Any]:
    conversation = participants.detach(
        ctx.db,
        workspace=ctx.workspace,
        conversation_id=conversation_id,
        contact_id=contact_id,
        data=body,
        now=ctx.now(),
    )
    return _customers(ctx, conversation)


def search_conversations(ctx: Context, *, body: dict[str, Any]) -> dict[str, Any]:
    wake_due(ctx)
    page = search.search(ctx.reader, workspace=ctx.workspace, request=body, now=ctx.now())
    return page_of(ctx, page)


def auto_assign_conversation(ctx: Context, id: str) -> dict[str, Any]:
    conversation = assignment.run_rules(
        ctx.db, workspace=ctx.workspace, conversation_id=id, now=ctx.now()
    )
    return one(ctx, conversation)


OPERATIONS = [
    Operation(
        "GET", "/conversations", list_conversations, "listConversations",
        query=ConversationListQuery,
    ),
    Operation(
        "POST", "/conversations", create_conversation, "createConversation",
        body=ConversationCreate,
    ),
    Operation(
        "GET", "/conversations/{id}", retrieve_conversation, "retrieveConversation",
        query=ConversationRetrieveQuery,
    ),
    Operation(
        "PUT", "/conversations/{id}", update_conversation, "updateConversation",
        body=ConversationUpdate, query=ConversationRetrieveQuery,
    ),
    Operation(
        "POST", "/conversations/{id}/reply", reply_conversation, "replyConversation",
        body=ConversationReply,
    ),
    Operation(
        "POST", "/conversations/{id}/parts", manage_conversation, "manageConversation",
        body=ConversationManage,
    ),
    Operation(
        "POST", "/conversations/redact", redact_conversation, "redactConversation",
        body=Redaction,
    ),
    Operation(
        "POST", "/conversations/{id}/customers", attach_contact_to_conversation,
        "attachContactToConversation", body=CustomerAttach,
    ),
    Operation(
        "DELETE", "/conversations/{conversation_id}/customers/{contact_id}",
        detach_contact_from_conversation, "detachContactFromConversation", body=CustomerDetach,
    ),
    Operation(
        "POST", "/conversations/search", search_conversations, "searchConversations",
        body=dict[str, Any],
    ),
    Operation(
        "POST", "/conversations/{id}/run_assignment_rules", auto_assign_conversation,
        "autoAssignConversation",
    ),
]  # fmt: skip
