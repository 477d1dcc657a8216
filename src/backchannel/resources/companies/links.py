"""Contacts attached to companies: attach, detach, both lists, and the contact relation.

``user_count`` is recounted from the links after every change rather than incremented, so
it stays right when requests race. Merging a lead into a user moves the lead's companies
to the user (a company both had keeps one link); deleting a contact removes its links.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, bindparam, delete, exists, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from backchannel.core.errors import BadRequest, ParameterNotFound
from backchannel.core.pagination import NumberPage, clamp_per_page, number_page
from backchannel.db.tables import Company, CompanyContact, Contact
from backchannel.resources.companies.service import CompanyNotFound, find_company, live, read
from backchannel.resources.contacts import service as contacts
from backchannel.resources.contacts.relations import (
    Summaries,
    first_items,
    move_links,
    summaries_from_rows,
)

__all__ = [
    "COMPANY_RELATION",
    "CONTACT_COMPANY_LIMIT",
    "LINKS_DEFAULT_PER_PAGE",
    "CompanyRelation",
    "ContactCompanyLimitExceeded",
    "attach",
    "company_contacts_page",
    "contact_companies_page",
    "detach",
]

CONTACT_COMPANY_LIMIT = 1000
LINKS_DEFAULT_PER_PAGE = 50

_LINKS = CompanyContact.__table__
_COMPANIES = Company.__table__


class ContactCompanyLimitExceeded(BadRequest):
    code = "contact_company_limit_exceeded"
    default_message = (
        f"Contact has reached the maximum of {CONTACT_COMPANY_LIMIT} company associations"
    )


def _recount(db: Session, company_ids: Iterable[str]) -> None:
    """Set ``user_count`` of these companies to their number of attached contacts.

    The rows are locked first (PostgreSQL; SQLite write transactions are exclusive anyway),
    so that the count runs after any concurrent link change to them has committed and
    includes it. ``FOR NO KEY UPDATE`` leaves the key-share locks of concurrent link inserts
    alone, so the lock cannot deadlock with them.
    """
    ids = sorted(set(company_ids))
    if not ids:
        return
    lock = select(Company.id).where(Company.id.in_(ids)).order_by(Company.id)
    db.execute(lock.with_for_update(key_share=True))
    attached = (
        select(func.count())
        .select_from(_LINKS)
        .where(_LINKS.c.company_id == Company.id)
        .scalar_subquery()
    )
    db.execute(
        update(Company).where(Company.id.in_(ids)).values(user_count=attached),
        execution_options={"synchronize_session": "fetch"},
    )


def _company_ids_of(db: Session, contact_id: str) -> set[str]:
    stmt = select(CompanyContact.company_id).where(CompanyContact.contact_id == contact_id)
    return set(db.execute(stmt).scalars())


def attach(
    db: Session, *, workspace_id: int, contact_id: str, company_ref: str | int | None, now: int
) -> Company:
    """Attach a visible contact to a company; attaching twice changes nothing.

    Raises:
        ParameterNotFound: no company id was given (``company not specified``).
        NotFound: the contact is unknown (``User Not Found``).
        CompanyNotFound: the company is unknown or deleted.
        ContactCompanyLimitExceeded: the contact already has 1000 companies.
    """
    if company_ref is None or company_ref == "":
        raise ParameterNotFound("company not specified", field="id")
    contact = contacts.get(db, workspace_id=workspace_id, contact_id=contact_id)
    company = find_company(db, workspace_id=workspace_id, id=str(company_ref))
    if db.get(CompanyContact, (company.id, contact.id)) is not None:
        return company
    count = select(func.count()).select_from(_LINKS).where(_LINKS.c.contact_id == contact.id)
    if db.execute(count).scalar_one() >= CONTACT_COMPANY_LIMIT:
        raise ContactCompanyLimitExceeded()
    try:
        with db.begin_nested():
            db.add(CompanyContact(company_id=company.id, contact_id=contact.id, created_at=now))
            db.flush()
    except IntegrityError:  # attached by a concurrent request: the outcome is the same
        pass
    _recount(db, [company.id])
    db.refresh(company)
    return company


def detach(db: Session, *, workspace_id: int, contact_id: str, company_id: str) -> Company:
    """Detach a contact from a company; 404 ``company_not_found`` if it was not attached."""
    contact = contacts.get(db, workspace_id=workspace_id, contact_id=contact_id)
    company = find_company(db, workspace_id=workspace_id, id=company_id)
    link = db.get(CompanyContact, (company.id, contact.id))
    if link is None:
        raise CompanyNotFound()
    db.delete(link)
    db.flush()
    _recount(db, [company.id])
    db.refresh(company)
    return company


def contact_companies_page(
    db: Session | Connection,
    *,
    workspace_id: int,
    contact_id: str,
    page: int,
    per_page: int | None,
) -> NumberPage[Any]:
    """``GET /contacts/{id}/companies``: the contact's companies in the order attached."""
    contacts.read(db, workspace_id=workspace_id, contact_id=contact_id)
    stmt = (
        live(workspace_id)
        .join(_LINKS, _LINKS.c.company_id == _COMPANIES.c.id)
        .where(_LINKS.c.contact_id == contact_id)
    )
    return number_page(
        db,
        stmt,
        page=page,
        per_page=clamp_per_page(per_page, LINKS_DEFAULT_PER_PAGE),
        order=(_LINKS.c.created_at.asc(), _COMPANIES.c.id.asc()),
        rows=True,
    )


