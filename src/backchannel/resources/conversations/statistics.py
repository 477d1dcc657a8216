"""Conversation statistics and ``waiting_since``, derived from the parts alone.

Nothing here is stored by hand: after every change the service replays the conversation's
parts in order through :func:`derive` and writes the result to the conversation's columns.
The rules:

* A *contact message* is the source when a contact wrote it, and every contact ``comment``
  or ``open`` part (a contact reply that reopened the conversation). The first one starts
  the customer waiting (``waiting_since``).
* An *admin reply* is an admin ``comment`` or ``quick_reply``, or a ``close`` or assignment
  part that carried a message. Notes are never replies. A reply ends the wait; the time
  waited is one reply time (``median_time_to_reply``; the first is ``time_to_admin_reply``).
* An *assignment* is an assignment part that assigned someone (unassigning is not counted).
  ``last_assignment_admin_reply_at`` is the first admin reply since the latest assignment.
* Closing ends any wait. Opening a closed conversation again (an ``open`` or
  ``assign_and_reopen`` part, including a contact reply that reopened it) is a reopen.
"""

from __future__ import annotations

import statistics as stats
from collections.abc import Iterable
from dataclasses import dataclass, fields
from typing import Protocol

__all__ = ["ASSIGNMENT_PARTS", "CONTACT_AUTHORS", "Derived", "PartLike", "derive"]

CONTACT_AUTHORS = frozenset({"user", "lead", "contact"})
ASSIGNMENT_PARTS = frozenset(
    {"assignment", "assign_and_reopen", "default_assignment", "away_mode_assignment"}
)
_REPLIES = frozenset({"comment", "quick_reply"})
_REPLIES_WITH_BODY = frozenset({"close"}) | ASSIGNMENT_PARTS
_CONTACT_MESSAGES = frozenset({"comment", "open"})
_NOBODY = frozenset({None, "nobody_admin"})


class PartLike(Protocol):
    part_type: str
    author_type: str
    author_id: str
    created_at: int
    body: str | None
    assigned_to_type: str | None
    assigned_to_id: str | None


@dataclass(slots=True)
class Derived:
    """Everything :func:`derive` computes; field names are the conversation's column names."""

    waiting_since: int | None = None
    time_to_assignment: int | None = None
    time_to_admin_reply: int | None = None
    time_to_first_close: int | None = None
    time_to_last_close: int | None = None
    median_time_to_reply: int | None = None
    first_contact_reply_at: int | None = None
    first_assignment_at: int | None = None
    first_admin_reply_at: int | None = None
    first_close_at: int | None = None
    last_assignment_at: int | None = None
    last_assignment_admin_reply_at: int | None = None
    last_contact_reply_at: int | None = None
    last_admin_reply_at: int | None = None
    last_close_at: int | None = None
    last_closed_by_id: str | None = None
    count_reopens: int = 0
    count_assignments: int = 0
    count_conversation_parts: int = 0

    def columns(self) -> dict[str, int | str | None]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def _is_admin_reply(part: PartLike) -> bool:
    if part.author_type != "admin":
        return False
    if part.part_type in _REPLIES:
        return True
    return part.part_type in _REPLIES_WITH_BODY and bool(part.body)


def _is_contact_message(part: PartLike) -> bool:
    return part.author_type in CONTACT_AUTHORS and part.part_type in _CONTACT_MESSAGES


def _is_assignment(part: PartLike) -> bool:
    if part.part_type not in ASSIGNMENT_PARTS or part.assigned_to_type in _NOBODY:
        return False
    return part.assigned_to_id not in (None, "0")


def derive(*, created_at: int, source_author_type: str, parts: Iterable[PartLike]) -> Derived:
    """The statistics of a conversation started at ``created_at`` by a source written by an
    author of ``source_author_type``, given its parts in the order they happened."""
    out = Derived()
    waiting: int | None = None
    state = "open"
    reply_times: list[int] = []
    if source_author_type in CONTACT_AUTHORS:
        out.first_contact_reply_at = out.last_contact_reply_at = created_at
        waiting = created_at
    for part in parts:
        out.count_conversation_parts += 1
        at = part.created_at
        if _is_contact_message(part):
            if out.first_contact_reply_at is None:
                out.first_contact_reply_at = at
            out.last_contact_reply_at = at
            if waiting is None:
                waiting = at
        if _is_admin_reply(part):
            if out.first_admin_reply_at is None:
                out.first_admin_reply_at = at
            out.last_admin_reply_at = at
            if waiting is not None:
                reply_times.append(max(0, at - waiting))
                waiting = None
            if out.last_assignment_at is not None and out.last_assignment_admin_reply_at is None:
                out.last_assignment_admin_reply_at = at
        if _is_assignment(part):
            out.count_assignments += 1
            if out.first_assignment_at is None:
                out.first_assignment_at = at
            out.last_assignment_at = at
            out.last_assignment_admin_reply_at = None
        if part.part_type == "close":
            if out.first_close_at is None:
                out.first_close_at = at
            out.last_close_at = at
            out.last_closed_by_id = part.author_id
            state = "closed"
            waiting = None
        elif part.part_type in ("open", "assign_and_reopen"):
            if state == "closed":
                out.count_reopens += 1
            state = "open"
        elif part.part_type == "snoozed":
            state = "snoozed"
        elif part.part_type == "unsnoozed":
            state = "open"
    out.waiting_since = waiting
    if out.first_assignment_at is not None:
        out.time_to_assignment = max(0, out.first_assignment_at - created_at)
    if reply_times:
        out.time_to_admin_reply = reply_times[0]
        out.median_time_to_reply = int(stats.median(reply_times))
    if out.first_close_at is not None:
        out.time_to_first_close = max(0, out.first_close_at - created_at)
    if out.last_close_at is not None:
        out.time_to_last_close = max(0, out.last_close_at - created_at)
    return out
