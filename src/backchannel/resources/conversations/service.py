"""Conversation rules: who may write, which part each action adds, and the state machine.

Every change adds one or more :class:`ConversationPart` rows and then calls :func:`refresh`,
which replays the parts to recompute ``waiting_since`` and the statistics
(:mod:`~backchannel.resources.conversations.statistics`). State follows BEHAVIOR.md §6.6:

* ``open``: ``open: true``; ``snoozed``: ``open: true`` with ``snoozed_until``; ``closed``:
  ``open: false``.
* A contact reply to a closed conversation reopens it with an ``open`` part carrying the
  reply; a contact reply to a snoozed one wakes it. Assigning a closed conversation adds
  ``assign_and_reopen`` and reopens it.
* A snooze that has run out wakes the conversation with an ``unsnoozed`` part by the
  Operator bot, dated ``snoozed_until``; this happens the first time anything reads or
  writes the conversation at or after that time (:func:`wake_due`).

Conversations an admin started with ``POST /messages`` are stored with ``in_inbox`` false
until the contact replies (or at once when asked to), and are invisible until then.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Select, bindparam, exists, select
from sqlalchemy.orm import Session

from backchannel.core.auth import WorkspaceInfo
from backchannel.core.errors import NotFound, ParameterInvalid, ParameterNotFound
from backchannel.core.html import normalize_body, plain_to_html, words
from backchannel.core.ids import IdFactory, parse_numeric_id
from backchannel.core.pagination import CursorPage, SortKey, clamp_per_page, cursor_page
from backchannel.db.tables import Contact, Conversation, ConversationContact
from backchannel.db.tables import ConversationPart as Part
from backchannel.resources.admins.service import AdminNotFound, get_admin
from backchannel.resources.contacts import service as contacts
from backchannel.resources.conversations.attachments import from_urls, refuse_files
from backchannel.resources.conversations.schemas import (
    ConversationCreate,
    ConversationManage,
    ConversationReply,
    ConversationUpdate,
    CustomerRef,
    Redaction,
)
from backchannel.resources.conversations.statistics import CONTACT_AUTHORS, derive
from backchannel.resources.data_attributes.service import merge_custom_attributes
from backchannel.resources.teams.service import TeamNotFound, get_team
from backchannel.resources.visitors import service as visitors

__all__ = [
    "CONVERSATION",
    "LIST_DEFAULT_PER_PAGE",
    "LIST_ORDER",
    "OPERATOR_ID_BASE",
    "Author",
    "ConversationNotFound",
    "add_part",
    "admin_author",
    "admin_reply_part",
    "contact_author",
    "contact_reply_part",
    "create",
    "find_customer",
    "get",
    "list_page",
    "live",
    "manage",
    "operator",
    "read",
    "redact",
    "refresh",
    "reply",
    "require_body",
    "resolve_assignee",
    "set_state",
    "snooze_ran_out",
    "start",
    "stored",
    "update",
    "wake",
    "wake_due",
]

LIST_DEFAULT_PER_PAGE = 20
CONVERSATION = "conversation"
"""``Conversation.kind`` of a conversation (the other kind is ``ticket``)."""
OPERATOR_ID_BASE = 900_000_000
"""The Operator bot of workspace ``n`` has id ``OPERATOR_ID_BASE + n``: numeric like every
author id, and outside the range admin ids reach."""

_TABLE = Conversation.__table__


class ConversationNotFound(NotFound):
    default_message = "Resource Not Found"


@dataclass(frozen=True, slots=True)
class Author:
    """Who wrote a part: ``type`` is admin, user, lead or bot."""

    type: str
    id: str
    name: str | None
    email: str | None


def operator(workspace: WorkspaceInfo) -> Author:
    """The workspace's Operator bot, author of system parts."""
    return Author(
        "bot",
        str(OPERATOR_ID_BASE + workspace.id),
        "Operator",
        f"operator+{workspace.id_code}@intercom.io",
    )


