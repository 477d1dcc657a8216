"""Alembic, driven from code: ``backchannel db upgrade`` and ``serve`` call :func:`upgrade`.

Alembic is imported only when there is something to migrate: a database already at
:data:`HEAD` is recognised by one query, which keeps Alembic out of the serving process and
off its start-up time. A test checks that :data:`HEAD` is Alembic's own head.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from backchannel.db.session import writer

if TYPE_CHECKING:
    from alembic.config import Config

__all__ = ["HEAD", "alembic_config", "current_revision", "upgrade"]

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# The newest migration's revision id; update it with each new migration.
HEAD = "0007"
# The PostgreSQL advisory lock a migration holds (any fixed number no other code locks).
MIGRATION_LOCK = 0x6263_6D69  # "bcmi"


def alembic_config(engine: Engine | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if engine is not None:
        config.attributes["engine"] = engine
    return config


def current_revision(engine: Engine) -> str | None:
    """The revision the database of ``engine`` is at, or None when it has none."""
    try:
        with engine.connect() as connection:
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except DBAPIError:  # no alembic_version table yet
        return None


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database of ``engine`` up to ``revision``.

    Processes that start together on one new database (an API process and a worker, or
    several hosts) each call this. The migration runs in one transaction that first takes
    the database's migration lock (an advisory lock on PostgreSQL, SQLite's write lock), so
    one process migrates and the others, once it commits, find nothing left to do.
    """
    if revision in ("head", HEAD) and current_revision(engine) == HEAD:
        return
    from alembic import command

    with writer(engine).begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
