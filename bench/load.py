"""Load generation: one wrk run per sample, and a serial latency probe.

wrk runs ``bench/scenario.lua``, which builds the request from ``BENCH_*`` environment
variables and prints a ``BENCH_RESULT {json}`` line when the run ends. The server's CPU time
is read before and after each run, so CPU per request counts only the server process.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from bench.procs import HOST, HttpClient, cpu_seconds

__all__ = [
    "LoadOptions",
    "Sample",
    "Scenario",
    "WrkMissing",
    "find_wrk",
    "run_wrk",
    "serial_latency",
    "wrk_version",
]

LUA_SCRIPT = Path(__file__).resolve().parent / "scenario.lua"
_RESULT_MARK = "BENCH_RESULT "


class WrkMissing(RuntimeError):
    """wrk is not installed or not executable."""


@dataclass(frozen=True, slots=True)
class LoadOptions:
    """How hard and how long wrk pushes: ``wrk -t<threads> -c<connections> -d<duration>s``."""

    wrk: str
    threads: int = 1
    connections: int = 16
    duration: float = 10.0
    timeout: float = 5.0

    def describe(self) -> str:
        return (
            f"wrk -t{self.threads} -c{self.connections} -d{self.duration:g}s "
            f"--timeout {self.timeout:g}s"
        )


@dataclass(frozen=True, slots=True)
class Scenario:
    """One request, repeated: which server, method, path, body and token.

    With ``paths``, wrk sends the request to each of them in turn instead of to ``path``
    (which single-caller latency still uses).
    """

    key: str
    title: str
    server: str
    method: str
    path: str
    body: str | None = None
    token: str | None = None
    paths: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Sample:
    """One wrk run against one scenario."""

    requests: int
    seconds: float
    requests_per_second: float
    latency_p50_ms: float
    latency_p90_ms: float
    latency_p99_ms: float
    latency_max_ms: float
    server_cpu_seconds: float
    cpu_ms_per_request: float
    errors_status: int
    errors_socket: int

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def find_wrk(explicit: str | None) -> str:
    """The wrk executable, or :class:`WrkMissing` with how to install it."""
    path = shutil.which(explicit or "wrk")
    if path is None:
        raise WrkMissing(
            "wrk, the HTTP load generator the benchmark drives, is not installed"
            + (f" at {explicit!r}" if explicit else " (not found on PATH)")
            + ".\nInstall it and run again, e.g.:\n"
            "  Debian/Ubuntu:  sudo apt-get install wrk\n"
            "  macOS:          brew install wrk   (the benchmark itself needs Linux /proc)\n"
            "or pass --wrk /path/to/wrk."
        )
    return path


def wrk_version(wrk: str) -> str:
    """wrk's version line (``wrk -v`` exits 1 by design)."""
    try:
        done = subprocess.run([wrk, "-v"], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"unknown ({exc})"
    first = (done.stdout or done.stderr).strip().splitlines()
    return first[0].split(" Copyright")[0] if first else "unknown"


def run_wrk(scenario: Scenario, port: int, pid: int, options: LoadOptions) -> Sample:
    """Run wrk once against ``scenario`` and measure the server process ``pid``."""
    env = {
        **os.environ,
        "BENCH_METHOD": scenario.method,
        "BENCH_BODY": scenario.body or "",
        "BENCH_TOKEN": scenario.token or "",
        "BENCH_PATHS": "",
    }
    with contextlib.ExitStack() as stack:
        if scenario.paths:
            listing = stack.enter_context(
                tempfile.NamedTemporaryFile("w", suffix=".paths", encoding="utf-8")
            )
            listing.write("\n".join(scenario.paths) + "\n")
            listing.flush()
            env["BENCH_PATHS"] = listing.name
        return _run_wrk(scenario, port, pid, options, env)


def _run_wrk(
    scenario: Scenario, port: int, pid: int, options: LoadOptions, env: dict[str, str]
) -> Sample:
    argv = [
        options.wrk,
        f"-t{options.threads}",
        f"-c{options.connections}",
        f"-d{options.duration:g}s",
        f"--timeout={options.timeout:g}s",
        "-s",
        str(LUA_SCRIPT),
        f"http://{HOST}:{port}{scenario.path}",
    ]
    cpu_before = cpu_seconds(pid)
    done = subprocess.run(
        argv,
        env=env,
        capture_output=True,
        text=True,
        timeout=options.duration + options.timeout + 30,
        check=False,
    )
    cpu_after = cpu_seconds(pid)
    result = _parse(done.stdout)
    if done.returncode != 0 or result is None:
        raise RuntimeError(
            f"wrk failed for {scenario.key} (exit {done.returncode}):\n"
            f"{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
        )
    requests = int(result["requests"])
    seconds = result["duration_us"] / 1e6
    cpu = cpu_after - cpu_before
    return Sample(
        requests=requests,
        seconds=round(seconds, 3),
        requests_per_second=requests / seconds if seconds else 0.0,
        latency_p50_ms=result["latency_p50_us"] / 1000,
        latency_p90_ms=result["latency_p90_us"] / 1000,
        latency_p99_ms=result["latency_p99_us"] / 1000,
        latency_max_ms=result["latency_max_us"] / 1000,
        server_cpu_seconds=round(cpu, 3),
        cpu_ms_per_request=cpu * 1000 / requests if requests else 0.0,
        errors_status=int(result["errors_status"]),
        errors_socket=int(
            result["errors_connect"]
            + result["errors_read"]
            + result["errors_write"]
            + result["errors_timeout"]
        ),
    )


def _parse(stdout: str) -> dict[str, Any] | None:
    for line in stdout.splitlines():
        if line.startswith(_RESULT_MARK):
            parsed: dict[str, Any] = json.loads(line[len(_RESULT_MARK) :])
            return parsed
    return None


def serial_latency(scenario: Scenario, port: int, count: int) -> dict[str, float]:
    """Latency of ``count`` requests sent one after another on one kept-alive connection.

    This is what a single caller sees with no queueing, the figure the search target means.
    """
    body = scenario.body.encode() if scenario.body is not None else None
    timings: list[float] = []
    with HttpClient(port, token=scenario.token) as client:
        client.request(scenario.method, scenario.path, body)  # open the connection
        for _ in range(count):
            started = time.perf_counter()
            status, _ = client.request(scenario.method, scenario.path, body)
            timings.append((time.perf_counter() - started) * 1000)
            if status != 200:
                raise RuntimeError(f"{scenario.key}: {scenario.method} {scenario.path} -> {status}")
    timings.sort()
    return {
        "requests": count,
        "p50_ms": statistics.median(timings),
        "p99_ms": timings[min(len(timings) - 1, round(0.99 * (len(timings) - 1)))],
        "max_ms": timings[-1],
    }
