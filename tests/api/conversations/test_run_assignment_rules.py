"""``POST /conversations/{id}/run_assignment_rules`` (autoAssignConversation): the first
matching rule of the workspace assigns the conversation with ``default_assignment`` parts by
the Operator bot; with no match the part is assigned to ``nobody_admin``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select, update

from backchannel.db.tables import Admin, AssignmentRule, ConversationPart
from backchannel.provisioning import NewWorkspace, create_admin, create_team
from backchannel.resources.conversations.assignment import create_rule
from backchannel.resources.conversations.service import OPERATOR_ID_BASE
from backchannel.runtime import Runtime
from tests.conftest import START, assert_error

Json = dict[str, Any]


def _parts(conversation: Json) -> list[Json]:
    parts: list[Json] = conversation["conversation_parts"]["conversation_parts"]
    return parts


def _assigned(conversation: Json) -> list[Json | None]:
    """``assigned_to`` of the ``default_assignment`` parts, in order."""
    return [
        part["assigned_to"]
        for part in _parts(conversation)
        if part["part_type"] == "default_assignment"
    ]


@pytest.fixture
def rule(runtime: Runtime, workspace: NewWorkspace) -> Callable[..., int]:
    """Add an assignment rule to ``workspace`` (or another) and return its id."""

    def make(
        name: str = "Rule",
        *,
        query: Any = None,
        team_id: object = None,
        admin_id: object = None,
        round_robin: bool = False,
        owner: NewWorkspace | None = None,
    ) -> int:
        with runtime.sessions.begin() as session:
            made = create_rule(
                session,
                workspace_id=(owner or workspace).workspace.id,
                name=name,
                query=query,
                team_id=int(str(team_id)) if team_id is not None else None,
                admin_id=int(str(admin_id)) if admin_id is not None else None,
                round_robin=round_robin,
                now=runtime.clock.now(),
            )
            return made.id

    return make


@pytest.fixture
def run(api) -> Callable[[str], Json]:
    def post(conversation_id: str) -> Json:
        response = api.post(f"/conversations/{conversation_id}/run_assignment_rules")
        assert response.status_code == 200, response.text
        body: Json = response.json()
        return body

    return post


@pytest.fixture
def rota(runtime: Runtime, workspace: NewWorkspace) -> tuple[int, list[int]]:
    """A team of three new admins: its id and the members' ids, ascending."""
    with runtime.sessions.begin() as session:
        members = [
            create_admin(
                session,
                clock=runtime.clock,
                workspace_id=workspace.workspace.id,
                name=f"Agent {n}",
                email=f"agent{n}@acme.test",
            )
            for n in range(3)
        ]
        session.flush()
        ids = sorted(admin.id for admin in members)
        team = create_team(
            session,
            clock=runtime.clock,
            workspace_id=workspace.workspace.id,
            name="Rota",
            admin_ids=ids,
        )
        return team.id, ids


def test_auto_assign_conversation_without_rules_assigns_nobody(run, start, workspace, clock):
    conversation = start()
    clock.advance(60)

    assigned = run(conversation["id"])

    part = _parts(assigned)[-1]
    assert part["part_type"] == "default_assignment"
    assert part["assigned_to"] == {"type": "nobody_admin", "id": None}
    assert part["body"] is None
    assert part["created_at"] == START + 60
    assert part["author"] == {
        "type": "bot",
        "id": str(OPERATOR_ID_BASE + workspace.workspace.id),
        "name": "Operator",
        "email": f"operator+{workspace.workspace.id_code}@intercom.io",
    }
    assert assigned["admin_assignee_id"] is None and assigned["team_assignee_id"] is None
    assert assigned["updated_at"] == START + 60
    assert assigned["statistics"]["count_assignments"] == 0
    assert "first_assignment_at" not in assigned["statistics"]


