"""Request bodies and query strings of the contact operations."""

from __future__ import annotations

from typing import Annotated, Any

import msgspec
from msgspec import UNSET, Meta, UnsetType

__all__ = [
    "READ_ONLY_CONTACT_KEYS",
    "ContactCreate",
    "ContactListQuery",
    "ContactMerge",
    "ContactUpdate",
]

Text = Annotated[str, Meta(max_length=255)]
LongText = Annotated[str, Meta(max_length=2048)]
Timestamp = Annotated[int, Meta(ge=0, le=253_402_300_799)]  # up to the year 9999
AdminRef = int | Annotated[str, Meta(max_length=20)]


class _ContactFields(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    role: Text | UnsetType = UNSET
    external_id: Text | UnsetType | None = UNSET
    email: Text | UnsetType | None = UNSET
    phone: Annotated[str, Meta(max_length=64)] | UnsetType | None = UNSET
    name: Text | UnsetType | None = UNSET
    avatar: LongText | UnsetType | None = UNSET
    signed_up_at: Timestamp | UnsetType | None = UNSET
    last_seen_at: Timestamp | UnsetType | None = UNSET
    owner_id: AdminRef | UnsetType | None = UNSET
    unsubscribed_from_emails: bool | UnsetType | None = UNSET
    custom_attributes: dict[str, Any] | UnsetType | None = UNSET


class ContactCreate(_ContactFields):
    """``create_contact_request``: at least one of email, external_id or role."""


class ContactUpdate(_ContactFields):
    """``update_contact_request``: a partial update; absent keys stay as they are."""


# Keys of the contact object that clients send back unchanged on PUT; they are ignored.
READ_ONLY_CONTACT_KEYS = frozenset(
    {
        "type", "id", "workspace_id", "email_domain", "created_at", "updated_at",
        "last_replied_at", "last_contacted_at", "last_email_opened_at",
        "last_email_clicked_at", "has_hard_bounced", "marked_email_as_spam",
        "language_override", "browser", "browser_version", "browser_language", "os",
        "location", "social_profiles", "tags", "notes", "companies",
        "opted_out_subscription_types", "opted_in_subscription_types",
        "android_app_name", "android_app_version", "android_device", "android_os_version",
        "android_sdk_version", "android_last_seen_at", "ios_app_name", "ios_app_version",
        "ios_device", "ios_os_version", "ios_sdk_version", "ios_last_seen_at",
        "utm_campaign", "utm_content", "utm_medium", "utm_source", "utm_term", "referrer",
    }
)  # fmt: skip


class ContactMerge(msgspec.Struct, forbid_unknown_fields=True):
    """``merge_contacts_request``: merge the lead ``from`` into the user ``into``."""

    from_: Annotated[str, Meta(max_length=64)] = msgspec.field(name="from")
    into: Annotated[str, Meta(max_length=64)]


class ContactListQuery(msgspec.Struct):
    """``GET /contacts``: cursor paging (``page`` is accepted and ignored, as the SDK sends it)."""

    per_page: int | None = None
    starting_after: str | None = None
    page: int | None = None
