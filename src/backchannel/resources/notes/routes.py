"""Note operations: one thin handler per operationId."""

from __future__ import annotations

from typing import Any

from backchannel.core.http import Context, Operation
from backchannel.resources.notes import service
from backchannel.resources.notes.schemas import NoteCreate, NoteListQuery
from backchannel.resources.notes.serializers import note_list_to_api, note_to_api

__all__ = ["OPERATIONS"]


def create_note(ctx: Context, id: str, *, body: NoteCreate) -> dict[str, Any]:
    """``POST /contacts/{id}/notes``: a note by ``admin_id`` or the calling admin."""
    view = service.create_note(
        ctx.db,
        workspace_id=ctx.workspace_id,
        contact_id=id,
        body=body.body,
        admin_id=body.admin_id,
        default_admin_id=ctx.admin_id,
        now=ctx.now(),
    )
    return note_to_api(view)


def list_notes(ctx: Context, id: str, *, query: NoteListQuery) -> dict[str, Any]:
    """``GET /contacts/{id}/notes``: newest first, page by page."""
    result = service.list_notes(
        ctx.db,
        workspace_id=ctx.workspace_id,
        contact_id=id,
        page=query.page,
        per_page=query.per_page,
    )
    per_page = result.page.per_page

    def next_url(page: int) -> str:
        return str(ctx.request.url.include_query_params(page=page, per_page=per_page))

    return note_list_to_api(result, next_url=next_url)


def retrieve_note(ctx: Context, id: str) -> dict[str, Any]:
    """``GET /notes/{id}``."""
    return note_to_api(service.read_note(ctx.reader, workspace_id=ctx.workspace_id, note_id=id))


OPERATIONS = [
    Operation("POST", "/contacts/{id}/notes", create_note, "createNote", body=NoteCreate),
    Operation("GET", "/contacts/{id}/notes", list_notes, "listNotes", query=NoteListQuery),
    Operation("GET", "/notes/{id}", retrieve_note, "retrieveNote"),
]