def admin_author(db: Session, *, workspace_id: int, admin_id: object) -> Author:
    """The admin ``admin_id`` as an author; a missing one is 400, an unknown one 404."""
    if admin_id is None or admin_id == "":
        raise ParameterNotFound("admin_id is a required parameter.", field="admin_id")
    admin = get_admin(db, workspace_id=workspace_id, admin_id=admin_id).admin
    return Author("admin", str(admin.id), admin.name, admin.email)


def contact_author(contact: Contact) -> Author:
    return Author(contact.role, contact.id, contact.name, contact.email)


# Reading ---------------------------------------------------------------------------------


def live(workspace_id: int) -> Select[Any]:
    """Rows of the conversations a client can see (those in the inbox)."""
    return select(_TABLE).where(
        _TABLE.c.workspace_id == workspace_id,
        _TABLE.c.kind == CONVERSATION,
        _TABLE.c.in_inbox,
    )


LIST_ORDER: Sequence[SortKey] = (
    SortKey(_TABLE.c.created_at, True, lambda row: row.created_at),
    SortKey(_TABLE.c.id, True, lambda row: row.id),
)
"""Lists without a sort: newest first, ties broken by id."""


def stored(
    db: Session, workspace_id: int, conversation_id: object, kind: str = "conversation"
) -> Conversation | None:
    """A conversation (or ticket) loaded for a write, or ``None``.

    The row is locked (``FOR UPDATE`` on PostgreSQL; SQLite write transactions are already
    exclusive) until the request commits: writes to one conversation take turns, so each
    recomputes its statistics from every part committed before it, none lost.
    """
    number = parse_numeric_id(conversation_id)
    conversation = None
    if number is not None:
        conversation = db.get(Conversation, number, with_for_update=True)
    if conversation is None or conversation.workspace_id != workspace_id:
        return None
    return conversation if conversation.kind == kind else None


_READ_ONE = select(_TABLE).where(
    _TABLE.c.workspace_id == bindparam("workspace_id"),
    _TABLE.c.id == bindparam("conversation_id"),
    _TABLE.c.kind == CONVERSATION,
    _TABLE.c.in_inbox,
)


def read(db: Session | Connection, *, workspace_id: int, conversation_id: object) -> Any:
    """A visible conversation's row, for display (a plain read, no waking); 404 ``Resource
    Not Found`` otherwise."""
    number = parse_numeric_id(conversation_id)
    row = None
    if number is not None:
        params = {"workspace_id": workspace_id, "conversation_id": number}
        row = db.execute(_READ_ONE, params).first()
    if row is None:
        raise ConversationNotFound()
    return row


def snooze_ran_out(conversation: Any, now: int) -> bool:
    """Whether a snoozed conversation's time has come (it must be woken before showing)."""
    until = conversation.snoozed_until
    return conversation.state == "snoozed" and until is not None and until <= now


def get(
    db: Session, *, workspace: WorkspaceInfo, conversation_id: object, now: int
) -> Conversation:
    """A visible conversation, woken first if its snooze has run out; 404 ``Resource Not
    Found`` otherwise."""
    conversation = stored(db, workspace.id, conversation_id)
    if conversation is None or not conversation.in_inbox:
        raise ConversationNotFound()
    wake(db, workspace, conversation, now)
    return conversation


def list_page(
    db: Session | Connection,
    *,
    workspace_id: int,
    per_page: int | None,
    starting_after: str | None,
) -> CursorPage[Any]:
    """``GET /conversations``: visible conversations, newest first, keyset-paged."""
    return cursor_page(
        db,
        live(workspace_id),
        order=LIST_ORDER,
        per_page=clamp_per_page(per_page, LIST_DEFAULT_PER_PAGE),
        starting_after=starting_after,
        query_print="conversations",
        rows=True,
    )


def has_due(db: Session | Connection, *, workspace_id: int, now: int) -> bool:
    """Whether any conversation of the workspace has a snooze that ran out."""
    stmt = select(
        exists().where(
            _TABLE.c.workspace_id == workspace_id,
            _TABLE.c.state == "snoozed",
            _TABLE.c.snoozed_until <= now,
        )
    )
    return bool(db.execute(stmt).scalar())


