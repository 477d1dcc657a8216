"""Scrolling over every company: one open scroll per workspace, kept in the database.

The scroll's position lives in ``company_scrolls`` rather than in process memory, so
any API process can serve the next batch. Companies are scrolled in id order (ids start
with their creation time). A scroll unused for a minute expires; the batch that comes back
empty ends it, and its ``scroll_param`` is gone afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from backchannel.core.errors import BadRequest, NotFound
from backchannel.core.ids import IdFactory
from backchannel.db.tables import Company, CompanyScroll
from backchannel.resources.companies.service import listed

__all__ = [
    "SCROLL_BATCH",
    "SCROLL_TTL",
    "ScrollBatch",
    "ScrollExists",
    "ScrollExpired",
    "scroll",
]

SCROLL_BATCH = 50
SCROLL_TTL = 60
"""Seconds a scroll_param stays valid after its last use."""

_COMPANIES = Company.__table__


class ScrollExists(BadRequest):
    code = "scroll_exists"
    default_message = "A scroll is already open for this app: only one may be open at a time"


class ScrollExpired(NotFound):
    default_message = "Scroll parameter not found or expired; start a new scroll"


@dataclass(slots=True)
class ScrollBatch:
    scroll_param: str
    companies: list[Any]


def _start(db: Session, *, workspace_id: int, now: int, ids: IdFactory) -> CompanyScroll:
    db.execute(
        delete(CompanyScroll).where(
            CompanyScroll.workspace_id == workspace_id,
            CompanyScroll.last_used_at <= now - SCROLL_TTL,
        )
    )
    open_ = select(CompanyScroll.id).where(CompanyScroll.workspace_id == workspace_id)
    if db.execute(open_).first() is not None:
        raise ScrollExists()
    state = CompanyScroll(
        id=ids.uuid(), workspace_id=workspace_id, created_at=now, last_used_at=now
    )
    try:
        with db.begin_nested():
            db.add(state)
            db.flush()
    except IntegrityError:  # another process started one at the same moment
        raise ScrollExists() from None
    return state


def _resume(db: Session, *, workspace_id: int, scroll_param: str, now: int) -> CompanyScroll:
    state = db.execute(
        select(CompanyScroll)
        .where(CompanyScroll.id == scroll_param, CompanyScroll.workspace_id == workspace_id)
        .with_for_update()
    ).scalar_one_or_none()
    if state is None or state.last_used_at <= now - SCROLL_TTL:
        raise ScrollExpired()
    return state


def scroll(
    db: Session,
    *,
    workspace_id: int,
    scroll_param: str | None,
    now: int,
    ids: IdFactory,
    hide_empty: bool,
) -> ScrollBatch:
    """The next batch of companies: a new scroll without ``scroll_param``.

    Raises:
        ScrollExists: a scroll is already open for this workspace.
        ScrollExpired: ``scroll_param`` is unknown, finished, or unused for a minute.
    """
    if scroll_param:
        state = _resume(db, workspace_id=workspace_id, scroll_param=scroll_param, now=now)
    else:
        state = _start(db, workspace_id=workspace_id, now=now, ids=ids)
    stmt = listed(workspace_id, hide_empty=hide_empty)
    if state.last_company_id is not None:
        stmt = stmt.where(_COMPANIES.c.id > state.last_company_id)
    rows = list(db.execute(stmt.order_by(_COMPANIES.c.id).limit(SCROLL_BATCH)).all())
    if rows:
        state.last_company_id = rows[-1].id
        state.last_used_at = now
    else:
        db.delete(state)
    db.flush()
    return ScrollBatch(state.id, rows)
