"""Events -> ``event.list`` and ``event.summary`` (BEHAVIOR.md §6.9, §9.14)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Row

from backchannel.resources.data_events.service import EventList, EventSummary

__all__ = ["event_list_to_api", "event_summary_to_api", "event_to_api", "iso_time"]


def iso_time(timestamp: int | None) -> str | None:
    """Unix seconds as the ISO-8601 text event summaries use (``2014-01-16T23:12:21.000+00:00``)."""
    if timestamp is None:
        return None
    moment = datetime.fromtimestamp(timestamp, UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.000+00:00")


def _who(contact: Row[Any]) -> dict[str, Any]:
    return {"email": contact.email, "intercom_user_id": contact.id, "user_id": contact.external_id}


def event_to_api(event: Row[Any], contact: Row[Any]) -> dict[str, Any]:
    return {
        "type": "event",
        "event_name": event.event_name,
        "created_at": event.created_at,
        "user_id": contact.external_id,
        "id": str(event.id),
        "intercom_user_id": contact.id,
        "email": contact.email,
        "metadata": dict(event._mapping["metadata"] or {}),
    }


def event_list_to_api(result: EventList, *, url: Callable[[dict[str, Any]], str]) -> dict[str, Any]:
    """A page of events; ``pages.next`` (older events, null on the last page) and
    ``pages.since`` (events newer than any listed) are URLs built by ``url(params)``."""
    contact, page = result.contact, result.page
    who = {"type": "user", "intercom_user_id": contact.id}
    next_url = None
    if page.next_cursor is not None:
        next_url = url({**who, "per_page": page.per_page, "before": page.next_cursor})
    return {
        "type": "event.list",
        "events": [event_to_api(event, contact) for event in page.items],
        "pages": {"next": next_url, "since": url({**who, "since": result.since})},
        **_who(contact),
    }


def event_summary_to_api(contact: Row[Any], summaries: Sequence[EventSummary]) -> dict[str, Any]:
    return {
        "type": "event.summary",
        **_who(contact),
        "events": [
            {
                "name": s.name,
                "first": iso_time(s.first),
                "last": iso_time(s.last),
                "count": s.count,
                "description": None,
            }
            for s in summaries
        ],
    }
