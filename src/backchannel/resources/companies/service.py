"""Company rules: upsert by company_id, plans, visibility, lookups, lists and archiving.

A company is looked up by the client's ``company_id`` on upsert and by its Intercom ``id``
everywhere else. Deleting archives it: the row stays (``deleted``), its contacts are
detached, and it disappears from every read; its ``company_id`` is free again.

Visibility: with ``hide_companies_without_contacts`` (the default, as in Intercom) lists and
scrolls leave out companies with no contacts, and ``total_count`` counts only the listed
ones. Lookups by id, ``company_id`` or name still find them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from msgspec import UNSET
from sqlalchemy import Connection, Select, delete, false, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from backchannel.core.errors import NotFound, ParameterInvalid
from backchannel.core.ids import IdFactory, parse_numeric_id
from backchannel.core.pagination import NumberPage, clamp_per_page, number_page
from backchannel.db.tables import Company, CompanyContact, Plan, Tag, Tagging
from backchannel.resources.companies.schemas import CompanyUpdate, CompanyUpsert
from backchannel.resources.data_attributes.service import merge_custom_attributes

__all__ = [
    "COMPANY_TARGET",
    "LIST_DEFAULT_PER_PAGE",
    "MONTHLY_SPEND_MAX",
    "CompanyDetails",
    "CompanyNotFound",
    "delete_company",
    "details",
    "find_company",
    "list_all",
    "list_page",
    "listed",
    "live",
    "lookup",
    "read",
    "update",
    "upsert",
]

COMPANY_TARGET = "company"
"""``Tagging.target_type`` of a tag applied to a company."""
LIST_DEFAULT_PER_PAGE = 15
MONTHLY_SPEND_MAX = 2**31 - 1
MONTHLY_SPEND_MIN = -(2**31)
ORDERS = ("asc", "desc")

_COMPANIES = Company.__table__


class CompanyNotFound(NotFound):
    code = "company_not_found"
    default_message = "Company Not Found"


def find_company(
    db: Session, *, workspace_id: int, id: str | None = None, company_id: str | None = None
) -> Company:
    """A company that is not deleted, by Intercom ``id`` or by the client's ``company_id``."""
    stmt = select(Company).where(Company.workspace_id == workspace_id, Company.deleted.is_(False))
    if id is not None:
        stmt = stmt.where(Company.id == id)
    elif company_id is not None:
        stmt = stmt.where(Company.company_id == company_id)
    else:
        raise CompanyNotFound()
    company = db.execute(stmt.limit(1)).scalars().first()
    if company is None:
        raise CompanyNotFound()
    return company


# --- reads -------------------------------------------------------------------------------


def live(workspace_id: int) -> Select[Any]:
    """Rows of the workspace's companies that are not deleted (table columns, not entities)."""
    return select(_COMPANIES).where(
        _COMPANIES.c.workspace_id == workspace_id, _COMPANIES.c.deleted.is_(False)
    )


def listed(workspace_id: int, *, hide_empty: bool) -> Select[Any]:
    """The companies lists and scrolls show: without contacts only when ``hide_empty`` is off."""
    stmt = live(workspace_id)
    if hide_empty:
        stmt = stmt.where(_COMPANIES.c.user_count > 0)
    return stmt


def read(db: Session | Connection, *, workspace_id: int, id: str) -> Any:
    """A company's row by Intercom id; 404 ``company_not_found`` otherwise."""
    row = db.execute(live(workspace_id).where(_COMPANIES.c.id == id).limit(1)).first()
    if row is None:
        raise CompanyNotFound()
    return row


def lookup(
    db: Session | Connection,
    *,
    workspace_id: int,
    company_id: str | None = None,
    name: str | None = None,
) -> Any:
    """``GET /companies?company_id=`` or ``?name=``: one company; the oldest if names repeat."""
    stmt = live(workspace_id)
    if company_id is not None:
        stmt = stmt.where(_COMPANIES.c.company_id == company_id)
    elif name is not None:
        stmt = stmt.where(_COMPANIES.c.name == name)
    else:
        raise CompanyNotFound()
    order = (_COMPANIES.c.created_at.asc(), _COMPANIES.c.id.asc())
    row = db.execute(stmt.order_by(*order).limit(1)).first()
    if row is None:
        raise CompanyNotFound()
    return row


