"""The only place object ids are made.

Contacts (and later companies, segments, visitors) get 24-hex ids in the MongoDB ObjectId
style whose first eight hex digits are the creation time; numeric ids (admins, teams, ...)
come from the database's own sequences. Tests pass a seeded :class:`IdFactory` to get
repeatable ids.
"""

from __future__ import annotations

import itertools
import random
import secrets
import string
import uuid

__all__ = ["IdFactory", "parse_numeric_id"]

_ALNUM = string.ascii_lowercase + string.digits


class IdFactory:
    """Makes ids; seeded factories repeat the same sequence."""

    def __init__(self, seed: int | None = None) -> None:
        self._random: random.Random | None = random.Random(seed) if seed is not None else None
        # Request ids: a random UUID4 prefix drawn once per factory (each server process
        # builds its own), then a counter: unique, and cheaper than a UUID per request.
        head = self._hex(20)
        variant = "89ab"[int(head[15], 16) % 4]
        self._request_prefix = f"{head[:8]}-{head[8:12]}-4{head[12:15]}-{variant}{head[16:19]}-"
        self._request_count = itertools.count(int(self._hex(12), 16))

    def _hex(self, digits: int) -> str:
        if self._random is None:
            return secrets.token_hex(digits // 2)
        return f"{self._random.getrandbits(digits * 4):0{digits}x}"

    def object_id(self, created_at: int) -> str:
        """A 24-hex id whose first 8 hex digits are ``created_at``."""
        return f"{created_at & 0xFFFFFFFF:08x}{self._hex(16)}"

    def number(self, digits: int = 9) -> str:
        """A random decimal id of ``digits`` digits without a leading zero (message ids)."""
        low, high = 10 ** (digits - 1), 10**digits - 1
        rng = self._random or secrets.SystemRandom()
        return str(rng.randint(low, high))

    def uuid(self) -> str:
        """A UUID4 string (request ids, activity logs, scroll params)."""
        if self._random is None:
            return str(uuid.uuid4())
        return str(uuid.UUID(int=self._random.getrandbits(128), version=4))

    def request_id(self) -> str:
        """A request id: a UUID4-shaped string, unique within this factory's lifetime."""
        return f"{self._request_prefix}{next(self._request_count) & 0xFFFFFFFFFFFF:012x}"

    def code(self, length: int = 8) -> str:
        """A short lowercase alphanumeric code (workspace ``id_code``)."""
        rng = self._random or secrets.SystemRandom()
        return "".join(rng.choice(_ALNUM) for _ in range(length))

    def token(self) -> str:
        """A new access token."""
        if self._random is None:
            return "bc_" + secrets.token_urlsafe(32)
        return "bc_" + self._hex(48)

    def __repr__(self) -> str:
        return f"IdFactory(seeded={self._random is not None})"


def parse_numeric_id(value: object) -> int | None:
    """A numeric id given as int or digit string (SDKs send both); None if it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 0 < value < 2**63 else None
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 18:
        number = int(value)
        return number if number > 0 else None
    return None
