"""Bearer token -> the workspace and admin it acts for, with a short in-process cache."""

from __future__ import annotations

import time
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from backchannel.core.errors import Unauthorized
from backchannel.db.tables import AccessToken, Workspace

__all__ = ["Principal", "TokenResolver", "WorkspaceInfo", "bearer_token"]


@dataclass(frozen=True, slots=True)
class WorkspaceInfo:
    """The parts of a workspace that requests need, detached from any session."""

    id: int
    id_code: str
    name: str
    timezone: str
    region: str
    identity_verification: bool
    created_at: int


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is calling: a workspace, and the admin its token acts as."""

    workspace: WorkspaceInfo
    admin_id: int


def bearer_token(authorization: str | None) -> str:
    """The token of an ``Authorization: Bearer <token>`` header; 401 when absent."""
    if not authorization:
        raise Unauthorized()
    scheme, _, token = authorization.partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise Unauthorized()
    return token


class TokenResolver:
    """Looks tokens up, trusting an answer for ``ttl`` seconds."""

    def __init__(self, sessions: sessionmaker[Session], *, ttl: float = 5.0) -> None:
        self._sessions = sessions
        self._ttl = ttl
        self._cache: dict[str, tuple[Principal, float]] = {}

    def resolve(self, token: str) -> Principal:
        now = time.monotonic()
        cached = self._cache.get(token)
        if cached is not None and cached[1] > now:
            return cached[0]
        principal = self._lookup(token)
        if self._ttl > 0:
            if len(self._cache) > 10_000:
                self._cache.clear()
            self._cache[token] = (principal, now + self._ttl)
        return principal

    def forget(self) -> None:
        self._cache.clear()

    def _lookup(self, token: str) -> Principal:
        with self._sessions() as db:
            row = db.execute(
                select(AccessToken.admin_id, AccessToken.revoked, Workspace)
                .join(Workspace, Workspace.id == AccessToken.workspace_id)
                .where(AccessToken.token == token)
            ).first()
        if row is None or row.revoked:
            raise Unauthorized()
        ws: Workspace = row.Workspace
        info = WorkspaceInfo(
            id=ws.id,
            id_code=ws.id_code,
            name=ws.name,
            timezone=ws.timezone,
            region=ws.region,
            identity_verification=ws.identity_verification,
            created_at=ws.created_at,
        )
        return Principal(workspace=info, admin_id=row.admin_id)

    def __repr__(self) -> str:
        return f"TokenResolver(ttl={self._ttl})"
