"""Contacts the data event tests send events about."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture
def user(api: Any) -> dict[str, Any]:
    """A user with an external_id (``u-1``) and an email."""
    return api.post("/contacts", json={"external_id": "u-1", "email": "Frodo@Shire.test"}).json()


@pytest.fixture
def lead(api: Any) -> dict[str, Any]:
    """A lead with neither external_id nor email: reachable by Intercom id only."""
    return api.post("/contacts", json={"role": "lead", "name": "Lead"}).json()


@pytest.fixture
def other_headers(other_workspace: Any) -> dict[str, str]:
    return {"Authorization": f"Bearer {other_workspace.token}"}
