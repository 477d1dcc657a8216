"""Notes on the contact object: the ``notes`` summary, and notes through merge and delete."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, bindparam, delete, func, select, update
from sqlalchemy.orm import Session

from backchannel.db.tables import Note
from backchannel.resources.contacts import relations

__all__ = ["NOTE_RELATION", "NoteRelation"]


def _summary_statement() -> Any:
    """Each listed contact's newest notes with its note count; built once (with bound
    parameters) so a request pays only for executing it."""
    ranked = (
        select(
            Note.contact_id.label("contact_id"),
            Note.id.label("note_id"),
            func.row_number()
            .over(partition_by=Note.contact_id, order_by=(Note.created_at.desc(), Note.id.desc()))
            .label("position"),
            func.count().over(partition_by=Note.contact_id).label("total"),
        )
        .where(
            Note.workspace_id == bindparam("workspace_id"),
            Note.contact_id.in_(bindparam("contact_ids", expanding=True)),
        )
        .subquery()
    )
    return (
        select(ranked.c.contact_id, ranked.c.note_id, ranked.c.total)
        .where(ranked.c.position <= relations.SUMMARY_LIMIT)
        .order_by(ranked.c.contact_id, ranked.c.position)
    )


_SUMMARY = _summary_statement()


class NoteRelation:
    """The :class:`relations.ContactRelation` of notes."""

    presence = select(Note.contact_id.label("contact_id")).where(
        Note.workspace_id == bindparam("workspace_id"),
        Note.contact_id.in_(bindparam("contact_ids", expanding=True)),
    )

    def summaries(
        self, db: Session | Connection, *, workspace_id: int, contact_ids: Sequence[str]
    ) -> dict[str, dict[str, dict[str, Any]]]:
        """Each contact's 10 newest notes and how many it has."""
        params = {"workspace_id": workspace_id, "contact_ids": list(contact_ids)}
        rows = db.execute(_SUMMARY, params)
        items: dict[str, list[dict[str, Any]]] = {}
        totals: dict[str, int] = {}
        for contact_id, note_id, total in rows:
            items.setdefault(contact_id, []).append(
                {"type": "note", "id": str(note_id), "url": f"/notes/{note_id}"}
            )
            totals[contact_id] = int(total)
        return {
            contact_id: {"notes": relations.summary(contact_id, "notes", found, totals[contact_id])}
            for contact_id, found in items.items()
        }

    def on_merge(self, db: Session, *, workspace_id: int, from_id: str, into_id: str) -> None:
        """The lead's notes now belong to the user."""
        db.execute(
            update(Note)
            .where(Note.workspace_id == workspace_id, Note.contact_id == from_id)
            .values(contact_id=into_id)
            .execution_options(synchronize_session=False)
        )

    def on_delete(self, db: Session, *, workspace_id: int, contact_id: str) -> None:
        """A deleted contact's notes go with it (explicitly: not every database cascades)."""
        db.execute(
            delete(Note)
            .where(Note.workspace_id == workspace_id, Note.contact_id == contact_id)
            .execution_options(synchronize_session=False)
        )


NOTE_RELATION = NoteRelation()
