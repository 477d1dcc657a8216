"""One search request run end to end: parse, compile, keyset-page.

Every searchable resource (contacts, conversations, tickets) answers ``POST /x/search`` the
same way; only its rows, its fields and its default order differ.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Select
from sqlalchemy.orm import Session

from backchannel.core.auth import WorkspaceInfo
from backchannel.core.pagination import CursorPage, SortKey, cursor_page
from backchannel.core.search.compile import compile_query
from backchannel.core.search.context import CompileContext
from backchannel.core.search.fields import FieldRegistry
from backchannel.core.search.parse import parse_search_request
from backchannel.core.search.sorting import sort_keys

__all__ = ["search_page"]


def search_page(
    db: Session | Connection,
    rows: Select[Any],
    fields: FieldRegistry,
    request: Any,
    *,
    workspace: WorkspaceInfo,
    default_sort: Sequence[SortKey],
    default_per_page: int,
    now: int | None = None,
    scope: str = "",
) -> CursorPage[Any]:
    """The page of ``rows`` (a select of table columns) that the search body ``request``
    asks for.

    The body is validated completely (fields, operators, value types, nesting limits)
    before any SQL is built. ``scope`` marks the cursor, so a cursor of one resource's
    search is refused by another's.
    """
    parsed = parse_search_request(request, fields, default_per_page=default_per_page)
    context = CompileContext(workspace.timezone, workspace_id=workspace.id, now=now, db=db)
    where = compile_query(parsed.query, fields, context=context)
    return cursor_page(
        db,
        rows.where(where),
        order=sort_keys(parsed, fields, default=default_sort),
        per_page=parsed.per_page,
        starting_after=parsed.starting_after,
        query_print=f"{scope}{parsed.fingerprint}",
        rows=True,
    )
