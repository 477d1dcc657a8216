"""Per-workspace rate limiting in 10-second windows, with Intercom's ``X-RateLimit-*`` headers.

The per-minute allowance is split evenly into six windows (1000/min -> 167 per 10 s). Counts
are kept per process; several API processes each enforce the allowance on their own share of
the traffic.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from backchannel.core.errors import RateLimited

__all__ = ["RateLimitState", "RateLimiter"]

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


class RateLimiter:
    """Counts calls per workspace per window and refuses those over the allowance."""

    def __init__(self, per_minute: int, *, enforced: bool = True) -> None:
        self.limit = max(1, math.ceil(per_minute / (60 // WINDOW_SECONDS)))
        self.enforced = enforced
        self._windows: dict[int, tuple[int, int]] = {}

    def hit(self, workspace_id: int, now: int) -> RateLimitState:
        """Count one call; raise :class:`RateLimited` (carrying the headers) when over."""
        window = now // WINDOW_SECONDS
        reset = (window + 1) * WINDOW_SECONDS
        current_window, used = self._windows.get(workspace_id, (window, 0))
        if current_window != window:
            used = 0
        if self.enforced and used >= self.limit:
            self._windows[workspace_id] = (window, used)
            state = RateLimitState(self.limit, 0, reset)
            raise RateLimitExceeded(state)
        used += 1
        self._windows[workspace_id] = (window, used)
        return RateLimitState(self.limit, max(0, self.limit - used), reset)

    def __repr__(self) -> str:
        return f"RateLimiter(limit={self.limit}, enforced={self.enforced})"


class RateLimitExceeded(RateLimited):
    def __init__(self, state: RateLimitState) -> None:
        super().__init__(f"Exceeded rate limit of {state.limit} in 10_seconds")
        self.state = state
