"""DeleteContact, ArchiveContact and UnarchiveContact."""

from __future__ import annotations

from tests.conftest import assert_error


def test_delete_contact(api):
    user = api.post("/contacts", json={"email": "d@x.test", "external_id": "e1"}).json()
    response = api.delete(f"/contacts/{user['id']}")
    assert response.status_code == 200
    assert response.json() == {
        "id": user["id"],
        "external_id": "e1",
        "type": "contact",
        "deleted": True,
    }
    assert_error(api.get(f"/contacts/{user['id']}"), 404, "not_found", "User Not Found")
    # The identifiers are free again.
    assert api.post("/contacts", json={"email": "d@x.test", "external_id": "e1"}).status_code == 200


def test_delete_contact_archived(api):
    user = api.post("/contacts", json={"email": "d@x.test"}).json()
    api.post(f"/contacts/{user['id']}/archive")
    assert api.delete(f"/contacts/{user['id']}").json()["deleted"] is True


def test_delete_contact_not_found(api):
    assert_error(
        api.delete("/contacts/0123456789abcdef01234567"), 404, "not_found", "User Not Found"
    )


def test_archive_contact(api, clock):
    user = api.post("/contacts", json={"email": "a@x.test"}).json()
    clock.advance(5)
    response = api.post(f"/contacts/{user['id']}/archive")
    assert response.json() == {
        "id": user["id"],
        "external_id": None,
        "type": "contact",
        "archived": True,
    }
    assert api.get("/contacts").json()["total_count"] == 0
    # Archiving twice is harmless.
    assert api.post(f"/contacts/{user['id']}/archive").json()["archived"] is True


def test_unarchive_contact(api):
    user = api.post("/contacts", json={"email": "a@x.test"}).json()
    api.post(f"/contacts/{user['id']}/archive")
    response = api.post(f"/contacts/{user['id']}/unarchive")
    assert response.json() == {
        "id": user["id"],
        "external_id": None,
        "type": "contact",
        "archived": False,
    }
    assert api.get(f"/contacts/{user['id']}").json()["email"] == "a@x.test"


def test_archive_contact_not_found(api):
    assert_error(
        api.post("/contacts/0123456789abcdef01234567/archive"), 404, "not_found", "User Not Found"
    )
    assert_error(
        api.post("/contacts/0123456789abcdef01234567/unarchive"), 404, "not_found", "User Not Found"
    )
