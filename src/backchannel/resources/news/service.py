"""News rules: news items, their newsfeed assignments, and the newsfeeds (BEHAVIOR.md §6.12).

Newsfeeds are read-only through the API. Every workspace has the default feeds of
:data:`DEFAULT_NEWSFEEDS` (one ``Web`` feed, the feed Intercom's Messenger shows on the web):
provisioning adds them to a new workspace, and a workspace made before newsfeeds existed gets
them the first time it uses one (:func:`ensure_default_newsfeeds`). More feeds come from
``backchannel newsfeed create`` (:func:`create_newsfeed`).

A news item has a title and a sender (an admin of the workspace), both required on create
**and** update, since the two share one request schema. The rest is optional and, on update,
left as it was when not given:

* ``state`` is ``draft`` (the default) or ``live``; anything else is 400
  ``parameter_invalid``.
* ``body`` is HTML, normalised on write (:func:`backchannel.core.html.normalize_body`).
* ``labels`` are trimmed, blanks and repeats dropped, and sorted alphabetically (case
  folded), as the recorded create shows. ``reactions`` keep the order given; an empty list
  turns reactions off and is the default.
* ``cover_image_url`` is an absolute http(s) URL whose path ends in ``.jpg`` or ``.png``
  (any case), else 400 ``parameter_invalid``; ``null`` removes it.
* ``newsfeed_assignments`` replaces the item's feeds when given (``[]`` removes them all).
  Each names a newsfeed of the workspace; an unknown one (or another workspace's) is 404
  ``not_found`` "Newsfeed not found", like every unknown object a body refers to here, and
  naming one feed twice is 400 ``parameter_invalid``.

Publishing: while an item is live each of its assignments has a ``published_at``. A
``published_at`` sent for a live item may back-date it, never future-date it: a time after
now is refused (400 ``parameter_invalid``), not clamped, so an import cannot silently publish
"now" what it meant for later. Without one, an assignment is published when the item goes
live, and keeps that time through later updates. For drafts ``published_at`` is ignored (and
not checked); a draft's assignments have none, and setting a live item back to draft clears
them. Only live items are listed in a feed, newest ``published_at`` first.

An unknown sender is 404 ``admin_not_found`` "Admin not found" (the code 2.10 uses for an
admin that is not there). Unknown, malformed and other workspaces' ids are 404 ``not_found``
"Resource Not Found", as the recorded examples show. Validation comes before lookups, so a
request is refused for its first fault in this order: the item (update), title, sender_id,
state, the other fields, then the sender and newsfeeds themselves. Every change happens in
the request's one transaction, so a refused request changes nothing.

Lists are cursor-paged (``per_page``, ``starting_after``), ``{type: "list", pages, data,
total_count}``: news items oldest first (the recorded list), newsfeeds oldest first, a feed's
live items newest published first. Default page sizes are those of the recorded examples.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Any
from urllib.parse import urlsplit

from msgspec import UNSET, UnsetType
from sqlalchemy import Connection, Row, delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from backchannel.core.errors import NotFound, ParameterInvalid, ParameterNotFound
from backchannel.core.html import normalize_body
from backchannel.core.ids import parse_numeric_id
from backchannel.core.pagination import (
    CursorPage,
    SortKey,
    clamp_per_page,
    cursor_page,
    fingerprint,
)
from backchannel.core.urls import is_http_url
from backchannel.db.repository import Repository
from backchannel.db.tables import Admin, Newsfeed, NewsfeedAssignment, NewsItem
from backchannel.resources.admins.service import AdminNotFound
from backchannel.resources.news.schemas import NewsfeedAssignmentRequest, NewsItemRequest

__all__ = [
    "COVER_IMAGE_EXTENSIONS",
    "DEFAULT_FEED_ITEMS_PER_PAGE",
    "DEFAULT_NEWSFEEDS",
    "DEFAULT_NEWSFEEDS_PER_PAGE",
    "DEFAULT_NEWS_ITEMS_PER_PAGE",
    "STATES",
    "Assignment",
    "NewsItemNotFound",
    "NewsItemPage",
    "NewsItemView",
    "NewsfeedNotFound",
    "create_news_item",
    "create_newsfeed",
    "default_newsfeeds_missing",
    "delete_news_item",
    "ensure_default_newsfeeds",
    "list_live_newsfeed_items",
    "list_news_items",
    "list_newsfeeds",
    "read_news_item",
    "read_newsfeed",
    "update_news_item",
]

STATES = ("draft", "live")
DRAFT, LIVE = STATES
DEFAULT_NEWSFEEDS: tuple[tuple[str, str], ...] = (("web", "Web"),)
"""``(default_key, name)`` of the newsfeeds every workspace has."""
COVER_IMAGE_EXTENSIONS = (".jpg", ".png")
DEFAULT_NEWS_ITEMS_PER_PAGE = 10
DEFAULT_NEWSFEEDS_PER_PAGE = 10
DEFAULT_FEED_ITEMS_PER_PAGE = 20
MAX_TITLE_LENGTH = 255
MAX_NAME_LENGTH = 255

_ITEMS = NewsItem.__table__
_FEEDS = Newsfeed.__table__
_ASSIGNMENTS = NewsfeedAssignment.__table__

# Oldest first, as the recorded list shows; ids are unique.
_ITEM_ORDER = (SortKey(_ITEMS.c.id, False, attrgetter("id")),)
_FEED_ORDER = (SortKey(_FEEDS.c.id, False, attrgetter("id")),)
# A feed's live items: newest published first, the newer item first within a second.
_LIVE_ORDER = (
    SortKey(_ASSIGNMENTS.c.published_at, True, attrgetter("feed_published_at")),
    SortKey(_ITEMS.c.id, True, attrgetter("id")),
)


class NewsItemNotFound(NotFound):
    """No news item with that id in this workspace (404 ``not_found`` "Resource Not Found")."""


class NewsfeedNotFound(NotFound):
    """No newsfeed with that id in this workspace (404 ``not_found`` "Resource Not Found")."""


@dataclass(frozen=True, slots=True)
class Assignment:
    """A news item's place on a newsfeed; ``published_at`` is ``None`` while it is a draft."""

    newsfeed_id: int
    published_at: int | None


