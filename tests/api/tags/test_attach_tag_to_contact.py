"""attachTagToContact: POST /contacts/{contact_id}/tags."""

from __future__ import annotations

from backchannel.provisioning import create_admin
from tests.conftest import assert_error

UNKNOWN_CONTACT = "0123456789abcdef01234567"


def test_attach_tag_to_contact(api, make_contact, workspace, clock):
    contact = make_contact(email="a@x.test")
    tag = api.post("/tags", json={"name": "Manual tag"}).json()
    clock.advance(60)
    response = api.post(f"/contacts/{contact['id']}/tags", json={"id": tag["id"]})
    assert response.status_code == 200
    assert response.json() == {
        "type": "tag",
        "id": tag["id"],
        "name": "Manual tag",
        "applied_at": clock.now(),
        "applied_by": {"type": "admin", "id": str(workspace.admin.id)},
    }


def test_attach_tag_to_contact_integer_id(api, make_contact):
    contact = make_contact(email="a@x.test")
    tag = api.post("/tags", json={"name": "Manual tag"}).json()
    response = api.post(f"/contacts/{contact['id']}/tags", json={"id": int(tag["id"])})
    assert response.status_code == 200
    assert response.json()["id"] == tag["id"]


def test_attach_tag_to_contact_twice_is_idempotent(api, make_contact, clock):
    contact = make_contact(email="a@x.test")
    tag = api.post("/tags", json={"name": "Once"}).json()
    first = api.post(f"/contacts/{contact['id']}/tags", json={"id": tag["id"]}).json()
    clock.advance(100)
    second = api.post(f"/contacts/{contact['id']}/tags", json={"id": tag["id"]})
    assert second.status_code == 200
    assert second.json() == first  # still applied when it first was
    assert api.get(f"/contacts/{contact['id']}/tags").json()["data"] == [first]


def test_attach_tag_to_contact_records_the_calling_admin(api, make_contact, runtime, workspace):
    with runtime.sessions.begin() as session:
        bob = create_admin(
            session,
            clock=runtime.clock,
            workspace_id=workspace.workspace.id,
            name="Bob",
            email="bob@acme.test",
        )
        session.flush()
        bob_id = bob.id
    contact = make_contact(email="a@x.test")
    tag = api.post("/tags", json={"name": "Owner's"}).json()
    applied = api.post(f"/contacts/{contact['id']}/tags", json={"id": tag["id"]}).json()
    assert applied["applied_by"] == {"type": "admin", "id": str(workspace.admin.id)}
    assert applied["applied_by"]["id"] != str(bob_id)


def test_attach_tag_to_contact_unknown_contact(api):
    tag = api.post("/tags", json={"name": "x"}).json()
    assert_error(
        api.post(f"/contacts/{UNKNOWN_CONTACT}/tags", json={"id": tag["id"]}),
        404,
        "not_found",
        "User Not Found",
    )


def test_attach_tag_to_contact_unknown_tag(api, make_contact):
    contact = make_contact(email="a@x.test")
    for tag_id in ("123", 123, "abc"):
        assert_error(
            api.post(f"/contacts/{contact['id']}/tags", json={"id": tag_id}),
            404,
            "not_found",
            "Resource Not Found",
        )


def test_attach_tag_to_contact_archived_contact(api, make_contact):
    contact = make_contact(email="a@x.test")
    tag = api.post("/tags", json={"name": "x"}).json()
    api.post(f"/contacts/{contact['id']}/archive")
    assert_error(
        api.post(f"/contacts/{contact['id']}/tags", json={"id": tag["id"]}),
        404,
        "not_found",
        "User Not Found",
    )


def test_attach_tag_to_contact_missing_id(api, make_contact):
    contact = make_contact(email="a@x.test")
    body = assert_error(
        api.post(f"/contacts/{contact['id']}/tags", json={}),
        400,
        "parameter_not_found",
        "id is a required parameter.",
    )
    assert body["errors"][0]["field"] == "id"


def test_attach_tag_to_contact_unknown_key(api, make_contact):
    contact = make_contact(email="a@x.test")
    tag = api.post("/tags", json={"name": "x"}).json()
    assert_error(
        api.post(f"/contacts/{contact['id']}/tags", json={"id": tag["id"], "colour": "red"}),
        400,
        "bad_request",
        "bad 'colour' parameter",
    )


def test_attach_tag_to_contact_across_workspaces(api, make_contact, other_headers):
    mine = make_contact(email="a@x.test")
    my_tag = api.post("/tags", json={"name": "Mine"}).json()
    theirs = api.post("/contacts", json={"email": "t@x.test"}, headers=other_headers).json()
    their_tag = api.post("/tags", json={"name": "Theirs"}, headers=other_headers).json()
    assert_error(
        api.post(f"/contacts/{mine['id']}/tags", json={"id": their_tag["id"]}),
        404,
        "not_found",
        "Resource Not Found",
    )
    assert_error(
        api.post(f"/contacts/{theirs['id']}/tags", json={"id": my_tag["id"]}),
        404,
        "not_found",
        "User Not Found",
    )


def test_attach_tag_to_contact_unauthorized(anonymous):
    assert_error(
        anonymous.post(f"/contacts/{UNKNOWN_CONTACT}/tags", json={"id": "1"}),
        401,
        "unauthorized",
        "Access Token Invalid",
    )
