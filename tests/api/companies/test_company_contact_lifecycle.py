"""Company links through contact merge and delete: moved or removed, user_count right."""

from __future__ import annotations


def test_company_contact_lifecycle_merge_moves_companies(api, make_company, make_contact, attach):
    shared = make_company(company_id="shared")
    lead_only = make_company(company_id="lead-only")
    user_only = make_company(company_id="user-only")
    lead = make_contact(role="lead")
    user = make_contact(email="user@x.test")
    attach(lead["id"], shared["id"])
    attach(lead["id"], lead_only["id"])
    attach(user["id"], shared["id"])
    attach(user["id"], user_only["id"])
    assert api.get(f"/companies/{shared['id']}").json()["user_count"] == 2

    merged = api.post("/contacts/merge", json={"from": lead["id"], "into": user["id"]}).json()

    assert merged["companies"]["total_count"] == 3
    assert {c["id"] for c in merged["companies"]["data"]} == {
        shared["id"],
        lead_only["id"],
        user_only["id"],
    }
    counts = {
        key: api.get(f"/companies/{company['id']}").json()["user_count"]
        for key, company in (("shared", shared), ("lead", lead_only), ("user", user_only))
    }
    assert counts == {"shared": 1, "lead": 1, "user": 1}
    contacts = api.get(f"/companies/{lead_only['id']}/contacts").json()
    assert [c["id"] for c in contacts["data"]] == [user["id"]]
    listed = api.get(f"/contacts/{user['id']}/companies").json()
    assert listed["total_count"] == 3


def test_company_contact_lifecycle_merge_without_companies(api, make_company, make_contact, attach):
    company = make_company(company_id="c1")
    lead = make_contact(role="lead")
    user = make_contact(email="user@x.test")
    attach(user["id"], company["id"])
    merged = api.post("/contacts/merge", json={"from": lead["id"], "into": user["id"]}).json()
    assert merged["companies"]["total_count"] == 1
    assert api.get(f"/companies/{company['id']}").json()["user_count"] == 1


def test_company_contact_lifecycle_delete_contact(api, make_company, make_contact, attach):
    one = make_company(company_id="one")
    two = make_company(company_id="two")
    leaving = make_contact(email="leaving@x.test")
    staying = make_contact(email="staying@x.test")
    attach(leaving["id"], one["id"])
    attach(leaving["id"], two["id"])
    attach(staying["id"], two["id"])
    assert api.delete(f"/contacts/{leaving['id']}").status_code == 200
    assert api.get(f"/companies/{one['id']}").json()["user_count"] == 0
    assert api.get(f"/companies/{two['id']}").json()["user_count"] == 1
    contacts = api.get(f"/companies/{two['id']}/contacts").json()
    assert [c["id"] for c in contacts["data"]] == [staying["id"]]
    assert api.post("/companies/list").json()["total_count"] == 1  # "one" is hidden again


def test_company_contact_lifecycle_contact_without_companies(api, make_contact):
    contact = make_contact()
    assert contact["companies"] == {
        "type": "list",
        "data": [],
        "url": f"/contacts/{contact['id']}/companies",
        "total_count": 0,
        "has_more": False,
    }
    assert api.delete(f"/contacts/{contact['id']}").status_code == 200
