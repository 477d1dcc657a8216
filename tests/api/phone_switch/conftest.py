"""Setup shared by the phone switch tests: declared contact attributes."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient


@pytest.fixture
def attributes(api: TestClient) -> None:
    """``issue_type`` (string) and ``priority`` (string) declared on contacts."""
    for name in ("issue_type", "priority"):
        response = api.post(
            "/data_attributes", json={"name": name, "model": "contact", "data_type": "string"}
        )
        assert response.status_code == 200, response.text
