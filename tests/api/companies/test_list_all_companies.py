"""listAllCompanies: POST /companies/list (query-string paging, by last_request_at)."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from backchannel.db.tables import Company
from tests.conftest import assert_error


@pytest.fixture
def three(api, make_company, make_contact, attach, clock, runtime):
    """Three companies with contacts; last_request_at: a=300, b=None, c=100."""
    contact = make_contact()
    made = {}
    for key in ("a", "b", "c"):
        clock.advance(1)
        made[key] = make_company(company_id=key, name=key.upper())
        attach(contact["id"], made[key]["id"])
    with runtime.sessions.begin() as session:
        for key, seen in (("a", 300), ("c", 100)):
            session.execute(
                update(Company).where(Company.id == made[key]["id"]).values(last_request_at=seen)
            )
    return {key: company["id"] for key, company in made.items()}


def test_list_all_companies(api, three):
    response = api.post("/companies/list")
    assert response.status_code == 200
    body = response.json()
    assert body["type"] == "list"
    assert [c["id"] for c in body["data"]] == [three["a"], three["c"], three["b"]]
    assert body["data"][0]["last_request_at"] == 300
    assert body["total_count"] == 3
    assert body["pages"] == {
        "type": "pages",
        "page": 1,
        "per_page": 15,
        "total_pages": 1,
        "next": None,
    }


def test_list_all_companies_ascending(api, three):
    body = api.post("/companies/list", params={"order": "asc"}).json()
    assert [c["id"] for c in body["data"]] == [three["b"], three["c"], three["a"]]


def test_list_all_companies_pages(api, three):
    first = api.post("/companies/list", params={"per_page": 2}).json()
    assert [c["id"] for c in first["data"]] == [three["a"], three["c"]]
    assert first["pages"]["total_pages"] == 2
    assert first["pages"]["next"] == "http://testserver/companies/list?page=2&per_page=2"
    second = api.post("/companies/list", params={"per_page": 2, "page": 2}).json()
    assert [c["id"] for c in second["data"]] == [three["b"]]
    assert second["pages"]["next"] is None


def test_list_all_companies_past_the_end(api, three):
    response = api.post("/companies/list", params={"page": 2})
    assert response.status_code == 200
    body = response.json()
    assert body["data"] == []
    assert body["total_count"] == 3
    assert body["pages"]["page"] == 2


def test_list_all_companies_per_page_clamped(api, three):
    assert api.post("/companies/list", params={"per_page": 500}).json()["pages"]["per_page"] == 150
    assert api.post("/companies/list", params={"per_page": 0}).json()["pages"]["per_page"] == 1


def test_list_all_companies_bad_order(api):
    body = assert_error(
        api.post("/companies/list", params={"order": "sideways"}),
        400,
        "parameter_invalid",
        "order must be one of asc, desc",
    )
    assert body["errors"][0]["field"] == "order"


def test_list_all_companies_bad_page(api):
    assert_error(api.post("/companies/list", params={"page": "x"}), 400, "parameter_invalid")


def test_list_all_companies_empty(api):
    body = api.post("/companies/list").json()
    assert body["data"] == []
    assert body["total_count"] == 0
    assert body["pages"]["total_pages"] == 0


def test_list_all_companies_hides_other_workspaces(api, three, other_headers):
    body = api.post("/companies/list", headers=other_headers).json()
    assert body["data"] == []
    assert body["total_count"] == 0


def test_list_all_companies_unauthorized(anonymous):
    assert_error(anonymous.post("/companies/list"), 401, "unauthorized", "Access Token Invalid")
