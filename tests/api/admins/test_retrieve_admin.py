"""retrieveAdmin: GET /admins/{id}."""

from __future__ import annotations

import pytest

from tests.conftest import assert_error


def test_retrieve_admin(api, staff):
    response = api.get(f"/admins/{staff.bob_id}")
    assert response.status_code == 200
    assert response.json() == {
        "type": "admin",
        "id": str(staff.bob_id),
        "name": "Bob Agent",
        "email": "bob@acme.test",
        "job_title": "Support Engineer",
        "away_mode_enabled": False,
        "away_mode_reassign": False,
        "has_inbox_seat": True,
        "team_ids": [staff.billing_id],
        "avatar": None,
        "team_priority_level": {"primary_team_ids": [staff.billing_id], "secondary_team_ids": []},
    }


def test_retrieve_admin_without_teams(api, runtime, workspace):
    from backchannel.provisioning import create_admin

    with runtime.sessions.begin() as session:
        carol = create_admin(
            session,
            clock=runtime.clock,
            workspace_id=workspace.workspace.id,
            name="Carol Loner",
            email="carol@acme.test",
        )
    body = api.get(f"/admins/{carol.id}").json()
    assert body["team_ids"] == []
    assert body["team_priority_level"] == {"primary_team_ids": [], "secondary_team_ids": []}


def test_retrieve_admin_not_found(api, workspace):
    response = api.get("/admins/987654")
    assert_error(response, 404, "admin_not_found", "Admin not found")


@pytest.mark.parametrize("admin_id", ["abc", "0", "-1", "1.5", "99999999999999999999", "%20"])
def test_retrieve_admin_non_numeric_id_not_found(api, workspace, admin_id):
    response = api.get(f"/admins/{admin_id}")
    assert_error(response, 404, "admin_not_found", "Admin not found")


def test_retrieve_admin_of_another_workspace_not_found(api, other_workspace):
    response = api.get(f"/admins/{other_workspace.admin.id}")
    assert_error(response, 404, "admin_not_found", "Admin not found")


def test_retrieve_admin_without_token_is_401(anonymous, workspace):
    response = anonymous.get(f"/admins/{workspace.admin.id}")
    assert_error(response, 401, "unauthorized", "Access Token Invalid")
