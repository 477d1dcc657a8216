"""Helpers for the subscription type tests."""

from __future__ import annotations

from typing import Any

import pytest

NEWSLETTER_TEXT = "News, tips and stories from us, about once a month."
UPDATES_TEXT = "Announcements of new features and changes to the product."


@pytest.fixture
def types(api) -> dict[str, dict[str, Any]]:
    """The workspace's default subscription types, by name."""
    data = api.get("/subscription_types").json()["data"]
    return {t["default_translation"]["name"]: t for t in data}


@pytest.fixture
def newsletter(types) -> dict[str, Any]:
    """The default opt-out type."""
    return types["Newsletter"]


@pytest.fixture
def updates(types) -> dict[str, Any]:
    """The default opt-in type."""
    return types["Product updates"]


def contact(api, **body: Any) -> dict[str, Any]:
    response = api.post("/contacts", json=body)
    assert response.status_code == 200, response.text
    return response.json()


def attach(api, contact_id: str, subscription_type: dict[str, Any]):
    body = {"id": subscription_type["id"], "consent_type": subscription_type["consent_type"]}
    return api.post(f"/contacts/{contact_id}/subscriptions", json=body)


def listed_ids(api, contact_id: str) -> list[str]:
    response = api.get(f"/contacts/{contact_id}/subscriptions")
    assert response.status_code == 200, response.text
    return [t["id"] for t in response.json()["data"]]
