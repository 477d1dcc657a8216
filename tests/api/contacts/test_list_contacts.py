"""ListContacts: GET /contacts, cursor-paged newest first."""

from __future__ import annotations

from tests.conftest import assert_error


def _make(api, clock, count):
    ids = []
    for n in range(count):
        ids.append(api.post("/contacts", json={"email": f"c{n}@x.test"}).json()["id"])
        if n % 2:
            clock.advance(1)  # some contacts share a created_at: the id breaks the tie
    return ids


def test_list_contacts_pages_to_the_end(api, clock):
    made = _make(api, clock, 7)
    seen, cursor, pages = [], None, []
    while True:
        params = {"per_page": 3, **({"starting_after": cursor} if cursor else {})}
        body = api.get("/contacts", params=params).json()
        assert body["type"] == "list" and body["total_count"] == 7
        pages.append(body["pages"])
        seen += [c["id"] for c in body["data"]]
        cursor = body["pages"].get("next", {}).get("starting_after")
        if not cursor:
            break
    assert len(seen) == len(set(seen)) == 7
    assert set(seen) == set(made)
    created = [api.get(f"/contacts/{i}").json()["created_at"] for i in seen]
    assert created == sorted(created, reverse=True)
    assert [p["page"] for p in pages] == [1, 2, 3]
    assert all(p["total_pages"] == 3 and p["per_page"] == 3 for p in pages)
    assert "next" not in pages[-1]


def test_list_contacts_empty(api):
    body = api.get("/contacts").json()
    assert body == {
        "type": "list",
        "data": [],
        "total_count": 0,
        "pages": {"type": "pages", "page": 1, "per_page": 50, "total_pages": 0},
    }


def test_list_contacts_per_page_is_clamped(api, clock):
    _make(api, clock, 3)
    assert api.get("/contacts", params={"per_page": 0}).json()["pages"]["per_page"] == 1
    assert api.get("/contacts", params={"per_page": 1000}).json()["pages"]["per_page"] == 150


def test_list_contacts_per_page_not_a_number(api):
    body = assert_error(api.get("/contacts", params={"per_page": "many"}), 400, "parameter_invalid")
    assert body["errors"][0]["field"] == "per_page"


def test_list_contacts_invalid_cursor(api):
    assert_error(
        api.get("/contacts", params={"starting_after": "not-a-cursor"}),
        400,
        "client_error",
        "Invalid starting_after param. Please try again using a starting_after value "
        "from a paginated response",
    )


def test_list_contacts_hides_archived(api, clock):
    ids = _make(api, clock, 3)
    api.post(f"/contacts/{ids[0]}/archive")
    body = api.get("/contacts").json()
    assert body["total_count"] == 2
    assert ids[0] not in [c["id"] for c in body["data"]]


def test_list_contacts_total_count_is_carried_from_the_first_page(api, clock):
    """Later pages report the first page's count instead of counting every match again."""
    _make(api, clock, 4)
    first = api.get("/contacts", params={"per_page": 2}).json()
    api.post("/contacts", json={"email": "late@x.test"})
    cursor = first["pages"]["next"]["starting_after"]
    second = api.get("/contacts", params={"per_page": 2, "starting_after": cursor}).json()
    assert first["total_count"] == second["total_count"] == 4
    assert api.get("/contacts").json()["total_count"] == 5
