"""``POST /conversations/search``: the conversations of the inbox matching a query.

The query language is the shared one (:mod:`backchannel.core.search`) over
:data:`~backchannel.resources.conversations.search_fields.CONVERSATION_FIELDS`; results are
keyset-paged like ``GET /conversations`` and exclude conversations not in the inbox.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from backchannel.core.auth import WorkspaceInfo
from backchannel.core.pagination import CursorPage
from backchannel.core.search import (
    FieldRegistry,
    search_page,
)
from backchannel.resources.conversations.search_fields import (
    CONVERSATION_DEFAULT_SORT,
    CONVERSATION_FIELDS,
)
from backchannel.resources.conversations.service import live
from backchannel.resources.data_attributes.service import search_types

__all__ = ["SEARCH_DEFAULT_PER_PAGE", "search", "typed_fields"]

SEARCH_DEFAULT_PER_PAGE = 20
"""The page size without ``pagination.per_page`` (at most 150, as every list)."""


def typed_fields(db: Session | Connection, *, workspace_id: int) -> FieldRegistry:
    """The searchable conversation fields, with ``custom_attributes.<name>`` typed by the
    workspace's declared conversation data attributes (one query)."""
    declared = search_types(db, workspace_id=workspace_id, model="conversation")
    return CONVERSATION_FIELDS.with_custom_types(declared)


def search(
    db: Session | Connection,
    *,
    workspace: WorkspaceInfo,
    request: dict[str, Any],
    now: int | None = None,
) -> CursorPage[Any]:
    """Visible conversations matching the search body ``request``, keyset-paged (rows).

    The body is validated completely (fields, operators, value types, nesting limits)
    before any SQL is built. Without ``sort`` the order is ``created_at`` then ``id``,
    newest first. Snoozes that ran out must be woken first (the caller writes).
    """
    return search_page(
        db,
        live(workspace.id),
        typed_fields(db, workspace_id=workspace.id),
        request,
        workspace=workspace,
        default_sort=CONVERSATION_DEFAULT_SORT,
        default_per_page=SEARCH_DEFAULT_PER_PAGE,
        now=now,
    )
