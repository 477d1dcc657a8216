"""Request bodies of the subscription operations."""

from __future__ import annotations

import msgspec

__all__ = ["SubscriptionAttach"]


class SubscriptionAttach(msgspec.Struct, forbid_unknown_fields=True):
    """``POST /contacts/{id}/subscriptions``: the type (id as a string or an integer) and
    the consent type, which must be the type's own."""

    id: str | int
    consent_type: str