@dataclass(frozen=True, slots=True)
class NewsItemView:
    """A news item (row or entity) and its assignments in the order they were given."""

    item: Any
    assignments: Sequence[Assignment]


@dataclass(frozen=True, slots=True)
class NewsItemPage:
    """One page of news items, with every item's assignments."""

    page: CursorPage[Any]
    assignments: dict[int, list[Assignment]]

    @property
    def views(self) -> list[NewsItemView]:
        return [NewsItemView(row, self.assignments.get(row.id, [])) for row in self.page.items]


# --- newsfeeds ---------------------------------------------------------------------------


def default_newsfeeds_missing(db: Session | Connection, *, workspace_id: int) -> bool:
    """Whether the workspace lacks any of its default newsfeeds (made before they existed)."""
    present = set(
        db.execute(
            select(_FEEDS.c.default_key).where(
                _FEEDS.c.workspace_id == workspace_id, _FEEDS.c.default_key.is_not(None)
            )
        ).scalars()
    )
    return any(key not in present for key, _name in DEFAULT_NEWSFEEDS)


def ensure_default_newsfeeds(db: Session, *, workspace_id: int, now: int) -> list[Newsfeed]:
    """Add the default newsfeeds the workspace lacks; returns the ones added.

    Safe to call at any time and from concurrent requests: a default made at the same moment
    by another transaction is left to that one.
    """
    present = set(
        db.execute(
            select(Newsfeed.default_key).where(
                Newsfeed.workspace_id == workspace_id, Newsfeed.default_key.is_not(None)
            )
        ).scalars()
    )
    made = []
    for key, name in DEFAULT_NEWSFEEDS:
        if key in present:
            continue
        feed = Newsfeed(
            workspace_id=workspace_id, name=name, default_key=key, created_at=now, updated_at=now
        )
        try:
            with db.begin_nested():
                db.add(feed)
                db.flush()
        except IntegrityError:  # added at the same moment by another request
            continue
        made.append(feed)
    return made


