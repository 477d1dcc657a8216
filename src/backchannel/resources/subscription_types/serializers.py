"""Subscription types -> the ``subscription`` objects Intercom returns (BEHAVIOR.md §6.13)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

__all__ = ["subscription_type_list_to_api", "subscription_type_to_api"]


def subscription_type_to_api(subscription_type: Any) -> dict[str, Any]:
    """``{type: "subscription", id, state, consent_type, default_translation, translations,
    content_types}``."""
    return {
        "type": "subscription",
        "id": str(subscription_type.id),
        "state": subscription_type.state,
        "consent_type": subscription_type.consent_type,
        "default_translation": subscription_type.default_translation,
        "translations": subscription_type.translations,
        "content_types": subscription_type.content_types,
    }


def subscription_type_list_to_api(subscription_types: Iterable[Any]) -> dict[str, Any]:
    return {"type": "list", "data": [subscription_type_to_api(t) for t in subscription_types]}
