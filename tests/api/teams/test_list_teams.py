"""listTeams: GET /teams."""

from __future__ import annotations

from backchannel.provisioning import create_team
from tests.conftest import assert_error


def test_list_teams(api, workspace, billing):
    response = api.get("/teams")
    assert response.status_code == 200
    assert response.json() == {
        "type": "team.list",
        "teams": [
            {
                "type": "team",
                "id": str(workspace.team.id),
                "name": "Support",
                "admin_ids": [workspace.admin.id],
                "admin_priority_level": {
                    "primary_admin_ids": [workspace.admin.id],
                    "secondary_admin_ids": [],
                },
            },
            {
                "type": "team",
                "id": str(billing.team_id),
                "name": "Billing",
                "admin_ids": sorted([workspace.admin.id, billing.bob_id, billing.carol_id]),
                "admin_priority_level": {
                    "primary_admin_ids": sorted([billing.bob_id, billing.carol_id]),
                    "secondary_admin_ids": [workspace.admin.id],
                },
            },
        ],
    }


def test_list_teams_includes_empty_team(api, runtime, workspace):
    with runtime.sessions.begin() as session:
        empty = create_team(
            session, clock=runtime.clock, workspace_id=workspace.workspace.id, name="Nobody"
        )
    teams = api.get("/teams").json()["teams"]
    assert teams[-1] == {
        "type": "team",
        "id": str(empty.id),
        "name": "Nobody",
        "admin_ids": [],
        "admin_priority_level": {"primary_admin_ids": [], "secondary_admin_ids": []},
    }


def test_list_teams_hides_other_workspaces(api, workspace, other_workspace):
    ids = [team["id"] for team in api.get("/teams").json()["teams"]]
    assert ids == [str(workspace.team.id)]


def test_list_teams_without_token_is_401(anonymous, workspace):
    assert_error(anonymous.get("/teams"), 401, "unauthorized", "Access Token Invalid")