def create_newsfeed(db: Session, *, workspace_id: int, name: str, now: int) -> Newsfeed:
    """Add a newsfeed (after the workspace's defaults, which it gets first if it lacks them).

    Raises:
        ParameterNotFound: a blank name.
        ParameterInvalid: a name longer than 255 characters.
    """
    name = name.strip()
    if not name:
        raise ParameterNotFound("name is a required parameter.", field="name")
    if len(name) > MAX_NAME_LENGTH:
        raise ParameterInvalid(
            f"name is too long (maximum is {MAX_NAME_LENGTH} characters)", field="name"
        )
    ensure_default_newsfeeds(db, workspace_id=workspace_id, now=now)
    feed = Newsfeed(workspace_id=workspace_id, name=name, created_at=now, updated_at=now)
    db.add(feed)
    db.flush()
    return feed


def read_newsfeed(db: Session | Connection, *, workspace_id: int, newsfeed_id: object) -> Row[Any]:
    """The newsfeed row (``id``, ``name``, ``created_at``, ``updated_at``) of the workspace;
    :class:`NewsfeedNotFound` for unknown, malformed and other workspaces' ids."""
    number = parse_numeric_id(newsfeed_id)
    row = None
    if number is not None:
        row = db.execute(
            select(_FEEDS).where(_FEEDS.c.workspace_id == workspace_id, _FEEDS.c.id == number)
        ).first()
    if row is None:
        raise NewsfeedNotFound()
    return row


def list_newsfeeds(
    db: Session | Connection, *, workspace_id: int, per_page: int | None, starting_after: str | None
) -> CursorPage[Any]:
    """One page of the workspace's newsfeeds, oldest first (default 10 a page)."""
    return cursor_page(
        db,
        select(_FEEDS).where(_FEEDS.c.workspace_id == workspace_id),
        order=_FEED_ORDER,
        per_page=clamp_per_page(per_page, DEFAULT_NEWSFEEDS_PER_PAGE),
        starting_after=starting_after,
        query_print=fingerprint("newsfeeds"),
        rows=True,
    )


# --- reading news items ------------------------------------------------------------------


def _assignments_of(
    db: Session | Connection, item_ids: Sequence[int]
) -> dict[int, list[Assignment]]:
    if not item_ids:
        return {}
    rows = db.execute(
        select(_ASSIGNMENTS.c.news_item_id, _ASSIGNMENTS.c.newsfeed_id, _ASSIGNMENTS.c.published_at)
        .where(_ASSIGNMENTS.c.news_item_id.in_(item_ids))
        .order_by(_ASSIGNMENTS.c.news_item_id, _ASSIGNMENTS.c.position)
    )
    found: dict[int, list[Assignment]] = defaultdict(list)
    for row in rows:
        found[row.news_item_id].append(Assignment(row.newsfeed_id, row.published_at))
    return dict(found)


def read_news_item(
    db: Session | Connection, *, workspace_id: int, news_item_id: object
) -> NewsItemView:
    """One news item of the workspace; :class:`NewsItemNotFound` if unknown."""
    number = parse_numeric_id(news_item_id)
    row = None
    if number is not None:
        row = db.execute(
            select(_ITEMS).where(_ITEMS.c.workspace_id == workspace_id, _ITEMS.c.id == number)
        ).first()
    if row is None:
        raise NewsItemNotFound()
    return NewsItemView(row, _assignments_of(db, [row.id]).get(row.id, []))