def wake_due(db: Session, *, workspace: WorkspaceInfo, now: int) -> None:
    """Wake every conversation of the workspace whose snooze has run out.

    The rows are locked like :func:`stored` does, so two requests never wake one twice.
    """
    due = db.execute(
        select(Conversation)
        .where(
            Conversation.workspace_id == workspace.id,
            Conversation.state == "snoozed",
            Conversation.snoozed_until <= now,
        )
        .order_by(Conversation.id)
        .with_for_update()
    ).scalars()
    for conversation in list(due):
        wake(db, workspace, conversation, now)


def wake(db: Session, workspace: WorkspaceInfo, conversation: Conversation, now: int) -> None:
    """Wake ``conversation`` with an ``unsnoozed`` part if its snooze has run out."""
    until = conversation.snoozed_until
    if until is None or not snooze_ran_out(conversation, now):
        return
    add_part(db, conversation, part_type="unsnoozed", author=operator(workspace), at=until)
    set_state(conversation, "open")
    refresh(db, conversation, until)


# Writing ---------------------------------------------------------------------------------


def add_part(
    db: Session,
    conversation: Conversation,
    *,
    part_type: str,
    author: Author,
    at: int,
    body: str | None = None,
    assigned_to: tuple[str, str | None] | None = None,
    attachments: list[dict[str, Any]] | None = None,
    reply_options: list[dict[str, Any]] | None = None,
) -> Part:
    """Append one part; ``body`` is stored as given (already HTML)."""
    part = Part(
        conversation_id=conversation.id,
        part_type=part_type,
        body=body,
        created_at=at,
        updated_at=at,
        notified_at=at,
        assigned_to_type=assigned_to[0] if assigned_to else None,
        assigned_to_id=assigned_to[1] if assigned_to else None,
        author_type=author.type,
        author_id=author.id,
        author_name=author.name,
        author_email=author.email,
        attachments=attachments or [],
        reply_options=reply_options,
        redacted=False,
    )
    db.add(part)
    db.flush()
    return part


def parts_of(db: Session | Connection, conversation_id: int) -> list[Any]:
    """Every part of a conversation, in the order they happened."""
    stmt = (
        select(Part.__table__)
        .where(Part.__table__.c.conversation_id == conversation_id)
        .order_by(Part.__table__.c.created_at, Part.__table__.c.id)
    )
    return list(db.execute(stmt).all())


def refresh(db: Session, conversation: Conversation, now: int) -> None:
    """Recompute ``waiting_since`` and the statistics from the parts; bump ``updated_at``."""
    derived = derive(
        created_at=conversation.created_at,
        source_author_type=conversation.source_author_type,
        parts=parts_of(db, conversation.id),
    )
    for name, value in derived.columns().items():
        setattr(conversation, name, value)
    if conversation.state == "closed":
        conversation.waiting_since = None
    conversation.updated_at = max(now, conversation.updated_at)
    db.flush()


def set_state(conversation: Conversation, state: str, snoozed_until: int | None = None) -> None:
    conversation.state = state
    conversation.open = state != "closed"
    conversation.snoozed_until = snoozed_until if state == "snoozed" else None


def require_body(value: str | None, *, message: str = "Body is required") -> str:
    if value is None or not value.strip():
        raise ParameterInvalid(message, field="body")
    return value


def _participants(db: Session, conversation_id: int) -> list[str]:
    stmt = (
        select(ConversationContact.contact_id)
        .where(ConversationContact.conversation_id == conversation_id)
        .order_by(ConversationContact.position, ConversationContact.added_at)
    )
    return list(db.execute(stmt).scalars())


def add_participant(db: Session, conversation: Conversation, contact_id: str, now: int) -> bool:
    """Add a contact to the conversation; ``False`` if it was there already."""
    current = _participants(db, conversation.id)
    if contact_id in current:
        return False
    db.add(
        ConversationContact(
            conversation_id=conversation.id,
            contact_id=contact_id,
            added_at=now,
            position=len(current),
        )
    )
    db.flush()
    return True


