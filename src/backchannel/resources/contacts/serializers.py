"""Contact rows -> the contact object as Intercom returns it (BEHAVIOR.md §3.5)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import attrgetter
from typing import Any

from sqlalchemy import Connection, Row
from sqlalchemy.orm import Session

from backchannel.core.pagination import CursorPage
from backchannel.core.rendered import RenderedBodies
from backchannel.db.prepared import Fetched
from backchannel.db.tables import Contact
from backchannel.db.versions import data_version
from backchannel.resources.contacts.relations import (
    SUMMARY_KEYS,
    empty_summary,
    load_summaries,
    nothing_attached,
)

__all__ = [
    "contact_archived_to_api",
    "contact_deleted_to_api",
    "contact_list_to_api",
    "contact_read_to_api",
    "contact_to_api",
    "contacts_to_api",
]

_PLAIN_FIELDS = (
    "external_id", "role", "email", "email_domain", "phone", "name", "owner_id",
    "has_hard_bounced", "marked_email_as_spam", "unsubscribed_from_emails",
    "created_at", "updated_at", "signed_up_at", "last_seen_at", "last_replied_at",
    "last_contacted_at", "last_email_opened_at", "last_email_clicked_at",
    "language_override", "browser", "browser_version", "browser_language", "os",
    "android_app_name", "android_app_version", "android_device", "android_os_version",
    "android_sdk_version", "android_last_seen_at", "ios_app_name", "ios_app_version",
    "ios_device", "ios_os_version", "ios_sdk_version", "ios_last_seen_at",
)  # fmt: skip
_MARKETING_FIELDS = (
    "utm_campaign",
    "utm_content",
    "utm_medium",
    "utm_source",
    "utm_term",
    "referrer",
)
_plain = attrgetter(*_PLAIN_FIELDS)
_marketing = attrgetter(*_MARKETING_FIELDS)


def contact_to_api(
    contact: Contact | Row[Any],
    *,
    workspace_code: str,
    summaries: dict[str, dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The full ``contact`` object with every documented key (nulls, not omissions).

    Takes an ORM contact or a row of the contacts table: only attributes are read.
    ``summaries`` are the relationship lists from :func:`relations.load_summaries`; a
    relation with nothing to show is an empty list object.
    """
    body: dict[str, Any] = {"type": "contact", "id": contact.id, "workspace_id": workspace_code}
    body.update(zip(_PLAIN_FIELDS, _plain(contact), strict=True))
    body["avatar"] = {"type": "avatar", "image_url": contact.avatar} if contact.avatar else None
    body["social_profiles"] = {
        "type": "list",
        "data": [
            {"type": "social_profile", "name": p.get("name"), "url": p.get("url")}
            for p in contact.social_profiles or []
        ],
    }
    body["location"] = {
        "type": "location",
        "country": contact.location_country,
        "region": contact.location_region,
        "city": contact.location_city,
        "country_code": contact.location_country_code,
        "continent_code": contact.location_continent_code,
    }
    body["custom_attributes"] = dict(contact.custom_attributes or {})
    found = summaries or {}
    for key in SUMMARY_KEYS:
        body[key] = found.get(key) or empty_summary(contact.id, key)
    body.update(zip(_MARKETING_FIELDS, _marketing(contact), strict=True))
    return body


def contact_read_to_api(
    db: Session | Connection,
    contact_id: str,
    *,
    fetch: Callable[..., Fetched],
    workspace_id: int,
    workspace_code: str,
    kept: RenderedBodies,
) -> Any:
    """The contact object of ``GET /contacts/{id}``, its row read by ``fetch``
    (``service.fetch``) when a kept body cannot answer (``core/rendered.py``).

    - While the database's stamp (``db.versions.data_version``) has not moved since this
      contact was last rendered, that body is sent again without a query.
    - Otherwise the row is read. A contact with nothing attached depends on its row alone,
      so its body is also kept under the row's content key, and sent again whenever the
      same row is read; a changed row is a new key. A contact with tags, notes, companies or
      subscriptions is rendered afresh whenever the stamp has moved (or there is none).
    """
    name = ("contact", workspace_code, contact_id)
    # Taken before the read, so that a change committed meanwhile moves the next stamp.
    stamp = data_version(db)
    if (body := kept.latest(name, stamp)) is not None:
        return body
    fetched = fetch(db, workspace_id=workspace_id, contact_id=contact_id)
    key = ("contact", workspace_code, fetched.key) if fetched.key is not None else None
    if key is not None and (body := kept.get(key)) is not None:
        return kept.put(None, body, name=name, stamp=stamp)
    row = fetched.row
    found = load_summaries(db, workspace_id=workspace_id, flagged=[row])
    rendered = contact_to_api(row, workspace_code=workspace_code, summaries=found.get(row.id))
    key = key if nothing_attached(row) else None
    return kept.put(key, rendered, name=name, stamp=stamp)


def contacts_to_api(
    db: Session | Connection,
    contacts: Sequence[Contact | Row[Any]],
    *,
    workspace_id: int,
    workspace_code: str,
) -> list[dict[str, Any]]:
    """Full contact objects for ``contacts``, their summaries loaded in one pass per relation.

    For lists of contacts built outside this resource (a company's contacts, ...).
    """
    found = load_summaries(db, workspace_id=workspace_id, contact_ids=[c.id for c in contacts])
    return [
        contact_to_api(c, workspace_code=workspace_code, summaries=found.get(c.id))
        for c in contacts
    ]


def contact_list_to_api(
    page: CursorPage[Any],
    *,
    workspace_code: str,
    summaries: dict[str, dict[str, dict[str, Any]]] | None = None,
) -> dict[str, Any]:
    found = summaries or {}
    return {
        "type": "list",
        "data": [
            contact_to_api(c, workspace_code=workspace_code, summaries=found.get(c.id))
            for c in page.items
        ],
        "total_count": page.total_count,
        "pages": page.pages(),
    }


def contact_deleted_to_api(contact: Contact) -> dict[str, Any]:
    return {
        "id": contact.id,
        "external_id": contact.external_id,
        "type": "contact",
        "deleted": True,
    }


def contact_archived_to_api(contact: Contact) -> dict[str, Any]:
    return {
        "id": contact.id,
        "external_id": contact.external_id,
        "type": "contact",
        "archived": contact.archived,
    }
