"""Request body of the data export operations."""

from __future__ import annotations

from typing import Annotated

import msgspec
from msgspec import Meta

__all__ = ["DataExportCreate"]

UnixTime = Annotated[int, Meta(ge=0, le=2**53)]


class DataExportCreate(msgspec.Struct, forbid_unknown_fields=True):
    """``POST /export/content/data``: the window, both ends inclusive unix seconds."""

    created_at_after: UnixTime
    created_at_before: UnixTime
