"""detachTagFromContact: DELETE /contacts/{contact_id}/tags/{id}."""

from __future__ import annotations

from tests.conftest import assert_error

UNKNOWN_CONTACT = "0123456789abcdef01234567"


def test_detach_tag_from_contact(api, make_contact, workspace, clock):
    contact = make_contact(email="a@x.test")
    tag = api.post("/tags", json={"name": "Manual tag"}).json()
    applied = api.post(f"/contacts/{contact['id']}/tags", json={"id": tag["id"]}).json()
    clock.advance(50)
    response = api.delete(f"/contacts/{contact['id']}/tags/{tag['id']}")
    assert response.status_code == 200
    assert response.json() == {
        "type": "tag",
        "id": tag["id"],
        "name": "Manual tag",
        "applied_at": applied["applied_at"],
        "applied_by": {"type": "admin", "id": str(workspace.admin.id)},
    }
    assert api.get(f"/contacts/{contact['id']}/tags").json()["data"] == []
    assert api.get(f"/tags/{tag['id']}").status_code == 200  # the tag itself stays


def test_detach_tag_from_contact_leaves_other_contacts(api, make_contact):
    one = make_contact(email="one@x.test")
    two = make_contact(email="two@x.test")
    tag = api.post("/tags", json={"name": "x", "users": [{"id": one["id"]}, {"id": two["id"]}]})
    api.delete(f"/contacts/{one['id']}/tags/{tag.json()['id']}")
    assert [t["name"] for t in api.get(f"/contacts/{two['id']}/tags").json()["data"]] == ["x"]


def test_detach_tag_from_contact_not_applied(api, make_contact):
    contact = make_contact(email="a@x.test")
    tag = api.post("/tags", json={"name": "Never"}).json()
    response = api.delete(f"/contacts/{contact['id']}/tags/{tag['id']}")
    assert response.status_code == 200
    assert response.json() == {
        "type": "tag",
        "id": tag["id"],
        "name": "Never",
        "applied_at": None,
        "applied_by": None,
    }


def test_detach_tag_from_contact_ignores_a_body(api, make_contact):
    contact = make_contact(email="a@x.test")
    tag = api.post("/tags", json={"name": "x", "users": [{"id": contact["id"]}]}).json()
    response = api.request(
        "DELETE", f"/contacts/{contact['id']}/tags/{tag['id']}", json={"admin_id": "1"}
    )
    assert response.status_code == 200
    assert api.get(f"/contacts/{contact['id']}/tags").json()["data"] == []


def test_detach_tag_from_contact_unknown_contact(api):
    tag = api.post("/tags", json={"name": "x"}).json()
    assert_error(
        api.delete(f"/contacts/{UNKNOWN_CONTACT}/tags/{tag['id']}"),
        404,
        "not_found",
        "User Not Found",
    )


def test_detach_tag_from_contact_unknown_tag(api, make_contact):
    contact = make_contact(email="a@x.test")
    for tag_id in ("999999", "abc"):
        assert_error(
            api.delete(f"/contacts/{contact['id']}/tags/{tag_id}"),
            404,
            "not_found",
            "Resource Not Found",
        )


def test_detach_tag_from_contact_tag_of_another_workspace(api, make_contact, other_headers):
    contact = make_contact(email="a@x.test")
    theirs = api.post("/tags", json={"name": "Theirs"}, headers=other_headers).json()
    assert_error(
        api.delete(f"/contacts/{contact['id']}/tags/{theirs['id']}"),
        404,
        "not_found",
        "Resource Not Found",
    )


def test_detach_tag_from_contact_unauthorized(anonymous):
    assert_error(
        anonymous.delete(f"/contacts/{UNKNOWN_CONTACT}/tags/1"),
        401,
        "unauthorized",
        "Access Token Invalid",
    )
