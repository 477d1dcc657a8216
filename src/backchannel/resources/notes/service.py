"""Note rules: notes are written by an admin on a visible contact, bodies stored as HTML.

Bodies are normalised once, on write (:func:`backchannel.core.html.normalize_body`): plain
text becomes ``<p>…</p>`` and document wrappers are dropped. Notes are listed newest first,
page by page. Writing a note is not an activity-log event.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from backchannel.core.errors import NotFound, ParameterNotFound
from backchannel.core.html import normalize_body
from backchannel.core.ids import parse_numeric_id
from backchannel.core.pagination import NumberPage, clamp_per_page, number_page
from backchannel.db.tables import Admin, Note
from backchannel.resources.admins.service import AdminNotFound, get_admin
from backchannel.resources.contacts import service as contacts

__all__ = [
    "DEFAULT_PER_PAGE",
    "NoteNotFound",
    "NotePage",
    "NoteView",
    "create_note",
    "list_notes",
    "read_note",
]

DEFAULT_PER_PAGE = 50
_NOTES = Note.__table__
_ADMINS = Admin.__table__


class NoteNotFound(NotFound):
    """No note with that id in this workspace (404 ``not_found`` "Resource Not Found")."""


@dataclass(frozen=True, slots=True)
class NoteView:
    """A note and its author (``None`` once the author is gone)."""

    note: Any
    author: Any | None


@dataclass(frozen=True, slots=True)
class NotePage:
    """One page of a contact's notes, with their authors."""

    page: NumberPage[Note]
    authors: dict[int, Admin]

    @property
    def views(self) -> list[NoteView]:
        return [
            NoteView(note, self.authors.get(note.admin_id) if note.admin_id else None)
            for note in self.page.items
        ]


def _author(db: Session, workspace_id: int, admin_id: object) -> Admin:
    """The writing admin; an unknown one is 404 ``not_found`` "Resource Not Found"."""
    try:
        return get_admin(db, workspace_id=workspace_id, admin_id=admin_id).admin
    except AdminNotFound:
        raise NotFound() from None


def create_note(
    db: Session,
    *,
    workspace_id: int,
    contact_id: str,
    body: str | None,
    admin_id: object | None,
    default_admin_id: int,
    now: int,
) -> NoteView:
    """Write a note on a visible contact.

    Args:
        body: the note text or HTML; stored normalised.
        admin_id: the author (int or digit string); ``None`` means ``default_admin_id``,
            the admin calling the API.

    Raises:
        ParameterNotFound: no body, or a blank one (checked first).
        NotFound: ``User Not Found`` for the contact, ``Resource Not Found`` for the admin.
    """
    stored = normalize_body(body or "")
    if not stored:
        raise ParameterNotFound("body is a required parameter.", field="body")
    contact = contacts.get(db, workspace_id=workspace_id, contact_id=contact_id)
    author = _author(db, workspace_id, default_admin_id if admin_id is None else admin_id)
    note = Note(
        workspace_id=workspace_id,
        contact_id=contact.id,
        admin_id=author.id,
        body=stored,
        created_at=now,
    )
    db.add(note)
    db.flush()
    return NoteView(note, author)


def list_notes(
    db: Session,
    *,
    workspace_id: int,
    contact_id: str,
    page: int | None,
    per_page: int | None,
) -> NotePage:
    """A visible contact's notes, newest first; past the last page an empty page."""
    contact = contacts.read(db, workspace_id=workspace_id, contact_id=contact_id)
    stmt = select(Note).where(Note.workspace_id == workspace_id, Note.contact_id == contact.id)
    found = number_page(
        db,
        stmt,
        page=page or 1,
        per_page=clamp_per_page(per_page, DEFAULT_PER_PAGE),
        order=[Note.created_at.desc(), Note.id.desc()],
    )
    admin_ids = {note.admin_id for note in found.items if note.admin_id is not None}
    authors: dict[int, Admin] = {}
    if admin_ids:
        rows = db.execute(
            select(Admin).where(Admin.workspace_id == workspace_id, Admin.id.in_(admin_ids))
        ).scalars()
        authors = {admin.id: admin for admin in rows}
    return NotePage(found, authors)


def read_note(db: Session | Connection, *, workspace_id: int, note_id: object) -> NoteView:
    """One note of the workspace; unknown or malformed ids are :class:`NoteNotFound`."""
    number = parse_numeric_id(note_id)
    note = None
    if number is not None:
        note = db.execute(
            select(_NOTES).where(_NOTES.c.workspace_id == workspace_id, _NOTES.c.id == number)
        ).first()
    if note is None:
        raise NoteNotFound()
    author = None
    if note.admin_id is not None:
        author = db.execute(select(_ADMINS).where(_ADMINS.c.id == note.admin_id)).first()
    return NoteView(note, author)
