"""Segment service functions on a real session: making segments, defaults, relative dates."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from backchannel.core.errors import (
    InvalidSearchField,
    ParameterInvalid,
    ParameterNotFound,
    SearchFieldUnavailable,
)
from backchannel.core.search import CompileContext, Operator, compile_query, parse_query
from backchannel.db.tables import Contact, Segment
from backchannel.resources.contacts.search_fields import CONTACT_FIELDS
from backchannel.resources.segments import membership, service
from backchannel.resources.segments.search import (
    contact_segment_condition,
    resolve_relative_dates,
)
from tests.conftest import START

DAY = 86_400
USERS = {"field": "role", "operator": "=", "value": "user"}


def _create(db, runtime, workspace, **overrides: Any) -> Segment:
    arguments: dict[str, Any] = {
        "workspace_id": workspace.workspace.id,
        "name": "Segment",
        "person_type": "user",
        "query": USERS,
        "now": START,
        "ids": runtime.ids,
        **overrides,
    }
    return service.create_segment(db, **arguments)


def _contact(db, workspace, contact_id: str, **fields: Any) -> None:
    db.add(
        Contact(
            id=contact_id,
            workspace_id=workspace.workspace.id,
            role=fields.pop("role", "user"),
            created_at=fields.pop("created_at", START),
            updated_at=START,
            **fields,
        )
    )
    db.flush()


def test_create_segment_stores_the_query_as_given(db, runtime, workspace):
    query = {"field": "last_seen_at", "operator": ">", "value": {"days_ago": 3}}
    segment = _create(db, runtime, workspace, name="  Recent  ", query=query, now=START + 5)
    stored = db.get(Segment, segment.id)
    assert stored is not None
    assert stored.name == "Recent"
    assert stored.query == query
    assert stored.person_type == "user"
    assert stored.created_at == stored.updated_at == START + 5
    assert int(stored.id[:8], 16) == START + 5


@pytest.mark.parametrize("name", ["", "   "])
def test_create_segment_needs_a_name(db, runtime, workspace, name):
    with pytest.raises(ParameterInvalid) as caught:
        _create(db, runtime, workspace, name=name)
    assert caught.value.message == "A segment needs a name"


def test_create_segment_name_too_long(db, runtime, workspace):
    with pytest.raises(ParameterInvalid) as caught:
        _create(db, runtime, workspace, name="x" * 256)
    assert caught.value.message == "A segment name can have at most 255 characters"


def test_create_segment_unknown_person_type(db, runtime, workspace):
    with pytest.raises(ParameterInvalid) as caught:
        _create(db, runtime, workspace, person_type="lead")
    assert caught.value.message == "person_type must be one of user, contact, not 'lead'"


@pytest.mark.parametrize(
    ("query", "error", "message"),
    [
        (
            {"field": "shoe_size", "operator": "=", "value": 42},
            InvalidSearchField,
            "shoe_size is not a valid search field",
        ),
        (
            {"field": "created_at", "operator": "!=", "value": 5},
            ParameterInvalid,
            "The operator '!=' is not allowed for created_at (date field)",
        ),
        (
            {"field": "email", "operator": "="},
            ParameterNotFound,
            "query.value is a required parameter.",
        ),
        ("role = user", ParameterInvalid, "query must be a filter object"),
        (
            {"field": "email", "operator": "=", "value": {"days_ago": 1}},
            ParameterInvalid,
            'A relative date ({"days_ago": N}) can only be used on a date field, not on email',
        ),
        (
            {"field": "created_at", "operator": ">", "value": {"days_ago": -1}},
            ParameterInvalid,
            'A relative date on created_at must be {"days_ago": N} with N a whole number of '
            "days from 0 to 36500",
        ),
        (
            {"field": "created_at", "operator": ">", "value": {"days_ago": 1, "hours": 2}},
            ParameterInvalid,
            'A relative date on created_at must be {"days_ago": N} with N a whole number of '
            "days from 0 to 36500",
        ),
        (
            {"field": "created_at", "operator": ">", "value": {"weeks_ago": 1}},
            ParameterInvalid,
            "The value for created_at must not be an object",
        ),
        (
            {"field": "segment_id", "operator": "=", "value": "000000000000000000000000"},
            ParameterInvalid,
            "segment_id 000000000000000000000000 is not a segment of this workspace",
        ),
    ],
)
def test_create_segment_invalid_query(db, runtime, workspace, query, error, message):
    with pytest.raises(error) as caught:
        _create(db, runtime, workspace, query=query)
    assert caught.value.message == message


def test_create_segment_may_use_an_existing_segment(db, runtime, workspace):
    first = _create(db, runtime, workspace, name="First")
    query = {"field": "segment_id", "operator": "IN", "value": [first.id]}
    second = _create(db, runtime, workspace, name="Second", query=query)
    assert second.query == query


def test_create_segment_cannot_use_another_workspaces_segment(
    db, runtime, workspace, other_workspace
):
    theirs = _create(db, runtime, other_workspace, name="Theirs")
    with pytest.raises(ParameterInvalid):
        _create(
            db,
            runtime,
            workspace,
            query={"field": "segment_id", "operator": "=", "value": theirs.id},
        )


def test_create_defaults(db, runtime, workspace):
    rows = db.execute(
        select(Segment.name, Segment.person_type, Segment.query)
        .where(Segment.workspace_id == workspace.workspace.id)
        .order_by(Segment.name)
    ).all()
    assert [tuple(row) for row in rows] == [
        ("Active", "user", {"field": "last_seen_at", "operator": ">", "value": {"days_ago": 30}}),
        ("All leads", "contact", {"field": "role", "operator": "=", "value": "lead"}),
        ("All users", "user", {"field": "role", "operator": "=", "value": "user"}),
        ("New", "user", {"field": "created_at", "operator": ">", "value": {"days_ago": 7}}),
    ]


def test_resolve_relative_dates_in_nested_groups():
    raw = {
        "operator": "AND",
        "value": [
            {"field": "role", "operator": "=", "value": "user"},
            {
                "operator": "OR",
                "value": [{"field": "created_at", "operator": "<", "value": {"days_ago": 2}}],
            },
        ],
    }
    resolved = resolve_relative_dates(raw, now=START, registry=CONTACT_FIELDS)
    assert resolved["value"][1]["value"][0]["value"] == START - 2 * DAY
    assert raw["value"][1]["value"][0]["value"] == {"days_ago": 2}  # the input is untouched
    assert resolved["value"][0] == raw["value"][0]


def test_membership_counts_and_contact_segments(db, runtime, workspace):
    zone = workspace.workspace.timezone
    _contact(db, workspace, "a" * 24, last_seen_at=START - DAY)
    _contact(db, workspace, "b" * 24, created_at=START - 10 * DAY)
    _contact(db, workspace, "c" * 24, role="lead")
    listed = membership.list_segments(
        db, workspace_id=workspace.workspace.id, timezone=zone, now=START, include_count=True
    )
    assert {item.segment.name: item.count for item in listed} == {
        "Active": 1,
        "All leads": 1,
        "All users": 2,
        "New": 1,
    }
    found = membership.contact_segments(
        db, workspace_id=workspace.workspace.id, contact_id="b" * 24, timezone=zone, now=START
    )
    assert [segment.name for segment in found] == ["All users"]


def test_segment_loop_matches_nobody(db, runtime, workspace):
    """Segments made outside the service could refer to each other; reads must not recurse."""
    _contact(db, workspace, "a" * 24)
    one = Segment(
        id="1" * 24,
        workspace_id=workspace.workspace.id,
        name="One",
        person_type="user",
        query={"field": "segment_id", "operator": "=", "value": "2" * 24},
        created_at=START,
        updated_at=START,
    )
    two = Segment(
        id="2" * 24,
        workspace_id=workspace.workspace.id,
        name="Two",
        person_type="user",
        query={"field": "segment_id", "operator": "=", "value": "1" * 24},
        created_at=START,
        updated_at=START,
    )
    db.add_all([one, two])
    db.flush()
    retrieved = membership.retrieve_segment(
        db,
        workspace_id=workspace.workspace.id,
        segment_id=one.id,
        timezone="UTC",
        now=START,
        include_count=True,
    )
    assert retrieved.count == 0


def test_segment_id_needs_a_search_context():
    node = parse_query({"field": "segment_id", "operator": "=", "value": "x"}, CONTACT_FIELDS)
    with pytest.raises(SearchFieldUnavailable) as caught:
        compile_query(node, CONTACT_FIELDS, timezone="UTC")
    assert caught.value.message == "segment_id is not searchable yet in this server"
    with pytest.raises(SearchFieldUnavailable):
        contact_segment_condition(Operator.EQ, "x", CONTACT_FIELDS, CompileContext("UTC"))
