"""Visitors: anonymous Messenger visitors, until converted into a user or lead.

Visitors live apart from contacts, so contact lists and search never show them. Converting
one either merges it into an existing contact (filling that contact's empty fields) or makes
a new contact through the contact rules (uniqueness, the 409 on a clash); the visitor is
deleted either way. Custom attributes are checked against the contact data attributes, since
that is what a visitor becomes.
"""

from __future__ import annotations

import re
from typing import Any

from msgspec import UNSET
from sqlalchemy import Connection, Row, func, select
from sqlalchemy.orm import Session

from backchannel.core.errors import NotFound, ParameterInvalid, ParameterNotFound
from backchannel.core.ids import IdFactory
from backchannel.db.tables import Contact, Visitor
from backchannel.resources.contacts import service as contacts
from backchannel.resources.contacts.schemas import ContactCreate
from backchannel.resources.data_attributes.service import merge_custom_attributes
from backchannel.resources.visitors.schemas import VisitorConvert, VisitorRef, VisitorUpdate

__all__ = [
    "ROLES",
    "VisitorNotFound",
    "convert",
    "create_visitor",
    "find",
    "pseudonym",
    "read",
    "to_lead",
    "update",
]

ROLES = ("user", "lead")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+$")
UTM_KEYS = ("utm_campaign", "utm_content", "utm_medium", "utm_source", "utm_term")
# Visitor location_data keys -> contact location columns.
_LOCATION = {
    "city_name": "location_city",
    "region_name": "location_region",
    "country_name": "location_country",
    "country_code": "location_country_code",
    "continent_code": "location_continent_code",
}
_COLOURS = (
    "Grey", "Red", "Blue", "Green", "Orange", "Purple", "Yellow", "Pink", "Teal", "Brown",
    "Black", "White", "Silver", "Gold", "Indigo", "Violet",
)  # fmt: skip
_ANIMALS = (
    "Shark", "Duck", "Fox", "Owl", "Panda", "Tiger", "Whale", "Wolf", "Bear", "Hawk",
    "Otter", "Seal", "Heron", "Badger", "Lynx", "Falcon", "Koala", "Moose", "Puffin", "Zebra",
)  # fmt: skip
_VISITORS = Visitor.__table__
_CONTACTS = Contact.__table__.c


class VisitorNotFound(NotFound):
    default_message = "Visitor Not Found"


