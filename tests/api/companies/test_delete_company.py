"""deleteCompany: DELETE /companies/{id} (archives: hidden, contacts detached, contacts kept)."""

from __future__ import annotations

from tests.conftest import assert_error


def test_delete_company(api, make_company):
    created = make_company(company_id="c1")
    response = api.delete(f"/companies/{created['id']}")
    assert response.status_code == 200
    assert response.json() == {"id": created["id"], "object": "company", "deleted": True}
    assert_error(
        api.get(f"/companies/{created['id']}"), 404, "company_not_found", "Company Not Found"
    )


def test_delete_company_detaches_contacts_that_survive(api, make_company, make_contact, attach):
    company = make_company(company_id="c1")
    other = make_company(company_id="c2")
    contact = make_contact(email="kept@x.test")
    attach(contact["id"], company["id"])
    attach(contact["id"], other["id"])
    api.delete(f"/companies/{company['id']}")
    shown = api.get(f"/contacts/{contact['id']}").json()
    assert shown["companies"]["total_count"] == 1
    assert [c["id"] for c in shown["companies"]["data"]] == [other["id"]]
    listed = api.get(f"/contacts/{contact['id']}/companies").json()
    assert [c["id"] for c in listed["data"]] == [other["id"]]
    assert api.get(f"/companies/{other['id']}").json()["user_count"] == 1


def test_delete_company_hidden_from_lists(api, make_company, make_contact, attach):
    contact = make_contact()
    company = make_company(company_id="c1")
    attach(contact["id"], company["id"])
    api.delete(f"/companies/{company['id']}")
    assert api.get("/companies").json()["data"] == []
    assert api.post("/companies/list").json()["total_count"] == 0


def test_delete_company_twice(api, make_company):
    created = make_company(company_id="c1")
    api.delete(f"/companies/{created['id']}")
    assert_error(
        api.delete(f"/companies/{created['id']}"), 404, "company_not_found", "Company Not Found"
    )


def test_delete_company_not_found(api):
    assert_error(
        api.delete("/companies/0123456789abcdef01234567"),
        404,
        "company_not_found",
        "Company Not Found",
    )


def test_delete_company_of_another_workspace(api, make_company, other_headers):
    created = make_company(company_id="c1")
    assert_error(
        api.delete(f"/companies/{created['id']}", headers=other_headers),
        404,
        "company_not_found",
        "Company Not Found",
    )
    assert api.get(f"/companies/{created['id']}").status_code == 200


def test_delete_company_unauthorized(anonymous):
    assert_error(
        anonymous.delete("/companies/0123456789abcdef01234567"),
        401,
        "unauthorized",
        "Access Token Invalid",
    )
