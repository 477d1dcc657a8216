"""Request models for the admin operations: query strings and the away-mode body."""

from __future__ import annotations

import msgspec

__all__ = ["ActivityLogListQuery", "AdminListQuery", "AwayModeUpdate"]


class AdminListQuery(msgspec.Struct):
    """``GET /admins`` query: ``display_avatar=true`` adds each admin's avatar object."""

    display_avatar: bool = False


class AwayModeUpdate(msgspec.Struct, forbid_unknown_fields=True):
    """``PUT /admins/{id}/away`` body; both flags are required booleans.

    ``away_status_reason_id`` belongs to later API versions (the current SDKs send it when
    asked to); 2.10 has no away reasons, so it is accepted and ignored.
    """

    away_mode_enabled: bool
    away_mode_reassign: bool
    away_status_reason_id: int | None = None


class ActivityLogListQuery(msgspec.Struct):
    """``GET /admins/activity_logs`` query.

    ``created_at_after`` (required) and ``created_at_before`` are unix seconds sent as digit
    strings and bound the range inclusively; ``per_page``/``starting_after`` page it.
    """

    created_at_after: int
    created_at_before: int | None = None
    per_page: int | None = None
    starting_after: str | None = None
