"""Real Backchannel servers in child processes, for tests that need HTTP over a socket
(the official SDK, schemathesis, concurrent clients, crash recovery).

``fresh_database`` gives a database URL of its own (a SQLite file or a PostgreSQL schema
that is dropped afterwards); ``live_server`` starts ``backchannel serve`` on a free loopback
port against a URL and stops it again.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import httpx

from backchannel.db.scratch import schema_name, scratch_schema
from tests.conftest import POSTGRES_URL

TOKEN = "bc_live_test_token"


@dataclass
class Server:
    base_url: str
    token: str
    database_url: str
    process: subprocess.Popen[bytes]
    log: IO[bytes] = field(repr=False)

    def output(self) -> str:
        """What the server has logged so far."""
        self.log.flush()
        self.log.seek(0)
        return self.log.read().decode(errors="replace")

    def kill(self) -> None:
        """SIGKILL the server (and, with several workers, its whole process group)."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def fresh_database(kind: str, directory: Path) -> Iterator[str]:
    """A URL to an empty database of ``kind`` ("sqlite" or "postgresql")."""
    if kind == "sqlite":
        yield f"sqlite:///{directory / 'backchannel.db'}"
        return
    assert POSTGRES_URL, "BACKCHANNEL_TEST_POSTGRES_URL is not set"
    with scratch_schema(POSTGRES_URL, schema_name("bc_live")) as url:
        yield url


def start_server(
    database_url: str, *, workers: int = 1, token: str = TOKEN, env: dict[str, str] | None = None
) -> Server:
    """Start ``backchannel serve`` and wait until it answers its health check."""
    port = free_port()
    environment = {
        **os.environ,
        "BACKCHANNEL_DATABASE_URL": database_url,
        "BACKCHANNEL_PORT": str(port),
        "BACKCHANNEL_WORKERS": str(workers),
        "BACKCHANNEL_BOOTSTRAP_TOKEN": token,
        "BACKCHANNEL_LOG_LEVEL": "warning",
        **(env or {}),
    }
    # The server's output goes to a file, not a pipe: nobody reads a pipe while the tests
    # run, and a full pipe would block the server on its next log line.
    log = tempfile.TemporaryFile()  # noqa: SIM115 - closed by stop_server
    process = subprocess.Popen(
        [sys.executable, "-m", "backchannel", "serve"],
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    server = Server(f"http://127.0.0.1:{port}", token, database_url, process, log)
    deadline = time.monotonic() + 120  # imports alone take seconds on a busy machine
    with httpx.Client(base_url=server.base_url, timeout=1) as client:
        while True:
            try:
                if client.get("/_backchannel/health").status_code == 200:
                    return server
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                server.kill()
                output = server.output()
                log.close()
                raise RuntimeError(f"server did not start:\n{output}")
            time.sleep(0.05)


def stop_server(server: Server) -> None:
    """SIGTERM the server's process group, then SIGKILL it if it lingers."""
    if server.process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.process.pid, signal.SIGTERM)
        try:
            server.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
    server.log.close()


@contextlib.contextmanager
def live_server(
    database_url: str, *, workers: int = 1, token: str = TOKEN, env: dict[str, str] | None = None
) -> Iterator[Server]:
    server = start_server(database_url, workers=workers, token=token, env=env)
    try:
        yield server
    finally:
        stop_server(server)