def start(
    db: Session,
    *,
    workspace_id: int,
    author: Author,
    contact: Contact,
    body_html: str,
    now: int,
    ids: IdFactory,
    delivered_as: str,
    source_type: str = "conversation",
    subject: str = "",
    attachments: list[dict[str, Any]] | None = None,
    message_type: str = "inapp",
    template: str | None = None,
    in_inbox: bool = True,
    kind: str = CONVERSATION,
) -> Conversation:
    """Store a new conversation whose source is ``body_html`` by ``author``, with ``contact``
    as its participant. Shared by contact-initiated conversations, admin messages and
    tickets (``kind="ticket"``)."""
    conversation = Conversation(
        kind=kind,
        workspace_id=workspace_id,
        created_at=now,
        updated_at=now,
        in_inbox=in_inbox,
        title=None,
        state="open",
        open=True,
        read=False,
        priority="not_priority",
        custom_attributes={},
        source_type=source_type,
        source_id=ids.number(),
        source_delivered_as=delivered_as,
        source_subject=subject,
        source_body=body_html,
        source_words=words(body_html),
        source_author_type=author.type,
        source_author_id=author.id,
        source_author_name=author.name,
        source_author_email=author.email,
        source_attachments=attachments or [],
        source_url=None,
        source_redacted=False,
        message_type=message_type,
        message_template=template,
    )
    db.add(conversation)
    db.flush()
    add_participant(db, conversation, contact.id, now)
    refresh(db, conversation, now)
    return conversation


def _initiator(
    db: Session, *, workspace_id: int, data: ConversationCreate, now: int, ids: IdFactory
) -> Contact:
    """The contact in ``from``; a visitor (``type: contact``) becomes a lead."""
    who = data.from_
    if who.type not in ("user", "lead", "contact"):
        raise ParameterInvalid("from.type must be one of user, lead, contact", field="from.type")
    if not who.id and not who.user_id:
        raise ParameterNotFound("from.id is a required parameter.", field="from.id")
    contact = contacts.find(db, workspace_id=workspace_id, id=who.id)
    if contact is None and who.type == "user" and who.user_id:
        contact = contacts.find(db, workspace_id=workspace_id, external_id=who.user_id)
    if contact is None and who.type == "contact":
        contact = _lead_from_visitor(db, workspace_id=workspace_id, data=data, now=now, ids=ids)
    if contact is None:
        raise NotFound("User Not Found")
    return contact


def _lead_from_visitor(
    db: Session, *, workspace_id: int, data: ConversationCreate, now: int, ids: IdFactory
) -> Contact | None:
    """The lead a visitor named in ``from`` becomes, or ``None`` if there is no such visitor."""
    try:
        visitor = visitors.find(
            db, workspace_id=workspace_id, id=data.from_.id, user_id=data.from_.user_id
        )
    except NotFound:
        return None
    return visitors.to_lead(db, visitor=visitor, now=now, ids=ids)


def create(
    db: Session, *, workspace_id: int, data: ConversationCreate, now: int, ids: IdFactory
) -> Conversation:
    """``POST /conversations``: a contact starts a conversation (in-app, plain text)."""
    body = require_body(data.body)
    contact = _initiator(db, workspace_id=workspace_id, data=data, now=now, ids=ids)
    return start(
        db,
        workspace_id=workspace_id,
        author=contact_author(contact),
        contact=contact,
        body_html=plain_to_html(body),
        now=now,
        ids=ids,
        delivered_as="customer_initiated",
        subject=data.subject or "",
        attachments=from_urls(data.attachment_urls),
    )


def find_customer(
    db: Session, *, workspace_id: int, ref: CustomerRef | ConversationReply
) -> Contact | None:
    """The contact a request names by ``intercom_user_id``, ``user_id`` or ``email``."""
    return contacts.find(
        db,
        workspace_id=workspace_id,
        id=ref.intercom_user_id,
        external_id=ref.user_id,
        email=ref.email,
    )


def _latest_for(db: Session, workspace_id: int, contact_id: str) -> Conversation | None:
    stmt = (
        select(Conversation)
        .join(ConversationContact, ConversationContact.conversation_id == Conversation.id)
        .where(
            Conversation.workspace_id == workspace_id,
            Conversation.kind == CONVERSATION,
            ConversationContact.contact_id == contact_id,
        )
        .order_by(Conversation.created_at.desc(), Conversation.id.desc())
        .limit(1)
        .with_for_update(of=Conversation)
    )
    return db.execute(stmt).scalars().first()


