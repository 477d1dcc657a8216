"""retrieveNote: GET /notes/{id}."""

from __future__ import annotations

import pytest
from sqlalchemy import delete

from backchannel.db.tables import Admin
from tests.conftest import assert_error


def test_retrieve_note(api, contact, bob_id):
    made = api.post(
        f"/contacts/{contact['id']}/notes", json={"body": "This is a note.", "admin_id": bob_id}
    ).json()
    response = api.get(f"/notes/{made['id']}")
    assert response.status_code == 200
    assert response.json() == made
    assert made["body"] == "<p>This is a note.</p>"
    assert made["author"]["id"] == str(bob_id)


@pytest.mark.parametrize("note_id", ["999999", "abc", "0", "1.0", "99999999999999999999"])
def test_retrieve_note_not_found(api, contact, note_id):
    api.post(f"/contacts/{contact['id']}/notes", json={"body": "x"})
    assert_error(api.get(f"/notes/{note_id}"), 404, "not_found", "Resource Not Found")


def test_retrieve_note_of_another_workspace(api, other_headers):
    theirs = api.post("/contacts", json={"email": "t@x.test"}, headers=other_headers).json()
    note = api.post(
        f"/contacts/{theirs['id']}/notes", json={"body": "x"}, headers=other_headers
    ).json()
    assert_error(api.get(f"/notes/{note['id']}"), 404, "not_found", "Resource Not Found")
    assert api.get(f"/notes/{note['id']}", headers=other_headers).status_code == 200


def test_retrieve_note_author_gone(api, contact, bob_id, runtime):
    note = api.post(
        f"/contacts/{contact['id']}/notes", json={"body": "x", "admin_id": bob_id}
    ).json()
    with runtime.sessions.begin() as session:
        session.execute(delete(Admin).where(Admin.id == bob_id))
    found = api.get(f"/notes/{note['id']}").json()
    assert found["author"] is None
    assert api.get(f"/contacts/{contact['id']}/notes").json()["data"][0]["author"] is None


def test_retrieve_note_unauthorized(anonymous):
    assert_error(anonymous.get("/notes/1"), 401, "unauthorized", "Access Token Invalid")
