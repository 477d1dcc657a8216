"""detachSubscriptionTypeToContact: DELETE /contacts/{contact_id}/subscriptions/{id}."""

from __future__ import annotations

import pytest

from tests.api.subscription_types.conftest import attach, contact, listed_ids
from tests.conftest import assert_error


def test_detach_removes_the_preference(api, newsletter, updates):
    user = contact(api, email="u@x.test")
    attach(api, user["id"], newsletter)
    attach(api, user["id"], updates)
    response = api.delete(f"/contacts/{user['id']}/subscriptions/{newsletter['id']}")
    assert response.status_code == 200
    assert response.json() == newsletter
    assert listed_ids(api, user["id"]) == [updates["id"]]
    shown = api.get(f"/contacts/{user['id']}").json()
    assert shown["opted_out_subscription_types"]["total_count"] == 0
    assert shown["opted_in_subscription_types"]["total_count"] == 1


def test_detach_without_a_preference_returns_the_type(api, updates):
    user = contact(api, email="u@x.test")
    response = api.delete(f"/contacts/{user['id']}/subscriptions/{updates['id']}")
    assert response.status_code == 200
    assert response.json() == updates
    assert listed_ids(api, user["id"]) == []


def test_detach_contact_not_found(api, updates):
    assert_error(
        api.delete(f"/contacts/000000000000000000000000/subscriptions/{updates['id']}"),
        404,
        "not_found",
        "User Not Found",
    )


@pytest.mark.parametrize("type_id", ["999999", "invalid_id"])
def test_detach_type_not_found(api, type_id):
    user = contact(api, email="u@x.test")
    assert_error(
        api.delete(f"/contacts/{user['id']}/subscriptions/{type_id}"),
        404,
        "not_found",
        "Resource Not Found",
    )


def test_detach_type_of_another_workspace(api, anonymous, other_workspace):
    theirs = anonymous.get(
        "/subscription_types", headers={"Authorization": f"Bearer {other_workspace.token}"}
    ).json()["data"][0]
    user = contact(api, email="u@x.test")
    assert_error(
        api.delete(f"/contacts/{user['id']}/subscriptions/{theirs['id']}"),
        404,
        "not_found",
        "Resource Not Found",
    )


def test_detach_unauthorized(anonymous):
    assert_error(
        anonymous.delete("/contacts/000000000000000000000000/subscriptions/1"),
        401,
        "unauthorized",
        "Access Token Invalid",
    )
