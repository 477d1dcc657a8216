"""listTagsForAContact: GET /contacts/{contact_id}/tags."""

from __future__ import annotations

from tests.conftest import assert_error

UNKNOWN_CONTACT = "0123456789abcdef01234567"


def test_list_tags_for_a_contact(api, make_contact, workspace, clock):
    contact = make_contact(email="a@x.test")
    first = api.post("/tags", json={"name": "Zebra"}).json()
    second = api.post("/tags", json={"name": "Apple"}).json()
    api.post("/tags", json={"name": "Unused"})
    api.post(f"/contacts/{contact['id']}/tags", json={"id": first["id"]})
    clock.advance(10)
    api.post(f"/contacts/{contact['id']}/tags", json={"id": second["id"]})
    response = api.get(f"/contacts/{contact['id']}/tags")
    assert response.status_code == 200
    admin = {"type": "admin", "id": str(workspace.admin.id)}
    assert response.json() == {
        "type": "list",
        "data": [
            {**first, "applied_at": clock.now() - 10, "applied_by": admin},
            {**second, "applied_at": clock.now(), "applied_by": admin},
        ],
    }


def test_list_tags_for_a_contact_empty(api, make_contact):
    contact = make_contact(email="a@x.test")
    assert api.get(f"/contacts/{contact['id']}/tags").json() == {"type": "list", "data": []}


def test_list_tags_for_a_contact_excludes_company_tags(api, make_contact, make_company):
    contact = make_contact(email="a@x.test")
    company = make_company("c-1")
    api.post("/tags", json={"name": "Company tag", "companies": [{"id": company}]})
    assert api.get(f"/contacts/{contact['id']}/tags").json()["data"] == []


def test_list_tags_for_a_contact_unknown_contact(api):
    assert_error(api.get(f"/contacts/{UNKNOWN_CONTACT}/tags"), 404, "not_found", "User Not Found")


def test_list_tags_for_a_contact_archived_contact(api, make_contact):
    contact = make_contact(email="a@x.test")
    api.post(f"/contacts/{contact['id']}/archive")
    assert_error(api.get(f"/contacts/{contact['id']}/tags"), 404, "not_found", "User Not Found")


def test_list_tags_for_a_contact_of_another_workspace(api, other_headers):
    theirs = api.post("/contacts", json={"email": "t@x.test"}, headers=other_headers).json()
    api.post("/tags", json={"name": "x", "users": [{"id": theirs["id"]}]}, headers=other_headers)
    assert_error(api.get(f"/contacts/{theirs['id']}/tags"), 404, "not_found", "User Not Found")


def test_list_tags_for_a_contact_unauthorized(anonymous):
    assert_error(
        anonymous.get(f"/contacts/{UNKNOWN_CONTACT}/tags"),
        401,
        "unauthorized",
        "Access Token Invalid",
    )