def company_contacts_page(
    db: Session | Connection,
    *,
    workspace_id: int,
    company_id: str,
    page: int,
    per_page: int | None,
) -> NumberPage[Any]:
    """``GET /companies/{id}/contacts``: its visible contacts in the order attached."""
    company = read(db, workspace_id=workspace_id, id=company_id)
    stmt = (
        contacts.live(workspace_id)
        .join(_LINKS, _LINKS.c.contact_id == Contact.id)
        .where(_LINKS.c.company_id == company.id)
    )
    return number_page(
        db,
        stmt,
        page=page,
        per_page=clamp_per_page(per_page, LINKS_DEFAULT_PER_PAGE),
        order=(_LINKS.c.created_at.asc(), _LINKS.c.contact_id.asc()),
        rows=True,
    )


# Each listed contact's first companies (oldest link first), with its link count.
_SUMMARY = first_items(
    contact_id=_LINKS.c.contact_id,
    item_id=_LINKS.c.company_id,
    order_by=(_LINKS.c.created_at, _LINKS.c.company_id),
    where=(_LINKS.c.contact_id.in_(bindparam("contact_ids", expanding=True)),),
)


class CompanyRelation:
    """Companies on a contact: the ``companies`` summary, and links kept right on merge/delete."""

    @staticmethod
    def presence(contact_id: Any) -> Any:
        return exists().where(_LINKS.c.contact_id == contact_id)

    def summaries(
        self, db: Session | Connection, *, workspace_id: int, contact_ids: Sequence[str]
    ) -> dict[str, Summaries]:
        """At most ten ``{type, id, url}`` entries per contact (oldest link first) and a count."""
        params = {"contact_ids": list(contact_ids)}
        return summaries_from_rows(
            db.execute(_SUMMARY, params),
            key="companies",
            item_type="company",
            url_prefix="/companies/",
        )

    def on_merge(self, db: Session, *, workspace_id: int, from_id: str, into_id: str) -> None:
        """The lead's companies become the user's; a company both had keeps one link."""
        moving = _company_ids_of(db, from_id)
        if not moving:
            return
        shared = moving & _company_ids_of(db, into_id)
        links = CompanyContact.__table__.c
        move_links(
            db, owner=links.contact_id, key=links.company_id, from_id=from_id, into_id=into_id
        )
        _recount(db, shared)

    def on_delete(self, db: Session, *, workspace_id: int, contact_id: str) -> None:
        """Remove a deleted contact's links; its companies count one contact fewer."""
        attached = _company_ids_of(db, contact_id)
        if not attached:
            return
        db.execute(delete(CompanyContact).where(CompanyContact.contact_id == contact_id))
        _recount(db, attached)

    def __repr__(self) -> str:
        return "CompanyRelation()"


COMPANY_RELATION = CompanyRelation()
