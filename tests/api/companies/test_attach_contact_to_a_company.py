"""attachContactToACompany: POST /contacts/{id}/companies."""

from __future__ import annotations

from sqlalchemy import func, select

from backchannel.db.tables import CompanyContact
from backchannel.resources.companies.links import CONTACT_COMPANY_LIMIT
from tests.conftest import assert_error


def test_attach_contact_to_a_company(api, make_company, make_contact):
    company = make_company(company_id="c1", name="company6")
    contact = make_contact(email="a@x.test")
    response = api.post(f"/contacts/{contact['id']}/companies", json={"id": company["id"]})
    assert response.status_code == 200
    assert response.json() == {**company, "user_count": 1}


def test_attach_contact_to_a_company_counts_contacts(api, make_company, make_contact, attach):
    company = make_company(company_id="c1")
    counts = [
        attach(make_contact(email=f"{n}@x.test")["id"], company["id"])["user_count"]
        for n in range(3)
    ]
    assert counts == [1, 2, 3]
    assert api.get(f"/companies/{company['id']}").json()["user_count"] == 3


def test_attach_contact_to_a_company_twice_is_idempotent(api, make_company, make_contact, attach):
    company = make_company(company_id="c1")
    contact = make_contact()
    attach(contact["id"], company["id"])
    again = attach(contact["id"], company["id"])
    assert again["user_count"] == 1
    assert api.get(f"/contacts/{contact['id']}").json()["companies"]["total_count"] == 1


def test_attach_contact_to_a_company_shows_on_contact(api, make_company, make_contact, attach):
    company = make_company(company_id="c1")
    contact = make_contact()
    attach(contact["id"], company["id"])
    shown = api.get(f"/contacts/{contact['id']}").json()
    assert shown["companies"] == {
        "type": "list",
        "data": [{"type": "company", "id": company["id"], "url": f"/companies/{company['id']}"}],
        "url": f"/contacts/{contact['id']}/companies",
        "total_count": 1,
        "has_more": False,
    }


def test_attach_contact_to_a_company_summary_shows_ten(api, make_contact, bulk_companies):
    contact = make_contact()
    bulk_companies(11, contact_id=contact["id"])
    shown = api.get(f"/contacts/{contact['id']}").json()["companies"]
    assert len(shown["data"]) == 10
    assert shown["total_count"] == 11
    assert shown["has_more"] is True


def test_attach_contact_to_a_company_missing_id(api, make_contact):
    contact = make_contact()
    for body in ({}, {"id": None}, {"id": ""}):
        assert_error(
            api.post(f"/contacts/{contact['id']}/companies", json=body),
            400,
            "parameter_not_found",
            "company not specified",
        )


def test_attach_contact_to_a_company_null_body(api, make_contact):
    contact = make_contact()
    response = api.post(
        f"/contacts/{contact['id']}/companies",
        content=b"null",
        headers={"Content-Type": "application/json"},
    )
    assert_error(response, 400, "parameter_not_found", "company not specified")


def test_attach_contact_to_a_company_no_body(api, make_contact):
    contact = make_contact()
    assert_error(
        api.post(f"/contacts/{contact['id']}/companies"),
        400,
        "parameter_not_found",
        "company not specified",
    )


def test_attach_contact_to_a_company_unknown_key(api, make_contact):
    contact = make_contact()
    assert_error(
        api.post(f"/contacts/{contact['id']}/companies", json={"company_id": "c1"}),
        400,
        "bad_request",
        "bad 'company_id' parameter",
    )


def test_attach_contact_to_a_company_unknown_company(api, make_contact):
    contact = make_contact()
    for company_id in ("123", 123, "0123456789abcdef01234567"):
        assert_error(
            api.post(f"/contacts/{contact['id']}/companies", json={"id": company_id}),
            404,
            "company_not_found",
            "Company Not Found",
        )


def test_attach_contact_to_a_company_deleted_company(api, make_contact, make_company):
    contact = make_contact()
    company = make_company(company_id="c1")
    api.delete(f"/companies/{company['id']}")
    assert_error(
        api.post(f"/contacts/{contact['id']}/companies", json={"id": company["id"]}),
        404,
        "company_not_found",
        "Company Not Found",
    )


def test_attach_contact_to_a_company_unknown_contact(api, make_company):
    company = make_company(company_id="c1")
    assert_error(
        api.post("/contacts/0123456789abcdef01234567/companies", json={"id": company["id"]}),
        404,
        "not_found",
        "User Not Found",
    )


def test_attach_contact_to_a_company_archived_contact(api, make_company, make_contact):
    company = make_company(company_id="c1")
    contact = make_contact()
    api.post(f"/contacts/{contact['id']}/archive")
    assert_error(
        api.post(f"/contacts/{contact['id']}/companies", json={"id": company["id"]}),
        404,
        "not_found",
        "User Not Found",
    )


def test_attach_contact_to_a_company_limit(
    api, make_contact, make_company, bulk_companies, runtime
):
    contact = make_contact()
    bulk_companies(CONTACT_COMPANY_LIMIT, contact_id=contact["id"])
    one_more = make_company(company_id="one-more")
    assert_error(
        api.post(f"/contacts/{contact['id']}/companies", json={"id": one_more["id"]}),
        400,
        "contact_company_limit_exceeded",
        "Contact has reached the maximum of 1000 company associations",
    )
    with runtime.sessions() as session:
        links = session.execute(
            select(func.count()).where(CompanyContact.contact_id == contact["id"])
        ).scalar_one()
    assert links == CONTACT_COMPANY_LIMIT
    assert api.get(f"/companies/{one_more['id']}").json()["user_count"] == 0


def test_attach_contact_to_a_company_across_workspaces(
    api, make_company, make_contact, other_headers
):
    company = make_company(company_id="c1")
    contact = make_contact()
    theirs = api.post("/contacts", json={"role": "lead"}, headers=other_headers).json()
    assert_error(
        api.post(f"/contacts/{theirs['id']}/companies", json={"id": company["id"]}),
        404,
        "not_found",
        "User Not Found",
    )
    assert_error(
        api.post(
            f"/contacts/{theirs['id']}/companies",
            json={"id": company["id"]},
            headers=other_headers,
        ),
        404,
        "company_not_found",
        "Company Not Found",
    )
    assert api.get(f"/contacts/{contact['id']}").json()["companies"]["total_count"] == 0


def test_attach_contact_to_a_company_unauthorized(anonymous):
    assert_error(
        anonymous.post("/contacts/0123456789abcdef01234567/companies", json={"id": "x"}),
        401,
        "unauthorized",
        "Access Token Invalid",
    )
