"""Admins resource: teammates, away mode and the activity log other resources write to."""

from __future__ import annotations

from backchannel.resources.admins.service import ActivityType, AdminNotFound, record_activity

__all__ = ["ActivityType", "AdminNotFound", "record_activity"]