def list_page(
    db: Session | Connection,
    *,
    workspace_id: int,
    tag_id: str | None,
    segment_id: str | None,
    page: int,
    per_page: int | None,
    hide_empty: bool,
) -> NumberPage[Any]:
    """``GET /companies`` without a single-company filter: newest first, optionally by tag.

    Segments in this server are contact segments, so filtering by ``segment_id`` finds no
    companies.
    """
    stmt = listed(workspace_id, hide_empty=hide_empty)
    if tag_id is not None:
        tag = parse_numeric_id(tag_id)
        tagged = select(Tagging.target_id).where(
            Tagging.target_type == COMPANY_TARGET, Tagging.tag_id == tag
        )
        stmt = stmt.where(_COMPANIES.c.id.in_(tagged) if tag is not None else false())
    if segment_id is not None:
        stmt = stmt.where(false())
    return number_page(
        db,
        stmt,
        page=page,
        per_page=clamp_per_page(per_page, LIST_DEFAULT_PER_PAGE),
        order=(_COMPANIES.c.created_at.desc(), _COMPANIES.c.id.desc()),
        rows=True,
    )


# POST /companies/list serves at most this many companies, as Intercom's does.
LIST_ALL_MAX_RESULTS = 10_000


def list_all(
    db: Session | Connection,
    *,
    workspace_id: int,
    page: int,
    per_page: int | None,
    order: str,
    hide_empty: bool,
) -> NumberPage[Any]:
    """``POST /companies/list``: by ``last_request_at`` (never requested counts as oldest).

    Ties are broken by creation time, then id, in the same direction.
    """
    direction = order.lower()
    if direction not in ORDERS:
        raise ParameterInvalid("order must be one of asc, desc", field="order")
    keys = (
        func.coalesce(_COMPANIES.c.last_request_at, 0),
        _COMPANIES.c.created_at,
        _COMPANIES.c.id,
    )
    return number_page(
        db,
        listed(workspace_id, hide_empty=hide_empty),
        page=page,
        per_page=clamp_per_page(per_page, LIST_DEFAULT_PER_PAGE),
        order=[key.desc() if direction == "desc" else key.asc() for key in keys],
        rows=True,
        max_results=LIST_ALL_MAX_RESULTS,
    )


@dataclass(slots=True)
class CompanyDetails:
    """What a company object shows beyond its own row: plan names and tags."""

    plans: dict[int, str] = field(default_factory=dict)
    tags: dict[str, list[tuple[int, str]]] = field(default_factory=dict)


def details(db: Session | Connection, companies: Sequence[Any]) -> CompanyDetails:
    """Plan names and tags of ``companies`` (rows or entities), in one query each."""
    found = CompanyDetails()
    plan_ids = {c.plan_id for c in companies if c.plan_id is not None}
    if plan_ids:
        found.plans = dict(
            db.execute(select(Plan.id, Plan.name).where(Plan.id.in_(plan_ids))).all()
        )
    ids = [c.id for c in companies]
    if ids:
        tagged = db.execute(
            select(Tagging.target_id, Tag.id, Tag.name)
            .join(Tag, Tag.id == Tagging.tag_id)
            .where(Tagging.target_type == COMPANY_TARGET, Tagging.target_id.in_(ids))
            .order_by(Tag.id)
        )
        for target_id, tag_id, name in tagged:
            found.tags.setdefault(target_id, []).append((tag_id, name))
    return found


# --- writes ------------------------------------------------------------------------------


def _plan_id(db: Session, workspace_id: int, name: str | None) -> int | None:
    """The id of the workspace's plan called ``name``, made on first use; None clears it."""
    if not name:
        return None
    stmt = select(Plan.id).where(Plan.workspace_id == workspace_id, Plan.name == name)
    existing = db.execute(stmt).scalar()
    if existing is not None:
        return existing
    plan = Plan(workspace_id=workspace_id, name=name)
    try:
        with db.begin_nested():
            db.add(plan)
            db.flush()
    except IntegrityError:  # made at the same moment by another request
        return db.execute(stmt).scalar_one()
    return plan.id