def test_auto_assign_conversation_nobody_keeps_the_current_assignees(
    run, start, act, admin_id, team_id
):
    conversation = start()
    act(conversation["id"], "parts", message_type="assignment", type="admin",
        admin_id=admin_id, assignee_id=admin_id)  # fmt: skip
    act(conversation["id"], "parts", message_type="assignment", type="team",
        admin_id=admin_id, assignee_id=team_id)  # fmt: skip

    assigned = run(conversation["id"])

    assert _assigned(assigned) == [{"type": "nobody_admin", "id": None}]
    assert assigned["admin_assignee_id"] == int(admin_id)
    assert assigned["team_assignee_id"] == int(team_id)


def test_auto_assign_conversation_team_rule(run, start, rule, team_id):
    rule("Everything to support", team_id=team_id)
    conversation = start()

    assigned = run(conversation["id"])

    assert _assigned(assigned) == [{"type": "team", "id": team_id}]
    assert assigned["team_assignee_id"] == int(team_id)
    assert assigned["admin_assignee_id"] is None


def test_auto_assign_conversation_admin_rule(run, start, rule, bob_id):
    rule("Everything to Bob", admin_id=bob_id)
    conversation = start()

    assigned = run(conversation["id"])

    assert _assigned(assigned) == [{"type": "admin", "id": bob_id}]
    assert assigned["admin_assignee_id"] == int(bob_id)
    assert assigned["team_assignee_id"] is None


def test_auto_assign_conversation_team_and_admin_rule_adds_a_part_for_each(
    run, start, rule, team_id, bob_id
):
    rule("Support, Bob", team_id=team_id, admin_id=bob_id)
    conversation = start()

    assigned = run(conversation["id"])

    assert _assigned(assigned) == [{"type": "team", "id": team_id}, {"type": "admin", "id": bob_id}]
    assert (assigned["team_assignee_id"], assigned["admin_assignee_id"]) == (
        int(team_id),
        int(bob_id),
    )
    assert assigned["statistics"]["count_assignments"] == 2


def test_auto_assign_conversation_round_robin_cycles_and_skips_away_admins(
    run, start, rule, rota, runtime
):
    team, (first, second, third) = rota
    rule_id = rule("Rota", team_id=team, round_robin=True)

    picked = []
    for _ in range(4):
        assigned = run(start()["id"])
        assert _assigned(assigned)[0] == {"type": "team", "id": str(team)}
        picked.append(assigned["admin_assignee_id"])
    assert picked == [first, second, third, first]

    with runtime.sessions.begin() as session:
        session.execute(update(Admin).where(Admin.id == second).values(away_mode_enabled=True))
    picked = [run(start()["id"])["admin_assignee_id"] for _ in range(3)]
    assert picked == [third, first, third]

    with runtime.sessions.begin() as session:
        assert session.get(AssignmentRule, rule_id).last_admin_id == third


def test_auto_assign_conversation_round_robin_all_away_assigns_the_team_only(
    run, start, rule, rota, runtime
):
    team, members = rota
    rule("Rota", team_id=team, round_robin=True)
    with runtime.sessions.begin() as session:
        session.execute(update(Admin).where(Admin.id.in_(members)).values(away_mode_enabled=True))

    assigned = run(start()["id"])

    assert _assigned(assigned) == [{"type": "team", "id": str(team)}]
    assert assigned["admin_assignee_id"] is None


def test_auto_assign_conversation_first_matching_rule_wins(
    run, start, act, rule, team_id, bob_id, admin_id
):
    rule("Refunds", query={"field": "source.body", "operator": "~", "value": "refund"},
         team_id=team_id)  # fmt: skip
    rule("Closed ones", query={"field": "state", "operator": "=", "value": "closed"},
         admin_id=admin_id)  # fmt: skip
    rule("The rest", admin_id=bob_id)

    refund = run(start("I want a REFUND")["id"])
    other = start("Where is my parcel?")
    rest = run(other["id"])
    act(other["id"], "parts", message_type="close", type="admin", admin_id=admin_id)
    closed = run(other["id"])

    assert _assigned(refund) == [{"type": "team", "id": team_id}]
    assert _assigned(rest) == [{"type": "admin", "id": bob_id}]
    assert _assigned(closed)[-1] == {"type": "admin", "id": admin_id}
    # Running the rules never changes the state: a closed conversation stays closed.
    assert (closed["state"], closed["open"]) == ("closed", False)


