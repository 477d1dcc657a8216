"""Contact rules: identity uniqueness, roles, archive, merge, listing and search.

Archived and merged-away contacts stay stored. Both are invisible to reads, lists and
search; archived ones keep their email and external_id reserved and can still be
unarchived or deleted by id, merged-away ones are gone for good.
"""

from __future__ import annotations

import re
from typing import Any

from msgspec import UNSET
from sqlalchemy import Connection, Select, bindparam, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from backchannel.core.auth import WorkspaceInfo
from backchannel.core.errors import (
    Conflict,
    NotFound,
    ParameterInvalid,
    ParameterNotFound,
)
from backchannel.core.ids import IdFactory, parse_numeric_id
from backchannel.core.pagination import CursorPage, clamp_per_page, cursor_page
from backchannel.core.search import (
    FieldRegistry,
    search_page,
)
from backchannel.core.urls import is_http_url
from backchannel.db.prepared import Fetched
from backchannel.db.repository import Repository
from backchannel.db.tables import Admin, Contact
from backchannel.resources.contacts import relations
from backchannel.resources.contacts.schemas import ContactCreate, ContactUpdate
from backchannel.resources.contacts.search_fields import CONTACT_DEFAULT_SORT, CONTACT_FIELDS
from backchannel.resources.data_attributes.service import merge_custom_attributes, search_types

__all__ = [
    "DEFAULT_ORDER",
    "LIST_DEFAULT_PER_PAGE",
    "archive",
    "create",
    "delete",
    "find",
    "get",
    "list_page",
    "live",
    "merge",
    "read",
    "search",
    "typed_fields",
    "unarchive",
    "update",
]

LIST_DEFAULT_PER_PAGE = 50
ROLES = ("user", "lead")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+$")

# Lists and searches without a sort: newest first, ties broken by id.
DEFAULT_ORDER = CONTACT_DEFAULT_SORT


def _not_found() -> NotFound:
    return NotFound("User Not Found")


_CONTACTS = Contact.__table__


def live(workspace_id: int) -> Select[Any]:
    """Rows of the contacts a client can see: not archived, not merged away.

    Reads select table columns rather than ORM entities: a page of rows loads several times
    faster, and serializers only read attributes, which rows have too.
    """
    return select(_CONTACTS).where(
        _CONTACTS.c.workspace_id == workspace_id,
        _CONTACTS.c.archived.is_(False),
        _CONTACTS.c.merged_into_id.is_(None),
    )


def _stored(db: Session, workspace_id: int, contact_id: str) -> Contact:
    """A contact that still exists (archived ones included); 404 otherwise."""
    contact = Repository(db, workspace_id, Contact, not_found=_not_found()).get_or_raise(contact_id)
    if contact.merged_into_id is not None:
        raise _not_found()
    return contact


# Built once: a prepared statement's cache key is computed once, not per request.
_READ_ONE = select(_CONTACTS).where(
    _CONTACTS.c.workspace_id == bindparam("workspace_id"),
    _CONTACTS.c.id == bindparam("contact_id"),
    _CONTACTS.c.archived.is_(False),
    _CONTACTS.c.merged_into_id.is_(None),
)


def read(db: Session | Connection, *, workspace_id: int, contact_id: str) -> Any:
    """A visible contact's row for display, with its relation flags (pass it to
    :func:`relations.load_summaries` as ``flagged``); 404 ``User Not Found`` like :func:`get`.
    """
    return fetch(db, workspace_id=workspace_id, contact_id=contact_id).row


def fetch(db: Session | Connection, *, workspace_id: int, contact_id: str) -> Fetched:
    """:func:`read`'s row as fetched, not yet converted: its ``key`` identifies the row's
    content (see ``core/rendered.py``).

    This is the read clients make most, so it runs as one prepared query.
    """
    params = {"workspace_id": workspace_id, "contact_id": contact_id}
    fetched = relations.with_presence("read_one", _READ_ONE).fetch_first(db, params)
    if fetched is None:
        raise _not_found()
    return fetched


