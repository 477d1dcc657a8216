"""Resource packages, one per URL segment. Each exposes ``OPERATIONS`` from its routes."""

from __future__ import annotations

from backchannel.core.http import Operation
from backchannel.resources.admins.routes import OPERATIONS as _ADMINS
from backchannel.resources.contacts.routes import OPERATIONS as _CONTACTS
from backchannel.resources.teams.routes import OPERATIONS as _TEAMS

__all__ = ["OPERATIONS"]

OPERATIONS: list[Operation] = [*_ADMINS, *_TEAMS, *_CONTACTS]
