"""MergeContact: POST /contacts/merge."""

from __future__ import annotations

from tests.conftest import assert_error
from tests.factories import declare_attributes


def test_merge_contact(api, clock):
    declare_attributes(api, a="integer", b="integer")
    lead = api.post(
        "/contacts",
        json={
            "role": "lead",
            "phone": "+44",
            "name": "Lead Name",
            "custom_attributes": {"a": 1, "b": 1},
        },
    ).json()
    user = api.post(
        "/contacts", json={"email": "u@x.test", "name": "User Name", "custom_attributes": {"b": 2}}
    ).json()
    clock.advance(10)
    response = api.post("/contacts/merge", json={"from": lead["id"], "into": user["id"]})
    assert response.status_code == 200
    merged = response.json()
    assert merged["id"] == user["id"]
    assert merged["name"] == "User Name"  # the user's own value wins
    assert merged["phone"] == "+44"  # empty values are filled from the lead
    assert merged["custom_attributes"] == {"a": 1, "b": 2}
    assert merged["updated_at"] == user["updated_at"] + 10
    assert_error(api.get(f"/contacts/{lead['id']}"), 404, "not_found", "User Not Found")
    listed = api.get("/contacts").json()
    assert [c["id"] for c in listed["data"]] == [user["id"]]


def test_merge_contact_from_must_be_lead(api):
    one = api.post("/contacts", json={"email": "1@x.test"}).json()
    two = api.post("/contacts", json={"email": "2@x.test"}).json()
    assert_error(
        api.post("/contacts/merge", json={"from": one["id"], "into": two["id"]}),
        400,
        "parameter_invalid",
        "The contact to merge from must be a lead",
    )


def test_merge_contact_into_must_be_user(api):
    one = api.post("/contacts", json={"role": "lead"}).json()
    two = api.post("/contacts", json={"role": "lead"}).json()
    assert_error(
        api.post("/contacts/merge", json={"from": one["id"], "into": two["id"]}),
        400,
        "parameter_invalid",
        "The contact to merge into must be a user",
    )


def test_merge_contact_missing_into(api):
    lead = api.post("/contacts", json={"role": "lead"}).json()
    body = assert_error(
        api.post("/contacts/merge", json={"from": lead["id"]}), 400, "parameter_not_found"
    )
    assert body["errors"][0]["field"] == "into"


def test_merge_contact_unknown(api):
    user = api.post("/contacts", json={"email": "u@x.test"}).json()
    assert_error(
        api.post("/contacts/merge", json={"from": "0123456789abcdef01234567", "into": user["id"]}),
        404,
        "not_found",
        "User Not Found",
    )


def test_merge_contact_releases_nothing_twice(api):
    lead = api.post("/contacts", json={"role": "lead"}).json()
    user = api.post("/contacts", json={"email": "u@x.test"}).json()
    api.post("/contacts/merge", json={"from": lead["id"], "into": user["id"]})
    assert_error(
        api.post("/contacts/merge", json={"from": lead["id"], "into": user["id"]}),
        404,
        "not_found",
        "User Not Found",
    )
