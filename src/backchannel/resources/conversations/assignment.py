"""Assignment rules: ``POST /conversations/{id}/run_assignment_rules`` (``autoAssignConversation``).

API 2.10 can run a workspace's assignment rules but not configure them; the ``backchannel
assignment-rule`` commands do that. A rule has a name, a position, an optional ``query`` and
a target:

* ``query`` is a filter in the language of ``POST /conversations/search`` (the ``query``
  part of its body, checked against the conversation search fields when the rule is made);
  no query matches every conversation.
* The target is a team (``team_id``), an admin (``admin_id``), or both. With
  ``round_robin`` the admin is not fixed: it is the next member of the rule's team, in
  ascending admin id order, after the admin the rule picked last (``last_admin_id``),
  wrapping round and skipping admins in away mode. A round-robin rule needs a team with
  members and no ``admin_id``.

Running the rules on a conversation (BEHAVIOR.md §6.6):

* Rules are tried in position order (ties by id); the first whose query matches the
  conversation assigns it and the rest are not tried. A stored query that no longer parses
  (say, a custom attribute since declared with another type) matches nothing.
* Each assignee the rule sets adds one ``default_assignment`` part by the Operator bot: the
  team first (``assigned_to: {type: "team", id}``), then the admin (``{type: "admin", id}``),
  and sets ``team_assignee_id``/``admin_assignee_id``. An assignee the rule does not name is
  left as it was. A round-robin rule whose members are all away assigns only the team.
* No matching rule (or no rules) adds one ``default_assignment`` part with
  ``assigned_to: {type: "nobody_admin", id: null}`` and leaves both assignees as they were,
  as the recorded response shows.
* The conversation's state is never changed: a closed conversation stays closed (the
  recorded response is one), unlike a manual assignment, which reopens it.
* Then the statistics are recomputed (``count_assignments``, ``first_assignment_at`` and the
  rest; the nobody part is not an assignment).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from backchannel.core.auth import WorkspaceInfo
from backchannel.core.errors import ApiError, NotFound, ParameterInvalid
from backchannel.core.ids import parse_numeric_id
from backchannel.core.search import CompileContext, compile_query, parse_query
from backchannel.db.repository import Repository
from backchannel.db.tables import Admin, AssignmentRule, Conversation
from backchannel.resources.admins.service import AdminNotFound, get_admin
from backchannel.resources.conversations.search import typed_fields
from backchannel.resources.conversations.service import add_part, get, operator, refresh
from backchannel.resources.teams.service import TeamNotFound, get_team

__all__ = [
    "MAX_NAME_LENGTH",
    "PART_TYPE",
    "AssignmentRuleNotFound",
    "create_rule",
    "delete_rule",
    "list_rules",
    "run_rules",
]

MAX_NAME_LENGTH = 255
PART_TYPE = "default_assignment"
NOBODY = ("nobody_admin", None)

log = logging.getLogger(__name__)


class AssignmentRuleNotFound(NotFound):
    """No assignment rule with that id in this workspace."""

    default_message = "Assignment rule not found"


# Configuring -----------------------------------------------------------------------------


def create_rule(
    db: Session,
    *,
    workspace_id: int,
    name: str,
    query: Any,
    team_id: int | None,
    admin_id: int | None,
    round_robin: bool,
    now: int,
) -> AssignmentRule:
    """Add a rule after the workspace's existing ones.

    Raises:
        ParameterInvalid: a blank or too long name; no target; an unknown team or admin;
            ``round_robin`` without a team with members, or with an ``admin_id``; a query
            the conversation search refuses (its own message).
        ApiError: the other search errors (``invalid_field``, ``parameter_not_found``, ...).
    """
    name = name.strip() if isinstance(name, str) else ""
    if not name:
        raise ParameterInvalid("An assignment rule needs a name", field="name")
    if len(name) > MAX_NAME_LENGTH:
        raise ParameterInvalid(
            f"An assignment rule name can have at most {MAX_NAME_LENGTH} characters",
            field="name",
        )
    if team_id is None and admin_id is None:
        raise ParameterInvalid("An assignment rule needs a team_id, an admin_id or both")
    members: list[int] = []
    if team_id is not None:
        try:
            members = get_team(db, workspace_id=workspace_id, team_id=team_id).admin_ids
        except TeamNotFound:
            raise ParameterInvalid(
                f"No team {team_id} in this workspace", field="team_id"
            ) from None
    if admin_id is not None:
        try:
            get_admin(db, workspace_id=workspace_id, admin_id=admin_id)
        except AdminNotFound:
            raise ParameterInvalid(
                f"No admin {admin_id} in this workspace", field="admin_id"
            ) from None
    if round_robin:
        if admin_id is not None:
            raise ParameterInvalid(
                "round_robin picks the admin from the team: give admin_id or round_robin, not both",
                field="round_robin",
            )
        if not members:
            raise ParameterInvalid("round_robin needs a team with members", field="round_robin")
    if query is not None:
        parse_query(query, typed_fields(db, workspace_id=workspace_id))
    last = db.execute(
        select(func.max(AssignmentRule.position)).where(AssignmentRule.workspace_id == workspace_id)
    ).scalar_one()
    rule = AssignmentRule(
        workspace_id=workspace_id,
        name=name,
        position=(last or 0) + 1,
        query=query,
        team_id=team_id,
        admin_id=admin_id,
        round_robin=round_robin,
        last_admin_id=None,
        created_at=now,
        updated_at=now,
    )
    db.add(rule)
    db.flush()
    return rule


def list_rules(db: Session, *, workspace_id: int) -> list[AssignmentRule]:
    """The workspace's rules in the order they are tried."""
    stmt = (
        Repository(db, workspace_id, AssignmentRule)
        .select()
        .order_by(AssignmentRule.position, AssignmentRule.id)
    )
    return list(db.scalars(stmt))


