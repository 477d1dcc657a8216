"""ListAttachedSegmentsForCompanies: GET /companies/{id}/segments (always empty)."""

from __future__ import annotations

from tests.conftest import assert_error


def test_list_attached_segments_for_companies(api, make_company, make_contact, attach):
    company = make_company(company_id="c1")
    attach(make_contact()["id"], company["id"])
    response = api.get(f"/companies/{company['id']}/segments")
    assert response.status_code == 200
    assert response.json() == {"type": "list", "data": []}


def test_list_attached_segments_for_companies_unknown_company(api):
    assert_error(
        api.get("/companies/0123456789abcdef01234567/segments"),
        404,
        "company_not_found",
        "Company Not Found",
    )


def test_list_attached_segments_for_companies_of_another_workspace(
    api, make_company, other_headers
):
    company = make_company(company_id="c1")
    assert_error(
        api.get(f"/companies/{company['id']}/segments", headers=other_headers),
        404,
        "company_not_found",
        "Company Not Found",
    )


def test_list_attached_segments_for_companies_unauthorized(anonymous):
    assert_error(
        anonymous.get("/companies/0123456789abcdef01234567/segments"),
        401,
        "unauthorized",
        "Access Token Invalid",
    )
