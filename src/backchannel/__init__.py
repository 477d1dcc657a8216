"""Backchannel: an Intercom-compatible customer-messaging server (Intercom REST API 2.10)."""

from __future__ import annotations

__all__ = ["API_VERSION", "__version__"]

__version__ = "0.1.0"
API_VERSION = "2.10"