def _monthly_spend(value: int | float | None) -> int:
    """Whole units: floats are truncated; the value must fit a signed 32-bit integer."""
    if value is None:
        return 0
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ParameterInvalid("monthly_spend must be a number", field="monthly_spend")
        value = math.trunc(value)
    if not MONTHLY_SPEND_MIN <= value <= MONTHLY_SPEND_MAX:
        raise ParameterInvalid(
            f"monthly_spend must be between {MONTHLY_SPEND_MIN} and {MONTHLY_SPEND_MAX}",
            field="monthly_spend",
        )
    return value


def _apply(db: Session, company: Company, data: CompanyUpsert | CompanyUpdate) -> None:
    """Copy the given fields of ``data`` onto ``company``; ``null`` clears a field."""
    if data.name is not UNSET:
        company.name = data.name
    if data.plan is not UNSET:
        company.plan_id = _plan_id(db, company.workspace_id, data.plan)
    if data.size is not UNSET:
        company.size = data.size
    if data.website is not UNSET:
        company.website = data.website
    if data.industry is not UNSET:
        company.industry = data.industry
    if data.remote_created_at is not UNSET:
        company.remote_created_at = data.remote_created_at
    if data.monthly_spend is not UNSET:
        company.monthly_spend = _monthly_spend(data.monthly_spend)
    if data.custom_attributes is not UNSET:
        company.custom_attributes = merge_custom_attributes(
            db,
            workspace_id=company.workspace_id,
            model="company",
            current=company.custom_attributes or {},
            changes=data.custom_attributes or {},
        )


def _touch(company: Company, now: int) -> None:
    company.updated_at = max(now, company.updated_at)


def _by_company_id(db: Session, workspace_id: int, company_id: str) -> Company | None:
    try:
        return find_company(db, workspace_id=workspace_id, company_id=company_id)
    except CompanyNotFound:
        return None


def upsert(
    db: Session, *, workspace_id: int, data: CompanyUpsert, now: int, ids: IdFactory
) -> Company:
    """``POST /companies``: update the company with this ``company_id``, or create it.

    Without a ``company_id``, an ``id`` names the company to update (404 if unknown);
    with neither, a new company is created every time.
    """
    company_id = data.company_id if data.company_id not in (UNSET, None, "") else None
    existing: Company | None = None
    if company_id is not None:
        existing = _by_company_id(db, workspace_id, str(company_id))
    elif data.id not in (UNSET, None, ""):
        existing = find_company(db, workspace_id=workspace_id, id=str(data.id))
    if existing is not None:
        _apply(db, existing, data)
        _touch(existing, now)
        db.flush()
        return existing
    company = Company(
        id=ids.object_id(now),
        workspace_id=workspace_id,
        company_id=company_id,
        created_at=now,
        updated_at=now,
        monthly_spend=0,
        session_count=0,
        user_count=0,
        custom_attributes={},
        deleted=False,
    )
    _apply(db, company, data)
    try:
        with db.begin_nested():
            db.add(company)
            db.flush()
    except IntegrityError:
        # Another request created this company_id at the same moment: update that one.
        existing = _by_company_id(db, workspace_id, company_id) if company_id else None
        if existing is None:
            raise
        _apply(db, existing, data)
        _touch(existing, now)
        db.flush()
        return existing
    return company


def update(db: Session, *, workspace_id: int, id: str, data: CompanyUpdate, now: int) -> Company:
    """``PUT /companies/{id}``: a partial update; ``company_id`` can never change."""
    company = find_company(db, workspace_id=workspace_id, id=id)
    if data.company_id is not UNSET and data.company_id != company.company_id:
        raise ParameterInvalid("company_id cannot be changed", field="company_id")
    _apply(db, company, data)
    _touch(company, now)
    db.flush()
    return company


def delete_company(db: Session, *, workspace_id: int, id: str, now: int) -> Company:
    """Archive a company: hidden from then on, its contacts detached (they stay)."""
    company = find_company(db, workspace_id=workspace_id, id=id)
    db.execute(delete(CompanyContact).where(CompanyContact.company_id == company.id))
    company.deleted = True
    company.user_count = 0
    _touch(company, now)
    db.flush()
    return company
