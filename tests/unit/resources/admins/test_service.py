"""Admin service functions on a real session: lookups, away mode, the activity log."""

from __future__ import annotations

import pytest

from backchannel.db.tables import ActivityLog
from backchannel.provisioning import create_admin, create_workspace
from backchannel.resources.admins import service
from backchannel.resources.admins.service import ActivityType, AdminNotFound
from tests.conftest import START


def _record(db, runtime, workspace, *, now=START, **overrides):
    arguments = {
        "workspace_id": workspace.workspace.id,
        "admin_id": workspace.admin.id,
        "activity_type": ActivityType.APP_NAME_CHANGE,
        "description": "renamed",
        "metadata": {"before": "a", "after": "b"},
        "now": now,
        "ids": runtime.ids,
        "ip": "198.51.100.1",
        **overrides,
    }
    return service.record_activity(db, **arguments)


def test_record_activity_stores_the_entry(db, runtime, workspace):
    row = _record(db, runtime, workspace, now=START + 7)
    stored = db.get(ActivityLog, row.id)
    assert stored is not None
    assert stored.workspace_id == workspace.workspace.id
    assert stored.admin_id == workspace.admin.id
    assert stored.activity_type == "app_name_change"
    assert stored.activity_description == "renamed"
    assert stored.metadata_ == {"before": "a", "after": "b"}
    assert stored.created_at == START + 7
    assert stored.ip == "198.51.100.1"
    assert len(stored.id) == 36


def test_record_activity_accepts_type_as_string(db, runtime, workspace):
    row = _record(db, runtime, workspace, activity_type="admin_logout")
    assert row.activity_type == "admin_logout"


def test_record_activity_rejects_unknown_type(db, runtime, workspace):
    with pytest.raises(ValueError):
        _record(db, runtime, workspace, activity_type="made_up_change")


def test_record_activity_rejects_admin_of_another_workspace(db, runtime, workspace):
    other = create_workspace(
        db, clock=runtime.clock, ids=runtime.ids, name="Globex", admin_email="hank@globex.test"
    )
    with pytest.raises(ValueError, match="is not in workspace"):
        _record(db, runtime, workspace, admin_id=other.admin.id)


def test_activity_type_covers_the_spec_enum():
    from tests.spec import load_spec

    schema = load_spec()["components"]["schemas"]["activity_log"]
    assert [t.value for t in ActivityType] == schema["properties"]["activity_type"]["enum"]


@pytest.mark.parametrize("as_given", [int, str])
def test_get_admin_accepts_int_or_digit_string(db, workspace, as_given):
    view = service.get_admin(
        db, workspace_id=workspace.workspace.id, admin_id=as_given(workspace.admin.id)
    )
    assert view.admin.id == workspace.admin.id
    assert view.team_ids == [workspace.team.id]


@pytest.mark.parametrize("admin_id", ["", "x1", "1 ", True, None, 1.0])
def test_get_admin_rejects_non_ids(db, workspace, admin_id):
    with pytest.raises(AdminNotFound) as raised:
        service.get_admin(db, workspace_id=workspace.workspace.id, admin_id=admin_id)
    assert (raised.value.status, raised.value.code, raised.value.message) == (
        404,
        "admin_not_found",
        "Admin not found",
    )


def test_set_away_mode_by_another_admin_logs_subject_and_initiator(db, runtime, workspace):
    bob = create_admin(
        db,
        clock=runtime.clock,
        workspace_id=workspace.workspace.id,
        name="Bob",
        email="bob@acme.test",
    )
    view = service.set_away_mode(
        db,
        workspace_id=workspace.workspace.id,
        admin_id=str(bob.id),
        changed_by=workspace.admin.id,
        away_mode_enabled=True,
        away_mode_reassign=False,
        now=START + 3,
        ids=runtime.ids,
        ip=None,
    )
    assert (view.admin.away_mode_enabled, view.admin.away_mode_reassign) == (True, False)
    assert view.admin.updated_at == START + 3
    [entry] = db.query(ActivityLog).all()
    assert entry.admin_id == bob.id
    assert entry.metadata_["update_by"] == workspace.admin.id
    assert entry.ip is None


def test_set_away_mode_without_change_keeps_updated_at(db, runtime, workspace):
    view = service.set_away_mode(
        db,
        workspace_id=workspace.workspace.id,
        admin_id=workspace.admin.id,
        changed_by=workspace.admin.id,
        away_mode_enabled=False,
        away_mode_reassign=False,
        now=START + 50,
        ids=runtime.ids,
        ip=None,
    )
    assert view.admin.updated_at == START
    assert db.query(ActivityLog).count() == 0


@pytest.mark.parametrize(("per_page", "expected"), [(None, 20), (0, 1), (7, 7), (151, 150)])
def test_list_activity_logs_per_page(db, workspace, per_page, expected):
    result = service.list_activity_logs(
        db,
        workspace_id=workspace.workspace.id,
        created_at_after=0,
        created_at_before=None,
        per_page=per_page,
        starting_after=None,
    )
    assert result.page.per_page == expected
    assert result.page.items == [] and result.admins == {}


def test_list_activity_logs_loads_performers(db, runtime, workspace):
    _record(db, runtime, workspace)
    result = service.list_activity_logs(
        db,
        workspace_id=workspace.workspace.id,
        created_at_after=START,
        created_at_before=START,
        per_page=None,
        starting_after=None,
    )
    assert [row.admin_id for row in result.page.items] == [workspace.admin.id]
    assert list(result.admins) == [workspace.admin.id]
