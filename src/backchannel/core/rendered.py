"""Encoded response bodies, kept by the stored data they were rendered from.

A contact's JSON is a function of its stored row (and of nothing else, when nothing hangs off
it): read the same row again and the same body comes out. :class:`RenderedBodies` keeps
bodies under a key made of that row's raw content (``db.prepared.Fetched.key``), so a read
that finds the row unchanged sends the kept bytes instead of converting, rendering and
encoding it again. There is nothing to invalidate: a change anywhere (this process, another
worker, a script writing to the database) changes the row, hence the key, and the next read
renders afresh. Entries for rows that changed are never asked for again and age out.

Where the database can tell that nothing at all has changed (SQLite's stamp,
``db.versions.data_version``), the body last rendered for a name (a contact id) is also kept
with the stamp taken before it was read: :meth:`RenderedBodies.latest` gives it back while
the stamp is unchanged, so a read of an unchanged database skips the query too. Any commit
anywhere moves the stamp, and the next read queries and compares content again.

Both maps are bounded; when one is full, the entry kept longest goes first.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

import msgspec

__all__ = ["RenderedBodies"]

_encode = msgspec.json.Encoder().encode


class RenderedBodies:
    """At most ``entries`` encoded bodies by content key, and as many by name; ``entries=0``
    keeps none."""

    def __init__(self, entries: int) -> None:
        self.entries = entries
        self._bodies: dict[Hashable, msgspec.Raw] = {}
        self._latest: dict[Hashable, tuple[Hashable, msgspec.Raw]] = {}

    def get(self, key: Hashable) -> msgspec.Raw | None:
        """The body kept under content ``key``, as a fragment the JSON encoder sends
        verbatim."""
        return self._bodies.get(key)

    def latest(self, name: Hashable, stamp: Hashable | None) -> msgspec.Raw | None:
        """The body last kept for ``name``, if the database still stands at the ``stamp`` it
        was read under; None otherwise (and always when ``stamp`` is None)."""
        if stamp is None:
            return None
        entry = self._latest.get(name)
        if entry is None or entry[0] != stamp:
            return None
        return entry[1]

    def put(
        self,
        key: Hashable | None,
        body: Any,
        *,
        name: Hashable | None = None,
        stamp: Hashable | None = None,
    ) -> msgspec.Raw:
        """Encode ``body``; keep it under content ``key`` (unless None), and as the latest
        body for ``name`` read under ``stamp`` (when both are given). Returns the encoded
        fragment."""
        encoded = body if isinstance(body, msgspec.Raw) else msgspec.Raw(_encode(body))
        if self.entries > 0:
            if key is not None:
                _keep(self._bodies, self.entries, key, encoded)
            if name is not None and stamp is not None:
                _keep(self._latest, self.entries, name, (stamp, encoded))
        return encoded

    def clear(self) -> None:
        self._bodies.clear()
        self._latest.clear()

    def __len__(self) -> int:
        return len(self._bodies)

    def __repr__(self) -> str:
        return f"RenderedBodies({len(self._bodies)}+{len(self._latest)}/{self.entries})"


def _keep(entries: dict[Hashable, Any], limit: int, key: Hashable, value: Any) -> None:
    if key not in entries and len(entries) >= limit:
        del entries[next(iter(entries))]
    entries[key] = value
