"""Subscriptions on the contact object: the ``opted_in_subscription_types`` and
``opted_out_subscription_types`` summaries, and preferences through merge and delete."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, bindparam, delete, exists, select
from sqlalchemy.orm import Session

from backchannel.db.tables import ContactSubscription, SubscriptionType
from backchannel.resources.contacts import relations

__all__ = ["SUBSCRIPTION_RELATION", "SubscriptionRelation"]

_SUMMARY_KEYS = {"opt_in": "opted_in_subscription_types", "opt_out": "opted_out_subscription_types"}


# Built once, with bound parameters: a request pays only for executing it.
_PREFERENCES = (
    select(ContactSubscription.contact_id, SubscriptionType.id, ContactSubscription.consent)
    .join(SubscriptionType, SubscriptionType.id == ContactSubscription.subscription_type_id)
    .where(
        SubscriptionType.workspace_id == bindparam("workspace_id"),
        ContactSubscription.contact_id.in_(bindparam("contact_ids", expanding=True)),
    )
    .order_by(ContactSubscription.contact_id, SubscriptionType.id)
)


class SubscriptionRelation:
    """The :class:`relations.ContactRelation` of subscription preferences."""

    @staticmethod
    def presence(contact_id: Any) -> Any:
        return exists().where(
            ContactSubscription.contact_id == contact_id,
            SubscriptionType.id == ContactSubscription.subscription_type_id,
            SubscriptionType.workspace_id == bindparam("workspace_id"),
        )

    def summaries(
        self, db: Session | Connection, *, workspace_id: int, contact_ids: Sequence[str]
    ) -> dict[str, dict[str, dict[str, Any]]]:
        """Each contact's opted-in and opted-out types, as ``{type: "subscription", id,
        url}`` entries whose url is the contact's subscription list."""
        params = {"workspace_id": workspace_id, "contact_ids": list(contact_ids)}
        rows = db.execute(_PREFERENCES, params)
        found: dict[str, dict[str, list[dict[str, Any]]]] = {}
        for contact_id, type_id, consent in rows:
            key = _SUMMARY_KEYS.get(consent)
            if key is None:
                continue
            url = f"/contacts/{contact_id}/subscriptions"
            item = {"type": "subscription", "id": str(type_id), "url": url}
            found.setdefault(contact_id, {}).setdefault(key, []).append(item)
        return {
            contact_id: {
                key: relations.summary(contact_id, key, items, len(items))
                for key, items in by_key.items()
            }
            for contact_id, by_key in found.items()
        }

    def on_merge(self, db: Session, *, workspace_id: int, from_id: str, into_id: str) -> None:
        """The lead's preferences move to the user, except for types where the user made a
        choice of its own: the user's choice wins."""
        preferences = ContactSubscription.__table__.c
        relations.move_links(
            db,
            owner=preferences.contact_id,
            key=preferences.subscription_type_id,
            from_id=from_id,
            into_id=into_id,
        )

    def on_delete(self, db: Session, *, workspace_id: int, contact_id: str) -> None:
        """A deleted contact's preferences go with it."""
        db.execute(
            delete(ContactSubscription)
            .where(ContactSubscription.contact_id == contact_id)
            .execution_options(synchronize_session=False)
        )


SUBSCRIPTION_RELATION = SubscriptionRelation()
