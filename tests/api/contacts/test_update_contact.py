"""UpdateContact: PUT /contacts/{id}."""

from __future__ import annotations

from tests.conftest import START, assert_error
from tests.factories import declare_attributes


def _create(api, **fields):
    return api.post("/contacts", json=fields).json()


def test_update_contact_partial(api, clock):
    created = _create(api, email="u@x.test", name="Before", phone="+1")
    clock.advance(60)
    response = api.put(f"/contacts/{created['id']}", json={"name": "After"})
    assert response.status_code == 200
    body = response.json()
    assert body["name"] == "After"
    assert body["phone"] == "+1" and body["email"] == "u@x.test"
    assert body["created_at"] == START
    assert body["updated_at"] == START + 60
    assert api.get(f"/contacts/{created['id']}").json() == body


def test_update_contact_custom_attributes_merge_and_clear(api):
    declare_attributes(api, a="integer", b="string", c="boolean")
    created = _create(api, email="u@x.test", custom_attributes={"a": 1, "b": "two"})
    body = api.put(
        f"/contacts/{created['id']}", json={"custom_attributes": {"b": None, "c": True}}
    ).json()
    assert body["custom_attributes"] == {"a": 1, "c": True}


def test_update_contact_lead_to_user(api):
    lead = _create(api, role="lead", email="l@x.test")
    body = api.put(f"/contacts/{lead['id']}", json={"role": "user"}).json()
    assert body["role"] == "user"


def test_update_contact_user_to_lead_refused(api):
    user = _create(api, email="u@x.test")
    assert_error(
        api.put(f"/contacts/{user['id']}", json={"role": "lead"}),
        400,
        "parameter_invalid",
        "A user cannot be converted into a lead",
    )
    assert api.get(f"/contacts/{user['id']}").json()["role"] == "user"


def test_update_contact_email_clash(api):
    first = _create(api, email="one@x.test")
    second = _create(api, email="two@x.test")
    response = api.put(f"/contacts/{second['id']}", json={"email": "ONE@x.test"})
    assert_error(
        response,
        409,
        "conflict",
        f"A contact matching those details already exists with id={first['id']}",
    )
    assert api.get(f"/contacts/{second['id']}").json()["email"] == "two@x.test"


def test_update_contact_same_email_is_not_a_clash(api):
    user = _create(api, email="me@x.test")
    assert api.put(f"/contacts/{user['id']}", json={"email": "me@x.test"}).status_code == 200


def test_update_contact_ignores_read_only_keys(api):
    user = _create(api, email="u@x.test")
    echoed = {**user, "name": "Echo"}
    response = api.put(f"/contacts/{user['id']}", json=echoed)
    assert response.status_code == 200
    assert response.json()["name"] == "Echo"
    assert response.json()["id"] == user["id"]


def test_update_contact_unknown_key(api):
    user = _create(api, email="u@x.test")
    assert_error(
        api.put(f"/contacts/{user['id']}", json={"favourite_colour": "red"}),
        400,
        "bad_request",
        "bad 'favourite_colour' parameter",
    )


def test_update_contact_not_found(api):
    assert_error(
        api.put("/contacts/0123456789abcdef01234567", json={"name": "x"}),
        404,
        "not_found",
        "User Not Found",
    )


def test_update_contact_wrong_type_changes_nothing(api):
    user = _create(api, email="u@x.test", name="Keep")
    body = assert_error(
        api.put(f"/contacts/{user['id']}", json={"name": "New", "last_seen_at": "yesterday"}),
        400,
        "parameter_invalid",
    )
    assert body["errors"][0]["field"] == "last_seen_at"
    assert api.get(f"/contacts/{user['id']}").json()["name"] == "Keep"


def test_contact_avatar_must_be_an_http_url(api):
    """The contact's ``avatar.image_url`` is declared ``format: uri``: a value that is not an
    absolute http(s) URL is refused on create and on update, and an empty one clears it."""
    message = "avatar must be an http or https URL"
    for avatar in ["0", "example.com/a.png", "ftp://example.com/a.png", "https://exa mple.com/"]:
        refused = api.post("/contacts", json={"email": "a@x.test", "avatar": avatar})
        assert_error(refused, 400, "parameter_invalid", message)
    created = _create(api, email="u@x.test", avatar="https://example.com/a.png")
    url = f"/contacts/{created['id']}"
    assert_error(api.put(url, json={"avatar": "0"}), 400, "parameter_invalid", message)
    kept = api.get(url).json()["avatar"]
    assert kept == {"type": "avatar", "image_url": "https://example.com/a.png"}
    assert api.put(url, json={"avatar": ""}).json()["avatar"] is None
