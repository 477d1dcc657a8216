"""ListAttachedContacts: GET /companies/{id}/contacts (full contacts, page-number)."""

from __future__ import annotations

from tests.conftest import assert_error


def test_list_attached_contacts(api, make_company, make_contact, attach, clock):
    company = make_company(company_id="c1")
    two = make_contact(email="two@x.test")
    one = make_contact(email="one@x.test", name="One")
    make_contact(email="loner@x.test")
    attach(one["id"], company["id"])
    clock.advance(1)
    attach(two["id"], company["id"])
    response = api.get(f"/companies/{company['id']}/contacts")
    assert response.status_code == 200
    body = response.json()
    assert body["type"] == "list"
    assert [c["id"] for c in body["data"]] == [one["id"], two["id"]]
    assert body["data"][0] == api.get(f"/contacts/{one['id']}").json()  # full contact objects
    assert body["data"][0]["companies"]["total_count"] == 1
    assert body["total_count"] == 2
    assert body["pages"] == {
        "type": "pages",
        "page": 1,
        "per_page": 50,
        "total_pages": 1,
        "next": None,
    }


def test_list_attached_contacts_pages(api, make_company, make_contact, attach, clock):
    company = make_company(company_id="c1")
    made = [make_contact(email=f"{n}@x.test")["id"] for n in range(3)]
    for contact_id in made:
        clock.advance(1)
        attach(contact_id, company["id"])
    first = api.get(f"/companies/{company['id']}/contacts", params={"per_page": 2}).json()
    assert [c["id"] for c in first["data"]] == made[:2]
    assert first["pages"]["next"] == (
        f"http://testserver/companies/{company['id']}/contacts?page=2&per_page=2"
    )
    second = api.get(first["pages"]["next"]).json()
    assert [c["id"] for c in second["data"]] == made[2:]
    assert second["pages"]["next"] is None
    past = api.get(f"/companies/{company['id']}/contacts", params={"page": 5}).json()
    assert past["data"] == []
    assert past["total_count"] == 3


def test_list_attached_contacts_hides_archived(api, make_company, make_contact, attach):
    company = make_company(company_id="c1")
    kept, archived = make_contact(email="k@x.test"), make_contact(email="a@x.test")
    attach(kept["id"], company["id"])
    attach(archived["id"], company["id"])
    api.post(f"/contacts/{archived['id']}/archive")
    body = api.get(f"/companies/{company['id']}/contacts").json()
    assert [c["id"] for c in body["data"]] == [kept["id"]]
    assert body["total_count"] == 1


def test_list_attached_contacts_none(api, make_company):
    company = make_company(company_id="c1")
    body = api.get(f"/companies/{company['id']}/contacts").json()
    assert body["data"] == []
    assert body["total_count"] == 0
    assert body["pages"]["total_pages"] == 0


def test_list_attached_contacts_unknown_company(api):
    assert_error(
        api.get("/companies/0123456789abcdef01234567/contacts"),
        404,
        "company_not_found",
        "Company Not Found",
    )


def test_list_attached_contacts_of_another_workspace(api, make_company, other_headers):
    company = make_company(company_id="c1")
    assert_error(
        api.get(f"/companies/{company['id']}/contacts", headers=other_headers),
        404,
        "company_not_found",
        "Company Not Found",
    )


def test_list_attached_contacts_unauthorized(anonymous):
    assert_error(
        anonymous.get("/companies/0123456789abcdef01234567/contacts"),
        401,
        "unauthorized",
        "Access Token Invalid",
    )
