"""notes operations: one thin handler per operationId."""

from __future__ import annotations

from backchannel.core.http import Operation

__all__ = ["OPERATIONS"]

OPERATIONS: list[Operation] = []
