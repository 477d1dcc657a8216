"""Tags on the contact object: the ``tags`` summary, and taggings through merge and delete."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, bindparam, delete, func, select
from sqlalchemy.orm import Session

from backchannel.db.tables import Tag, Tagging
from backchannel.resources.contacts import relations
from backchannel.resources.tags.search import CONTACT

__all__ = ["TAG_RELATION", "TagRelation"]


def _summary_statement() -> Any:
    """Each listed contact's first tags in the order applied, with its tag count; built once
    (with bound parameters) so a request pays only for executing it."""
    ranked = (
        select(
            Tagging.target_id.label("contact_id"),
            Tagging.tag_id.label("tag_id"),
            func.row_number()
            .over(partition_by=Tagging.target_id, order_by=(Tagging.applied_at, Tagging.tag_id))
            .label("position"),
            func.count().over(partition_by=Tagging.target_id).label("total"),
        )
        .join(Tag, Tag.id == Tagging.tag_id)
        .where(
            Tag.workspace_id == bindparam("workspace_id"),
            Tagging.target_type == CONTACT,
            Tagging.target_id.in_(bindparam("contact_ids", expanding=True)),
        )
        .subquery()
    )
    return (
        select(ranked.c.contact_id, ranked.c.tag_id, ranked.c.total)
        .where(ranked.c.position <= relations.SUMMARY_LIMIT)
        .order_by(ranked.c.contact_id, ranked.c.position)
    )


_SUMMARY = _summary_statement()


class TagRelation:
    """The :class:`relations.ContactRelation` of tags."""

    presence = (
        select(Tagging.target_id.label("contact_id"))
        .join(Tag, Tag.id == Tagging.tag_id)
        .where(
            Tag.workspace_id == bindparam("workspace_id"),
            Tagging.target_type == CONTACT,
            Tagging.target_id.in_(bindparam("contact_ids", expanding=True)),
        )
    )

    def summaries(
        self, db: Session | Connection, *, workspace_id: int, contact_ids: Sequence[str]
    ) -> dict[str, dict[str, dict[str, Any]]]:
        """Each contact's first 10 tags, in the order applied, and how many it has."""
        params = {"workspace_id": workspace_id, "contact_ids": list(contact_ids)}
        rows = db.execute(_SUMMARY, params)
        items: dict[str, list[dict[str, Any]]] = {}
        totals: dict[str, int] = {}
        for contact_id, tag_id, total in rows:
            items.setdefault(contact_id, []).append(
                {"type": "tag", "id": str(tag_id), "url": f"/tags/{tag_id}"}
            )
            totals[contact_id] = int(total)
        return {
            contact_id: {"tags": relations.summary(contact_id, "tags", found, totals[contact_id])}
            for contact_id, found in items.items()
        }

    def on_merge(self, db: Session, *, workspace_id: int, from_id: str, into_id: str) -> None:
        """The lead's tags move to the user; tags the user already has are not doubled."""
        taggings = Tagging.__table__.c
        relations.move_links(
            db,
            owner=taggings.target_id,
            key=taggings.tag_id,
            from_id=from_id,
            into_id=into_id,
            where=taggings.target_type == CONTACT,
        )

    def on_delete(self, db: Session, *, workspace_id: int, contact_id: str) -> None:
        """A deleted contact's taggings go with it."""
        db.execute(
            delete(Tagging)
            .where(Tagging.target_type == CONTACT, Tagging.target_id == contact_id)
            .execution_options(synchronize_session=False)
        )


TAG_RELATION = TagRelation()
