"""The ``notes`` summary on contacts, and notes through contact merge and delete."""

from __future__ import annotations

from tests.conftest import assert_error


def test_contact_notes_summary(api, contact, clock):
    first = api.post(f"/contacts/{contact['id']}/notes", json={"body": "one"}).json()
    clock.advance(1)
    second = api.post(f"/contacts/{contact['id']}/notes", json={"body": "two"}).json()
    summary = api.get(f"/contacts/{contact['id']}").json()["notes"]
    assert summary == {
        "type": "list",
        "data": [
            {"type": "note", "id": second["id"], "url": f"/notes/{second['id']}"},
            {"type": "note", "id": first["id"], "url": f"/notes/{first['id']}"},
        ],
        "url": f"/contacts/{contact['id']}/notes",
        "total_count": 2,
        "has_more": False,
    }


def test_contact_notes_summary_shows_the_ten_newest(api, contact, clock):
    made = []
    for number in range(11):
        clock.advance(1)
        made.append(api.post(f"/contacts/{contact['id']}/notes", json={"body": str(number)}))
    summary = api.get(f"/contacts/{contact['id']}").json()["notes"]
    assert [n["id"] for n in summary["data"]] == [r.json()["id"] for r in reversed(made)][:10]
    assert summary["total_count"] == 11
    assert summary["has_more"] is True


def test_contact_notes_summary_empty(api, contact):
    assert api.get(f"/contacts/{contact['id']}").json()["notes"]["total_count"] == 0


def test_merge_contact_moves_notes(api, make_contact, clock):
    lead = make_contact(role="lead")
    user = make_contact(email="u@x.test")
    on_lead = api.post(f"/contacts/{lead['id']}/notes", json={"body": "lead"}).json()
    clock.advance(1)
    on_user = api.post(f"/contacts/{user['id']}/notes", json={"body": "user"}).json()
    merged = api.post("/contacts/merge", json={"from": lead["id"], "into": user["id"]}).json()
    assert merged["notes"]["total_count"] == 2
    listed = api.get(f"/contacts/{user['id']}/notes").json()
    assert [n["id"] for n in listed["data"]] == [on_user["id"], on_lead["id"]]
    moved = api.get(f"/notes/{on_lead['id']}").json()
    assert moved["contact"] == {"type": "contact", "id": user["id"]}
    assert moved["created_at"] == on_lead["created_at"]


def test_delete_contact_deletes_its_notes(api, contact, make_contact):
    other = make_contact(email="other@x.test")
    gone = api.post(f"/contacts/{contact['id']}/notes", json={"body": "gone"}).json()
    kept = api.post(f"/contacts/{other['id']}/notes", json={"body": "kept"}).json()
    assert api.delete(f"/contacts/{contact['id']}").status_code == 200
    assert_error(api.get(f"/notes/{gone['id']}"), 404, "not_found", "Resource Not Found")
    assert api.get(f"/notes/{kept['id']}").status_code == 200
    # A new note never takes the deleted one's id.
    fresh = api.post(f"/contacts/{other['id']}/notes", json={"body": "new"}).json()
    assert int(fresh["id"]) > int(gone["id"])