def list_news_items(
    db: Session | Connection, *, workspace_id: int, per_page: int | None, starting_after: str | None
) -> NewsItemPage:
    """One page of the workspace's news items, drafts included, oldest first (default 10)."""
    page = cursor_page(
        db,
        select(_ITEMS).where(_ITEMS.c.workspace_id == workspace_id),
        order=_ITEM_ORDER,
        per_page=clamp_per_page(per_page, DEFAULT_NEWS_ITEMS_PER_PAGE),
        starting_after=starting_after,
        query_print=fingerprint("news_items"),
        rows=True,
    )
    return NewsItemPage(page, _assignments_of(db, [row.id for row in page.items]))


def list_live_newsfeed_items(
    db: Session | Connection,
    *,
    workspace_id: int,
    newsfeed_id: object,
    per_page: int | None,
    starting_after: str | None,
) -> NewsItemPage:
    """One page of the live items on a newsfeed of the workspace, newest published first
    (default 20); :class:`NewsfeedNotFound` if there is no such feed."""
    feed = read_newsfeed(db, workspace_id=workspace_id, newsfeed_id=newsfeed_id)
    stmt = (
        select(_ITEMS, _ASSIGNMENTS.c.published_at.label("feed_published_at"))
        .join(_ASSIGNMENTS, _ASSIGNMENTS.c.news_item_id == _ITEMS.c.id)
        .where(
            _ASSIGNMENTS.c.newsfeed_id == feed.id,
            _ITEMS.c.workspace_id == workspace_id,
            _ITEMS.c.state == LIVE,
        )
    )
    page = cursor_page(
        db,
        stmt,
        order=_LIVE_ORDER,
        per_page=clamp_per_page(per_page, DEFAULT_FEED_ITEMS_PER_PAGE),
        starting_after=starting_after,
        query_print=fingerprint("newsfeed_items", feed.id),
        rows=True,
    )
    return NewsItemPage(page, _assignments_of(db, [row.id for row in page.items]))


# --- validation --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Requested:
    """A checked assignment of the request: where it is, the feed id, the date if any.

    ``newsfeed_id`` is ``None`` when what was sent is not an id at all (so no newsfeed)."""

    index: int
    newsfeed_id: int | None
    published_at: int | None


@dataclass(frozen=True, slots=True)
class _Assigned:
    """An assignment to make: a newsfeed of the workspace and the date asked for, if any."""

    newsfeed_id: int
    published_at: int | None


def _title(value: str | UnsetType | None) -> str:
    title = value.strip() if isinstance(value, str) else ""
    if not title:
        raise ParameterNotFound("title is a required parameter.", field="title")
    if len(title) > MAX_TITLE_LENGTH:
        raise ParameterInvalid(
            f"title is too long (maximum is {MAX_TITLE_LENGTH} characters)", field="title"
        )
    return title


def _sender_ref(value: object) -> object:
    if value is UNSET or value is None or (isinstance(value, str) and not value.strip()):
        raise ParameterNotFound("sender_id is a required parameter.", field="sender_id")
    return value


def _state(value: str | UnsetType | None, current: str) -> str:
    if not isinstance(value, str):
        return current
    if value not in STATES:
        raise ParameterInvalid("state must be one of draft, live", field="state")
    return value


def _labels(values: Sequence[str]) -> list[str]:
    """Trimmed, without blanks or repeats, sorted alphabetically (case folded)."""
    labels = {label.strip() for label in values if label.strip()}
    return sorted(labels, key=lambda label: (label.casefold(), label))


def _cover_image_url(value: str) -> str:
    url = value.strip()
    if not is_http_url(url) or not urlsplit(url).path.lower().endswith(COVER_IMAGE_EXTENSIONS):
        raise ParameterInvalid(
            "cover_image_url must be an http(s) URL of a .jpg or .png image",
            field="cover_image_url",
        )
    return url


