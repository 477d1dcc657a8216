"""Everything a running app holds: settings, engine, sessions, clock, ids, caches."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field

from sqlalchemy import Connection, Engine
from sqlalchemy.orm import Session, sessionmaker

from backchannel.core.auth import TokenResolver
from backchannel.core.clock import Clock, SystemClock
from backchannel.core.ids import IdFactory
from backchannel.core.ratelimit import RateLimiter, SharedWindows
from backchannel.core.rendered import RenderedBodies
from backchannel.db.session import make_engine, make_sessionmaker
from backchannel.settings import Settings

__all__ = ["Runtime"]

logger = logging.getLogger("backchannel.runtime")


@dataclass
class Runtime:
    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]
    clock: Clock
    ids: IdFactory
    tokens: TokenResolver
    rate_limiter: RateLimiter
    rendered: RenderedBodies
    _local: threading.local = field(default_factory=threading.local, repr=False)
    _readers: list[Connection] = field(default_factory=list, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def reader(self) -> Connection:
        """This thread's connection for read-only work, kept open from request to request.

        Checking a connection out of the pool and back in costs more than the primary-key
        read most requests make. Requests on one thread run one after another (handlers do
        not await), so a thread's reader is never shared; :meth:`end_read` ends what each
        request began on it, and :meth:`close_readers` closes them all at shutdown.
        """
        connection: Connection | None = getattr(self._local, "reader", None)
        if connection is None or connection.closed or connection.invalidated:
            connection = self.engine.connect()
            if connection.dialect.name == "postgresql":
                # Each statement already reads its own snapshot under READ COMMITTED, so a
                # transaction around a request's reads adds nothing but a BEGIN and a
                # ROLLBACK: a round trip per request to the database server.
                connection.execution_options(isolation_level="AUTOCOMMIT")
            self._local.reader = connection
            with self._lock:
                self._readers.append(connection)
        return connection

    def end_read(self, connection: Connection) -> None:
        """Roll back whatever a request's reads began, so the next request sees fresh data;
        a reader that cannot be reset is closed and replaced on next use."""
        try:
            if connection.in_transaction():
                connection.rollback()
            else:
                # Prepared reads run on the driver connection directly (db/prepared.py); a
                # driver that opened a transaction for them has it ended here.
                connection.connection.dbapi_connection.rollback()  # type: ignore[union-attr]
        except Exception:
            logger.warning("closing a read connection that could not be reset", exc_info=True)
            self._drop(connection)

    def close_readers(self) -> None:
        """Close every thread's reader (at shutdown, before the engine is disposed)."""
        with self._lock:
            readers, self._readers = self._readers, []
        self._local = threading.local()
        for connection in readers:
            try:
                connection.close()
            except Exception:
                logger.warning("could not close a read connection", exc_info=True)

    def _drop(self, connection: Connection) -> None:
        with self._lock:
            if connection in self._readers:
                self._readers.remove(connection)
        if getattr(self._local, "reader", None) is connection:
            self._local.reader = None
        try:
            connection.invalidate()
            connection.close()
        except Exception:
            logger.warning("could not close a read connection", exc_info=True)

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
        shared = SharedWindows(settings.rate_limit_file) if settings.rate_limit_file else None
        sessions = make_sessionmaker(engine)
        return cls(
            settings=settings,
            engine=engine,
            sessions=sessions,
            clock=clock or SystemClock(),
            ids=ids or IdFactory(),
            tokens=TokenResolver(sessions, ttl=settings.token_cache_seconds),
            rate_limiter=RateLimiter(
                settings.rate_limit_per_minute,
                enforced=settings.rate_limit_enforced,
                shared=shared,
            ),
            rendered=RenderedBodies(settings.render_cache_entries),
        )
