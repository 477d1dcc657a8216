"""Company rules: upsert by company_id, visibility, counters, contacts, scroll."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from backchannel.core.errors import NotFound
from backchannel.db.tables import Company

__all__ = ["CompanyNotFound", "find_company"]


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
