"""Alembic environment: runs on the connection handed over by ``backchannel.db.migrate``."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from backchannel.db.base import render_migration_type
from backchannel.db.runtime_indexes import include_object
from backchannel.db.tables import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        engine = config.attributes["engine"]
        with engine.begin() as connection:
            _run(connection)
    else:
        _run(connection)


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        include_object=include_object,
        render_item=render_migration_type,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("Backchannel migrations run online only: use `backchannel db upgrade`.")
run_migrations_online()
