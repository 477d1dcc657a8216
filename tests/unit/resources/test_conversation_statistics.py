"""Conversation statistics derived from parts (resources/conversations/statistics.py)."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given
from hypothesis import strategies as st

from backchannel.resources.conversations.statistics import derive

T0 = 1_000


@dataclass
class P:
    part_type: str
    author_type: str
    created_at: int
    body: str | None = None
    author_id: str = "7"
    assigned_to_type: str | None = None
    assigned_to_id: str | None = None


def test_no_parts_customer_initiated():
    out = derive(created_at=T0, source_author_type="user", parts=[])
    assert out.waiting_since == T0
    assert out.first_contact_reply_at == out.last_contact_reply_at == T0
    assert out.count_conversation_parts == 0
    assert out.time_to_admin_reply is None


def test_admin_initiated_waits_for_nobody_until_the_contact_replies():
    parts = [
        P("comment", "user", T0 + 50, "<p>hi</p>"),
        P("comment", "admin", T0 + 80, "<p>yo</p>"),
    ]
    out = derive(created_at=T0, source_author_type="admin", parts=parts)
    assert out.first_contact_reply_at == T0 + 50
    assert out.time_to_admin_reply == 30
    assert out.waiting_since is None


def test_reply_times_median_and_notes_ignored():
    parts = [
        P("note", "admin", T0 + 5, "<p>n</p>"),
        P("comment", "admin", T0 + 10, "<p>a</p>"),
        P("comment", "user", T0 + 20, "<p>b</p>"),
        P("comment", "user", T0 + 25, "<p>c</p>"),  # still the same wait
        P("close", "admin", T0 + 60, "<p>bye</p>"),  # a close with a message is a reply
    ]
    out = derive(created_at=T0, source_author_type="lead", parts=parts)
    assert out.first_admin_reply_at == T0 + 10
    assert out.last_admin_reply_at == T0 + 60
    assert out.median_time_to_reply == 25  # median of 10 and 40
    assert out.last_contact_reply_at == T0 + 25
    assert out.waiting_since is None
    assert out.last_closed_by_id == "7"


def test_close_without_message_is_not_a_reply_and_ends_the_wait():
    out = derive(created_at=T0, source_author_type="user", parts=[P("close", "admin", T0 + 9)])
    assert out.first_admin_reply_at is None
    assert out.waiting_since is None
    assert out.time_to_first_close == out.time_to_last_close == 9


def test_assignments_reopens_and_reply_after_assignment():
    parts = [
        P("assignment", "admin", T0 + 10, assigned_to_type="admin", assigned_to_id="3"),
        P("comment", "admin", T0 + 20, "<p>x</p>"),
        P("close", "admin", T0 + 30),
        P("assign_and_reopen", "admin", T0 + 40, assigned_to_type="team", assigned_to_id="4"),
        P("assignment", "admin", T0 + 45, assigned_to_type="nobody_admin"),  # unassign
        P("close", "admin", T0 + 50),
        P("open", "user", T0 + 60, "<p>again</p>"),  # a contact reply that reopened it
    ]
    out = derive(created_at=T0, source_author_type="user", parts=parts)
    assert out.count_assignments == 2
    assert out.first_assignment_at == T0 + 10 and out.last_assignment_at == T0 + 40
    assert out.time_to_assignment == 10
    assert out.last_assignment_admin_reply_at is None  # nobody replied since the last one
    assert out.count_reopens == 2
    assert out.first_close_at == T0 + 30 and out.last_close_at == T0 + 50
    assert out.waiting_since == T0 + 60
    assert out.count_conversation_parts == 7


def test_snooze_and_wake_are_not_reopens():
    parts = [
        P("snoozed", "admin", T0 + 1),
        P("unsnoozed", "bot", T0 + 2),
        P("open", "admin", T0 + 3),
    ]
    assert derive(created_at=T0, source_author_type="user", parts=parts).count_reopens == 0


_PART = st.builds(
    P,
    part_type=st.sampled_from(["comment", "note", "close", "open", "assignment", "snoozed"]),
    author_type=st.sampled_from(["admin", "user", "bot"]),
    created_at=st.integers(T0, T0 + 10_000),
    body=st.sampled_from([None, "<p>x</p>"]),
    assigned_to_type=st.sampled_from([None, "admin", "team"]),
    assigned_to_id=st.sampled_from([None, "1"]),
)


@given(st.lists(_PART, max_size=30), st.sampled_from(["user", "admin"]))
def test_invariants(parts, source_author):
    parts.sort(key=lambda p: p.created_at)
    out = derive(created_at=T0, source_author_type=source_author, parts=parts)
    assert out.count_conversation_parts == len(parts)
    for first, last in [
        ("first_contact_reply_at", "last_contact_reply_at"),
        ("first_admin_reply_at", "last_admin_reply_at"),
        ("first_close_at", "last_close_at"),
        ("first_assignment_at", "last_assignment_at"),
    ]:
        a, b = getattr(out, first), getattr(out, last)
        assert (a is None) == (b is None)
        assert a is None or a <= b
    if out.time_to_admin_reply is not None:
        assert out.time_to_admin_reply >= 0 and out.median_time_to_reply is not None
    assert out.count_reopens <= sum(p.part_type == "open" for p in parts)
    assert out.count_assignments <= sum(p.part_type == "assignment" for p in parts)