def get(db: Session, *, workspace_id: int, contact_id: str) -> Contact:
    """A visible contact by id; archived, merged and foreign ids are 404 ``User Not Found``."""
    contact = _stored(db, workspace_id, contact_id)
    if contact.archived:
        raise _not_found()
    return contact


def find(
    db: Session,
    *,
    workspace_id: int,
    id: str | None = None,
    external_id: str | None = None,
    email: str | None = None,
) -> Contact | None:
    """A visible contact by Intercom ``id``, else ``external_id``, else email (users before
    leads, then the oldest); ``None`` if there is none."""
    if id:
        stmt = select(Contact).where(Contact.id == id)
    elif external_id:
        stmt = select(Contact).where(Contact.external_id == external_id)
    elif email:
        stmt = select(Contact).where(func.lower(Contact.email) == email.lower())
        stmt = stmt.order_by((Contact.role == "user").desc(), Contact.created_at, Contact.id)
    else:
        return None
    stmt = stmt.where(
        Contact.workspace_id == workspace_id,
        Contact.archived.is_(False),
        Contact.merged_into_id.is_(None),
    )
    return db.execute(stmt.limit(1)).scalars().first()


def _clash_message(existing: Contact) -> str:
    prefix = "An archived contact" if existing.archived else "A contact"
    return f"{prefix} matching those details already exists with id={existing.id}"


def _find_clash(
    db: Session,
    *,
    workspace_id: int,
    external_id: str | None,
    email: str | None,
    role: str,
    exclude_id: str | None = None,
) -> Contact | None:
    """The stored contact whose external_id (any role) or email (users only) is taken."""
    conditions = []
    if external_id is not None:
        conditions.append(Contact.external_id == external_id)
    if email is not None and role == "user":
        conditions.append(
            (func.lower(Contact.email) == email.lower())
            & (Contact.role == "user")
            & Contact.merged_into_id.is_(None)
        )
    if not conditions:
        return None
    stmt = select(Contact).where(Contact.workspace_id == workspace_id, or_(*conditions))
    if exclude_id is not None:
        stmt = stmt.where(Contact.id != exclude_id)
    return db.execute(stmt.limit(1)).scalars().first()


def _ensure_unique(db: Session, contact: Contact, *, exclude_id: str | None) -> None:
    clash = _find_clash(
        db,
        workspace_id=contact.workspace_id,
        external_id=contact.external_id,
        email=contact.email,
        role=contact.role,
        exclude_id=exclude_id,
    )
    if clash is not None:
        raise Conflict(_clash_message(clash))


def _flush_unique(db: Session, contact: Contact, *, exclude_id: str | None) -> None:
    """Flush, so that a duplicate a concurrent request stored first still gets the 409
    naming its id.

    A failed flush ends the request's transaction (a savepoint cannot help: an update is
    flushed before one begins), so the winner is looked up in a new one; the request fails
    either way.
    """
    workspace_id, external_id = contact.workspace_id, contact.external_id
    email, role = contact.email, contact.role
    db.add(contact)
    try:
        db.flush()
    except IntegrityError:
        db.rollback()
        clash = _find_clash(
            db,
            workspace_id=workspace_id,
            external_id=external_id,
            email=email,
            role=role,
            exclude_id=exclude_id,
        )
        if clash is not None:
            raise Conflict(_clash_message(clash)) from None
        raise


def _check_role(role: str) -> str:
    if role not in ROLES:
        raise ParameterInvalid("role must be one of user, lead", field="role")
    return role


def _check_email(email: str | None) -> str | None:
    if email is None or email == "":
        return None
    email = email.strip()
    if not EMAIL.match(email):
        raise ParameterInvalid(f"The email address '{email}' is invalid", field="email")
    return email


def _check_owner(db: Session, workspace_id: int, owner: object) -> int | None:
    if owner is None:
        return None
    owner_id = parse_numeric_id(owner)
    admin = db.get(Admin, owner_id) if owner_id is not None else None
    if admin is None or admin.workspace_id != workspace_id:
        raise ParameterInvalid(
            "The owner specified is not a member of the workspace", field="owner_id"
        )
    return owner_id


