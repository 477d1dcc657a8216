"""Query strings of the segment operations."""

from __future__ import annotations

import msgspec

__all__ = ["SegmentQuery"]


class SegmentQuery(msgspec.Struct):
    """``?include_count=true``: fill each segment's ``count``."""

    include_count: bool = False