def test_auto_assign_conversation_no_matching_rule_assigns_nobody(run, start, rule, team_id):
    rule("Refunds", query={"field": "source.body", "operator": "~", "value": "refund"},
         team_id=team_id)  # fmt: skip

    assigned = run(start("Hello")["id"])

    assert _assigned(assigned) == [{"type": "nobody_admin", "id": None}]
    assert assigned["team_assignee_id"] is None


def test_auto_assign_conversation_skips_a_rule_whose_query_no_longer_parses(
    run, start, rule, runtime, team_id, bob_id
):
    broken = rule("Broken", query={"field": "state", "operator": "=", "value": "open"},
                  team_id=team_id)  # fmt: skip
    rule("The rest", admin_id=bob_id)
    with runtime.sessions.begin() as session:
        session.get(AssignmentRule, broken).query = {"field": "shoe_size", "operator": "=",
                                                     "value": 1}  # fmt: skip

    assigned = run(start()["id"])

    assert _assigned(assigned) == [{"type": "admin", "id": bob_id}]


def test_auto_assign_conversation_not_found(api, start):
    start()
    for unknown in ("999999", "abc"):
        response = api.post(f"/conversations/{unknown}/run_assignment_rules")
        assert_error(response, 404, "not_found", "Resource Not Found")


def test_auto_assign_conversation_ignores_other_workspaces_rules(
    run, start, rule, other_workspace, api
):
    rule("Theirs", team_id=other_workspace.team.id, owner=other_workspace)
    conversation = start()

    assigned = run(conversation["id"])

    assert _assigned(assigned) == [{"type": "nobody_admin", "id": None}]
    assert assigned["team_assignee_id"] is None


def test_auto_assign_conversation_other_workspaces_conversation_not_found(
    app, start, rule, other_workspace, team_id
):
    from tests.conftest import contract_client

    rule("Ours", team_id=team_id)
    conversation = start()
    with contract_client(app) as client:
        client.headers["Authorization"] = f"Bearer {other_workspace.token}"
        client.headers["Accept"] = "application/json"
        response = client.post(f"/conversations/{conversation['id']}/run_assignment_rules")
    assert_error(response, 404, "not_found", "Resource Not Found")


def test_auto_assign_conversation_updates_statistics(run, start, rule, team_id, bob_id, clock):
    rule("Support, Bob", team_id=team_id, admin_id=bob_id)
    conversation = start()
    clock.advance(90)

    first = run(conversation["id"])
    clock.advance(30)
    second = run(conversation["id"])

    assert first["statistics"]["count_assignments"] == 2
    assert first["statistics"]["first_assignment_at"] == START + 90
    assert first["statistics"]["last_assignment_at"] == START + 90
    assert first["statistics"]["time_to_assignment"] == 90
    assert second["statistics"]["count_assignments"] == 4
    assert second["statistics"]["first_assignment_at"] == START + 90
    assert second["statistics"]["last_assignment_at"] == START + 120
    assert second["statistics"]["count_conversation_parts"] == 4


def test_auto_assign_conversation_parts_are_stored(run, start, rule, team_id, runtime):
    rule("Support", team_id=team_id)
    conversation = start()

    run(conversation["id"])

    with runtime.sessions() as session:
        stored = session.scalars(
            select(ConversationPart).where(
                ConversationPart.conversation_id == int(conversation["id"])
            )
        ).one()
    assert (stored.part_type, stored.assigned_to_type, stored.assigned_to_id) == (
        "default_assignment",
        "team",
        team_id,
    )
    assert stored.author_type == "bot"


def test_auto_assign_conversation_ignores_a_body(api, start):
    conversation = start()

    response = api.post(f"/conversations/{conversation['id']}/run_assignment_rules", json={})

    assert response.status_code == 200, response.text
    assert _assigned(response.json()) == [{"type": "nobody_admin", "id": None}]