def _requested(
    values: Sequence[NewsfeedAssignmentRequest], *, state: str, now: int
) -> list[_Requested]:
    """The assignments asked for, checked but not looked up; dates only for live items."""
    requested: list[_Requested] = []
    seen: set[int] = set()
    for index, value in enumerate(values):
        field = f"newsfeed_assignments.{index}.newsfeed_id"
        number = parse_numeric_id(value.newsfeed_id)
        if number is not None:
            if number in seen:
                raise ParameterInvalid(
                    f"newsfeed_assignments names newsfeed {number} more than once", field=field
                )
            seen.add(number)
        published_at = value.published_at if state == LIVE else None
        if published_at is not None and published_at > now:
            raise ParameterInvalid(
                "published_at cannot be in the future",
                field=f"newsfeed_assignments.{index}.published_at",
            )
        requested.append(_Requested(index, number, published_at))
    return requested


def _sender(db: Session, workspace_id: int, value: object) -> int:
    number = parse_numeric_id(value)
    admin = None if number is None else Repository(db, workspace_id, Admin).get(number)
    if admin is None:
        raise AdminNotFound(field="sender_id")
    return admin.id


def _check_newsfeeds(
    db: Session, *, workspace_id: int, requested: Sequence[_Requested], now: int
) -> list[_Assigned]:
    """The requested assignments, once every newsfeed they name is the workspace's."""
    if not requested:
        return []
    ensure_default_newsfeeds(db, workspace_id=workspace_id, now=now)
    ids = [r.newsfeed_id for r in requested if r.newsfeed_id is not None]
    known = set(
        db.execute(
            select(_FEEDS.c.id).where(_FEEDS.c.workspace_id == workspace_id, _FEEDS.c.id.in_(ids))
        ).scalars()
    )
    assigned = []
    for r in requested:
        if r.newsfeed_id is None or r.newsfeed_id not in known:
            raise NotFound(
                "Newsfeed not found", field=f"newsfeed_assignments.{r.index}.newsfeed_id"
            )
        assigned.append(_Assigned(r.newsfeed_id, r.published_at))
    return assigned


# --- writing -----------------------------------------------------------------------------


def _sync_assignments(
    db: Session, item: NewsItem, requested: Sequence[_Assigned] | None, now: int
) -> None:
    """Make the item's assignments the requested ones (or keep them when ``None``), with
    publish dates that match its state."""
    existing = {
        row.newsfeed_id: row
        for row in db.execute(
            select(NewsfeedAssignment).where(NewsfeedAssignment.news_item_id == item.id)
        ).scalars()
    }
    live = item.state == LIVE
    if requested is None:
        for row in existing.values():
            _publish(row, live=live, asked=None, now=now)
        db.flush()
        return
    wanted = {r.newsfeed_id for r in requested}
    for feed_id, row in existing.items():
        if feed_id not in wanted:
            db.delete(row)
    db.flush()
    for position, r in enumerate(requested):
        kept = existing.get(r.newsfeed_id)
        if kept is None:
            kept = NewsfeedAssignment(
                workspace_id=item.workspace_id, news_item_id=item.id, newsfeed_id=r.newsfeed_id
            )
            db.add(kept)
        kept.position = position
        _publish(kept, live=live, asked=r.published_at, now=now)
    db.flush()


def _publish(row: NewsfeedAssignment, *, live: bool, asked: int | None, now: int) -> None:
    """A draft's assignment has no date; a live one keeps its date unless another is asked
    for, and is published now if it has none."""
    if not live:
        row.published_at = None
    elif asked is not None:
        row.published_at = asked
    elif row.published_at is None:
        row.published_at = now


def _view(db: Session, item: NewsItem) -> NewsItemView:
    return NewsItemView(item, _assignments_of(db, [item.id]).get(item.id, []))


def _item(db: Session, *, workspace_id: int, news_item_id: object) -> NewsItem:
    number = parse_numeric_id(news_item_id)
    item = None if number is None else Repository(db, workspace_id, NewsItem).get(number)
    if item is None:
        raise NewsItemNotFound()
    return item


@dataclass(frozen=True, slots=True)
class _Checked:
    """A request body, checked and resolved against the workspace."""

    title: str
    sender_id: int
    state: str
    assigned: list[_Assigned] | None


