"""The built-in (standard) data attributes every workspace has.

Built-ins have no ``id`` and ``custom: false``; they are listed with the custom attributes by
``GET /data_attributes``. The company rows are the ones the API's own example lists, in its
order. The API shows no example for contacts; their rows describe the writable and searchable
fields of the contact object (BEHAVIOR.md §3.5, §5.4).
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["BUILTIN_ATTRIBUTES", "BuiltinAttribute", "builtin_names"]


class BuiltinAttribute(NamedTuple):
    """One standard attribute: everything the API shows for it."""

    model: str
    name: str
    full_name: str
    label: str
    description: str
    data_type: str
    api_writable: bool


_COMPANY = (
    ("name", "name", "Company name", "The name of a company", "string", True),
    ("company_id", "company_id", "Company ID", "A number identifying a company", "string", False),
    (
        "last_request_at", "last_request_at", "Company last seen",
        "The last day anyone from a company visited your site or app", "date", False,
    ),
    (
        "remote_created_at", "remote_created_at", "Company created at",
        "The day a company was added to Intercom", "date", True,
    ),
    ("user_count", "user_count", "People", "The number of people in a company", "integer", False),
    (
        "session_count", "session_count", "Company web sessions",
        "All visits from anyone in a company to your product's site or app", "integer", False,
    ),
    (
        "name", "plan.name", "Plan",
        "A specific plan or level within your product that companies have signed up to",
        "string", False,
    ),
    (
        "monthly_spend", "monthly_spend", "Monthly Spend",
        "The monthly revenue you receive from a company", "float", True,
    ),
    (
        "size", "size", "Company size",
        "The number of people employed in this company, expressed as a single number",
        "integer", True,
    ),
    (
        "industry", "industry", "Company industry",
        "The category or domain this company belongs to e.g. 'ecommerce' or 'SaaS'",
        "string", True,
    ),
    (
        "website", "website", "Company website",
        "The web address for the company's primary marketing site", "string", True,
    ),
    ("id", "id", "ID", "The Intercom defined id representing the company", "string", False),
    ("created_at", "created_at", "Created at", "The time the company was added to Intercom",
     "date", False),
    ("updated_at", "updated_at", "Updated at", "The last time the company was updated", "date",
     False),
    ("id", "plan.id", "Plan ID", "The Intercom defined id representing the plan", "string", False),
    ("app_id", "app_id", "App ID", "The Intercom defined id representing the app", "string",
     False),
)  # fmt: skip

_CONTACT = (
    ("id", "id", "ID", "The Intercom defined id representing the contact", "string", False),
    ("role", "role", "Role", "Whether the contact is a user or a lead", "string", True),
    (
        "external_id", "external_id", "User ID",
        "A unique identifier for the contact, given by you", "string", True,
    ),
    ("email", "email", "Email", "The contact's email address", "string", True),
    ("email_domain", "email_domain", "Email domain", "The domain of the contact's email",
     "string", False),
    ("phone", "phone", "Phone", "The contact's phone number", "string", True),
    ("name", "name", "Name", "The contact's name", "string", True),
    ("avatar", "avatar", "Avatar", "The URL of the contact's avatar image", "string", True),
    ("owner_id", "owner_id", "Owner", "The id of the admin who owns the contact", "integer",
     True),
    ("created_at", "created_at", "First seen", "The time the contact was added", "date", False),
    ("updated_at", "updated_at", "Updated at", "The last time the contact was updated", "date",
     False),
    ("signed_up_at", "signed_up_at", "Signed up", "The time the user signed up", "date", True),
    ("last_seen_at", "last_seen_at", "Last seen", "The last time the contact was seen", "date",
     True),
    (
        "last_replied_at", "last_replied_at", "Last contacted us",
        "The last time the contact replied to a conversation", "date", False,
    ),
    (
        "last_contacted_at", "last_contacted_at", "Last contacted",
        "The last time the contact was contacted by a teammate", "date", False,
    ),
    (
        "last_email_opened_at", "last_email_opened_at", "Last opened email",
        "The last time the contact opened an email", "date", False,
    ),
    (
        "last_email_clicked_at", "last_email_clicked_at", "Last clicked on link in email",
        "The last time the contact clicked a link in an email", "date", False,
    ),
    (
        "unsubscribed_from_emails", "unsubscribed_from_emails", "Unsubscribed from emails",
        "Whether the contact has unsubscribed from emails", "boolean", True,
    ),
    (
        "marked_email_as_spam", "marked_email_as_spam", "Marked email as spam",
        "Whether the contact has marked an email as spam", "boolean", False,
    ),
    (
        "has_hard_bounced", "has_hard_bounced", "Has hard bounced",
        "Whether an email to the contact has hard bounced", "boolean", False,
    ),
    (
        "language_override", "language_override", "Language override",
        "The language the Messenger uses for the contact", "string", False,
    ),
    ("browser", "browser", "Browser", "The browser the contact uses", "string", False),
    (
        "browser_language", "browser_language", "Browser language",
        "The language set in the contact's browser", "string", False,
    ),
    ("os", "os", "OS", "The operating system the contact uses", "string", False),
    ("country", "location.country", "Country", "The contact's country", "string", False),
    ("region", "location.region", "Region", "The contact's region", "string", False),
    ("city", "location.city", "City", "The contact's city", "string", False),
)  # fmt: skip

BUILTIN_ATTRIBUTES: tuple[BuiltinAttribute, ...] = tuple(
    BuiltinAttribute("contact", *row) for row in _CONTACT
) + tuple(BuiltinAttribute("company", *row) for row in _COMPANY)
"""Every built-in attribute: contacts first, then companies."""


def builtin_names(model: str) -> frozenset[str]:
    """The lowercased top-level names of ``model``'s built-ins (a custom one may not reuse them)."""
    return frozenset(a.full_name.lower() for a in BUILTIN_ATTRIBUTES if a.model == model)
