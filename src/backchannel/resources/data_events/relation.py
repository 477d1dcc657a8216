"""Events through contact merge and delete (they add no summary to the contact object)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Connection, and_, delete, exists, select, update
from sqlalchemy.orm import Session, aliased

from backchannel.db.tables import DataEvent, DataEventSummary

__all__ = ["DATA_EVENT_RELATION", "DataEventRelation"]


class DataEventRelation:
    """The :class:`relations.ContactRelation` of data events and event counters."""

    presence = None  # events put no summary on the contact

    def summaries(
        self, db: Session | Connection, *, workspace_id: int, contact_ids: Sequence[str]
    ) -> dict[str, dict[str, dict[str, Any]]]:
        return {}

    def on_merge(self, db: Session, *, workspace_id: int, from_id: str, into_id: str) -> None:
        """The lead's events move to the user; an event the user has too (same name and
        time) is kept once. Counters of the same event name are added up."""
        mine = aliased(DataEvent)
        db.execute(
            delete(DataEvent)
            .where(
                DataEvent.workspace_id == workspace_id,
                DataEvent.contact_id == from_id,
                exists().where(
                    and_(
                        mine.contact_id == into_id,
                        mine.event_name == DataEvent.event_name,
                        mine.created_at == DataEvent.created_at,
                    )
                ),
            )
            .execution_options(synchronize_session=False)
        )
        db.execute(
            update(DataEvent)
            .where(DataEvent.workspace_id == workspace_id, DataEvent.contact_id == from_id)
            .values(contact_id=into_id)
            .execution_options(synchronize_session=False)
        )
        counters = db.execute(
            select(DataEventSummary).where(
                DataEventSummary.workspace_id == workspace_id,
                DataEventSummary.contact_id.in_([from_id, into_id]),
            )
        ).scalars()
        by_owner: dict[str, dict[str, DataEventSummary]] = {from_id: {}, into_id: {}}
        for counter in counters:
            by_owner[counter.contact_id][counter.event_name] = counter
        for name, lead in by_owner[from_id].items():
            user = by_owner[into_id].get(name)
            if user is None:
                db.add(
                    DataEventSummary(
                        workspace_id=workspace_id,
                        contact_id=into_id,
                        event_name=name,
                        count=lead.count,
                        first=lead.first,
                        last=lead.last,
                    )
                )
            else:
                user.count += lead.count
                user.first = _pick(min, user.first, lead.first)
                user.last = _pick(max, user.last, lead.last)
            db.delete(lead)
        db.flush()

    def on_delete(self, db: Session, *, workspace_id: int, contact_id: str) -> None:
        """A deleted contact's events and counters go with it."""
        for table in (DataEvent, DataEventSummary):
            db.execute(
                delete(table)
                .where(table.workspace_id == workspace_id, table.contact_id == contact_id)
                .execution_options(synchronize_session=False)
            )


def _pick(choose: Callable[[int, int], int], a: int | None, b: int | None) -> int | None:
    """``choose(a, b)``, or whichever of them is set."""
    return b if a is None else a if b is None else choose(a, b)


DATA_EVENT_RELATION = DataEventRelation()
