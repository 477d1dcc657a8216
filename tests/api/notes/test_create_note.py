"""createNote: POST /contacts/{id}/notes."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from backchannel.db.tables import ActivityLog, Note
from tests.conftest import assert_error

UNKNOWN_CONTACT = "0123456789abcdef01234567"


def test_create_note(api, contact, workspace, clock):
    clock.advance(7)
    response = api.post(f"/contacts/{contact['id']}/notes", json={"body": "Hello"})
    assert response.status_code == 200
    note = response.json()
    assert note == {
        "type": "note",
        "id": note["id"],
        "created_at": clock.now(),
        "contact": {"type": "contact", "id": contact["id"]},
        "author": {
            "type": "admin",
            "id": str(workspace.admin.id),
            "name": "Ada Owner",
            "email": "ada@acme.test",
            "away_mode_enabled": False,
            "away_mode_reassign": False,
        },
        "body": "<p>Hello</p>",
    }
    assert note["id"].isdigit()
    assert api.get(f"/notes/{note['id']}").json() == note


@pytest.mark.parametrize("as_string", [False, True], ids=["integer", "string"])
def test_create_note_by_another_admin(api, contact, bob_id, as_string):
    admin_id = str(bob_id) if as_string else bob_id
    response = api.post(
        f"/contacts/{contact['id']}/notes",
        json={"body": "Hello", "admin_id": admin_id, "contact_id": contact["id"]},
    )
    assert response.status_code == 200
    assert response.json()["author"] == {
        "type": "admin",
        "id": str(bob_id),
        "name": "Bob Agent",
        "email": "bob@acme.test",
        "away_mode_enabled": True,
        "away_mode_reassign": True,
    }


def test_create_note_null_admin_is_the_caller(api, contact, workspace):
    note = api.post(f"/contacts/{contact['id']}/notes", json={"body": "x", "admin_id": None}).json()
    assert note["author"]["id"] == str(workspace.admin.id)


@pytest.mark.parametrize(
    ("body", "stored"),
    [
        ("Hello", "<p>Hello</p>"),
        ("  Hello  ", "<p>Hello</p>"),
        ("Tom & Jerry <3", "<p>Tom &amp; Jerry &lt;3</p>"),
        ("one\ntwo\n\nthree", "<p>one<br>two</p><p>three</p>"),
        ("<p>Already</p>", "<p>Already</p>"),
        ("<b>Bold</b> text", "<p><b>Bold</b> text</p>"),
        ("<html><body><p>Wrapped</p></body></html>", "<p>Wrapped</p>"),
        ("<html><head><title>t</title></head><body>Text</body></html>", "<p>Text</p>"),
        ("<div>a</div><ul><li>b</li></ul>", "<div>a</div><ul><li>b</li></ul>"),
    ],
    ids=[
        "plain",
        "padded",
        "escaped",
        "lines",
        "paragraph",
        "inline",
        "document",
        "document-head",
        "blocks",
    ],
)
def test_create_note_normalises_the_body(api, contact, body, stored):
    note = api.post(f"/contacts/{contact['id']}/notes", json={"body": body}).json()
    assert note["body"] == stored
    assert api.get(f"/notes/{note['id']}").json()["body"] == stored


@pytest.mark.parametrize(
    "payload",
    [{}, {"body": None}, {"body": ""}, {"body": "   "}, {"body": "<html><body></body></html>"}],
    ids=["missing", "null", "empty", "blank", "empty-document"],
)
def test_create_note_body_required(api, contact, payload):
    body = assert_error(
        api.post(f"/contacts/{contact['id']}/notes", json=payload),
        400,
        "parameter_not_found",
        "body is a required parameter.",
    )
    assert body["errors"][0]["field"] == "body"
    assert api.get(f"/contacts/{contact['id']}/notes").json()["total_count"] == 0


def test_create_note_body_must_be_text(api, contact):
    assert_error(
        api.post(f"/contacts/{contact['id']}/notes", json={"body": 5}), 400, "parameter_invalid"
    )


def test_create_note_unknown_key(api, contact):
    assert_error(
        api.post(f"/contacts/{contact['id']}/notes", json={"body": "x", "title": "y"}),
        400,
        "bad_request",
        "bad 'title' parameter",
    )


@pytest.mark.parametrize("admin_id", [123, "123", "abc", 0, "-1"])
def test_create_note_unknown_admin(api, contact, admin_id):
    assert_error(
        api.post(f"/contacts/{contact['id']}/notes", json={"body": "Hello", "admin_id": admin_id}),
        404,
        "not_found",
        "Resource Not Found",
    )
    assert api.get(f"/contacts/{contact['id']}/notes").json()["total_count"] == 0


def test_create_note_admin_of_another_workspace(api, contact, other_workspace):
    assert_error(
        api.post(
            f"/contacts/{contact['id']}/notes",
            json={"body": "Hello", "admin_id": other_workspace.admin.id},
        ),
        404,
        "not_found",
        "Resource Not Found",
    )


def test_create_note_unknown_contact(api):
    for contact_id in (UNKNOWN_CONTACT, "123"):
        assert_error(
            api.post(f"/contacts/{contact_id}/notes", json={"body": "Hello"}),
            404,
            "not_found",
            "User Not Found",
        )


def test_create_note_path_decides_the_contact(api, contact, make_contact):
    other = make_contact(email="other@x.test")
    note = api.post(
        f"/contacts/{contact['id']}/notes", json={"body": "x", "contact_id": other["id"]}
    ).json()
    assert note["contact"]["id"] == contact["id"]


def test_create_note_archived_contact(api, contact):
    api.post(f"/contacts/{contact['id']}/archive")
    assert_error(
        api.post(f"/contacts/{contact['id']}/notes", json={"body": "Hello"}),
        404,
        "not_found",
        "User Not Found",
    )


def test_create_note_contact_of_another_workspace(api, other_headers):
    theirs = api.post("/contacts", json={"email": "t@x.test"}, headers=other_headers).json()
    assert_error(
        api.post(f"/contacts/{theirs['id']}/notes", json={"body": "Hello"}),
        404,
        "not_found",
        "User Not Found",
    )


def test_create_note_logs_no_activity(api, contact, runtime):
    api.post(f"/contacts/{contact['id']}/notes", json={"body": "Hello"})
    with runtime.sessions() as session:
        assert session.execute(select(func.count()).select_from(ActivityLog)).scalar_one() == 0
        assert session.execute(select(func.count()).select_from(Note)).scalar_one() == 1


def test_create_note_unauthorized(anonymous):
    assert_error(
        anonymous.post(f"/contacts/{UNKNOWN_CONTACT}/notes", json={"body": "x"}),
        401,
        "unauthorized",
        "Access Token Invalid",
    )
