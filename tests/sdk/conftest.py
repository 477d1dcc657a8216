"""A real Backchannel server in a child process, on a free loopback port, per database."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import quote

import httpx
import pytest
from sqlalchemy import text

from backchannel.db.session import make_engine
from tests.conftest import DATABASES, POSTGRES_URL

TOKEN = "bc_sdk_test_token"


@dataclass(frozen=True)
class Server:
    base_url: str
    token: str


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(params=DATABASES, scope="module")
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    schema = None
    if request.param == "sqlite":
        database_url = f"sqlite:///{tmp_path_factory.mktemp('sdk') / 'backchannel.db'}"
    else:
        assert POSTGRES_URL
        schema = f"bc_sdk_{os.getpid()}_{uuid.uuid4().hex[:8]}"
        engine = make_engine(POSTGRES_URL)
        with engine.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        engine.dispose()
        database_url = f"{POSTGRES_URL}?options={quote(f'-csearch_path={schema}')}"
    port = _free_port()
    env = {
        **os.environ,
        "BACKCHANNEL_DATABASE_URL": database_url,
        "BACKCHANNEL_PORT": str(port),
        "BACKCHANNEL_BOOTSTRAP_TOKEN": TOKEN,
        "BACKCHANNEL_LOG_LEVEL": "warning",
    }
    # The server's output goes to a file, not a pipe: nobody reads a pipe while the tests
    # run, and a full pipe would block the server on its next log line.
    log = tempfile.TemporaryFile()  # noqa: SIM115 - closed in the finally below
    process = subprocess.Popen(
        [sys.executable, "-m", "backchannel", "serve"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base_url}/_backchannel/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                process.wait(timeout=10)
                log.seek(0)
                raise RuntimeError(f"server did not start:\n{log.read().decode(errors='replace')}")
            time.sleep(0.05)
        yield Server(base_url, TOKEN)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
        if schema:
            engine = make_engine(POSTGRES_URL)
            with engine.begin() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            engine.dispose()
