"""Per-workspace rate limiting in 10-second windows, with Intercom's ``X-RateLimit-*`` headers.

The per-minute allowance is split evenly into six windows (1000/min -> 167 per 10 s). A single
process counts in memory. The API processes of ``backchannel serve --workers N`` share their
counts through a small memory-mapped file (:class:`SharedWindows`, named by
``BACKCHANNEL_RATE_LIMIT_FILE``), so the allowance holds for the server as a whole rather
than for each process. Servers on different hosts still count on their own.
"""

from __future__ import annotations

import fcntl
import math
import mmap
import os
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from backchannel.core.errors import RateLimited

__all__ = ["RateLimitState", "RateLimiter", "SharedWindows"]

WINDOW_SECONDS = 10


@dataclass(frozen=True, slots=True)
class RateLimitState:
    limit: int
    remaining: int
    reset: int

    def raw_headers(self) -> list[tuple[bytes, bytes]]:
        """The ``X-RateLimit-Limit``, ``-Remaining`` and ``-Reset`` headers, as ASGI takes them."""
        return [
            (b"x-ratelimit-limit", b"%d" % self.limit),
            (b"x-ratelimit-remaining", b"%d" % self.remaining),
            (b"x-ratelimit-reset", b"%d" % self.reset),
        ]


class SharedWindows:
    """Window counts by workspace in a file that several processes map: a fixed table of
    ``(workspace id, window, calls)`` slots, found by open addressing from the workspace id
    and changed under an exclusive ``flock``.

    A slot whose window has passed holds nothing of use, so another workspace may take it.
    A workspace that finds no slot within :data:`MAX_PROBE` (every one counting the current
    window for others) is counted in this process only.
    """

    SLOT = struct.Struct("<qqq")
    MAX_PROBE = 64

    def __init__(self, path: str | Path, *, slots: int = 4096) -> None:
        self.path = Path(path)
        self.slots = slots
        size = slots * self.SLOT.size
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            if os.fstat(fd).st_size < size:
                os.ftruncate(fd, size)
            self._map = mmap.mmap(fd, size)
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd

    def count(self, workspace_id: int, window: int, *, limit: int, enforced: bool) -> int | None:
        """Count a call unless over ``limit`` (when ``enforced``); returns the window's calls
        before this one, or None when the table has no room for the workspace."""
        fcntl.flock(self._fd, fcntl.LOCK_EX)
        try:
            found = self._slot(workspace_id, window)
            if found is None:
                return None
            offset, used = found
            if not (enforced and used >= limit):
                self.SLOT.pack_into(self._map, offset, workspace_id, window, used + 1)
            return used
        finally:
            fcntl.flock(self._fd, fcntl.LOCK_UN)

    def _slot(self, workspace_id: int, window: int) -> tuple[int, int] | None:
        """Where the workspace's count is and its calls in ``window``: its own slot, else the
        first free one (empty, or of a past window) along its probe sequence."""
        free = None
        for probe in range(min(self.MAX_PROBE, self.slots)):
            offset = ((workspace_id + probe) % self.slots) * self.SLOT.size
            owner, slot_window, used = cast(
                tuple[int, int, int], self.SLOT.unpack_from(self._map, offset)
            )
            if owner == workspace_id:
                return offset, used if slot_window == window else 0
            if free is None and (owner == 0 or slot_window != window):
                free = offset
            if owner == 0:
                break  # slots are taken over but never emptied: none of this one's lies further
        return (free, 0) if free is not None else None

    def close(self) -> None:
        self._map.close()
        os.close(self._fd)

    def __repr__(self) -> str:
        return f"SharedWindows({str(self.path)!r}, slots={self.slots})"


class RateLimiter:
    """Counts calls per workspace per window and refuses those over the allowance; with
    ``shared``, the counts are those of every process mapping the same file."""

    def __init__(
        self, per_minute: int, *, enforced: bool = True, shared: SharedWindows | None = None
    ) -> None:
        self.limit = max(1, math.ceil(per_minute / (60 // WINDOW_SECONDS)))
        self.enforced = enforced
        self.shared = shared
        self._windows: dict[int, tuple[int, int]] = {}

    def hit(self, workspace_id: int, now: int) -> RateLimitState:
        """Count one call; raise :class:`RateLimited` (carrying the headers) when over."""
        window = now // WINDOW_SECONDS
        reset = (window + 1) * WINDOW_SECONDS
        used = None
        if self.shared is not None:
            used = self.shared.count(workspace_id, window, limit=self.limit, enforced=self.enforced)
        if used is None:
            used = self._count_here(workspace_id, window)
        if self.enforced and used >= self.limit:
            raise RateLimitExceeded(RateLimitState(self.limit, 0, reset))
        return RateLimitState(self.limit, max(0, self.limit - used - 1), reset)

    def _count_here(self, workspace_id: int, window: int) -> int:
        current_window, used = self._windows.get(workspace_id, (window, 0))
        if current_window != window:
            used = 0
        if not (self.enforced and used >= self.limit):
            self._windows[workspace_id] = (window, used + 1)
        else:
            self._windows[workspace_id] = (window, used)
        return used

    def __repr__(self) -> str:
        return f"RateLimiter(limit={self.limit}, enforced={self.enforced}, shared={self.shared})"


class RateLimitExceeded(RateLimited):
    def __init__(self, state: RateLimitState) -> None:
        super().__init__(f"Exceeded rate limit of {state.limit} in 10_seconds")
        self.state = state