def _apply(db: Session, contact: Contact, data: ContactCreate | ContactUpdate) -> None:
    """Copy the given fields of ``data`` onto ``contact``, validating each."""
    if data.role is not UNSET:
        contact.role = _check_role(data.role)
    if data.external_id is not UNSET:
        contact.external_id = data.external_id or None
    if data.email is not UNSET:
        contact.email = _check_email(data.email)
        contact.email_domain = contact.email.rsplit("@", 1)[1].lower() if contact.email else None
    if data.phone is not UNSET:
        contact.phone = data.phone
    if data.name is not UNSET:
        contact.name = data.name
    if data.avatar is not UNSET:
        if data.avatar and not is_http_url(data.avatar):
            raise ParameterInvalid("avatar must be an http or https URL", field="avatar")
        contact.avatar = data.avatar or None
    if data.signed_up_at is not UNSET:
        contact.signed_up_at = data.signed_up_at
    if data.last_seen_at is not UNSET:
        contact.last_seen_at = data.last_seen_at
    if data.owner_id is not UNSET:
        contact.owner_id = _check_owner(db, contact.workspace_id, data.owner_id)
    if data.unsubscribed_from_emails is not UNSET:
        contact.unsubscribed_from_emails = bool(data.unsubscribed_from_emails)
    if data.custom_attributes is not UNSET:
        contact.custom_attributes = merge_custom_attributes(
            db,
            workspace_id=contact.workspace_id,
            model="contact",
            current=contact.custom_attributes or {},
            changes=data.custom_attributes or {},
        )


def create(
    db: Session, *, workspace_id: int, data: ContactCreate, now: int, ids: IdFactory
) -> Contact:
    """Create a user or lead; 409 ``conflict`` naming the existing id on a duplicate."""
    if (
        data.email in (UNSET, None, "")
        and data.external_id in (UNSET, None, "")
        and (data.role is UNSET)
    ):
        raise ParameterNotFound(
            "Please provide at least one of email, external_id or role", field="email"
        )
    contact = Contact(
        id=ids.object_id(now),
        workspace_id=workspace_id,
        role="user",
        created_at=now,
        updated_at=now,
        custom_attributes={},
        social_profiles=[],
        has_hard_bounced=False,
        marked_email_as_spam=False,
        unsubscribed_from_emails=False,
        archived=False,
    )
    _apply(db, contact, data)
    if contact.role == "user" and contact.email is None and contact.external_id is None:
        raise ParameterInvalid("A user needs an email or an external_id", field="email")
    _ensure_unique(db, contact, exclude_id=None)
    _flush_unique(db, contact, exclude_id=None)
    return contact


def update(
    db: Session, *, workspace_id: int, contact_id: str, data: ContactUpdate, now: int
) -> Contact:
    """Partial update of a visible contact. A lead may become a user, never the reverse."""
    contact = get(db, workspace_id=workspace_id, contact_id=contact_id)
    was_user = contact.role == "user"
    _apply(db, contact, data)
    if was_user and contact.role == "lead":
        raise ParameterInvalid("A user cannot be converted into a lead", field="role")
    if contact.role == "user" and contact.email is None and contact.external_id is None:
        raise ParameterInvalid("A user needs an email or an external_id", field="email")
    _ensure_unique(db, contact, exclude_id=contact.id)
    contact.updated_at = max(now, contact.updated_at)
    _flush_unique(db, contact, exclude_id=contact.id)
    return contact


def delete(db: Session, *, workspace_id: int, contact_id: str) -> Contact:
    """Delete a contact for good (archived ones too); returns the deleted row."""
    contact = _stored(db, workspace_id, contact_id)
    relations.on_contact_deleted(db, workspace_id=workspace_id, contact_id=contact.id)
    db.delete(contact)
    db.flush()
    return contact


def archive(db: Session, *, workspace_id: int, contact_id: str, now: int) -> Contact:
    contact = _stored(db, workspace_id, contact_id)
    if not contact.archived:
        contact.archived = True
        contact.updated_at = max(now, contact.updated_at)
        db.flush()
    return contact


