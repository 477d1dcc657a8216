"""listNotes: GET /contacts/{id}/notes, page-number paged, newest first."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from tests.conftest import assert_error

UNKNOWN_CONTACT = "0123456789abcdef01234567"


def _notes(api, contact, count, clock, *, step=1):
    made = []
    for number in range(count):
        clock.advance(step)
        made.append(
            api.post(f"/contacts/{contact['id']}/notes", json={"body": f"Note {number}"}).json()
        )
    return made


def test_list_notes(api, contact, clock):
    made = _notes(api, contact, 3, clock)
    response = api.get(f"/contacts/{contact['id']}/notes")
    assert response.status_code == 200
    assert response.json() == {
        "type": "list",
        "data": list(reversed(made)),
        "total_count": 3,
        "pages": {"type": "pages", "page": 1, "per_page": 50, "total_pages": 1, "next": None},
    }


def test_list_notes_same_second_newest_id_first(api, contact, clock):
    made = _notes(api, contact, 3, clock, step=0)
    listed = api.get(f"/contacts/{contact['id']}/notes").json()["data"]
    assert [n["id"] for n in listed] == [n["id"] for n in reversed(made)]


def test_list_notes_empty(api, contact):
    assert api.get(f"/contacts/{contact['id']}/notes").json() == {
        "type": "list",
        "data": [],
        "total_count": 0,
        "pages": {"type": "pages", "page": 1, "per_page": 50, "total_pages": 0, "next": None},
    }


def test_list_notes_pages(api, contact, clock):
    made = list(reversed(_notes(api, contact, 5, clock)))
    first = api.get(f"/contacts/{contact['id']}/notes", params={"per_page": 2}).json()
    assert [n["id"] for n in first["data"]] == [n["id"] for n in made[:2]]
    assert first["total_count"] == 5
    pages = first["pages"]
    assert (pages["page"], pages["per_page"], pages["total_pages"]) == (1, 2, 3)
    link = urlsplit(pages["next"])
    assert link.path == f"/contacts/{contact['id']}/notes"
    assert parse_qs(link.query) == {"page": ["2"], "per_page": ["2"]}
    second = api.get(pages["next"]).json()
    assert [n["id"] for n in second["data"]] == [n["id"] for n in made[2:4]]
    third = api.get(second["pages"]["next"]).json()
    assert [n["id"] for n in third["data"]] == [made[4]["id"]]
    assert third["pages"]["next"] is None


def test_list_notes_past_the_last_page(api, contact, clock):
    _notes(api, contact, 2, clock)
    response = api.get(f"/contacts/{contact['id']}/notes", params={"page": 3, "per_page": 2})
    assert response.status_code == 200
    body = response.json()
    assert body["data"] == []
    assert body["total_count"] == 2
    assert body["pages"] == {
        "type": "pages",
        "page": 3,
        "per_page": 2,
        "total_pages": 1,
        "next": None,
    }


def test_list_notes_page_and_per_page_bounds(api, contact, clock):
    _notes(api, contact, 2, clock)
    first = api.get(f"/contacts/{contact['id']}/notes", params={"page": 0, "per_page": 0}).json()
    assert (first["pages"]["page"], first["pages"]["per_page"], len(first["data"])) == (1, 1, 1)
    big = api.get(f"/contacts/{contact['id']}/notes", params={"per_page": 500}).json()
    assert big["pages"]["per_page"] == 150


def test_list_notes_bad_page(api, contact):
    assert_error(
        api.get(f"/contacts/{contact['id']}/notes", params={"page": "two"}),
        400,
        "parameter_invalid",
    )


def test_list_notes_only_the_contacts(api, contact, make_contact, clock):
    other = make_contact(email="other@x.test")
    mine = _notes(api, contact, 1, clock)
    _notes(api, other, 2, clock)
    listed = api.get(f"/contacts/{contact['id']}/notes").json()
    assert [n["id"] for n in listed["data"]] == [mine[0]["id"]]
    assert listed["total_count"] == 1


def test_list_notes_unknown_contact(api):
    assert_error(api.get(f"/contacts/{UNKNOWN_CONTACT}/notes"), 404, "not_found", "User Not Found")


def test_list_notes_archived_contact(api, contact):
    api.post(f"/contacts/{contact['id']}/archive")
    assert_error(api.get(f"/contacts/{contact['id']}/notes"), 404, "not_found", "User Not Found")


def test_list_notes_contact_of_another_workspace(api, other_headers):
    theirs = api.post("/contacts", json={"email": "t@x.test"}, headers=other_headers).json()
    api.post(f"/contacts/{theirs['id']}/notes", json={"body": "x"}, headers=other_headers)
    assert_error(api.get(f"/contacts/{theirs['id']}/notes"), 404, "not_found", "User Not Found")


def test_list_notes_unauthorized(anonymous):
    assert_error(
        anonymous.get(f"/contacts/{UNKNOWN_CONTACT}/notes"),
        401,
        "unauthorized",
        "Access Token Invalid",
    )
