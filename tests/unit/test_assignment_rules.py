"""Assignment rules: the service that configures them
(``backchannel.resources.conversations.assignment``) and the ``backchannel assignment-rule``
commands, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import Result

from backchannel.core.errors import ApiError, InvalidSearchField, ParameterInvalid
from backchannel.db.tables import AssignmentRule
from backchannel.provisioning import NewWorkspace, create_team
from backchannel.resources.conversations.assignment import (
    AssignmentRuleNotFound,
    create_rule,
    delete_rule,
    list_rules,
)
from tests.cli import run_cli
from tests.conftest import START

pytestmark = pytest.mark.usefixtures("clean_environment")

OWNER = object()
"""Stands for the workspace owner's id in parameters (fixtures are not ready there)."""
REFUNDS = {"field": "source.body", "operator": "~", "value": "refund"}
SHOE_SIZE = {"field": "shoe_size", "operator": "=", "value": 42}


# --- the service --------------------------------------------------------------------------


def _create(db: Any, workspace: NewWorkspace, **overrides: Any) -> AssignmentRule:
    arguments: dict[str, Any] = {
        "workspace_id": workspace.workspace.id,
        "name": "Rule",
        "query": None,
        "team_id": workspace.team.id,
        "admin_id": None,
        "round_robin": False,
        "now": START,
        **overrides,
    }
    return create_rule(db, **arguments)


def test_create_rule_appends_in_position_order(db, workspace):
    first = _create(db, workspace, name="  Refunds  ", query=REFUNDS)
    second = _create(db, workspace, name="Rest", team_id=None, admin_id=workspace.admin.id)
    third = _create(db, workspace, name="Rota", round_robin=True)

    assert [rule.id for rule in list_rules(db, workspace_id=workspace.workspace.id)] == [
        first.id,
        second.id,
        third.id,
    ]
    assert [first.position, second.position, third.position] == [1, 2, 3]
    assert (first.name, first.query, first.team_id, first.admin_id) == (
        "Refunds",
        REFUNDS,
        workspace.team.id,
        None,
    )
    assert (first.created_at, first.updated_at, first.last_admin_id) == (START, START, None)
    assert third.round_robin is True


def test_list_rules_is_per_workspace(db, workspace, other_workspace):
    ours = _create(db, workspace)
    _create(db, other_workspace, team_id=other_workspace.team.id)

    assert list_rules(db, workspace_id=workspace.workspace.id) == [ours]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"name": "  "}, "name", "An assignment rule needs a name"),
        ({"name": "x" * 256}, "name", "at most 255 characters"),
        ({"team_id": None}, None, "needs a team_id, an admin_id or both"),
        ({"team_id": 999_999}, "team_id", "No team 999999 in this workspace"),
        ({"admin_id": 999_999}, "admin_id", "No admin 999999 in this workspace"),
        ({"team_id": None, "round_robin": True, "admin_id": OWNER}, "round_robin", "not both"),
        ({"round_robin": True, "admin_id": OWNER}, "round_robin", "not both"),
        ({"query": "state = open"}, "query", "must be a filter object"),
    ],
)
def test_create_rule_invalid(db, workspace, overrides, field, message):
    if overrides.get("admin_id") is OWNER:
        overrides = {**overrides, "admin_id": workspace.admin.id}
    with pytest.raises(ParameterInvalid) as raised:
        _create(db, workspace, **overrides)
    assert raised.value.status == 400
    if field is not None:
        assert raised.value.field == field
    if message is not None:
        assert message in raised.value.message
    assert list_rules(db, workspace_id=workspace.workspace.id) == []


def test_create_rule_unknown_query_field(db, workspace):
    with pytest.raises(InvalidSearchField):
        _create(db, workspace, query=SHOE_SIZE)


def test_create_rule_round_robin_needs_members(db, workspace, runtime):
    empty = create_team(db, clock=runtime.clock, workspace_id=workspace.workspace.id, name="Empty")
    with pytest.raises(ParameterInvalid, match="round_robin needs a team with members"):
        _create(db, workspace, team_id=empty.id, round_robin=True)


def test_create_rule_refuses_another_workspaces_team_and_admin(db, workspace, other_workspace):
    with pytest.raises(ParameterInvalid, match="No team"):
        _create(db, workspace, team_id=other_workspace.team.id)
    with pytest.raises(ParameterInvalid, match="No admin"):
        _create(db, workspace, team_id=None, admin_id=other_workspace.admin.id)


def test_delete_rule(db, workspace, other_workspace):
    rule = _create(db, workspace)
    for unknown in (rule.id + 1, "abc", None):
        with pytest.raises(AssignmentRuleNotFound):
            delete_rule(db, workspace_id=workspace.workspace.id, rule_id=unknown)
    with pytest.raises(AssignmentRuleNotFound):
        delete_rule(db, workspace_id=other_workspace.workspace.id, rule_id=rule.id)

    assert delete_rule(db, workspace_id=workspace.workspace.id, rule_id=str(rule.id)) is rule
    assert list_rules(db, workspace_id=workspace.workspace.id) == []


