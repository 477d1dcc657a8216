"""attachSubscriptionTypeToContact: POST /contacts/{contact_id}/subscriptions."""

from __future__ import annotations

import pytest

from tests.api.subscription_types.conftest import attach, contact, listed_ids
from tests.conftest import assert_error

UNKNOWN_CONTACT = "000000000000000000000000"


def test_attach_opt_out_type_records_an_opt_out(api, newsletter):
    user = contact(api, email="u@x.test")
    response = attach(api, user["id"], newsletter)
    assert response.status_code == 200
    assert response.json() == newsletter
    shown = api.get(f"/contacts/{user['id']}").json()
    assert shown["opted_out_subscription_types"]["data"] == [
        {
            "type": "subscription",
            "id": newsletter["id"],
            "url": f"/contacts/{user['id']}/subscriptions",
        }
    ]
    assert shown["opted_in_subscription_types"]["total_count"] == 0


def test_attach_opt_in_type_records_an_opt_in(api, updates):
    lead = contact(api, role="lead")
    response = attach(api, lead["id"], updates)
    assert response.status_code == 200
    assert response.json() == updates
    shown = api.get(f"/contacts/{lead['id']}").json()
    assert [t["id"] for t in shown["opted_in_subscription_types"]["data"]] == [updates["id"]]
    assert shown["opted_out_subscription_types"]["data"] == []


def test_attach_is_idempotent(api, newsletter):
    user = contact(api, email="u@x.test")
    assert attach(api, user["id"], newsletter).status_code == 200
    assert attach(api, user["id"], newsletter).status_code == 200
    assert listed_ids(api, user["id"]) == [newsletter["id"]]


def test_attach_id_as_integer(api, updates):
    user = contact(api, email="u@x.test")
    body = {"id": int(updates["id"]), "consent_type": "opt_in"}
    response = api.post(f"/contacts/{user['id']}/subscriptions", json=body)
    assert response.status_code == 200
    assert response.json()["id"] == updates["id"]


def test_attach_consent_type_must_match(api, newsletter):
    user = contact(api, email="u@x.test")
    body = {"id": newsletter["id"], "consent_type": "opt_in"}
    assert_error(
        api.post(f"/contacts/{user['id']}/subscriptions", json=body),
        400,
        "parameter_invalid",
        f"Subscription type {newsletter['id']} is opt_out: consent_type must be opt_out",
    )
    assert listed_ids(api, user["id"]) == []


def test_attach_consent_type_unknown(api, newsletter):
    user = contact(api, email="u@x.test")
    body = {"id": newsletter["id"], "consent_type": "maybe"}
    assert_error(
        api.post(f"/contacts/{user['id']}/subscriptions", json=body),
        400,
        "parameter_invalid",
        "consent_type must be one of opt_in, opt_out, not 'maybe'",
    )


@pytest.mark.parametrize("missing", ["id", "consent_type"])
def test_attach_missing_parameter(api, newsletter, missing):
    user = contact(api, email="u@x.test")
    body = {"id": newsletter["id"], "consent_type": "opt_out"}
    del body[missing]
    assert_error(
        api.post(f"/contacts/{user['id']}/subscriptions", json=body),
        400,
        "parameter_not_found",
        f"{missing} is a required parameter.",
    )


def test_attach_unknown_body_key(api, newsletter):
    user = contact(api, email="u@x.test")
    body = {"id": newsletter["id"], "consent_type": "opt_out", "state": "live"}
    assert_error(
        api.post(f"/contacts/{user['id']}/subscriptions", json=body),
        400,
        "bad_request",
        "bad 'state' parameter",
    )


def test_attach_contact_not_found(api, newsletter):
    assert_error(attach(api, UNKNOWN_CONTACT, newsletter), 404, "not_found", "User Not Found")


def test_attach_archived_contact(api, newsletter):
    user = contact(api, email="u@x.test")
    api.post(f"/contacts/{user['id']}/archive")
    assert_error(attach(api, user["id"], newsletter), 404, "not_found", "User Not Found")


@pytest.mark.parametrize("type_id", ["999999", "invalid_id", 0])
def test_attach_type_not_found(api, type_id):
    user = contact(api, email="u@x.test")
    body = {"id": type_id, "consent_type": "opt_in"}
    assert_error(
        api.post(f"/contacts/{user['id']}/subscriptions", json=body),
        404,
        "not_found",
        "Resource Not Found",
    )


def test_attach_type_of_another_workspace(api, anonymous, other_workspace):
    theirs = anonymous.get(
        "/subscription_types", headers={"Authorization": f"Bearer {other_workspace.token}"}
    ).json()["data"][0]
    user = contact(api, email="u@x.test")
    assert_error(attach(api, user["id"], theirs), 404, "not_found", "Resource Not Found")


def test_attach_contact_of_another_workspace(api, anonymous, other_workspace, newsletter):
    theirs = anonymous.post(
        "/contacts",
        json={"email": "t@x.test"},
        headers={"Authorization": f"Bearer {other_workspace.token}"},
    ).json()
    assert_error(attach(api, theirs["id"], newsletter), 404, "not_found", "User Not Found")


def test_attach_unauthorized(anonymous):
    response = anonymous.post(
        f"/contacts/{UNKNOWN_CONTACT}/subscriptions", json={"id": "1", "consent_type": "opt_in"}
    )
    assert_error(response, 401, "unauthorized", "Access Token Invalid")