def delete_rule(db: Session, *, workspace_id: int, rule_id: object) -> AssignmentRule:
    """Remove one rule and return it; :class:`AssignmentRuleNotFound` if the workspace has
    no rule with that id."""
    number = parse_numeric_id(rule_id)
    repository = Repository(db, workspace_id, AssignmentRule)
    rule = repository.get(number) if number is not None else None
    if rule is None:
        raise AssignmentRuleNotFound()
    repository.delete(rule)
    return rule


# Running ---------------------------------------------------------------------------------


def run_rules(
    db: Session, *, workspace: WorkspaceInfo, conversation_id: object, now: int
) -> Conversation:
    """Assign a visible conversation by the first matching rule (see the module docstring);
    404 ``Resource Not Found`` for an unknown one."""
    conversation = get(db, workspace=workspace, conversation_id=conversation_id, now=now)
    rules = list_rules(db, workspace_id=workspace.id)
    rule = _first_match(db, workspace, conversation, rules, now) if rules else None
    bot = operator(workspace)
    if rule is None:
        add_part(db, conversation, part_type=PART_TYPE, author=bot, at=now, assigned_to=NOBODY)
    else:
        if rule.team_id is not None:
            conversation.team_assignee_id = rule.team_id
            add_part(
                db, conversation, part_type=PART_TYPE, author=bot, at=now,
                assigned_to=("team", str(rule.team_id)),
            )  # fmt: skip
        admin_id = _next_member(db, workspace.id, rule, now) if rule.round_robin else rule.admin_id
        if admin_id is not None:
            conversation.admin_assignee_id = admin_id
            add_part(
                db, conversation, part_type=PART_TYPE, author=bot, at=now,
                assigned_to=("admin", str(admin_id)),
            )  # fmt: skip
    refresh(db, conversation, now)
    return conversation


def _first_match(
    db: Session,
    workspace: WorkspaceInfo,
    conversation: Conversation,
    rules: Sequence[AssignmentRule],
    now: int,
) -> AssignmentRule | None:
    fields = typed_fields(db, workspace_id=workspace.id)
    context = CompileContext(workspace.timezone, workspace_id=workspace.id, now=now, db=db)
    for rule in rules:
        if rule.query is None:
            return rule
        try:
            condition = compile_query(parse_query(rule.query, fields), fields, context=context)
        except ApiError as error:
            log.warning(
                "assignment rule %s: its query no longer parses: %s", rule.id, error.message
            )
            continue
        stmt = select(Conversation.id).where(Conversation.id == conversation.id, condition)
        if db.execute(stmt).first() is not None:
            return rule
    return None


def _next_member(db: Session, workspace_id: int, rule: AssignmentRule, now: int) -> int | None:
    """The round-robin pick: the first available member after the last one picked."""
    if rule.team_id is None:
        return None
    # Lock the rule (PostgreSQL) so concurrent runs take turns rather than the same admin.
    locked = db.execute(
        select(AssignmentRule)
        .where(AssignmentRule.id == rule.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).scalar_one()
    try:
        members = get_team(db, workspace_id=workspace_id, team_id=locked.team_id).admin_ids
    except TeamNotFound:
        return None
    available = list(
        db.scalars(
            select(Admin.id)
            .where(Admin.id.in_(members), Admin.away_mode_enabled.is_(False))
            .order_by(Admin.id)
        )
    )
    if not available:
        return None
    last = locked.last_admin_id
    later = [admin_id for admin_id in available if last is not None and admin_id > last]
    chosen = later[0] if later else available[0]
    locked.last_admin_id = chosen
    locked.updated_at = max(now, locked.updated_at)
    db.flush()
    return chosen
