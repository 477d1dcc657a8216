"""Request body of ``POST /phone_call_redirects``.

The body is decoded by the handler (:func:`decode_phone_switch`), not by the shared
pipeline, so that every problem with it gets this operation's own error body,
``{error_key, message}``, rather than an ``error.list``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import msgspec

from backchannel.resources.phone_switch.errors import InvalidPhoneNumber, PhoneSwitchError

__all__ = ["PhoneSwitchCreate", "decode_phone_switch"]


@dataclass(frozen=True, slots=True)
class PhoneSwitchCreate:
    """``{phone, custom_attributes?}``; ``phone`` is checked by the service."""

    phone: object
    custom_attributes: dict[str, Any]


def decode_phone_switch(raw: bytes) -> PhoneSwitchCreate:
    """The body's fields; other keys are ignored.

    Raises:
        InvalidPhoneNumber: the body is not a JSON object (so it has no phone).
        PhoneSwitchError: ``custom_attributes`` is given but is not an object (422).
    """
    try:
        data = msgspec.json.decode(raw) if raw.strip() else {}
    except msgspec.DecodeError:
        raise InvalidPhoneNumber() from None
    if not isinstance(data, dict):
        raise InvalidPhoneNumber()
    attributes = data.get("custom_attributes")
    if attributes is None:
        attributes = {}
    if not isinstance(attributes, dict):
        raise PhoneSwitchError(422, "parameter_invalid", "custom_attributes must be an object")
    return PhoneSwitchCreate(phone=data.get("phone"), custom_attributes=attributes)
