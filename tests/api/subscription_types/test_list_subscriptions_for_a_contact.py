"""listSubscriptionsForAContact: GET /contacts/{contact_id}/subscriptions."""

from __future__ import annotations

from tests.api.subscription_types.conftest import attach, contact
from tests.conftest import assert_error


def test_list_subscriptions_for_a_contact_explicit_only(api, newsletter, updates):
    user = contact(api, email="u@x.test")
    response = api.get(f"/contacts/{user['id']}/subscriptions")
    assert response.status_code == 200
    assert response.json() == {"type": "list", "data": []}  # defaults are never listed
    attach(api, user["id"], updates)
    attach(api, user["id"], newsletter)
    body = api.get(f"/contacts/{user['id']}/subscriptions").json()
    assert body == {"type": "list", "data": [newsletter, updates]}


def test_list_subscriptions_for_a_contact_per_contact(api, newsletter):
    one = contact(api, email="one@x.test")
    two = contact(api, email="two@x.test")
    attach(api, one["id"], newsletter)
    assert api.get(f"/contacts/{two['id']}/subscriptions").json()["data"] == []


def test_list_subscriptions_for_a_contact_not_found(api):
    assert_error(
        api.get("/contacts/000000000000000000000000/subscriptions"),
        404,
        "not_found",
        "User Not Found",
    )


def test_list_subscriptions_for_a_contact_of_another_workspace(api, anonymous, other_workspace):
    theirs = anonymous.post(
        "/contacts",
        json={"email": "t@x.test"},
        headers={"Authorization": f"Bearer {other_workspace.token}"},
    ).json()
    assert_error(
        api.get(f"/contacts/{theirs['id']}/subscriptions"), 404, "not_found", "User Not Found"
    )


def test_list_subscriptions_for_a_contact_unauthorized(anonymous):
    assert_error(
        anonymous.get("/contacts/000000000000000000000000/subscriptions"),
        401,
        "unauthorized",
        "Access Token Invalid",
    )
