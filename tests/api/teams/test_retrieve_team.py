"""retrieveTeam: GET /teams/{id}."""

from __future__ import annotations

import pytest

from tests.conftest import assert_error


def test_retrieve_team(api, workspace, billing):
    response = api.get(f"/teams/{billing.team_id}")
    assert response.status_code == 200
    assert response.json() == {
        "type": "team",
        "id": str(billing.team_id),
        "name": "Billing",
        "admin_ids": sorted([workspace.admin.id, billing.bob_id, billing.carol_id]),
        "admin_priority_level": {
            "primary_admin_ids": sorted([billing.bob_id, billing.carol_id]),
            "secondary_admin_ids": [workspace.admin.id],
        },
    }


def test_retrieve_team_not_found(api, workspace):
    assert_error(api.get("/teams/987654"), 404, "team_not_found", "Team not found")


@pytest.mark.parametrize("team_id", ["abc", "0", "-1", "1e3", "99999999999999999999"])
def test_retrieve_team_non_numeric_id_not_found(api, workspace, team_id):
    assert_error(api.get(f"/teams/{team_id}"), 404, "team_not_found", "Team not found")


def test_retrieve_team_of_another_workspace_not_found(api, other_workspace):
    response = api.get(f"/teams/{other_workspace.team.id}")
    assert_error(response, 404, "team_not_found", "Team not found")


def test_retrieve_team_without_token_is_401(anonymous, workspace):
    response = anonymous.get(f"/teams/{workspace.team.id}")
    assert_error(response, 401, "unauthorized", "Access Token Invalid")
