"""listCompaniesForAContact: GET /contacts/{id}/companies (page-number, next is a URL)."""

from __future__ import annotations

from tests.conftest import assert_error


def test_list_companies_for_a_contact(api, make_company, make_contact, attach, clock):
    contact = make_contact()
    first = make_company(company_id="c1")
    clock.advance(1)
    second = make_company(company_id="c2")
    attach(contact["id"], second["id"])
    clock.advance(1)
    attach(contact["id"], first["id"])
    make_company(company_id="not-mine")
    response = api.get(f"/contacts/{contact['id']}/companies")
    assert response.status_code == 200
    body = response.json()
    expected = [{**second, "user_count": 1}, {**first, "user_count": 1}]  # in attach order
    assert body == {
        "type": "list",
        "data": expected,
        "companies": expected,
        "total_count": 2,
        "pages": {"type": "pages", "page": 1, "per_page": 50, "total_pages": 1, "next": None},
    }


def test_list_companies_for_a_contact_pages(api, make_contact, bulk_companies):
    contact = make_contact()
    made = bulk_companies(5, contact_id=contact["id"])
    first = api.get(f"/contacts/{contact['id']}/companies", params={"per_page": 2}).json()
    assert first["total_count"] == 5
    assert first["pages"]["total_pages"] == 3
    assert first["pages"]["next"] == (
        f"http://testserver/contacts/{contact['id']}/companies?page=2&per_page=2"
    )
    seen = [c["id"] for c in first["data"]]
    page = first
    while page["pages"]["next"]:
        page = api.get(page["pages"]["next"]).json()
        seen += [c["id"] for c in page["data"]]
    assert sorted(seen) == sorted(made)


def test_list_companies_for_a_contact_past_the_end(api, make_contact, bulk_companies):
    contact = make_contact()
    bulk_companies(2, contact_id=contact["id"])
    response = api.get(f"/contacts/{contact['id']}/companies", params={"page": 2})
    assert response.status_code == 200
    body = response.json()
    assert body["data"] == []
    assert body["companies"] == []
    assert body["total_count"] == 2


def test_list_companies_for_a_contact_none(api, make_contact):
    contact = make_contact()
    body = api.get(f"/contacts/{contact['id']}/companies").json()
    assert body["data"] == []
    assert body["total_count"] == 0
    assert body["pages"]["total_pages"] == 0


def test_list_companies_for_a_contact_unknown_contact(api):
    assert_error(
        api.get("/contacts/0123456789abcdef01234567/companies"),
        404,
        "not_found",
        "User Not Found",
    )


def test_list_companies_for_a_contact_of_another_workspace(
    api, make_contact, make_company, attach, other_headers
):
    contact = make_contact()
    attach(contact["id"], make_company(company_id="c1")["id"])
    assert_error(
        api.get(f"/contacts/{contact['id']}/companies", headers=other_headers),
        404,
        "not_found",
        "User Not Found",
    )


def test_list_companies_for_a_contact_unauthorized(anonymous):
    assert_error(
        anonymous.get("/contacts/0123456789abcdef01234567/companies"),
        401,
        "unauthorized",
        "Access Token Invalid",
    )
