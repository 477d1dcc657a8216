"""Request bodies and query strings of the note operations."""

from __future__ import annotations

from typing import Annotated

import msgspec
from msgspec import Meta

__all__ = ["MAX_NOTE_BODY_LENGTH", "NoteCreate", "NoteListQuery"]

MAX_NOTE_BODY_LENGTH = 65_536
IdRef = int | Annotated[str, Meta(max_length=64)]


class NoteCreate(msgspec.Struct, forbid_unknown_fields=True):
    """``POST /contacts/{id}/notes`` body.

    ``body`` is required (checked by the service, so that ``null`` and blank bodies get the
    same answer as a missing one). ``admin_id`` is the author, the token's admin when
    absent. ``contact_id`` repeats the path's contact and is not used: the path decides.
    """

    body: Annotated[str, Meta(max_length=MAX_NOTE_BODY_LENGTH)] | None = None
    admin_id: IdRef | None = None
    contact_id: IdRef | None = None


class NoteListQuery(msgspec.Struct):
    """``GET /contacts/{id}/notes`` query: page-number paging."""

    page: int | None = None
    per_page: int | None = None
