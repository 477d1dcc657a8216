"""What a query is compiled for, beyond the query itself.

Most fields compile from the predicate alone. A few need more: ``segment_id`` loads a saved
query of the searched workspace and expands it, and saved queries may hold dates relative to
the time of the search. :class:`CompileContext` carries those facts through
:func:`~backchannel.core.search.compile_query` to the fields' ``context_builder``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["CompileContext"]


@dataclass(frozen=True, slots=True)
class CompileContext:
    """The search a query is compiled for.

    Attributes:
        timezone: the workspace's IANA time zone (day boundaries of ``DAY`` dates).
        workspace_id: the searched workspace; fields that load stored records need it.
        now: the time of the search in unix seconds; relative dates need it.
        db: a read handle (ORM session or connection) for fields that load stored records.
        expanding: keys of the saved queries being expanded into this one, so a saved query
            that refers back to itself cannot recurse forever.
    """

    timezone: str
    workspace_id: int | None = None
    now: int | None = None
    db: Any = None
    expanding: frozenset[str] = frozenset()

    def __repr__(self) -> str:
        return (
            f"CompileContext(timezone={self.timezone!r}, workspace_id={self.workspace_id!r}, "
            f"now={self.now!r}, expanding={sorted(self.expanding)!r})"
        )