def _check(
    db: Session, *, workspace_id: int, data: NewsItemRequest, current_state: str, now: int
) -> _Checked:
    title = _title(data.title)
    sender_ref = _sender_ref(data.sender_id)
    state = _state(data.state, current_state)
    if isinstance(data.cover_image_url, str):
        _cover_image_url(data.cover_image_url)
    requested = None
    if data.newsfeed_assignments is not None and not isinstance(
        data.newsfeed_assignments, UnsetType
    ):
        requested = _requested(data.newsfeed_assignments, state=state, now=now)
    sender_id = _sender(db, workspace_id, sender_ref)
    assigned = None
    if requested is not None:
        assigned = _check_newsfeeds(db, workspace_id=workspace_id, requested=requested, now=now)
    return _Checked(title, sender_id, state, assigned)


def _apply_optional(item: NewsItem, data: NewsItemRequest) -> None:
    """Write the optional fields the request gives (``null`` leaves them, except the cover)."""
    if isinstance(data.body, str):
        item.body = normalize_body(data.body)
    if isinstance(data.deliver_silently, bool):
        item.deliver_silently = data.deliver_silently
    if isinstance(data.labels, list):
        item.labels = _labels(data.labels)
    if isinstance(data.reactions, list):
        item.reactions = list(data.reactions)
    if isinstance(data.cover_image_url, str):
        item.cover_image_url = _cover_image_url(data.cover_image_url)
    elif data.cover_image_url is None:
        item.cover_image_url = None


def create_news_item(
    db: Session, *, workspace_id: int, data: NewsItemRequest, now: int
) -> NewsItemView:
    """Create a news item (a draft unless ``state`` is ``live``) and its assignments.

    Raises:
        ParameterNotFound: no (or a blank) title or sender_id.
        ParameterInvalid: a too long title, an unknown state, a bad cover image URL, a
            newsfeed named twice, a future ``published_at`` on a live item.
        AdminNotFound: the sender is not an admin of the workspace.
        NotFound: an assignment names a newsfeed the workspace does not have.
    """
    checked = _check(db, workspace_id=workspace_id, data=data, current_state=DRAFT, now=now)
    item = NewsItem(
        workspace_id=workspace_id,
        title=checked.title,
        body="",
        sender_id=checked.sender_id,
        state=checked.state,
        labels=[],
        cover_image_url=None,
        reactions=[],
        deliver_silently=False,
        created_at=now,
        updated_at=now,
    )
    _apply_optional(item, data)
    db.add(item)
    db.flush()
    _sync_assignments(db, item, checked.assigned or [], now)
    return _view(db, item)


def update_news_item(
    db: Session, *, workspace_id: int, news_item_id: str, data: NewsItemRequest, now: int
) -> NewsItemView:
    """Update a news item: ``title`` and ``sender_id`` always, the other fields when given.

    Raises:
        NewsItemNotFound: no such news item in the workspace (checked first).
        ParameterNotFound, ParameterInvalid, AdminNotFound, NotFound: as for
            :func:`create_news_item`.
    """
    item = _item(db, workspace_id=workspace_id, news_item_id=news_item_id)
    checked = _check(db, workspace_id=workspace_id, data=data, current_state=item.state, now=now)
    item.title = checked.title
    item.sender_id = checked.sender_id
    item.state = checked.state
    _apply_optional(item, data)
    item.updated_at = max(now, item.updated_at)
    db.flush()
    _sync_assignments(db, item, checked.assigned, now)
    return _view(db, item)


def delete_news_item(db: Session, *, workspace_id: int, news_item_id: str) -> str:
    """Delete a news item and its assignments; returns its id.

    Raises:
        NewsItemNotFound: no such news item in the workspace.
    """
    item = _item(db, workspace_id=workspace_id, news_item_id=news_item_id)
    db.execute(
        delete(NewsfeedAssignment)
        .where(NewsfeedAssignment.news_item_id == item.id)
        .execution_options(synchronize_session=False)
    )
    db.delete(item)
    db.flush()
    return str(item.id)
