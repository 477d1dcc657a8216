"""Setup shared by the company tests: companies, contacts and links made through the API."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import insert

from backchannel.db.tables import Company, CompanyContact
from backchannel.provisioning import NewWorkspace
from backchannel.runtime import Runtime

MakeCompany = Callable[..., dict[str, Any]]
Attach = Callable[[str, str], dict[str, Any]]
BulkCompanies = Callable[..., list[str]]


@pytest.fixture
def make_company(api: Any) -> MakeCompany:
    """Upsert a company through the API; returns the company object."""

    def make(**fields: Any) -> dict[str, Any]:
        response = api.post("/companies", json=fields)
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    return make


@pytest.fixture
def attach(api: Any) -> Attach:
    """Attach a contact to a company through the API; returns the company object."""

    def run(contact_id: str, company_id: str) -> dict[str, Any]:
        response = api.post(f"/contacts/{contact_id}/companies", json={"id": company_id})
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    return run


@pytest.fixture
def bulk_companies(runtime: Runtime, workspace: NewWorkspace) -> BulkCompanies:
    """Store many companies at once (optionally attached to a contact); returns their ids."""

    def make(count: int, *, user_count: int = 1, contact_id: str | None = None) -> list[str]:
        now = runtime.clock.now()
        ids = [runtime.ids.object_id(now) for _ in range(count)]
        rows = [
            {
                "id": company,
                "workspace_id": workspace.workspace.id,
                "company_id": f"bulk-{n}",
                "name": f"Bulk {n}",
                "created_at": now,
                "updated_at": now,
                "monthly_spend": 0,
                "session_count": 0,
                "user_count": user_count,
                "custom_attributes": {},
                "deleted": False,
            }
            for n, company in enumerate(ids)
        ]
        with runtime.sessions.begin() as session:
            session.execute(insert(Company.__table__), rows)
            if contact_id is not None:
                links = [
                    {"company_id": company, "contact_id": contact_id, "created_at": now}
                    for company in ids
                ]
                session.execute(insert(CompanyContact.__table__), links)
        return ids

    return make


@pytest.fixture
def other_headers(other_workspace: NewWorkspace) -> dict[str, str]:
    """Headers that make the ``api`` client act for the second workspace."""
    return {"Authorization": f"Bearer {other_workspace.token}"}
