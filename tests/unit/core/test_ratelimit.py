"""Rate-limit counting, in one process and shared by several through a mapped file."""

from __future__ import annotations

import multiprocessing
from pathlib import Path
from typing import Any

import pytest

from backchannel.core.ratelimit import RateLimiter, RateLimitExceeded, SharedWindows

NOW = 1_700_000_000  # inside one 10-second window up to NOW + 9


def _accepted(limiter: RateLimiter, workspace_id: int, calls: int, now: int = NOW) -> int:
    accepted = 0
    for _ in range(calls):
        try:
            limiter.hit(workspace_id, now)
        except RateLimitExceeded:
            continue
        accepted += 1
    return accepted


def test_one_process_counts_per_workspace_and_window():
    limiter = RateLimiter(60)  # 10 per window
    state = limiter.hit(1, NOW)
    assert (state.limit, state.remaining, state.reset) == (10, 9, NOW + 10)
    assert _accepted(limiter, 1, 20) == 9
    with pytest.raises(RateLimitExceeded) as refused:
        limiter.hit(1, NOW)
    assert refused.value.state.remaining == 0
    assert _accepted(limiter, 2, 20) == 10  # another workspace has its own allowance
    assert _accepted(limiter, 1, 20, now=NOW + 10) == 10  # the next window starts afresh


def test_limiters_sharing_a_file_share_the_allowance(tmp_path: Path):
    path = tmp_path / "counts"
    first = RateLimiter(60, shared=SharedWindows(path))
    second = RateLimiter(60, shared=SharedWindows(path))
    assert _accepted(first, 7, 6) == 6
    state = second.hit(7, NOW)
    assert state.remaining == 3  # 7 of 10 used, between the two
    assert _accepted(second, 7, 10) + _accepted(first, 7, 10) == 3
    assert _accepted(first, 7, 5, now=NOW + 10) == 5


def test_an_unenforced_limit_still_counts(tmp_path: Path):
    limiter = RateLimiter(60, enforced=False, shared=SharedWindows(tmp_path / "counts"))
    states = [limiter.hit(1, NOW) for _ in range(12)]
    assert [s.remaining for s in states[-3:]] == [0, 0, 0]


def test_workspaces_beyond_the_table_are_counted_in_this_process(tmp_path: Path):
    shared = SharedWindows(tmp_path / "counts", slots=2)
    one, other = (
        RateLimiter(60, shared=shared),
        RateLimiter(60, shared=SharedWindows(shared.path, slots=2)),
    )
    assert _accepted(one, 1, 3) == 3 and _accepted(one, 2, 3) == 3
    # Both slots count the current window: workspace 3 is counted by each process alone.
    assert _accepted(one, 3, 20) == 10 and _accepted(other, 3, 20) == 10
    # Once the window passes, stale slots are taken again and counting is shared.
    assert _accepted(one, 3, 6, now=NOW + 10) == 6
    assert _accepted(other, 3, 20, now=NOW + 10) == 4


def _hammer(path: str, calls: int, ready: Any, start: Any, results: Any) -> None:
    limiter = RateLimiter(60_000, shared=SharedWindows(path))  # 10,000 per window
    ready.put(True)
    start.wait()
    results.put(_accepted(limiter, 42, calls))


def test_processes_hitting_at_once_accept_exactly_the_allowance(tmp_path: Path):
    """Without the lock, two processes read the same count and both write back one more, so
    more calls than the allowance would be accepted."""
    path = str(tmp_path / "counts")
    context = multiprocessing.get_context("spawn")
    ready, start, results = context.Queue(), context.Event(), context.Queue()
    workers = [
        context.Process(target=_hammer, args=(path, 5000, ready, start, results)) for _ in range(4)
    ]
    for worker in workers:
        worker.start()
    for _ in workers:
        ready.get(timeout=60)
    start.set()
    accepted = [results.get(timeout=60) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
    assert sum(accepted) == 10_000, accepted