# --- the commands -------------------------------------------------------------------------


run = run_cli


def ok(database_url: str, *args: str) -> Result:
    result = run(database_url, *args)
    assert result.exit_code == 0, result.output
    return result


def fails(database_url: str, *args: str, code: int = 1) -> Result:
    result = run(database_url, *args)
    assert result.exit_code == code, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result


@pytest.fixture
def made(database_url: str) -> dict[str, str]:
    """A workspace (printed labels: Workspace, Owner admin id) and a team with its owner."""
    result = ok(database_url, "workspace", "create", "--name", "Acme")
    pairs = (line.split(": ", 1) for line in result.stdout.splitlines() if ": " in line)
    out = dict(pairs)
    out["Team"] = ok(
        database_url, "team", "create", "--name", "Rota", "--admin-id", out["Owner admin id"]
    ).stdout.strip()
    return out


def test_assignment_rule_create_list_delete(database_url, made):
    team, owner = made["Team"], made["Owner admin id"]
    first = ok(
        database_url, "assignment-rule", "create", "--name", "Refunds", "--team-id", team,
        "--query", json.dumps(REFUNDS), "--workspace", made["Workspace"],
    ).stdout.strip()  # fmt: skip
    second = ok(
        database_url, "assignment-rule", "create", "--name", "Rota", "--team-id", team,
        "--round-robin",
    ).stdout.strip()  # fmt: skip
    third = ok(
        database_url, "assignment-rule", "create", "--name", "Rest", "--admin-id", owner
    ).stdout.strip()
    assert first.isdigit() and second.isdigit() and third.isdigit()

    listed = ok(database_url, "assignment-rule", "list").stdout.splitlines()
    assert listed == [
        f"{first}\tRefunds\tteam {team}\t{json.dumps(REFUNDS, sort_keys=True)}",
        f"{second}\tRota\tteam {team}, round robin\tevery conversation",
        f"{third}\tRest\tadmin {owner}\tevery conversation",
    ]

    deleted = ok(database_url, "assignment-rule", "delete", second)
    assert deleted.stdout == f"Deleted assignment rule {second}\n"
    listed = ok(
        database_url, "assignment-rule", "list", "--workspace", made["Workspace"]
    ).stdout.splitlines()
    assert [line.split("\t")[0] for line in listed] == [first, third]


def test_assignment_rule_list_empty(database_url, made):
    result = ok(database_url, "assignment-rule", "list")
    assert result.stdout == ""
    assert "No assignment rules" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--name", "X"), "Error: An assignment rule needs a team_id, an admin_id or both"),
        (("--name", "X", "--team-id", "999999"), "Error: No team 999999 in this workspace"),
        (("--name", "X", "--admin-id", "999999"), "Error: No admin 999999 in this workspace"),
        (("--name", "X", "--admin-id", "{owner}", "--round-robin"), "not both"),
        (
            ("--name", "X", "--team-id", "{team}", "--query", json.dumps(SHOE_SIZE)),
            "Error: shoe_size is not a valid search field",
        ),
        (("--name", "X", "--team-id", "{team}", "--workspace", "nope"), "Error: No workspace nope"),
    ],
)
def test_assignment_rule_create_invalid(database_url, made, args, message):
    values = {"{owner}": made["Owner admin id"], "{team}": made["Team"]}
    result = fails(
        database_url, "assignment-rule", "create", *(values.get(arg, arg) for arg in args)
    )
    assert message in result.output
    assert ok(database_url, "assignment-rule", "list").stdout == ""


def test_assignment_rule_create_round_robin_needs_members(database_url, made):
    empty = ok(database_url, "team", "create", "--name", "Empty").stdout.strip()
    result = fails(
        database_url, "assignment-rule", "create", "--name", "X", "--team-id", empty,
        "--round-robin",
    )  # fmt: skip
    assert "Error: round_robin needs a team with members" in result.output


def test_assignment_rule_create_query_not_json(database_url, made):
    result = fails(
        database_url, "assignment-rule", "create", "--name", "X", "--team-id", made["Team"],
        "--query", "state = open", code=2,
    )  # fmt: skip
    assert "Invalid value for --query: not valid JSON" in result.output


def test_assignment_rule_delete_unknown(database_url, made):
    result = fails(database_url, "assignment-rule", "delete", "12345")
    assert "Error: Assignment rule not found" in result.output
    result = fails(database_url, "assignment-rule", "delete", "abc", code=2)
    assert "Invalid value for 'RULE_ID'" in result.output


def test_assignment_rule_errors_are_api_errors():
    assert issubclass(AssignmentRuleNotFound, ApiError)
    assert AssignmentRuleNotFound().status == 404
