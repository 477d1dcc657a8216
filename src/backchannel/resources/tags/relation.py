"""Tags on the contact object: the ``tags`` summary, and taggings through merge and delete."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, bindparam, delete, exists, select
from sqlalchemy.orm import Session

from backchannel.db.tables import Tag, Tagging
from backchannel.resources.contacts import relations
from backchannel.resources.tags.search import CONTACT

__all__ = ["TAG_RELATION", "TagRelation"]


# Each listed contact's first tags in the order applied, with its tag count.
_SUMMARY = relations.first_items(
    contact_id=Tagging.target_id,
    item_id=Tagging.tag_id,
    order_by=(Tagging.applied_at, Tagging.tag_id),
    where=(
        Tagging.tag_id.in_(select(Tag.id).where(Tag.workspace_id == bindparam("workspace_id"))),
        Tagging.target_type == CONTACT,
        Tagging.target_id.in_(bindparam("contact_ids", expanding=True)),
    ),
)


class TagRelation:
    """The :class:`relations.ContactRelation` of tags."""

    @staticmethod
    def presence(contact_id: Any) -> Any:
        return exists().where(
            Tagging.target_type == CONTACT,
            Tagging.target_id == contact_id,
            Tag.id == Tagging.tag_id,
            Tag.workspace_id == bindparam("workspace_id"),
        )

    def summaries(
        self, db: Session | Connection, *, workspace_id: int, contact_ids: Sequence[str]
    ) -> dict[str, dict[str, dict[str, Any]]]:
        """Each contact's first 10 tags, in the order applied, and how many it has."""
        params = {"workspace_id": workspace_id, "contact_ids": list(contact_ids)}
        return relations.summaries_from_rows(
            db.execute(_SUMMARY, params), key="tags", item_type="tag", url_prefix="/tags/"
        )

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
