"""The one source of time: integer unix seconds, replaceable in tests."""

from __future__ import annotations

import time
from typing import Protocol

__all__ = ["Clock", "FrozenClock", "SystemClock"]


class Clock(Protocol):
    def now(self) -> int:
        """Current time as unix seconds."""
        ...


class SystemClock:
    """Wall-clock time."""

    def now(self) -> int:
        return int(time.time())

    def __repr__(self) -> str:
        return "SystemClock()"


class FrozenClock:
    """A clock that only moves when told to."""

    def __init__(self, start: int = 1_717_000_000) -> None:
        self._now = start

    def now(self) -> int:
        return self._now

    def set(self, value: int) -> None:
        self._now = value

    def advance(self, seconds: int) -> int:
        self._now += seconds
        return self._now

    def __repr__(self) -> str:
        return f"FrozenClock({self._now})"
