"""Conversations on the contact side: a merged-away lead's conversations move to the user.

A contact deleted for good leaves its conversations in place, without it as a participant
(the participant rows go with the contact, by foreign key).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from backchannel.db.tables import ConversationContact
from backchannel.resources.contacts import relations

__all__ = ["CONVERSATION_RELATION", "ConversationRelation"]


class ConversationRelation:
    """The :class:`relations.ContactRelation` of conversation participants."""

    presence = None  # conversations put no summary on the contact

    def summaries(
        self, db: Session | Connection, *, workspace_id: int, contact_ids: Sequence[str]
    ) -> dict[str, dict[str, dict[str, Any]]]:
        return {}

    def on_merge(self, db: Session, *, workspace_id: int, from_id: str, into_id: str) -> None:
        """The lead's conversations become the user's; one both were in keeps the user."""
        links = ConversationContact.__table__.c
        relations.move_links(
            db, owner=links.contact_id, key=links.conversation_id, from_id=from_id, into_id=into_id
        )

    def on_delete(self, db: Session, *, workspace_id: int, contact_id: str) -> None:
        """Nothing to do: participant rows are removed with the contact."""


CONVERSATION_RELATION = ConversationRelation()
