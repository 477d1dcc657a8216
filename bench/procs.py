"""Server processes for the benchmark: start on a free loopback port, wait, measure, stop.

CPU time and memory come from ``/proc/<pid>/stat`` and ``/proc/<pid>/status``, so the
benchmark runs on Linux only.
"""

from __future__ import annotations

import contextlib
import ctypes
import http.client
import os
import signal
import socket
import subprocess
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import TracebackType

__all__ = [
    "HOST",
    "HttpClient",
    "Server",
    "ServerError",
    "cpu_seconds",
    "free_port",
    "memory_kib",
    "wait_idle",
]

HOST = "127.0.0.1"
_CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
_PR_SET_PDEATHSIG = 1


class ServerError(RuntimeError):
    """A server did not start, or died."""


def free_port() -> int:
    """A TCP port on the loopback interface that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time the process has used so far."""
    stat = Path(f"/proc/{pid}/stat").read_text()
    # The command name (field 2) may hold spaces; the fields after it are fixed.
    fields = stat[stat.rindex(")") + 2 :].split()
    utime, stime = int(fields[11]), int(fields[12])
    return (utime + stime) / _CLOCK_TICKS


def wait_idle(
    pid: int, *, busy: float = 0.05, interval: float = 0.25, timeout: float = 300.0
) -> float:
    """Wait until the process uses less than ``busy`` of a core over ``interval`` seconds.

    When a request takes longer than wrk's run, the server still works through the requests
    wrk left queued after wrk has gone; the next scenario must not start before that ends.
    Returns the seconds waited (at most ``timeout``).
    """
    started = time.perf_counter()
    before = cpu_seconds(pid)
    while time.perf_counter() - started < timeout:
        time.sleep(interval)
        after = cpu_seconds(pid)
        if after - before < busy * interval:
            break
        before = after
    return time.perf_counter() - started


def memory_kib(pid: int, field: str = "VmRSS") -> int:
    """A memory figure of ``/proc/<pid>/status`` in KiB (``VmRSS``, ``VmHWM``)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise ServerError(f"/proc/{pid}/status has no {field}")


def _die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    """Ask Linux to stop the server if the benchmark process dies without cleaning up."""
    with contextlib.suppress(Exception):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


class HttpClient:
    """A keep-alive HTTP/1.1 client for one loopback server (standard library only)."""

    def __init__(self, port: int, *, token: str | None = None, timeout: float = 10.0) -> None:
        self.port = port
        self.token = token
        self.timeout = timeout
        self._conn: http.client.HTTPConnection | None = None

    def request(self, method: str, path: str, body: bytes | None = None) -> tuple[int, bytes]:
        """Send one request; reconnects once if the kept-alive connection was closed."""
        headers = {"Accept": "application/json"}
        if body is not None:
            headers["Content-Type"] = "application/json"
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
            headers["Intercom-Version"] = "2.10"
        for attempt in (1, 2):
            if self._conn is None:
                self._conn = http.client.HTTPConnection(HOST, self.port, timeout=self.timeout)
            try:
                self._conn.request(method, path, body=body, headers=headers)
                response = self._conn.getresponse()
                return response.status, response.read()
            except (ConnectionError, http.client.HTTPException):
                self.close()
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class Server:
    """One server process, started by :meth:`start` and always stopped by :meth:`stop`."""

    def __init__(
        self,
        name: str,
        argv: Sequence[str],
        *,
        port: int,
        env: Mapping[str, str],
        cwd: Path,
        log_path: Path,
        ready_path: str,
    ) -> None:
        self.name = name
        self.argv = list(argv)
        self.port = port
        self.env = dict(env)
        self.cwd = cwd
        self.log_path = log_path
        self.ready_path = ready_path
        self.startup_seconds: float | None = None
        self._process: subprocess.Popen[bytes] | None = None

    def __repr__(self) -> str:
        return f"Server({self.name!r}, port={self.port}, pid={self.pid})"

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    def require_pid(self) -> int:
        """The pid of the running process; :class:`ServerError` if it has exited."""
        if self._process is None or self._process.poll() is not None:
            raise ServerError(f"{self.name} is not running\n{self.log_tail()}")
        return self._process.pid

    def start(self, *, timeout: float = 30.0, poll_interval: float = 0.005) -> float:
        """Start the process and wait for the first 200 from ``ready_path``.

        Returns:
            Seconds from process start until that first successful response.
        """
        log = self.log_path.open("ab")
        started = time.perf_counter()
        try:
            self._process = subprocess.Popen(
                self.argv,
                cwd=self.cwd,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                preexec_fn=_die_with_parent,
            )
        finally:
            log.close()
        deadline = started + timeout
        while time.perf_counter() < deadline:
            if self._process.poll() is not None:
                raise ServerError(
                    f"{self.name} exited with status {self._process.returncode} during start-up"
                    f"\n{self.log_tail()}"
                )
            if self._answers():
                self.startup_seconds = time.perf_counter() - started
                return self.startup_seconds
            time.sleep(poll_interval)
        raise ServerError(f"{self.name} did not answer within {timeout:.0f} s\n{self.log_tail()}")

    def _answers(self) -> bool:
        conn = http.client.HTTPConnection(HOST, self.port, timeout=1.0)
        try:
            conn.request("GET", self.ready_path)
            response = conn.getresponse()
            response.read()
            return response.status == 200
        except OSError:
            return False
        finally:
            conn.close()

    def stop(self, *, grace: float = 5.0) -> None:
        """SIGTERM, then SIGKILL after ``grace`` seconds. Safe to call more than once."""
        process = self._process
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=grace)

    def log_tail(self, lines: int = 30) -> str:
        """The last lines the server printed, for error messages."""
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return "(no server log)"
        tail = text.splitlines()[-lines:]
        return "\n".join(f"  | {line}" for line in tail) or "(the server printed nothing)"
