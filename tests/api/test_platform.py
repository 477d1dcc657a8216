"""Cross-cutting behaviour: auth, version header, errors for unknown routes and bad bodies."""

from __future__ import annotations

from tests.conftest import assert_error


def test_health(anonymous):
    response = anonymous.get("/_backchannel/health")
    assert response.status_code == 200
    assert response.json()["api_version"] == "2.10"


def test_unknown_route_is_404_error_list(api):
    assert_error(api.get("/no/such/thing"), 404, "not_found", "Resource Not Found")
