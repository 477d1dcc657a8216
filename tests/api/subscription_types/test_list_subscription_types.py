"""listSubscriptionTypes: GET /subscription_types."""

from __future__ import annotations

from tests.api.subscription_types.conftest import NEWSLETTER_TEXT, UPDATES_TEXT
from tests.conftest import assert_error


def test_list_subscription_types_defaults(api):
    response = api.get("/subscription_types")
    assert response.status_code == 200
    body = response.json()
    assert body["type"] == "list"
    first, second = body["data"]
    assert first == {
        "type": "subscription",
        "id": first["id"],
        "state": "live",
        "consent_type": "opt_out",
        "default_translation": {
            "name": "Newsletter",
            "description": NEWSLETTER_TEXT,
            "locale": "en",
        },
        "translations": [{"name": "Newsletter", "description": NEWSLETTER_TEXT, "locale": "en"}],
        "content_types": ["email"],
    }
    assert second == {
        "type": "subscription",
        "id": second["id"],
        "state": "live",
        "consent_type": "opt_in",
        "default_translation": {
            "name": "Product updates",
            "description": UPDATES_TEXT,
            "locale": "en",
        },
        "translations": [{"name": "Product updates", "description": UPDATES_TEXT, "locale": "en"}],
        "content_types": ["email", "sms_message"],
    }
    assert first["id"].isdigit() and second["id"].isdigit()
    assert int(first["id"]) < int(second["id"])


def test_list_subscription_types_isolated_between_workspaces(api, anonymous, other_workspace):
    ours = [t["id"] for t in api.get("/subscription_types").json()["data"]]
    theirs = anonymous.get(
        "/subscription_types", headers={"Authorization": f"Bearer {other_workspace.token}"}
    ).json()["data"]
    assert len(theirs) == 2
    assert not set(ours) & {t["id"] for t in theirs}


def test_list_subscription_types_unauthorized(anonymous):
    assert_error(anonymous.get("/subscription_types"), 401, "unauthorized", "Access Token Invalid")
