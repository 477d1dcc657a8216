"""RetrieveACompanyById: GET /companies/{id}."""

from __future__ import annotations

import pytest

from tests.conftest import assert_error


def test_retrieve_a_company_by_id(api, make_company):
    created = make_company(company_id="c1", name="One", plan="Pro", website="https://one.test")
    response = api.get(f"/companies/{created['id']}")
    assert response.status_code == 200
    assert response.json() == created


def test_retrieve_a_company_by_id_without_contacts(api, make_company):
    """Hidden from lists, but still found by id."""
    created = make_company(company_id="lonely")
    assert api.get(f"/companies/{created['id']}").json()["user_count"] == 0


@pytest.mark.parametrize("bad_id", ["0123456789abcdef01234567", "nope", "1" * 40])
def test_retrieve_a_company_by_id_not_found(api, bad_id):
    assert_error(api.get(f"/companies/{bad_id}"), 404, "company_not_found", "Company Not Found")


def test_retrieve_a_company_by_id_deleted(api, make_company):
    created = make_company(company_id="gone")
    api.delete(f"/companies/{created['id']}")
    assert_error(
        api.get(f"/companies/{created['id']}"), 404, "company_not_found", "Company Not Found"
    )


def test_retrieve_a_company_by_id_of_another_workspace(api, make_company, other_headers):
    created = make_company(company_id="mine")
    assert_error(
        api.get(f"/companies/{created['id']}", headers=other_headers),
        404,
        "company_not_found",
        "Company Not Found",
    )


def test_retrieve_a_company_by_id_unauthorized(anonymous):
    assert_error(
        anonymous.get("/companies/0123456789abcdef01234567"),
        401,
        "unauthorized",
        "Access Token Invalid",
    )
