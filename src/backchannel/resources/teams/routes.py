from __future__ import annotations

from backchannel.core.http import Operation

OPERATIONS: list[Operation] = []
