"""Everything a running app holds: settings, engine, sessions, clock, ids, caches."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from backchannel.core.auth import TokenResolver
from backchannel.core.clock import Clock, SystemClock
from backchannel.core.ids import IdFactory
from backchannel.core.ratelimit import RateLimiter
from backchannel.db.session import make_engine, make_sessionmaker
from backchannel.settings import Settings

__all__ = ["Runtime"]


@dataclass
class Runtime:
    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]
    clock: Clock
    ids: IdFactory
    tokens: TokenResolver
    rate_limiter: RateLimiter

    @classmethod
    def build(
        cls,
        settings: Settings,
        *,
        engine: Engine | None = None,
        clock: Clock | None = None,
        ids: IdFactory | None = None,
    ) -> Runtime:
        engine = engine or make_engine(settings.database_url)
        sessions = make_sessionmaker(engine)
        return cls(
            settings=settings,
            engine=engine,
            sessions=sessions,
            clock=clock or SystemClock(),
            ids=ids or IdFactory(),
            tokens=TokenResolver(sessions, ttl=settings.token_cache_seconds),
            rate_limiter=RateLimiter(
                settings.rate_limit_per_minute, enforced=settings.rate_limit_enforced
            ),
        )
