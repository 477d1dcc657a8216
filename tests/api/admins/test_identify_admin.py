"""identifyAdmin: GET /me."""

from __future__ import annotations

from backchannel.db.tables import Workspace
from backchannel.provisioning import create_token
from tests.api.admins.conftest import BOB_AVATAR
from tests.conftest import START, assert_error


def test_identify_admin_returns_token_admin_with_app(api, workspace):
    response = api.get("/me")
    assert response.status_code == 200
    assert response.json() == {
        "type": "admin",
        "id": str(workspace.admin.id),
        "name": "Ada Owner",
        "email": "ada@acme.test",
        "job_title": None,
        "away_mode_enabled": False,
        "away_mode_reassign": False,
        "has_inbox_seat": True,
        "team_ids": [workspace.team.id],
        "avatar": {"type": "avatar", "image_url": None},
        "email_verified": True,
        "app": {
            "type": "app",
            "id_code": workspace.workspace.id_code,
            "name": "Acme",
            "created_at": START,
            "secure": False,
            "identity_verification": False,
            "timezone": "UTC",
            "region": "US",
        },
    }


def test_identify_admin_is_the_admin_the_token_acts_as(anonymous, runtime, workspace, staff):
    with runtime.sessions.begin() as session:
        token = create_token(
            session,
            clock=runtime.clock,
            ids=runtime.ids,
            workspace_id=workspace.workspace.id,
            admin_id=staff.bob_id,
        )
    body = anonymous.get("/me", headers={"Authorization": f"Bearer {token}"}).json()
    assert body["id"] == str(staff.bob_id)
    assert body["name"] == "Bob Agent"
    assert body["job_title"] == "Support Engineer"
    assert body["avatar"] == {"type": "avatar", "image_url": BOB_AVATAR}
    assert body["team_ids"] == [staff.billing_id]


def test_identify_admin_team_ids_include_secondary_memberships(api, workspace, staff):
    assert api.get("/me").json()["team_ids"] == [workspace.team.id, staff.billing_id]


def test_identify_admin_app_secure_follows_identity_verification(api, runtime, workspace):
    with runtime.sessions.begin() as session:
        session.get(Workspace, workspace.workspace.id).identity_verification = True
    app = api.get("/me").json()["app"]
    assert app["identity_verification"] is True
    assert app["secure"] is True


def test_identify_admin_shows_away_mode(api, workspace):
    api.put(
        f"/admins/{workspace.admin.id}/away",
        json={"away_mode_enabled": True, "away_mode_reassign": True},
    )
    body = api.get("/me").json()
    assert body["away_mode_enabled"] is True
    assert body["away_mode_reassign"] is True


def test_identify_admin_without_token_is_401(anonymous):
    assert_error(anonymous.get("/me"), 401, "unauthorized", "Access Token Invalid")
