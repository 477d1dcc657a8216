"""The searchable contact fields (``POST /contacts/search``).

Every field the API documents for contacts that maps onto a :class:`Contact` column, plus
``custom_attributes.<name>`` over the JSON column. Dates compare by calendar day in the
workspace time zone. ``andoid_sdk_version`` (the API's spelling) and ``ios_app_device`` are
accepted as aliases. ``tag_id`` is an EXISTS over the contact's taggings (``=``/``!=`` only).
``segment_id`` expands the segment's saved query with its person type
(:mod:`backchannel.resources.segments.search`).
"""

from __future__ import annotations

from backchannel.core.pagination import SortKey
from backchannel.core.search import (
    DateRule,
    FieldRegistry,
    FieldSpec,
    FieldType,
    Operator,
    field_sort_key,
)
from backchannel.db.tables import Contact
from backchannel.resources.segments.search import contact_segment_condition
from backchannel.resources.tags.search import contact_tag_condition

__all__ = ["CONTACT_DEFAULT_SORT", "CONTACT_FIELDS"]

_S, _I, _B, _D = FieldType.STRING, FieldType.INTEGER, FieldType.BOOLEAN, FieldType.DATE

CONTACT_FIELDS = FieldRegistry(
    fields=(
        FieldSpec("id", _S, Contact.id, case_insensitive=False),
        # Roles are validated lowercase on write, so ix_contacts_ws_role serves role filters.
        FieldSpec("role", _S, Contact.role, stored_lowercase=True),
        FieldSpec("name", _S, Contact.name),
        FieldSpec("avatar", _S, Contact.avatar),
        FieldSpec("owner_id", _I, Contact.owner_id),
        FieldSpec("email", _S, Contact.email),
        FieldSpec("email_domain", _S, Contact.email_domain),
        FieldSpec("phone", _S, Contact.phone),
        FieldSpec("external_id", _S, Contact.external_id),
        FieldSpec("created_at", _D, Contact.created_at),
        FieldSpec("signed_up_at", _D, Contact.signed_up_at),
        FieldSpec("updated_at", _D, Contact.updated_at),
        FieldSpec("last_seen_at", _D, Contact.last_seen_at),
        FieldSpec("last_contacted_at", _D, Contact.last_contacted_at),
        FieldSpec("last_replied_at", _D, Contact.last_replied_at),
        FieldSpec("last_email_opened_at", _D, Contact.last_email_opened_at),
        FieldSpec("last_email_clicked_at", _D, Contact.last_email_clicked_at),
        FieldSpec("language_override", _S, Contact.language_override),
        FieldSpec("browser", _S, Contact.browser),
        FieldSpec("browser_language", _S, Contact.browser_language),
        FieldSpec("os", _S, Contact.os),
        FieldSpec("location.country", _S, Contact.location_country),
        FieldSpec("location.region", _S, Contact.location_region),
        FieldSpec("location.city", _S, Contact.location_city),
        FieldSpec("unsubscribed_from_emails", _B, Contact.unsubscribed_from_emails),
        FieldSpec("marked_email_as_spam", _B, Contact.marked_email_as_spam),
        FieldSpec("has_hard_bounced", _B, Contact.has_hard_bounced),
        FieldSpec("ios_last_seen_at", _D, Contact.ios_last_seen_at),
        FieldSpec("ios_app_version", _S, Contact.ios_app_version),
        FieldSpec("ios_device", _S, Contact.ios_device, aliases=("ios_app_device",)),
        FieldSpec("ios_os_version", _S, Contact.ios_os_version),
        FieldSpec("ios_app_name", _S, Contact.ios_app_name),
        FieldSpec("ios_sdk_version", _S, Contact.ios_sdk_version),
        FieldSpec("android_last_seen_at", _D, Contact.android_last_seen_at),
        FieldSpec("android_app_version", _S, Contact.android_app_version),
        FieldSpec("android_device", _S, Contact.android_device),
        FieldSpec("android_app_name", _S, Contact.android_app_name),
        FieldSpec(
            "android_sdk_version",
            _S,
            Contact.android_sdk_version,
            aliases=("andoid_sdk_version",),
        ),
        FieldSpec(
            "tag_id",
            _S,
            operators=frozenset({Operator.EQ, Operator.NE}),
            sortable=False,
            builder=contact_tag_condition,
        ),
        FieldSpec(
            "segment_id",
            _S,
            operators=frozenset({Operator.EQ, Operator.NE, Operator.IN, Operator.NIN}),
            sortable=False,
            context_builder=contact_segment_condition,
        ),
    ),
    date_rule=DateRule.DAY,
    id_field="id",
    custom_attributes=Contact.custom_attributes,
)
"""Contact search fields; dates by calendar day in the workspace time zone."""

CONTACT_DEFAULT_SORT: list[SortKey] = [
    field_sort_key(CONTACT_FIELDS.spec("created_at"), descending=True),
    field_sort_key(CONTACT_FIELDS.id_spec, descending=True),
]
"""Newest first: ``created_at`` descending, then ``id`` descending."""
