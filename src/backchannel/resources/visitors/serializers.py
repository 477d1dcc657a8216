"""Visitors -> the ``visitor`` object as the API's examples show it (BEHAVIOR.md §6.11)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Row

from backchannel.db.tables import Visitor
from backchannel.resources.visitors.service import UTM_KEYS

__all__ = ["visitor_to_api"]


def visitor_to_api(visitor: Visitor | Row[Any], *, workspace_code: str) -> dict[str, Any]:
    """Every key of the visitor object. ``email`` is ``""`` when there is none; the last
    request time is ``last_request_at`` as recorded (the schema spells it ``las_request_at``).
    Visitors belong to no companies, tags or segments here, so those lists are empty."""
    location = dict(visitor.location or {})
    utm = visitor.utm or {}
    body: dict[str, Any] = {
        "type": "visitor",
        "id": visitor.id,
        "user_id": visitor.user_id,
        "anonymous": visitor.email is None,
        "email": visitor.email or "",
        "phone": visitor.phone,
        "name": visitor.name,
        "pseudonym": visitor.pseudonym,
        "avatar": {"type": "avatar", "image_url": visitor.avatar},
        "app_id": workspace_code,
        "companies": {"type": "company.list", "companies": []},
        "location_data": {"type": "location_data", **location} if location else {},
        "last_request_at": visitor.last_request_at,
        "created_at": visitor.created_at,
        "remote_created_at": visitor.remote_created_at,
        "signed_up_at": visitor.signed_up_at,
        "updated_at": visitor.updated_at,
        "session_count": visitor.session_count,
        "social_profiles": {"type": "social_profile.list", "social_profiles": []},
        "owner_id": str(visitor.owner_id) if visitor.owner_id is not None else None,
        "unsubscribed_from_emails": visitor.unsubscribed_from_emails,
        "marked_email_as_spam": visitor.marked_email_as_spam,
        "has_hard_bounced": visitor.has_hard_bounced,
        "tags": {"type": "tag.list", "tags": []},
        "segments": {"type": "segment.list", "segments": []},
        "custom_attributes": dict(visitor.custom_attributes or {}),
        "referrer": visitor.referrer,
    }
    for key in UTM_KEYS:
        body[key] = utm.get(key)
    body["do_not_track"] = visitor.do_not_track
    return body
