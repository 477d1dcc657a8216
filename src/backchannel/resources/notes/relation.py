"""Notes on the contact object: the ``notes`` summary, and notes through merge and delete."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, bindparam, delete, exists, update
from sqlalchemy.orm import Session

from backchannel.db.tables import Note
from backchannel.resources.contacts import relations

__all__ = ["NOTE_RELATION", "NoteRelation"]


# Each listed contact's newest notes, with its note count. The contacts are the workspace's
# own, and so are their notes; a workspace condition here would lead SQLite to scan all the
# workspace's notes instead of looking up each contact's (ix_notes_contact_created).
_SUMMARY = relations.first_items(
    contact_id=Note.contact_id,
    item_id=Note.id,
    order_by=(Note.created_at.desc(), Note.id.desc()),
    where=(Note.contact_id.in_(bindparam("contact_ids", expanding=True)),),
)


class NoteRelation:
    """The :class:`relations.ContactRelation` of notes."""

    @staticmethod
    def presence(contact_id: Any) -> Any:
        # By contact alone, as _SUMMARY reads them.
        return exists().where(Note.contact_id == contact_id)

    def summaries(
        self, db: Session | Connection, *, workspace_id: int, contact_ids: Sequence[str]
    ) -> dict[str, dict[str, dict[str, Any]]]:
        """Each contact's 10 newest notes and how many it has."""
        params = {"workspace_id": workspace_id, "contact_ids": list(contact_ids)}
        return relations.summaries_from_rows(
            db.execute(_SUMMARY, params), key="notes", item_type="note", url_prefix="/notes/"
        )

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
