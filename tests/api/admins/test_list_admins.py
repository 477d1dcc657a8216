"""listAdmins: GET /admins."""

from __future__ import annotations

import pytest

from tests.api.admins.conftest import BOB_AVATAR
from tests.conftest import assert_error


def _ada(workspace, staff, avatar):
    return {
        "type": "admin",
        "id": str(workspace.admin.id),
        "name": "Ada Owner",
        "email": "ada@acme.test",
        "job_title": None,
        "away_mode_enabled": False,
        "away_mode_reassign": False,
        "has_inbox_seat": True,
        "team_ids": [workspace.team.id, staff.billing_id],
        "avatar": avatar,
        "team_priority_level": {
            "primary_team_ids": [workspace.team.id],
            "secondary_team_ids": [staff.billing_id],
        },
    }


def _bob(staff, avatar):
    return {
        "type": "admin",
        "id": str(staff.bob_id),
        "name": "Bob Agent",
        "email": "bob@acme.test",
        "job_title": "Support Engineer",
        "away_mode_enabled": False,
        "away_mode_reassign": False,
        "has_inbox_seat": True,
        "team_ids": [staff.billing_id],
        "avatar": avatar,
        "team_priority_level": {"primary_team_ids": [staff.billing_id], "secondary_team_ids": []},
    }


def test_list_admins_returns_every_admin_of_the_workspace(api, workspace, staff):
    response = api.get("/admins")
    assert response.status_code == 200
    assert response.json() == {
        "type": "admin.list",
        "admins": [_ada(workspace, staff, None), _bob(staff, None)],
    }


def test_list_admins_display_avatar_adds_avatar_objects(api, workspace, staff):
    response = api.get("/admins", params={"display_avatar": "true"})
    assert response.status_code == 200
    assert response.json()["admins"] == [
        _ada(workspace, staff, {"type": "avatar", "image_url": None}),
        _bob(staff, {"type": "avatar", "image_url": BOB_AVATAR}),
    ]


def test_list_admins_display_avatar_false_has_null_avatars(api, staff):
    admins = api.get("/admins", params={"display_avatar": "false"}).json()["admins"]
    assert [admin["avatar"] for admin in admins] == [None, None]


def test_list_admins_display_avatar_invalid(api):
    response = api.get("/admins", params={"display_avatar": "maybe"})
    assert_error(response, 400, "parameter_invalid", "display_avatar: Expected bool, got str")


def test_list_admins_hides_other_workspaces(api, workspace, other_workspace):
    ids = [admin["id"] for admin in api.get("/admins").json()["admins"]]
    assert ids == [str(workspace.admin.id)]


def test_list_admins_shows_away_mode(api, staff):
    api.put(
        f"/admins/{staff.bob_id}/away",
        json={"away_mode_enabled": True, "away_mode_reassign": False},
    )
    bob = api.get("/admins").json()["admins"][1]
    assert (bob["away_mode_enabled"], bob["away_mode_reassign"]) == (True, False)


@pytest.mark.usefixtures("workspace")
def test_list_admins_without_token_is_401(anonymous):
    assert_error(anonymous.get("/admins"), 401, "unauthorized", "Access Token Invalid")
