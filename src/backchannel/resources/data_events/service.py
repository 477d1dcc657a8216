"""Data events: what contacts did, de-duplicated on arrival, listed for the last 90 days.

An event is identified by (workspace, contact, event name, ``created_at``); sending it again
changes nothing. Metadata is a flat object of at most 10 keys (extra keys are dropped, in the
order sent). Counters reported in bulk (``POST /events/summaries``) are kept apart and added
to the counts of the events themselves in the summary listing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from msgspec import UNSET
from sqlalchemy import Connection, Row, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from backchannel.core.errors import NotFound, ParameterInvalid, ParameterNotFound
from backchannel.core.pagination import (
    CursorPage,
    SortKey,
    clamp_per_page,
    cursor_page,
    fingerprint,
)
from backchannel.core.scalars import INT64, check_scalar
from backchannel.db.tables import Contact, DataEvent, DataEventSummary
from backchannel.resources.contacts import service as contacts
from backchannel.resources.data_events.schemas import (
    DataEventCreate,
    DataEventListQuery,
    EventSummariesCreate,
)

__all__ = [
    "LIST_DEFAULT_PER_PAGE",
    "LIST_WINDOW_SECONDS",
    "MAX_METADATA_KEYS",
    "EventList",
    "EventSummary",
    "create_event",
    "find_contact",
    "list_events",
    "summarize",
    "upsert_summaries",
]

LIST_WINDOW_SECONDS = 90 * 86_400
LIST_DEFAULT_PER_PAGE = 15
MAX_METADATA_KEYS = 10
MAX_METADATA_STRING = 1024

_EVENTS = DataEvent.__table__
_CONTACTS = Contact.__table__.c
_ORDER = [
    SortKey(_EVENTS.c.created_at, True, lambda row: row.created_at),
    SortKey(_EVENTS.c.id, True, lambda row: row.id),
]


def _user_not_found() -> NotFound:
    return NotFound("User Not Found")


def find_contact(
    db: Session | Connection,
    *,
    workspace_id: int,
    id: str | None = None,
    user_id: str | None = None,
    email: str | None = None,
) -> Any:
    """The visible contact an event names: by Intercom ``id``, else ``user_id`` (external_id),
    else ``email`` (a user before a lead, then the oldest); 404 ``User Not Found``."""
    if id:
        return contacts.read(db, workspace_id=workspace_id, contact_id=id)
    table = _CONTACTS
    stmt = contacts.live(workspace_id)
    if user_id:
        stmt = stmt.where(table.external_id == user_id)
    elif email:
        stmt = stmt.where(func.lower(table.email) == email.lower()).order_by(
            (table.role == "user").desc(), table.created_at, table.id
        )
    else:
        raise ParameterNotFound("One of id, user_id or email is required", field="user_id")
    row = db.execute(stmt.limit(1)).first()
    if row is None:
        raise _user_not_found()
    return row


def _metadata_value(key: str, value: Any) -> Any:
    where = f"metadata.{key}"
    if check_scalar(value, label=where, field=where, max_string=MAX_METADATA_STRING):
        return value
    if (
        isinstance(value, dict)
        and set(value) == {"url", "value"}
        and all(isinstance(value[k], str) and len(value[k]) <= MAX_METADATA_STRING for k in value)
    ):
        return {"url": value["url"], "value": value["value"]}
    if isinstance(value, dict) and set(value) == {"amount", "currency"}:
        amount, currency = value["amount"], value["currency"]
        if (
            isinstance(amount, int)
            and not isinstance(amount, bool)
            and 0 <= amount <= INT64
            and isinstance(currency, str)
            and 0 < len(currency) <= 8
        ):
            return {"amount": amount, "currency": currency}
    raise ParameterInvalid(
        f"{where} must be a string, number, boolean, rich link {{url, value}} or monetary "
        "amount {amount, currency}",
        field=where,
    )


def _metadata(raw: dict[str, Any] | None) -> dict[str, Any]:
    """The first 10 keys of ``raw``, each value checked; the rest are dropped."""
    kept: dict[str, Any] = {}
    for key, value in list((raw or {}).items())[:MAX_METADATA_KEYS]:
        if not key or len(key) > 255:
            raise ParameterInvalid("metadata keys must have 1 to 255 characters", field="metadata")
        kept[key] = _metadata_value(key, value)
    return kept


def create_event(db: Session, *, workspace_id: int, data: DataEventCreate) -> bool:
    """Record an event for a contact; ``False`` when it was a duplicate (nothing changes)."""
    contact = find_contact(
        db,
        workspace_id=workspace_id,
        id=data.id or None,
        user_id=data.user_id or None,
        email=data.email or None,
    )
    metadata = _metadata(None if data.metadata is UNSET else data.metadata)
    duplicate = db.execute(
        select(_EVENTS.c.id).where(
            _EVENTS.c.workspace_id == workspace_id,
            _EVENTS.c.contact_id == contact.id,
            _EVENTS.c.event_name == data.event_name,
            _EVENTS.c.created_at == data.created_at,
        )
    ).first()
    if duplicate is not None:
        return False
    try:
        with db.begin_nested():
            db.add(
                DataEvent(
                    workspace_id=workspace_id,
                    contact_id=contact.id,
                    event_name=data.event_name,
                    created_at=data.created_at,
                    metadata_=metadata,
                )
            )
            db.flush()
    except IntegrityError:  # the same event, sent concurrently
        return False
    return True


@dataclass(frozen=True, slots=True)
class EventList:
    """One page of a contact's events, newest first, and where to go on from it."""

    contact: Row[Any]
    page: CursorPage[Row[Any]]
    since: int


