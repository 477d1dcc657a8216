"""setAwayAdmin: PUT /admins/{id}/away, and the activity log entry it writes."""

from __future__ import annotations

import uuid

import pytest

from tests.conftest import START, assert_error

AWAY = {"away_mode_enabled": True, "away_mode_reassign": True}


def _logs(api, **params):
    return api.get("/admins/activity_logs", params={"created_at_after": START, **params}).json()[
        "activity_logs"
    ]


def test_set_away_admin_returns_updated_admin(api, staff):
    response = api.put(f"/admins/{staff.bob_id}/away", json=AWAY)
    assert response.status_code == 200
    assert response.json() == {
        "type": "admin",
        "id": str(staff.bob_id),
        "name": "Bob Agent",
        "email": "bob@acme.test",
        "job_title": "Support Engineer",
        "away_mode_enabled": True,
        "away_mode_reassign": True,
        "has_inbox_seat": True,
        "team_ids": [staff.billing_id],
        "avatar": None,
        "team_priority_level": {"primary_team_ids": [staff.billing_id], "secondary_team_ids": []},
    }


def test_set_away_admin_persists(api, staff):
    api.put(
        f"/admins/{staff.bob_id}/away",
        json={"away_mode_enabled": True, "away_mode_reassign": False},
    )
    body = api.get(f"/admins/{staff.bob_id}").json()
    assert (body["away_mode_enabled"], body["away_mode_reassign"]) == (True, False)


def test_set_away_admin_back_to_active(api, staff):
    api.put(f"/admins/{staff.bob_id}/away", json=AWAY)
    response = api.put(
        f"/admins/{staff.bob_id}/away",
        json={"away_mode_enabled": False, "away_mode_reassign": False},
    )
    assert (response.json()["away_mode_enabled"], response.json()["away_mode_reassign"]) == (
        False,
        False,
    )


def test_set_away_admin_accepts_later_away_status_reason_id(api, staff):
    response = api.put(f"/admins/{staff.bob_id}/away", json={**AWAY, "away_status_reason_id": 12})
    assert response.status_code == 200
    assert response.json()["away_mode_enabled"] is True


def test_set_away_admin_writes_activity_log(api, workspace, staff, clock):
    clock.advance(90)
    api.put(f"/admins/{staff.bob_id}/away", json=AWAY)
    [entry] = _logs(api)
    assert uuid.UUID(entry["id"]).version == 4
    assert entry == {
        "id": entry["id"],
        "performed_by": {
            "type": "admin",
            "id": str(staff.bob_id),
            "email": "bob@acme.test",
            "ip": "testclient",
        },
        "metadata": {
            "away_mode": True,
            "reassign_conversations": True,
            "source": f"admin update from API - Admin id: {workspace.admin.id}",
            "update_by": workspace.admin.id,
            "update_by_name": "Ada Owner",
        },
        "created_at": START + 90,
        "activity_type": "admin_away_mode_change",
        "activity_description": (
            "Ada Owner set Bob Agent to away, with new conversation replies reassigned to the "
            "default inbox."
        ),
    }


def test_set_away_admin_logs_each_change(api, workspace, staff, clock):
    api.put(
        f"/admins/{staff.bob_id}/away",
        json={"away_mode_enabled": True, "away_mode_reassign": False},
    )
    clock.advance(60)
    api.put(
        f"/admins/{staff.bob_id}/away",
        json={"away_mode_enabled": False, "away_mode_reassign": False},
    )
    logs = _logs(api)
    assert [(e["created_at"], e["activity_description"]) for e in logs] == [
        (START + 60, "Ada Owner set Bob Agent to active."),
        (START, "Ada Owner set Bob Agent to away."),
    ]
    assert [e["metadata"]["away_mode"] for e in logs] == [False, True]


def test_set_away_admin_self_is_described_as_themselves(api, workspace):
    api.put(
        f"/admins/{workspace.admin.id}/away",
        json={"away_mode_enabled": True, "away_mode_reassign": False},
    )
    [entry] = _logs(api)
    assert entry["performed_by"]["id"] == str(workspace.admin.id)
    assert entry["activity_description"] == "Ada Owner set themselves to away."


def test_set_away_admin_unchanged_flags_log_nothing(api, staff):
    response = api.put(
        f"/admins/{staff.bob_id}/away",
        json={"away_mode_enabled": False, "away_mode_reassign": False},
    )
    assert response.status_code == 200
    assert _logs(api) == []


def test_set_away_admin_not_found(api, workspace):
    response = api.put("/admins/987654/away", json=AWAY)
    assert_error(response, 404, "admin_not_found", "Admin for admin_id not found")


@pytest.mark.parametrize("admin_id", ["abc", "0", "-3", "99999999999999999999"])
def test_set_away_admin_non_numeric_id_not_found(api, workspace, admin_id):
    response = api.put(f"/admins/{admin_id}/away", json=AWAY)
    assert_error(response, 404, "admin_not_found", "Admin for admin_id not found")


def test_set_away_admin_of_another_workspace_not_found(api, runtime, other_workspace):
    response = api.put(f"/admins/{other_workspace.admin.id}/away", json=AWAY)
    assert_error(response, 404, "admin_not_found", "Admin for admin_id not found")
    from backchannel.db.tables import Admin

    with runtime.sessions() as session:
        assert session.get(Admin, other_workspace.admin.id).away_mode_enabled is False


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"away_mode_reassign": True}, "away_mode_enabled"),
        ({"away_mode_enabled": True}, "away_mode_reassign"),
    ],
)
def test_set_away_admin_missing_field(api, staff, body, field):
    response = api.put(f"/admins/{staff.bob_id}/away", json=body)
    assert_error(response, 400, "parameter_not_found", f"{field} is a required parameter.")


def test_set_away_admin_empty_body(api, staff):
    response = api.put(f"/admins/{staff.bob_id}/away")
    assert_error(response, 400, "parameter_not_found", "away_mode_enabled is a required parameter.")


@pytest.mark.parametrize("value", ["true", 1, None])
def test_set_away_admin_non_boolean_flag(api, staff, value):
    response = api.put(
        f"/admins/{staff.bob_id}/away",
        json={"away_mode_enabled": value, "away_mode_reassign": False},
    )
    kind = {str: "str", int: "int", type(None): "null"}[type(value)]
    assert_error(
        response, 400, "parameter_invalid", f"away_mode_enabled: Expected bool, got {kind}"
    )


def test_set_away_admin_unknown_field(api, staff):
    response = api.put(f"/admins/{staff.bob_id}/away", json={**AWAY, "away": True})
    assert_error(response, 400, "bad_request", "bad 'away' parameter")


def test_set_away_admin_invalid_json(api, staff):
    response = api.put(
        f"/admins/{staff.bob_id}/away",
        content=b"{away_mode_enabled: true",
        headers={"Content-Type": "application/json"},
    )
    assert_error(response, 400, "parameter_invalid")


def test_set_away_admin_failure_changes_nothing(api, staff):
    api.put(f"/admins/{staff.bob_id}/away", json={"away_mode_enabled": True})
    assert api.get(f"/admins/{staff.bob_id}").json()["away_mode_enabled"] is False
    assert _logs(api) == []


def test_set_away_admin_without_token_is_401(anonymous, workspace):
    response = anonymous.put(f"/admins/{workspace.admin.id}/away", json=AWAY)
    assert_error(response, 401, "unauthorized", "Access Token Invalid")