ADMIN_MESSAGE_TYPES = ("comment", "note", "quick_reply")


def reply(
    db: Session,
    *,
    workspace: WorkspaceInfo,
    conversation_id: str,
    data: ConversationReply,
    now: int,
) -> Conversation:
    """``POST /conversations/{id}/reply`` by an admin or a contact.

    ``{id}`` may be ``last``: the replying contact's most recent conversation, including an
    admin message it has not answered yet (answering puts it in the inbox).
    """
    refuse_files(data.attachment_files)
    if data.type == "admin":
        return _admin_reply(db, workspace, conversation_id, data, now)
    if data.type in ("user", "lead", "contact"):
        return _contact_reply(db, workspace, conversation_id, data, now)
    raise ParameterInvalid("type must be one of admin, user", field="type")


def _admin_reply(
    db: Session, workspace: WorkspaceInfo, conversation_id: str, data: ConversationReply, now: int
) -> Conversation:
    if data.message_type not in ADMIN_MESSAGE_TYPES:
        raise ParameterInvalid(
            "message_type must be one of comment, note, quick_reply", field="message_type"
        )
    if conversation_id == "last":
        raise ConversationNotFound()
    author = admin_author(db, workspace_id=workspace.id, admin_id=data.admin_id)
    conversation = get(db, workspace=workspace, conversation_id=conversation_id, now=now)
    if data.message_type == "quick_reply":
        raise ParameterInvalid(
            "quick_reply needs reply_options, which API version 2.10 does not accept here",
            field="message_type",
        )
    admin_reply_part(
        db,
        conversation,
        author=author,
        message_type=data.message_type,
        body=data.body,
        at=data.created_at if data.created_at is not None else now,
        attachment_urls=data.attachment_urls,
        now=now,
    )
    return conversation


def admin_reply_part(
    db: Session,
    conversation: Conversation,
    *,
    author: Author,
    message_type: str,
    body: str | None,
    at: int,
    now: int,
    attachment_urls: Sequence[str] | None = None,
    reply_options: list[dict[str, Any]] | None = None,
) -> Part:
    """An admin's ``comment``, ``note`` or ``quick_reply`` (body HTML, normalised; required
    except for a quick reply with options); state is unchanged. Refreshes the statistics."""
    if reply_options is not None and not (body and body.strip()):
        html = None
    else:
        html = normalize_body(require_body(body))
    part = add_part(
        db,
        conversation,
        part_type=message_type,
        author=author,
        at=at,
        body=html,
        attachments=from_urls(attachment_urls),
        reply_options=reply_options,
    )
    refresh(db, conversation, now)
    return part


def _contact_reply(
    db: Session, workspace: WorkspaceInfo, conversation_id: str, data: ConversationReply, now: int
) -> Conversation:
    if data.message_type != "comment":
        raise ParameterInvalid("message_type must be comment", field="message_type")
    if not (data.intercom_user_id or data.user_id or data.email):
        raise ParameterNotFound(
            "intercom_user_id, user_id or email is a required parameter.",
            field="intercom_user_id",
        )
    body = plain_to_html(require_body(data.body))
    contact = find_customer(db, workspace_id=workspace.id, ref=data)
    if contact is None:
        raise NotFound("User Not Found")
    if conversation_id == "last":
        conversation = _latest_for(db, workspace.id, contact.id)
        if conversation is None:
            raise ConversationNotFound()
        conversation.in_inbox = True
        wake(db, workspace, conversation, now)
    else:
        conversation = get(db, workspace=workspace, conversation_id=conversation_id, now=now)
        if contact.id not in _participants(db, conversation.id):
            raise ParameterInvalid(
                "The contact is not a participant in this conversation", field="intercom_user_id"
            )
    contact_reply_part(
        db, conversation, contact=contact, body_html=body, now=now,
        attachment_urls=data.attachment_urls,
    )  # fmt: skip
    return conversation


