"""Shared fixtures for tests of the ``backchannel`` command line (click's CliRunner).

The root conftest loads this module as a plugin, so ``database_url`` and
``clean_environment`` are fixtures everywhere; a module of CLI tests marks itself
``pytestmark = pytest.mark.usefixtures("clean_environment")`` and calls :func:`run_cli`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from backchannel.cli import main
from backchannel.db.scratch import schema_name, scratch_schema
from backchannel.settings import ENV_PREFIX, Settings, get_settings

__all__ = ["clean_environment", "database_url", "run_cli"]

# Read once at import: clean_environment removes every BACKCHANNEL_* variable during a test.
POSTGRES_URL = os.environ.get("BACKCHANNEL_TEST_POSTGRES_URL")


@pytest.fixture
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """No BACKCHANNEL_* variable in, none leaked out (the CLI writes flags into os.environ)."""
    keys = {ENV_PREFIX + name.upper() for name in Settings.__struct_fields__}
    keys |= {key for key in os.environ if key.startswith(ENV_PREFIX)}
    for key in keys:
        monkeypatch.setenv(key, "")  # remembers the original value (or its absence) ...
        monkeypatch.delenv(key)  # ... and teardown restores it, whatever the CLI wrote
    monkeypatch.chdir(tmp_path)  # no .env file of a working copy is read
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database: a SQLite file, or a PostgreSQL schema made and dropped here."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'cli.db'}"
        return
    postgres_url = POSTGRES_URL
    if not postgres_url:
        pytest.skip("BACKCHANNEL_TEST_POSTGRES_URL is not set")
    with scratch_schema(postgres_url, schema_name("bc_cli")) as url:
        yield url


def run_cli(database_url: str, *args: str) -> Result:
    """``backchannel <args> --database-url <database_url>``."""
    return CliRunner().invoke(main, [*args, "--database-url", database_url])
