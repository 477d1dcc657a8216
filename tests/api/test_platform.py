"""Cross-cutting behaviour every operation shares: auth, version header, rate limits, errors."""

from __future__ import annotations

import logging

import pytest

from backchannel.core.ratelimit import RateLimiter
from backchannel.resources.contacts import service as contact_service
from tests.conftest import assert_error, contract_client


def test_health(anonymous):
    response = anonymous.get("/_backchannel/health")
    assert response.status_code == 200
    assert response.json()["api_version"] == "2.10"


def test_missing_token_is_401(anonymous):
    response = anonymous.get("/contacts")
    assert_error(response, 401, "unauthorized", "Access Token Invalid")
    assert "X-RateLimit-Limit" not in response.headers


@pytest.mark.parametrize("header", ["Bearer nope", "Basic abc", "Bearer", "token"])
def test_invalid_token_is_401(anonymous, header):
    response = anonymous.get("/contacts", headers={"Authorization": header})
    assert_error(response, 401, "unauthorized", "Access Token Invalid")


def test_request_id_is_a_uuid_and_a_header(api):
    response = api.get("/contacts/0123456789abcdef01234567")
    body = response.json()
    assert len(body["request_id"]) == 36
    assert response.headers["X-Request-Id"] == body["request_id"]


@pytest.mark.parametrize(
    "version", [None, "2.10", "2.14", "1.0", "Unstable", "unstable", "Preview"]
)
def test_version_header_accepted(api, version):
    headers = {"Intercom-Version": version} if version else {}
    assert api.get("/contacts", headers=headers).status_code == 200


@pytest.mark.parametrize("version", ["9.9", "2.99", "latest", "2.10.1"])
def test_version_header_unknown(api, version):
    response = api.get("/contacts", headers={"Intercom-Version": version})
    body = assert_error(response, 400, "intercom_version_invalid")
    assert body["errors"][0]["field"] == "Intercom-Version"


def test_rate_limit_headers_on_every_authenticated_response(api, clock):
    first = api.get("/contacts")
    second = api.get("/contacts/0123456789abcdef01234567")
    limit = int(first.headers["X-RateLimit-Limit"])
    assert limit == 1667  # 10,000 a minute in six 10-second windows
    assert int(first.headers["X-RateLimit-Remaining"]) == limit - 1
    assert int(second.headers["X-RateLimit-Remaining"]) == limit - 2
    assert int(first.headers["X-RateLimit-Reset"]) == (clock.now() // 10 + 1) * 10


def test_rate_limit_exceeded_is_429(api, app, clock):
    app.state.runtime.rate_limiter = RateLimiter(12)  # 2 calls per 10 s
    clock.set(clock.now() // 10 * 10)
    assert api.get("/contacts").status_code == 200
    assert api.get("/contacts").status_code == 200
    response = api.get("/contacts")
    assert_error(response, 429, "rate_limit_exceeded", "Exceeded rate limit of 2 in 10_seconds")
    assert response.headers["X-RateLimit-Remaining"] == "0"
    clock.advance(10)  # the next window refills
    assert api.get("/contacts").status_code == 200


def test_rate_limit_is_per_workspace(api, app, runtime, clock):
    from backchannel.provisioning import create_workspace

    app.state.runtime.rate_limiter = RateLimiter(6)  # 1 call per 10 s
    clock.set(clock.now() // 10 * 10)
    with runtime.sessions.begin() as session:
        other = create_workspace(session, clock=clock, ids=runtime.ids, admin_email="o@o.test")
    assert api.get("/contacts").status_code == 200
    assert api.get("/contacts").status_code == 429
    other_response = api.get("/contacts", headers={"Authorization": f"Bearer {other.token}"})
    assert other_response.status_code == 200


def test_unknown_route_is_404_error_list(api):
    assert_error(api.get("/no/such/thing"), 404, "not_found", "Resource Not Found")


def test_unsupported_method_is_404(api):
    response = api.patch("/contacts", json={})
    assert_error(response, 404, "not_found", "Resource Not Found")


def test_unexpected_error_is_logged_500(api, monkeypatch, caplog):
    def boom(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(contact_service, "list_page", boom)
    with caplog.at_level(logging.ERROR, logger="backchannel.http"):
        response = api.get("/contacts")
    body = assert_error(response, 500, "server_error", "An unexpected error occurred")
    assert body["request_id"] in caplog.text
    assert "disk on fire" in caplog.text


def test_revoked_token_is_401(app, workspace, runtime):
    from backchannel.db.tables import AccessToken

    with runtime.sessions.begin() as session:
        session.get(AccessToken, workspace.token).revoked = True
    with contract_client(app) as client:
        response = client.get("/contacts", headers={"Authorization": f"Bearer {workspace.token}"})
    assert_error(response, 401, "unauthorized")


def test_empty_body_on_post_action_is_accepted(api):
    user = api.post("/contacts", json={"email": "a@x.test"}).json()
    response = api.post(f"/contacts/{user['id']}/archive", content=b"")
    assert response.status_code == 200
    assert response.json()["archived"] is True