def contact_reply_part(
    db: Session,
    conversation: Conversation,
    *,
    contact: Contact,
    body_html: str,
    now: int,
    attachment_urls: Sequence[str] | None = None,
    open_part: bool = True,
) -> Part:
    """A contact's reply: a ``comment``, or an ``open`` part that reopens a closed
    conversation (a ``comment`` still with ``open_part=False``: ticket replies are only
    ever comments); a snoozed one wakes. Marks it unread and refreshes the statistics."""
    reopening = open_part and conversation.state == "closed"
    part = add_part(
        db,
        conversation,
        part_type="open" if reopening else "comment",
        author=contact_author(contact),
        at=now,
        body=body_html,
        attachments=from_urls(attachment_urls),
    )
    set_state(conversation, "open")
    conversation.read = False
    refresh(db, conversation, now)
    return part


MANAGE_TYPES = ("close", "snoozed", "open", "assignment")


def manage(
    db: Session,
    *,
    workspace: WorkspaceInfo,
    conversation_id: str,
    data: ConversationManage,
    now: int,
) -> Conversation:
    """``POST /conversations/{id}/parts``: close, snooze, open or assign."""
    if data.message_type not in MANAGE_TYPES:
        raise ParameterInvalid(
            "message_type must be one of close, snoozed, open, assignment", field="message_type"
        )
    author = admin_author(db, workspace_id=workspace.id, admin_id=data.admin_id)
    conversation = get(db, workspace=workspace, conversation_id=conversation_id, now=now)
    body = normalize_body(data.body) if data.body and data.body.strip() else None
    if data.message_type == "close":
        _require_type(data, ("admin",))
        add_part(db, conversation, part_type="close", author=author, at=now, body=body)
        set_state(conversation, "closed")
    elif data.message_type == "snoozed":
        until = data.snoozed_until
        if until is None:
            raise ParameterNotFound("snoozed_until is a required parameter.", field="snoozed_until")
        if until <= now:
            raise ParameterInvalid("snoozed_until must be in the future", field="snoozed_until")
        add_part(db, conversation, part_type="snoozed", author=author, at=now, body=body)
        set_state(conversation, "snoozed", until)
    elif data.message_type == "open":
        add_part(db, conversation, part_type="open", author=author, at=now, body=body)
        set_state(conversation, "open")
    else:
        _assign(db, workspace, conversation, data, author, body, now)
    refresh(db, conversation, now)
    return conversation


def _require_type(data: ConversationManage, allowed: tuple[str, ...]) -> str:
    if data.type is None:
        raise ParameterNotFound("type is a required parameter.", field="type")
    if data.type not in allowed:
        raise ParameterInvalid(f"type must be one of {', '.join(allowed)}", field="type")
    return data.type


def _assign(
    db: Session,
    workspace: WorkspaceInfo,
    conversation: Conversation,
    data: ConversationManage,
    author: Author,
    body: str | None,
    now: int,
) -> None:
    kind = _require_type(data, ("admin", "team"))
    if data.assignee_id is None or data.assignee_id == "":
        raise ParameterNotFound("assignee_id is a required parameter.", field="assignee_id")
    assignee = resolve_assignee(db, workspace.id, kind, data.assignee_id)
    assign(
        db, workspace, conversation, kind=kind, assignee=assignee, author=author, body=body, now=now
    )


def resolve_assignee(db: Session, workspace_id: int, kind: str, assignee_id: object) -> int | None:
    """The admin or team id to assign, ``None`` for ``0`` (unassign)."""
    if assignee_id in (0, "0"):
        return None
    try:
        if kind == "admin":
            return get_admin(db, workspace_id=workspace_id, admin_id=assignee_id).admin.id
        return get_team(db, workspace_id=workspace_id, team_id=assignee_id).team.id
    except (AdminNotFound, TeamNotFound):
        raise NotFound(f"Assignee {kind} not found", code="assignee_not_found") from None


