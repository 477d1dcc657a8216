"""detachContactFromACompany: DELETE /contacts/{contact_id}/companies/{id}."""

from __future__ import annotations

from tests.conftest import assert_error


def test_detach_contact_from_a_company(api, make_company, make_contact, attach):
    company = make_company(company_id="c1", name="company8")
    contact = make_contact()
    attach(contact["id"], company["id"])
    response = api.delete(f"/contacts/{contact['id']}/companies/{company['id']}")
    assert response.status_code == 200
    assert response.json() == {**company, "user_count": 0}
    assert api.get(f"/contacts/{contact['id']}").json()["companies"]["total_count"] == 0


def test_detach_contact_from_a_company_counts_down(api, make_company, make_contact, attach):
    company = make_company(company_id="c1")
    one, two = make_contact(email="1@x.test"), make_contact(email="2@x.test")
    attach(one["id"], company["id"])
    attach(two["id"], company["id"])
    detached = api.delete(f"/contacts/{one['id']}/companies/{company['id']}").json()
    assert detached["user_count"] == 1
    contacts = api.get(f"/companies/{company['id']}/contacts").json()
    assert [c["id"] for c in contacts["data"]] == [two["id"]]


def test_detach_contact_from_a_company_not_attached(api, make_company, make_contact):
    company = make_company(company_id="c1")
    contact = make_contact()
    assert_error(
        api.delete(f"/contacts/{contact['id']}/companies/{company['id']}"),
        404,
        "company_not_found",
        "Company Not Found",
    )


def test_detach_contact_from_a_company_twice(api, make_company, make_contact, attach):
    company = make_company(company_id="c1")
    contact = make_contact()
    attach(contact["id"], company["id"])
    api.delete(f"/contacts/{contact['id']}/companies/{company['id']}")
    assert_error(
        api.delete(f"/contacts/{contact['id']}/companies/{company['id']}"),
        404,
        "company_not_found",
        "Company Not Found",
    )
    assert api.get(f"/companies/{company['id']}").json()["user_count"] == 0


def test_detach_contact_from_a_company_unknown_company(api, make_contact):
    contact = make_contact()
    assert_error(
        api.delete(f"/contacts/{contact['id']}/companies/0123456789abcdef01234567"),
        404,
        "company_not_found",
        "Company Not Found",
    )


def test_detach_contact_from_a_company_unknown_contact(api, make_company):
    company = make_company(company_id="c1")
    assert_error(
        api.delete(f"/contacts/0123456789abcdef01234567/companies/{company['id']}"),
        404,
        "not_found",
        "User Not Found",
    )


def test_detach_contact_from_a_company_of_another_workspace(
    api, make_company, make_contact, attach, other_headers
):
    company = make_company(company_id="c1")
    contact = make_contact()
    attach(contact["id"], company["id"])
    assert_error(
        api.delete(f"/contacts/{contact['id']}/companies/{company['id']}", headers=other_headers),
        404,
        "not_found",
        "User Not Found",
    )
    assert api.get(f"/companies/{company['id']}").json()["user_count"] == 1


def test_detach_contact_from_a_company_unauthorized(anonymous):
    assert_error(
        anonymous.delete("/contacts/0123456789abcdef01234567/companies/0123456789abcdef01234567"),
        401,
        "unauthorized",
        "Access Token Invalid",
    )
