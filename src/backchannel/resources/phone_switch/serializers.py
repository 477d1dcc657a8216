"""Phone call redirects -> the ``phone_call_redirect`` object."""

from __future__ import annotations

from typing import Any

from backchannel.db.tables import PhoneCallRedirect

__all__ = ["phone_switch_to_api"]


def phone_switch_to_api(redirect: PhoneCallRedirect) -> dict[str, Any]:
    """``{type, url, phone}``: ``url`` as the recorded example answers (the Messenger link
    sent), ``phone`` (E.164) as the schema and the SDKs' model declare (BEHAVIOR.md §9.12)."""
    return {"type": "phone_call_redirect", "url": redirect.url, "phone": redirect.phone}
