"""Subscription types and contacts' explicit preferences for them (BEHAVIOR.md §6.13).

For an ``opt_out`` type every contact receives its messages until it opts out; for an
``opt_in`` type none does until it opts in. Attaching a type to a contact records that
explicit choice (an opt-out for ``opt_out`` types, an opt-in for ``opt_in`` ones); detaching
removes it, and the contact is back to the type's default. The 2.10 API only reads types;
every new workspace starts with :data:`DEFAULT_SUBSCRIPTION_TYPES`.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, delete, select
from sqlalchemy.orm import Session

from backchannel.core.errors import NotFound, ParameterInvalid
from backchannel.core.ids import IdFactory, parse_numeric_id
from backchannel.db.tables import ContactSubscription, SubscriptionType
from backchannel.resources.contacts import service as contacts

__all__ = [
    "CONSENT_TYPES",
    "DEFAULT_SUBSCRIPTION_TYPES",
    "attach_to_contact",
    "contact_subscriptions",
    "create_defaults",
    "detach_from_contact",
    "list_types",
]

CONSENT_TYPES = ("opt_in", "opt_out")

DEFAULT_SUBSCRIPTION_TYPES: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    (
        "Newsletter",
        "News, tips and stories from us, about once a month.",
        "opt_out",
        ("email",),
    ),
    (
        "Product updates",
        "Announcements of new features and changes to the product.",
        "opt_in",
        ("email", "sms_message"),
    ),
)
"""Every new workspace's subscription types: name, description, consent type, channels.
All are live, in English."""

_TYPES = SubscriptionType.__table__
_PREFERENCES = ContactSubscription.__table__


def list_types(db: Session | Connection, *, workspace_id: int) -> list[Any]:
    """Every subscription type of the workspace, in the order they were made."""
    stmt = select(_TYPES).where(_TYPES.c.workspace_id == workspace_id).order_by(_TYPES.c.id)
    return list(db.execute(stmt).all())


def _subscription_type(db: Session, workspace_id: int, type_id: object) -> SubscriptionType:
    """A subscription type of the workspace; 404 ``not_found`` "Resource Not Found"."""
    number = parse_numeric_id(type_id)
    found = db.get(SubscriptionType, number) if number is not None else None
    if found is None or found.workspace_id != workspace_id:
        raise NotFound()
    return found


def attach_to_contact(
    db: Session,
    *,
    workspace_id: int,
    contact_id: str,
    type_id: str | int,
    consent_type: str,
    now: int,
) -> SubscriptionType:
    """Record a contact's explicit choice for a type; attaching twice changes nothing.

    Raises:
        NotFound: no such visible contact ("User Not Found") or type ("Resource Not Found").
        ParameterInvalid: ``consent_type`` is not the type's own consent type.
    """
    contact = contacts.get(db, workspace_id=workspace_id, contact_id=contact_id)
    subscription_type = _subscription_type(db, workspace_id, type_id)
    if consent_type not in CONSENT_TYPES:
        raise ParameterInvalid(
            f"consent_type must be one of {', '.join(CONSENT_TYPES)}, not '{consent_type}'",
            field="consent_type",
        )
    if consent_type != subscription_type.consent_type:
        raise ParameterInvalid(
            f"Subscription type {subscription_type.id} is {subscription_type.consent_type}: "
            f"consent_type must be {subscription_type.consent_type}",
            field="consent_type",
        )
    key = (contact.id, subscription_type.id)
    if db.get(ContactSubscription, key) is None:
        db.add(
            ContactSubscription(
                contact_id=contact.id,
                subscription_type_id=subscription_type.id,
                consent=subscription_type.consent_type,
                created_at=now,
            )
        )
        db.flush()
    return subscription_type


def detach_from_contact(
    db: Session, *, workspace_id: int, contact_id: str, type_id: str
) -> SubscriptionType:
    """Remove a contact's explicit choice for a type (if it made one); returns the type.

    Raises:
        NotFound: no such visible contact ("User Not Found") or type ("Resource Not Found").
    """
    contact = contacts.get(db, workspace_id=workspace_id, contact_id=contact_id)
    subscription_type = _subscription_type(db, workspace_id, type_id)
    db.execute(
        delete(ContactSubscription)
        .where(
            ContactSubscription.contact_id == contact.id,
            ContactSubscription.subscription_type_id == subscription_type.id,
        )
        .execution_options(synchronize_session=False)
    )
    return subscription_type


def contact_subscriptions(
    db: Session | Connection, *, workspace_id: int, contact_id: str
) -> list[Any]:
    """The types a visible contact made an explicit choice for (opted out of an ``opt_out``
    type, opted in to an ``opt_in`` one), in type order; defaults are not listed.

    Raises:
        NotFound: no such visible contact ("User Not Found").
    """
    contacts.read(db, workspace_id=workspace_id, contact_id=contact_id)
    stmt = (
        select(_TYPES)
        .join(_PREFERENCES, _PREFERENCES.c.subscription_type_id == _TYPES.c.id)
        .where(_TYPES.c.workspace_id == workspace_id, _PREFERENCES.c.contact_id == contact_id)
        .order_by(_TYPES.c.id)
    )
    return list(db.execute(stmt).all())


def create_defaults(
    db: Session, *, workspace_id: int, now: int, ids: IdFactory
) -> list[SubscriptionType]:
    """The subscription types every new workspace starts with."""
    made = []
    for name, description, consent_type, content_types in DEFAULT_SUBSCRIPTION_TYPES:
        translation = {"name": name, "description": description, "locale": "en"}
        made.append(
            SubscriptionType(
                workspace_id=workspace_id,
                state="live",
                consent_type=consent_type,
                default_translation=translation,
                translations=[dict(translation)],
                content_types=list(content_types),
                created_at=now,
            )
        )
    db.add_all(made)
    db.flush()
    return made
