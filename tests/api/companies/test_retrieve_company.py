"""retrieveCompany: GET /companies (one by company_id or name, else a page-number list)."""

from __future__ import annotations

from tests.conftest import assert_error


def test_retrieve_company_by_company_id(api, make_company):
    created = make_company(company_id="c-1", name="One")
    make_company(company_id="c-2", name="Two")
    response = api.get("/companies", params={"company_id": "c-1"})
    assert response.status_code == 200
    assert response.json() == created


def test_retrieve_company_by_name(api, make_company, clock):
    first = make_company(company_id="n-1", name="Twin")
    clock.advance(5)
    make_company(company_id="n-2", name="Twin")
    found = api.get("/companies", params={"name": "Twin"}).json()
    assert found["type"] == "company"
    assert found["id"] == first["id"]  # the oldest of companies sharing a name


def test_retrieve_company_lookup_finds_company_without_contacts(api, make_company):
    created = make_company(company_id="lonely")
    assert created["user_count"] == 0
    assert api.get("/companies", params={"company_id": "lonely"}).json()["id"] == created["id"]


def test_retrieve_company_company_id_not_found(api, make_company):
    make_company(company_id="exists")
    assert_error(
        api.get("/companies", params={"company_id": "missing"}),
        404,
        "company_not_found",
        "Company Not Found",
    )


def test_retrieve_company_name_not_found(api):
    assert_error(
        api.get("/companies", params={"name": "Nobody"}),
        404,
        "company_not_found",
        "Company Not Found",
    )


def test_retrieve_company_deleted_not_found(api, make_company):
    created = make_company(company_id="gone")
    api.delete(f"/companies/{created['id']}")
    assert_error(
        api.get("/companies", params={"company_id": "gone"}),
        404,
        "company_not_found",
        "Company Not Found",
    )


def test_retrieve_company_lists_without_filter(api, make_company, make_contact, attach, clock):
    contact = make_contact()
    ids = []
    for n in range(3):
        clock.advance(1)
        company = make_company(company_id=f"l-{n}")
        attach(contact["id"], company["id"])
        ids.append(company["id"])
    response = api.get("/companies")
    assert response.status_code == 200
    body = response.json()
    assert body["type"] == "list"
    assert [c["id"] for c in body["data"]] == list(reversed(ids))  # newest first
    assert body["total_count"] == 3
    assert body["pages"] == {
        "type": "pages",
        "page": 1,
        "per_page": 15,
        "total_pages": 1,
        "next": None,
    }
    assert all(c["user_count"] == 1 for c in body["data"])


def test_retrieve_company_list_pages(api, bulk_companies):
    made = bulk_companies(5)
    first = api.get("/companies", params={"per_page": 2}).json()
    assert first["total_count"] == 5
    assert first["pages"]["total_pages"] == 3
    assert first["pages"]["next"] == "http://testserver/companies?page=2&per_page=2"
    seen = [c["id"] for c in first["data"]]
    second = api.get(first["pages"]["next"]).json()
    assert second["pages"]["page"] == 2
    seen += [c["id"] for c in second["data"]]
    third = api.get("/companies", params={"per_page": 2, "page": 3}).json()
    assert third["pages"]["next"] is None
    seen += [c["id"] for c in third["data"]]
    assert sorted(seen) == sorted(made)


def test_retrieve_company_list_past_the_end(api, bulk_companies):
    bulk_companies(2)
    response = api.get("/companies", params={"page": 4})
    assert response.status_code == 200
    body = response.json()
    assert body["data"] == []
    assert body["total_count"] == 2
    assert body["pages"]["page"] == 4
    assert body["pages"]["next"] is None


def test_retrieve_company_by_tag_id(api, make_company, make_contact, attach):
    contact = make_contact()
    tagged = make_company(company_id="t-1", name="Tagged")
    untagged = make_company(company_id="t-2", name="Untagged")
    for company in (tagged, untagged):
        attach(contact["id"], company["id"])
    tag = api.post("/tags", json={"name": "VIP", "companies": [{"id": tagged["id"]}]}).json()
    body = api.get("/companies", params={"tag_id": tag["id"]}).json()
    assert [c["id"] for c in body["data"]] == [tagged["id"]]
    assert body["total_count"] == 1
    assert body["data"][0]["tags"] == {
        "type": "tag.list",
        "tags": [{"type": "tag", "id": tag["id"], "name": "VIP"}],
    }


def test_retrieve_company_by_unknown_tag_id(api, bulk_companies):
    bulk_companies(2)
    for tag_id in ("999999", "not-a-number"):
        body = api.get("/companies", params={"tag_id": tag_id}).json()
        assert body["data"] == []
        assert body["total_count"] == 0


def test_retrieve_company_by_segment_id_finds_none(api, bulk_companies):
    """Segments hold contacts in Backchannel, so no company is in a segment."""
    bulk_companies(2)
    body = api.get("/companies", params={"segment_id": "0123456789abcdef01234567"}).json()
    assert body == {
        "type": "list",
        "data": [],
        "total_count": 0,
        "pages": {"type": "pages", "page": 1, "per_page": 15, "total_pages": 0, "next": None},
    }


def test_retrieve_company_invalid_page(api):
    assert_error(api.get("/companies", params={"page": "first"}), 400, "parameter_invalid")


def test_retrieve_company_hides_other_workspaces(api, make_company, other_headers, bulk_companies):
    bulk_companies(2)
    make_company(company_id="mine")
    assert_error(
        api.get("/companies", params={"company_id": "mine"}, headers=other_headers),
        404,
        "company_not_found",
        "Company Not Found",
    )
    body = api.get("/companies", headers=other_headers).json()
    assert body["data"] == []
    assert body["total_count"] == 0


def test_retrieve_company_unauthorized(anonymous):
    assert_error(anonymous.get("/companies"), 401, "unauthorized", "Access Token Invalid")