def unarchive(db: Session, *, workspace_id: int, contact_id: str, now: int) -> Contact:
    contact = _stored(db, workspace_id, contact_id)
    if contact.archived:
        contact.archived = False
        contact.updated_at = max(now, contact.updated_at)
        db.flush()
    return contact


_FILLED_ON_MERGE = (
    "name", "phone", "avatar", "owner_id", "signed_up_at", "last_seen_at", "last_replied_at",
    "last_contacted_at", "last_email_opened_at", "last_email_clicked_at", "language_override",
    "browser", "browser_version", "browser_language", "os", "location_country",
    "location_region", "location_city", "location_country_code", "location_continent_code",
    "utm_campaign", "utm_content", "utm_medium", "utm_source", "utm_term", "referrer",
)  # fmt: skip


def merge(db: Session, *, workspace_id: int, from_id: str, into_id: str, now: int) -> Contact:
    """Merge the lead ``from_id`` into the user ``into_id``; the lead is gone afterwards.

    The user keeps its own values; empty ones are filled from the lead, and custom
    attributes the user lacks are copied over.
    """
    if from_id == into_id:
        raise ParameterInvalid("A contact cannot be merged into itself", field="from")
    lead = get(db, workspace_id=workspace_id, contact_id=from_id)
    user = get(db, workspace_id=workspace_id, contact_id=into_id)
    if lead.role != "lead":
        raise ParameterInvalid("The contact to merge from must be a lead", field="from")
    if user.role != "user":
        raise ParameterInvalid("The contact to merge into must be a user", field="into")
    for name in _FILLED_ON_MERGE:
        if getattr(user, name) is None and getattr(lead, name) is not None:
            setattr(user, name, getattr(lead, name))
    user.custom_attributes = {**(lead.custom_attributes or {}), **(user.custom_attributes or {})}
    relations.on_contact_merged(db, workspace_id=workspace_id, from_id=lead.id, into_id=user.id)
    lead.merged_into_id = user.id
    lead.updated_at = max(now, lead.updated_at)
    user.updated_at = max(now, user.updated_at)
    db.flush()
    return user


def list_page(
    db: Session | Connection, *, workspace_id: int, per_page: int | None, starting_after: str | None
) -> CursorPage[Any]:
    """Visible contacts, newest first, keyset-paged."""
    return cursor_page(
        db,
        live(workspace_id),
        order=DEFAULT_ORDER,
        per_page=clamp_per_page(per_page, LIST_DEFAULT_PER_PAGE),
        starting_after=starting_after,
        query_print="list",
        rows=True,
    )


SEARCH_DEFAULT_PER_PAGE = 50


def typed_fields(db: Session | Connection, *, workspace_id: int) -> FieldRegistry:
    """The searchable contact fields, with ``custom_attributes.<name>`` typed by the
    workspace's declared data attributes (one query). Search and segments both use it, so
    a segment counts exactly the contacts a search with its query finds."""
    declared = search_types(db, workspace_id=workspace_id, model="contact")
    return CONTACT_FIELDS.with_custom_types(declared)


def search(
    db: Session | Connection,
    *,
    workspace: WorkspaceInfo,
    request: dict[str, Any],
    now: int | None = None,
) -> CursorPage[Any]:
    """``POST /contacts/search``: visible contacts matching the query, keyset-paged.

    The query is validated completely (fields, operators, value types, nesting limits)
    before any SQL is built; see :mod:`backchannel.core.search`. ``custom_attributes.<name>``
    takes the type of the declared data attribute (one query loads them).

    ``now`` is the time of the search: ``segment_id`` needs it (segments may hold relative
    dates).
    """
    return search_page(
        db,
        live(workspace.id),
        typed_fields(db, workspace_id=workspace.id),
        request,
        workspace=workspace,
        default_sort=DEFAULT_ORDER,
        default_per_page=SEARCH_DEFAULT_PER_PAGE,
        now=now,
    )