def assign(
    db: Session,
    workspace: WorkspaceInfo,
    conversation: Conversation,
    *,
    kind: str,
    assignee: int | None,
    author: Author,
    now: int,
    body: str | None = None,
    part_type: str | None = None,
) -> Part:
    """Assign to an admin or a team (``None`` unassigns); reopens a closed conversation with
    ``assign_and_reopen``. Does not refresh: the caller does, once."""
    reopening = conversation.state == "closed"
    if part_type is None:
        part_type = "assign_and_reopen" if reopening else "assignment"
    assigned_to = (kind, str(assignee)) if assignee is not None else ("nobody_admin", None)
    part = add_part(
        db,
        conversation,
        part_type=part_type,
        author=author,
        at=now,
        body=body,
        assigned_to=assigned_to,
    )
    if kind == "admin":
        conversation.admin_assignee_id = assignee
    else:
        conversation.team_assignee_id = assignee
    if reopening:
        set_state(conversation, "open")
    return part


def update(
    db: Session,
    *,
    workspace: WorkspaceInfo,
    conversation_id: str,
    data: ConversationUpdate,
    now: int,
) -> Conversation:
    """``PUT /conversations/{id}``: the read flag and custom attributes (declared
    conversation attributes only); each attribute changed adds a
    ``conversation_attribute_updated_by_admin`` part by the Operator bot."""
    conversation = get(db, workspace=workspace, conversation_id=conversation_id, now=now)
    if data.read is not None:
        conversation.read = data.read
    if data.custom_attributes:
        before = conversation.custom_attributes or {}
        after = merge_custom_attributes(
            db,
            workspace_id=workspace.id,
            model="conversation",
            current=before,
            changes=data.custom_attributes,
        )
        bot = operator(workspace)
        for name in sorted(set(before) | set(after)):
            if before.get(name, _ABSENT) != after.get(name, _ABSENT):
                add_part(
                    db,
                    conversation,
                    part_type="conversation_attribute_updated_by_admin",
                    author=bot,
                    at=now,
                )
        conversation.custom_attributes = after
    refresh(db, conversation, now)
    return conversation


_ABSENT = object()


REDACTED_BODY = "<p><i>This message was deleted</i></p>"


class PartOrMessageNotFound(NotFound):
    code = "conversation_part_or_message_not_found"
    default_message = "Conversation part or message not found"


class NotRedactable(ParameterInvalid):
    code = "conversation_part_not_redactable"
    default_message = "This conversation part cannot be redacted"


def redact(db: Session, *, workspace: WorkspaceInfo, data: Redaction, now: int) -> Conversation:
    """``POST /conversations/redact``: blank a part's body, or the source if a contact wrote
    it; its attachments go too. Redacting twice changes nothing more."""
    if data.type not in ("conversation_part", "source"):
        raise ParameterInvalid("type must be one of conversation_part, source", field="type")
    target = "conversation_part_id" if data.type == "conversation_part" else "source_id"
    for name in ("conversation_id", target):
        if getattr(data, name) in (None, ""):
            raise ParameterNotFound(f"{name} is a required parameter.", field=name)
    conversation = stored(db, workspace.id, data.conversation_id)
    if conversation is None or not conversation.in_inbox:
        raise PartOrMessageNotFound()
    if data.type == "source":
        if str(data.source_id) != conversation.source_id:
            raise PartOrMessageNotFound()
        if conversation.source_author_type not in CONTACT_AUTHORS:
            raise NotRedactable("Only a source written by a contact can be redacted")
        if not conversation.source_redacted:
            conversation.source_body = REDACTED_BODY
            conversation.source_words = " "
            conversation.source_attachments = []
            conversation.source_redacted = True
            conversation.updated_at = max(now, conversation.updated_at)
        return conversation
    number = parse_numeric_id(data.conversation_part_id)
    part = db.get(Part, number) if number is not None else None
    if part is None or part.conversation_id != conversation.id:
        raise PartOrMessageNotFound()
    if not part.body:
        raise NotRedactable("Only a conversation part with a body can be redacted")
    if not part.redacted:
        part.body = REDACTED_BODY
        part.attachments = []
        part.redacted = True
        part.updated_at = now
        conversation.updated_at = max(now, conversation.updated_at)
    db.flush()
    return conversation
