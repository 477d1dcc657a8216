"""Encoded response bodies, kept by the stored data they were rendered from.

A contact's JSON is a function of its stored row (and of nothing else, when nothing hangs off
it): read the same row again and the same body comes out. :class:`RenderedBodies` keeps
bodies under a key made of that row's raw content (``db.prepared.Fetched.key``), so a read
that finds the row unchanged sends the kept bytes instead of converting, rendering and
encoding it again. There is nothing to invalidate: a change anywhere (this process, another
worker, a script writing to the database) changes the row, hence the key, and the next read
renders afresh. Entries for rows that changed are never asked for again and age out.

The map is bounded; when full, the entry kept longest goes first.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

import msgspec

__all__ = ["RenderedBodies"]

_encode = msgspec.json.Encoder().encode


class RenderedBodies:
    """At most ``entries`` encoded bodies by key; ``entries=0`` keeps none."""

    def __init__(self, entries: int) -> None:
        self.entries = entries
        self._bodies: dict[Hashable, msgspec.Raw] = {}

    def get(self, key: Hashable) -> msgspec.Raw | None:
        """The body kept under ``key``, as a fragment the JSON encoder sends verbatim."""
        return self._bodies.get(key)

    def put(self, key: Hashable, body: Any) -> msgspec.Raw:
        """Encode ``body`` and keep it under ``key``; returns the encoded fragment."""
        encoded = msgspec.Raw(_encode(body))
        if self.entries > 0:
            if len(self._bodies) >= self.entries:
                del self._bodies[next(iter(self._bodies))]
            self._bodies[key] = encoded
        return encoded

    def clear(self) -> None:
        self._bodies.clear()

    def __len__(self) -> int:
        return len(self._bodies)

    def __repr__(self) -> str:
        return f"RenderedBodies({len(self._bodies)}/{self.entries})"