@dataclass(frozen=True, slots=True)
class EventSummary:
    """How often a contact did one thing, and when first and last."""

    name: str
    count: int
    first: int | None
    last: int | None


def _listed_contact(db: Session | Connection, workspace_id: int, query: DataEventListQuery) -> Any:
    if query.type is None:
        raise ParameterNotFound("type is a required parameter.", field="type")
    if query.type != "user":
        raise ParameterInvalid("type must be user", field="type")
    if not (query.intercom_user_id or query.user_id or query.email):
        raise ParameterNotFound(
            "One of user_id, email or intercom_user_id is required", field="user_id"
        )
    return find_contact(
        db,
        workspace_id=workspace_id,
        id=query.intercom_user_id or None,
        user_id=query.user_id or None,
        email=query.email or None,
    )


def list_events(
    db: Session | Connection, *, workspace_id: int, query: DataEventListQuery, now: int
) -> EventList:
    """A contact's events of the last 90 days (and since ``query.since``), newest first."""
    contact = _listed_contact(db, workspace_id, query)
    start = now - LIST_WINDOW_SECONDS
    if query.since is not None:
        start = max(start, query.since)
    stmt = select(_EVENTS).where(
        _EVENTS.c.workspace_id == workspace_id,
        _EVENTS.c.contact_id == contact.id,
        _EVENTS.c.created_at >= start,
    )
    page = cursor_page(
        db,
        stmt,
        order=_ORDER,
        per_page=clamp_per_page(query.per_page, LIST_DEFAULT_PER_PAGE),
        starting_after=query.before,
        query_print=fingerprint("events", contact.id, query.since),
        rows=True,
    )
    newest = db.execute(select(func.max(stmt.subquery().c.created_at))).scalar_one()
    return EventList(contact, page, start if newest is None else max(start, newest + 1))


def summarize(
    db: Session | Connection, *, workspace_id: int, query: DataEventListQuery
) -> tuple[Row[Any], list[EventSummary]]:
    """Per event name: how many times, first and last, over all time (not only 90 days),
    with the counters reported through ``POST /events/summaries`` added in."""
    contact = _listed_contact(db, workspace_id, query)
    found: dict[str, EventSummary] = {}
    counted = db.execute(
        select(
            _EVENTS.c.event_name,
            func.count().label("count"),
            func.min(_EVENTS.c.created_at).label("first"),
            func.max(_EVENTS.c.created_at).label("last"),
        )
        .where(_EVENTS.c.workspace_id == workspace_id, _EVENTS.c.contact_id == contact.id)
        .group_by(_EVENTS.c.event_name)
    )
    for name, count, first, last in counted:
        found[name] = EventSummary(name, int(count), first, last)
    reported = db.execute(
        select(DataEventSummary.__table__).where(
            DataEventSummary.workspace_id == workspace_id,
            DataEventSummary.contact_id == contact.id,
        )
    )
    for row in reported.mappings():  # mappings: a Row's own ``count`` is a tuple method
        name, count = row["event_name"], row["count"]
        known = found.get(name)
        if known is None:
            found[name] = EventSummary(name, count, row["first"], row["last"])
        else:
            found[name] = EventSummary(
                name,
                known.count + count,
                _earliest(known.first, row["first"]),
                _latest(known.last, row["last"]),
            )
    return contact, [found[name] for name in sorted(found)]


def _earliest(a: int | None, b: int | None) -> int | None:
    return b if a is None else a if b is None else min(a, b)


def _latest(a: int | None, b: int | None) -> int | None:
    return b if a is None else a if b is None else max(a, b)


def upsert_summaries(db: Session, *, workspace_id: int, data: EventSummariesCreate) -> None:
    """Set the counters of a user's events (by ``user_id``): given fields replace stored ones."""
    if not data.user_id:
        raise ParameterNotFound("user_id is a required parameter.", field="user_id")
    if data.event_summaries in (UNSET, None):
        raise ParameterNotFound("event_summaries is a required parameter.", field="event_summaries")
    items = (
        data.event_summaries if isinstance(data.event_summaries, list) else [data.event_summaries]
    )
    contact = find_contact(db, workspace_id=workspace_id, user_id=data.user_id)
    for item in items:
        if item.first is not None and item.last is not None and item.first > item.last:
            raise ParameterInvalid(
                "event_summaries.first must not be after event_summaries.last",
                field="event_summaries.first",
            )
        row = db.execute(
            select(DataEventSummary).where(
                DataEventSummary.workspace_id == workspace_id,
                DataEventSummary.contact_id == contact.id,
                DataEventSummary.event_name == item.event_name,
            )
        ).scalar_one_or_none()
        if row is None:
            row = DataEventSummary(
                workspace_id=workspace_id,
                contact_id=contact.id,
                event_name=item.event_name,
                count=0,
            )
            db.add(row)
        if item.count is not None:
            row.count = item.count
        if item.first is not None:
            row.first = item.first
        if item.last is not None:
            row.last = item.last
    db.flush()