def pseudonym(visitor_id: str) -> str:
    """The visitor's made-up name ("Grey Shark"), derived from its id, so the same ids
    always give the same names."""
    number = int(visitor_id[8:], 16) if len(visitor_id) > 8 else int(visitor_id or "0", 16)
    colour = _COLOURS[number % len(_COLOURS)]
    animal = _ANIMALS[(number // len(_COLOURS)) % len(_ANIMALS)]
    return f"{colour} {animal}"


def create_visitor(
    db: Session,
    *,
    workspace_id: int,
    now: int,
    ids: IdFactory,
    name: str | None = None,
    email: str | None = None,
) -> Visitor:
    """A new anonymous visitor with a generated ``user_id`` and pseudonym."""
    if email is not None and not EMAIL.match(email):
        raise ParameterInvalid(f"The email address '{email}' is invalid", field="email")
    visitor_id = ids.object_id(now)
    visitor = Visitor(
        id=visitor_id,
        workspace_id=workspace_id,
        user_id=ids.uuid(),
        name=name or None,
        pseudonym=pseudonym(visitor_id),
        email=email or None,
        session_count=0,
        signed_up_at=now,
        remote_created_at=now,
        unsubscribed_from_emails=False,
        marked_email_as_spam=False,
        has_hard_bounced=False,
        location={},
        custom_attributes={},
        utm={},
        created_at=now,
        updated_at=now,
    )
    db.add(visitor)
    db.flush()
    return visitor


def read(db: Session | Connection, *, workspace_id: int, user_id: str | None) -> Row[Any]:
    """A visitor's row by its ``user_id``; 404 ``Visitor Not Found``."""
    if not user_id:
        raise ParameterNotFound("user_id is a required parameter.", field="user_id")
    row = db.execute(
        select(_VISITORS).where(
            _VISITORS.c.workspace_id == workspace_id, _VISITORS.c.user_id == user_id
        )
    ).first()
    if row is None:
        raise VisitorNotFound()
    return row


def find(
    db: Session,
    *,
    workspace_id: int,
    id: str | None = None,
    user_id: str | None = None,
    email: str | None = None,
) -> Visitor:
    """A visitor by Intercom ``id``, else ``user_id``, else ``email``; 404 otherwise."""
    stmt = select(Visitor).where(Visitor.workspace_id == workspace_id)
    if id:
        stmt = stmt.where(Visitor.id == id)
    elif user_id:
        stmt = stmt.where(Visitor.user_id == user_id)
    elif email:
        stmt = stmt.where(func.lower(Visitor.email) == email.lower()).order_by(
            Visitor.created_at, Visitor.id
        )
    else:
        raise ParameterNotFound("id or user_id is a required parameter.", field="id")
    visitor = db.execute(stmt.limit(1)).scalars().first()
    if visitor is None:
        raise VisitorNotFound()
    return visitor


def update(db: Session, *, workspace_id: int, data: VisitorUpdate, now: int) -> Visitor:
    """Change a visitor's name and custom attributes (merged key by key, ``null`` clears)."""
    visitor = find(
        db,
        workspace_id=workspace_id,
        id=data.id or None,
        user_id=data.user_id or None,
    )
    if data.name is not UNSET:
        visitor.name = data.name or None
    if data.custom_attributes is not UNSET:
        visitor.custom_attributes = merge_custom_attributes(
            db,
            workspace_id=workspace_id,
            model="contact",
            current=visitor.custom_attributes or {},
            changes=data.custom_attributes or {},
        )
    visitor.updated_at = max(now, visitor.updated_at)
    db.flush()
    return visitor


def _check_refs(data: VisitorConvert) -> None:
    if data.type not in ROLES:
        raise ParameterInvalid("type must be one of user, lead", field="type")
    if not (data.visitor.id or data.visitor.user_id or data.visitor.email):
        raise ParameterNotFound("visitor needs one of id, user_id or email", field="visitor")
    if not (data.user.id or data.user.user_id or data.user.email):
        raise ParameterNotFound("user needs one of id, user_id or email", field="user")


def _target(db: Session, workspace_id: int, user: VisitorRef, role: str) -> Contact | None:
    """The existing contact ``user`` names, if any: by Intercom id (which must exist), else
    by ``user_id`` (external_id), else by email among users when converting to a user (leads
    may share emails, so converting to a lead by email makes a new lead)."""
    if user.id:
        return contacts.get(db, workspace_id=workspace_id, contact_id=user.id)
    stmt = contacts.live(workspace_id)
    if user.user_id:
        stmt = stmt.where(_CONTACTS.external_id == user.user_id)
    elif role == "user" and user.email:
        stmt = stmt.where(
            func.lower(_CONTACTS.email) == user.email.lower(), _CONTACTS.role == "user"
        )
    else:
        return None
    row = db.execute(stmt.limit(1)).first()
    if row is None:
        return None
    return contacts.get(db, workspace_id=workspace_id, contact_id=row.id)


def _fill(contact: Contact, visitor: Visitor, now: int) -> None:
    """Copy what the visitor knows into the contact's empty fields."""
    filled: dict[str, Any] = {
        "name": visitor.name,
        "phone": visitor.phone,
        "avatar": visitor.avatar,
        "owner_id": visitor.owner_id,
        "last_seen_at": visitor.last_request_at,
        "referrer": visitor.referrer,
    }
    for key in UTM_KEYS:
        filled[key] = (visitor.utm or {}).get(key)
    for key, column in _LOCATION.items():
        filled[column] = (visitor.location or {}).get(key)
    for name, value in filled.items():
        if getattr(contact, name) is None and value is not None:
            setattr(contact, name, value)
    contact.custom_attributes = {
        **(visitor.custom_attributes or {}),
        **(contact.custom_attributes or {}),
    }
    contact.updated_at = max(now, contact.updated_at)


def convert(
    db: Session, *, workspace_id: int, data: VisitorConvert, now: int, ids: IdFactory
) -> Contact:
    """Merge the visitor into the contact ``data.user`` names, or make it a new contact of
    role ``data.type``; the visitor is deleted. Returns the contact."""
    _check_refs(data)
    visitor = find(
        db,
        workspace_id=workspace_id,
        id=data.visitor.id,
        user_id=data.visitor.user_id,
        email=data.visitor.email,
    )
    contact = _target(db, workspace_id, data.user, data.type)
    return _become(db, visitor, contact, data.type, data.user, now=now, ids=ids)


def to_lead(db: Session, *, visitor: Visitor, now: int, ids: IdFactory) -> Contact:
    """Turn a visitor into a new lead (a visitor who starts a conversation); the visitor is
    deleted. Returns the lead."""
    return _become(db, visitor, None, "lead", VisitorRef(), now=now, ids=ids)


def _become(
    db: Session,
    visitor: Visitor,
    contact: Contact | None,
    role: str,
    user: VisitorRef,
    *,
    now: int,
    ids: IdFactory,
) -> Contact:
    """Fold ``visitor`` into ``contact``, or into a new contact of ``role`` made from
    ``user`` and the visitor's email; the visitor is deleted."""
    if contact is None:
        email = user.email or visitor.email
        contact = contacts.create(
            db,
            workspace_id=visitor.workspace_id,
            data=ContactCreate(
                role=role,
                external_id=user.user_id or UNSET,
                email=email or UNSET,
                signed_up_at=now if role == "user" else UNSET,
            ),
            now=now,
            ids=ids,
        )
    _fill(contact, visitor, now)
    db.delete(visitor)
    db.flush()
    return contact
