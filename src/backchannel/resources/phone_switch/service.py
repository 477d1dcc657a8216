"""Phone call redirect rules (BEHAVIOR.md §6.16).

The phone number must be an international number (``+`` and country code, E.164; spaces,
dashes, dots and brackets are tolerated) that is valid for its country and can receive an
SMS (mobile, or a number the numbering plan does not tell apart from a mobile). It is
stored in E.164.

The number is matched to a user or lead of the workspace whose stored ``phone`` is that
number once spaces, dashes, dots and brackets are removed; archived and merged-away
contacts are skipped; a number stored exactly in E.164 is looked for first, then one
written with separators; among several, a user wins over a lead, then the most recently
updated. The
``custom_attributes`` are written to that contact as a contact update writes them: only
declared, writable attributes, values of the declared type, ``null`` clears. When no
contact matches, the attributes are still checked and kept on the redirect, but no
contact is created.

No SMS is sent: the redirect is recorded (``phone_call_redirects``) with the Messenger link
the SMS would carry, ``<base URL>/msgr/<uuid>``.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.orm import Session

from backchannel.core.errors import ApiError
from backchannel.core.ids import IdFactory
from backchannel.db.tables import Contact, PhoneCallRedirect
from backchannel.resources.data_attributes.service import merge_custom_attributes
from backchannel.resources.phone_switch.errors import (
    InvalidPhoneNumber,
    PhoneSwitchError,
    UnsupportedPhoneNumber,
)

__all__ = ["create_redirect", "e164", "find_contact"]

MAX_PHONE_LENGTH = 64
_SEPARATORS = (" ", "-", ".", "(", ")")


def e164(phone: object) -> str:
    """``phone`` in E.164 if it is a valid international number that can receive an SMS.

    Raises:
        InvalidPhoneNumber: not a string, no ``+`` country code, or not a valid number.
        UnsupportedPhoneNumber: a valid number that is not a mobile one.
    """
    if not isinstance(phone, str) or len(phone) > MAX_PHONE_LENGTH:
        raise InvalidPhoneNumber()
    phone = phone.strip()
    if not phone.startswith("+"):
        raise InvalidPhoneNumber()
    # Imported on the first redirect, not at start-up: phonenumbers is about 1 MiB of memory
    # and 30 ms of start-up that a server which never records a redirect would pay for.
    import phonenumbers

    try:
        number = phonenumbers.parse(phone, None)
    except phonenumbers.NumberParseException:
        raise InvalidPhoneNumber() from None
    if not phonenumbers.is_valid_number(number):
        raise InvalidPhoneNumber()
    if phonenumbers.number_type(number) not in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    ):
        raise UnsupportedPhoneNumber()
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _compact(column: Any) -> ColumnElement[Any]:
    """``column`` without separators, in SQL that SQLite and PostgreSQL both run."""
    expression = column
    for separator in _SEPARATORS:
        expression = func.replace(expression, separator, "")
    return expression  # type: ignore[no-any-return]


def find_contact(db: Session, *, workspace_id: int, phone: str) -> Contact | None:
    """The visible user or lead with this E.164 number (users first, then latest updated).

    A phone stored exactly in E.164 is found through the phone index; one stored with
    separators needs a scan of the workspace's contacts, tried only when that finds none.
    """
    for condition in (func.lower(Contact.phone) == phone, _compact(Contact.phone) == phone):
        found = db.execute(
            select(Contact)
            .where(
                Contact.workspace_id == workspace_id,
                Contact.phone.is_not(None),
                condition,
                Contact.archived.is_(False),
                Contact.merged_into_id.is_(None),
            )
            .order_by(
                case((Contact.role == "user", 0), else_=1),
                Contact.updated_at.desc(),
                Contact.id,
            )
            .limit(1)
        ).scalar_one_or_none()
        if found is not None:
            return found
    return None


def create_redirect(
    db: Session,
    *,
    workspace_id: int,
    phone: object,
    custom_attributes: dict[str, Any],
    base_url: str,
    now: int,
    ids: IdFactory,
) -> PhoneCallRedirect:
    """Record the SMS to ``phone`` and write the attributes to its contact.

    Raises:
        PhoneSwitchError: see :mod:`backchannel.resources.phone_switch.errors`; nothing is
            written then.
    """
    number = e164(phone)
    contact = find_contact(db, workspace_id=workspace_id, phone=number)
    try:
        merged = merge_custom_attributes(
            db,
            workspace_id=workspace_id,
            model="contact",
            current=(contact.custom_attributes or {}) if contact is not None else {},
            changes=custom_attributes,
        )
    except ApiError as error:
        raise PhoneSwitchError(422, error.code, error.message) from None
    if contact is not None and custom_attributes:
        contact.custom_attributes = merged
        contact.updated_at = now
    token = ids.uuid()
    redirect = PhoneCallRedirect(
        workspace_id=workspace_id,
        token=token,
        phone=number,
        contact_id=contact.id if contact is not None else None,
        url=f"{base_url.rstrip('/')}/msgr/{token}",
        custom_attributes=custom_attributes,
        created_at=now,
    )
    db.add(redirect)
    db.flush()
    return redirect
