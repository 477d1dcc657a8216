"""``POST /tickets/search``: the tickets of the workspace matching a query.

The query language is the shared one (:mod:`backchannel.core.search`) over
:data:`~backchannel.resources.tickets.search_fields.TICKET_FIELDS` plus the workspace's
``ticket_attribute.{id}`` fields; the searched rows are the conversation rows of ``kind``
``ticket`` joined to their ticket rows, keyset-paged (20 a page unless asked, at most 150).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Row, Select, select
from sqlalchemy.orm import Session

from backchannel.core.auth import WorkspaceInfo
from backchannel.core.pagination import CursorPage
from backchannel.core.search import (
    FieldRegistry,
    search_page,
)
from backchannel.db.tables import Conversation, ConversationPart, Ticket, TicketTypeAttribute
from backchannel.resources.ticket_types.service import TicketTypeView, read_ticket_type
from backchannel.resources.tickets.search_fields import (
    ATTRIBUTE_PREFIX,
    TICKET_DEFAULT_SORT,
    TICKET_FIELDS,
    attribute_fields,
)
from backchannel.resources.tickets.service import KIND

__all__ = [
    "SEARCH_DEFAULT_PER_PAGE",
    "PageDetails",
    "page_details",
    "search",
    "searched",
    "typed_fields",
]

SEARCH_DEFAULT_PER_PAGE = 20
"""The page size without ``pagination.per_page`` (at most 150, as every list)."""

_CONVERSATIONS = Conversation.__table__
_TICKETS = Ticket.__table__
_ATTRIBUTES = TicketTypeAttribute.__table__
_PARTS = ConversationPart.__table__


def typed_fields(db: Session | Connection, *, workspace_id: int) -> FieldRegistry:
    """The searchable ticket fields with the workspace's ``ticket_attribute.{id}`` (one
    query; archived attributes too, old tickets keep their values)."""
    rows = db.execute(
        select(
            _ATTRIBUTES.c.id,
            _ATTRIBUTES.c.ticket_type_id,
            _ATTRIBUTES.c.name,
            _ATTRIBUTES.c.data_type,
        ).where(_ATTRIBUTES.c.workspace_id == workspace_id)
    ).all()
    return TICKET_FIELDS.with_dynamic(ATTRIBUTE_PREFIX, attribute_fields(rows))


def searched(workspace_id: int) -> Select[Any]:
    """The rows a ticket search filters: each ticket's conversation columns, plus the ticket
    columns its sortable fields read (``ticket_state``, ``ticket_category``,
    ``ticket_type_id``)."""
    return (
        select(
            _CONVERSATIONS,
            _TICKETS.c.state.label("ticket_state"),
            _TICKETS.c.category.label("ticket_category"),
            _TICKETS.c.ticket_type_id,
        )
        .join(_TICKETS, _TICKETS.c.conversation_id == _CONVERSATIONS.c.id)
        .where(_CONVERSATIONS.c.workspace_id == workspace_id, _CONVERSATIONS.c.kind == KIND)
    )


def search(
    db: Session | Connection,
    *,
    workspace: WorkspaceInfo,
    request: dict[str, Any],
    now: int | None = None,
) -> CursorPage[Any]:
    """Tickets matching the search body ``request``, keyset-paged (rows of :func:`searched`).

    The body is validated completely (fields, operators, value types, nesting limits)
    before any SQL is built. Without ``sort`` the order is ``created_at`` then ``id``,
    newest first. Snoozes that ran out must be woken first (the caller writes).
    """
    return search_page(
        db,
        searched(workspace.id),
        typed_fields(db, workspace_id=workspace.id),
        request,
        workspace=workspace,
        default_sort=TICKET_DEFAULT_SORT,
        default_per_page=SEARCH_DEFAULT_PER_PAGE,
        now=now,
        scope="tickets:",
    )


@dataclass(frozen=True, slots=True)
class PageDetails:
    """What full tickets of a page need beyond their conversation rows, loaded per page."""

    tickets: dict[int, Row[Any]]
    """Ticket rows by conversation id."""
    ticket_types: dict[int, TicketTypeView]
    """Each ticket type of the page (with all its attributes), by id."""
    parts: dict[int, list[Row[Any]]]
    """Parts by conversation id, in the order they happened."""


def page_details(
    db: Session | Connection, *, workspace_id: int, conversation_ids: Sequence[int]
) -> PageDetails:
    """The ticket rows, ticket types and parts of a page of tickets: one query for the
    tickets, one for the parts, two per distinct ticket type."""
    if not conversation_ids:
        return PageDetails({}, {}, {})
    ids = list(conversation_ids)
    tickets = {
        row.conversation_id: row
        for row in db.execute(select(_TICKETS).where(_TICKETS.c.conversation_id.in_(ids)))
    }
    ticket_types = {
        type_id: read_ticket_type(db, workspace_id=workspace_id, ticket_type_id=type_id)
        for type_id in sorted({row.ticket_type_id for row in tickets.values()})
    }
    parts: defaultdict[int, list[Row[Any]]] = defaultdict(list)
    stmt = (
        select(_PARTS)
        .where(_PARTS.c.conversation_id.in_(ids))
        .order_by(_PARTS.c.conversation_id, _PARTS.c.created_at, _PARTS.c.id)
    )
    for part in db.execute(stmt):
        parts[part.conversation_id].append(part)
    return PageDetails(tickets, ticket_types, dict(parts))
