"""Run Backchannel's load benchmark: ``python -m bench.run`` (or ``make bench``).

Starts a bare Starlette app and Backchannel side by side on free loopback ports (same
uvicorn options, one worker each), seeds contacts through the API, drives each scenario with
wrk several times, and prints a markdown summary of the medians, the Backchannel/baseline
ratios, start-up time and memory. The same summary is written to ``bench/results/`` as
markdown and JSON. Backchannel runs on a new SQLite file, or with ``--database-url`` on a new
schema of a PostgreSQL server. Servers are stopped and the database is dropped at the end,
also after an error or Ctrl-C.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime as dt
import json
import os
import platform
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path
from types import FrameType
from typing import Any

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from backchannel.db.session import normalize_url
from bench.load import (
    LoadOptions,
    Sample,
    Scenario,
    WrkMissing,
    find_wrk,
    run_wrk,
    serial_latency,
    wrk_version,
)
from bench.procs import HttpClient, Server, ServerError, free_port, memory_kib, wait_idle
from bench.report import render_markdown, summarize
from bench.seed import (
    BulkResult,
    Database,
    SeedResult,
    bulk_contacts,
    contact_email,
    describe_error,
    fresh_database,
    prepare_database,
    search_body,
    search_query_body,
    seed_contacts,
)

__all__ = ["UVICORN_OPTIONS", "main"]

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
# Both servers get exactly these options: one process, httptools, uvloop, no WebSocket
# support (as `backchannel serve` runs), quiet logs.
UVICORN_OPTIONS = (
    "--host",
    "127.0.0.1",
    "--http",
    "httptools",
    "--loop",
    "uvloop",
    "--ws",
    "none",
    "--log-level",
    "warning",
    "--no-access-log",
)
SCENARIO_KEYS = ("baseline", "show_contact", "search_contacts")
# More search filters, run only when named in --scenarios.
EXTRA_SCENARIO_KEYS = ("show_contacts", "search_email", "search_recent", "search_lead_pro")
ALL_SCENARIO_KEYS = SCENARIO_KEYS + EXTRA_SCENARIO_KEYS
RECENT_DAYS = 30
START_ATTEMPTS = 3


def _parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.run", description=__doc__.split("\n\n", 1)[0]
    )
    parser.add_argument("--runs", type=int, default=3, help="measured runs per scenario")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per wrk run")
    parser.add_argument("--threads", type=int, default=1, help="wrk threads (-t)")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections (-c)")
    parser.add_argument("--timeout", type=float, default=5.0, help="wrk request timeout, s")
    parser.add_argument("--warmup", type=float, default=2.0, help="unmeasured wrk run first, s")
    parser.add_argument("--contacts", type=int, default=2000, help="contacts to seed")
    parser.add_argument(
        "--bulk-contacts",
        type=int,
        default=0,
        help="more contacts written straight into the database before the servers start",
    )
    parser.add_argument(
        "--database-url",
        default=None,
        help=(
            "run Backchannel on this PostgreSQL server, in a new schema dropped afterwards "
            "(default: a new SQLite file)"
        ),
    )
    parser.add_argument("--seed-timeout", type=float, default=600.0, help="seeding limit, s")
    parser.add_argument("--serial", type=int, default=200, help="serial latency requests")
    parser.add_argument("--settle", type=float, default=1.0, help="idle wait before RSS, s")
    parser.add_argument(
        "--scenarios",
        default=",".join(SCENARIO_KEYS),
        help=(
            f"comma-separated subset of {', '.join(ALL_SCENARIO_KEYS)}, or 'all' "
            f"(default: {', '.join(SCENARIO_KEYS)})"
        ),
    )
    parser.add_argument(
        "--server-env",
        action="append",
        default=[],
        metavar="BACKCHANNEL_KEY=VALUE",
        help="a setting for the Backchannel server (repeatable), e.g. "
        "BACKCHANNEL_RENDER_CACHE_ENTRIES=0",
    )
    parser.add_argument("--wrk", default=None, help="path to wrk (default: wrk on PATH)")
    parser.add_argument("--output-dir", type=Path, default=RESULTS, help="where results go")
    args = parser.parse_args(argv)
    if args.scenarios == "all":
        args.scenarios = ",".join(ALL_SCENARIO_KEYS)
    bad = set(args.scenarios.split(",")) - set(ALL_SCENARIO_KEYS)
    if bad:
        parser.error(f"unknown scenarios: {', '.join(sorted(bad))}")
    for setting in args.server_env:
        name, equals, _ = setting.partition("=")
        if not equals or not name.startswith("BACKCHANNEL_"):
            parser.error(f"--server-env takes BACKCHANNEL_KEY=VALUE, not {setting!r}")
    for name in ("runs", "threads", "connections"):
        if getattr(args, name) < 1:
            parser.error(f"--{name} must be at least 1")
    if not 0 < args.duration <= 600 or not 0 <= args.warmup <= 60:
        parser.error("--duration must be in (0, 600] and --warmup in [0, 60]")
    if args.connections < args.threads:
        parser.error("--connections must be at least --threads")
    if args.bulk_contacts < 0:
        parser.error("--bulk-contacts must be at least 0")
    if args.database_url is not None and not _is_postgres(args.database_url):
        parser.error("--database-url must be a PostgreSQL URL (postgresql://user@host/db)")
    return args


def _is_postgres(url: str) -> bool:
    try:
        return make_url(normalize_url(url)).get_backend_name() == "postgresql"
    except ArgumentError:
        return False


def _log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "?"


def _commit() -> str:
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return head + (" with local changes" if dirty else "")


def _machine() -> str:
    model = "unknown CPU"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return f"{os.cpu_count()} CPUs ({model}), {platform.system()} {platform.release()}"


def _launch(
    stack: contextlib.ExitStack,
    name: str,
    argv: Sequence[str],
    *,
    env: dict[str, str],
    workdir: Path,
    ready_path: str,
) -> Server:
    """Start a server on a free port; a port taken meanwhile gets another try."""
    for attempt in range(1, START_ATTEMPTS + 1):
        port = free_port()
        server = Server(
            name,
            [*argv, "--port", str(port)],
            port=port,
            env=env,
            cwd=workdir,
            log_path=workdir / f"{name}.log",
            ready_path=ready_path,
        )
        stack.callback(server.stop)
        try:
            seconds = server.start()
        except ServerError as exc:
            if attempt < START_ATTEMPTS and "address already in use" in str(exc).lower():
                continue
            raise
        _log(f"{name} answered on port {port} after {seconds:.2f} s")
        return server
    raise ServerError(f"{name}: no free port after {START_ATTEMPTS} attempts")


def _probe(client: HttpClient, scenario: Scenario) -> tuple[str | None, Any]:
    """One request; returns (why the scenario cannot run, the decoded answer)."""
    body = scenario.body.encode() if scenario.body is not None else None
    status, raw = client.request(scenario.method, scenario.path, body)
    if status != 200:
        return f"{scenario.method} {scenario.path} -> {status} ({describe_error(raw)})", None
    try:
        return None, json.loads(raw)
    except ValueError:
        return f"{scenario.method} {scenario.path} did not answer JSON", None


def _search(key: str, title: str, body: str, token: str) -> Scenario:
    """A POST /contacts/search scenario with ``body``."""
    title = f"Backchannel POST /contacts/search {title}"
    return Scenario(key, title, "backchannel", "POST", "/contacts/search", body=body, token=token)


def _scenarios(
    wanted: Sequence[str], token: str, seed: SeedResult, servers: dict[str, Server]
) -> tuple[list[Scenario], dict[str, str], dict[str, int]]:
    """The scenarios asked for, each tried once.

    Returns:
        The scenarios, why some of them cannot run (by key), and how many contacts each
        search scenario's filter matches (by key).
    """
    half = len(seed.contact_ids) // 2
    middle = seed.contact_ids[half] if seed.contact_ids else None
    recent = int(time.time()) - RECENT_DAYS * 86_400
    catalogue = {
        "baseline": Scenario("baseline", "baseline GET /", "baseline", "GET", "/"),
        "show_contact": Scenario(
            "show_contact",
            "Backchannel GET /contacts/{id}",
            "backchannel",
            "GET",
            f"/contacts/{middle}",
            token=token,
        ),
        "show_contacts": Scenario(
            "show_contacts",
            f"Backchannel GET /contacts/{{id}}, {len(seed.contact_ids):,} contacts in turn",
            "backchannel",
            "GET",
            f"/contacts/{middle}",
            token=token,
            paths=tuple(f"/contacts/{contact_id}" for contact_id in seed.contact_ids),
        ),
        "search_contacts": Scenario(
            "search_contacts",
            "Backchannel POST /contacts/search",
            "backchannel",
            "POST",
            "/contacts/search",
            body=search_body(seed.custom_attributes),
            token=token,
        ),
        "search_email": _search(
            "search_email",
            "email = one address",
            search_query_body({"field": "email", "operator": "=", "value": contact_email(half)}),
            token,
        ),
        "search_recent": _search(
            "search_recent",
            f"created_at > {RECENT_DAYS} days ago, 50 per page",
            search_query_body(
                {"field": "created_at", "operator": ">", "value": recent}, per_page=50
            ),
            token,
        ),
        "search_lead_pro": _search(
            "search_lead_pro",
            "role = lead AND plan = pro",
            search_query_body(
                {
                    "operator": "AND",
                    "value": [
                        {"field": "role", "operator": "=", "value": "lead"},
                        {"field": "custom_attributes.plan", "operator": "=", "value": "pro"},
                    ],
                }
            ),
            token,
        ),
    }
    chosen: list[Scenario] = []
    skipped: dict[str, str] = {}
    search_totals: dict[str, int] = {}
    for key in (k for k in ALL_SCENARIO_KEYS if k in wanted):
        scenario = catalogue[key]
        chosen.append(scenario)
        if scenario.server != "baseline" and middle is None:
            skipped[key] = "no contacts could be seeded"
            continue
        server = servers[scenario.server]
        with HttpClient(server.port, token=scenario.token) as probe:
            reason, answer = _probe(probe, scenario)
            if reason and key == "search_contacts" and seed.custom_attributes:
                # The server may not search custom attributes: filter on built-in fields.
                fallback = dataclasses.replace(scenario, body=search_body(False))
                retry_reason, retry_answer = _probe(probe, fallback)
                if retry_reason is None:
                    seed.notes.append(f"search on custom attributes failed: {reason}")
                    chosen[-1], reason, answer = fallback, None, retry_answer
        if reason:
            skipped[key] = reason
            _log(f"{key}: server log:\n{server.log_tail()}")
        elif key.startswith("search_") and isinstance(answer, dict):
            search_totals[key] = answer.get("total_count")
    return chosen, skipped, search_totals


def _drain(scenario: Scenario, server: Server, database: Database) -> None:
    """Let the server (and its database) finish requests wrk left queued (slow scenarios)
    before going on."""
    waited = wait_idle(server.require_pid())
    if scenario.server == "backchannel":
        # On PostgreSQL the server idles while the database still runs its queries; when
        # they end, the server has their answers to send.
        in_database = database.wait_idle()
        if in_database > 0.5:
            waited += in_database + wait_idle(server.require_pid())
    if waited > 1.0:
        _log(f"  {scenario.key}: the server worked {waited:.1f} s more after wrk stopped")


def _measure(
    args: argparse.Namespace, wrk: str, workdir: Path, database: Database
) -> dict[str, Any]:
    """Start both servers in ``workdir`` with Backchannel on ``database`` (empty), seed,
    load, and return the summary."""
    options = LoadOptions(
        wrk=wrk,
        threads=args.threads,
        connections=args.connections,
        duration=args.duration,
        timeout=args.timeout,
    )
    wanted = args.scenarios.split(",")
    token = "bc_bench_" + secrets.token_hex(16)
    database_url = database.url
    started_at = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")

    _log(f"preparing the database: {database.description}")
    prepare_database(database_url, token)
    bulk = BulkResult(0, 0.0)
    if args.bulk_contacts:
        _log(f"bulk-loading {args.bulk_contacts:,} contacts straight into the database")
        bulk = bulk_contacts(database_url, args.bulk_contacts)
        _log(f"bulk-loaded {bulk.created:,} contacts in {bulk.seconds:.1f} s")
        if bulk.analyze_seconds is not None:
            _log(f"VACUUM (ANALYZE) contacts took {bulk.analyze_seconds:.1f} s")

    inherited = {k: v for k, v in os.environ.items() if not k.startswith("BACKCHANNEL_")}
    app_env = {
        **inherited,
        "BACKCHANNEL_DATABASE_URL": database_url,
        "BACKCHANNEL_BOOTSTRAP_TOKEN": token,
        "BACKCHANNEL_RATE_LIMIT_ENFORCED": "false",
        "BACKCHANNEL_CONTROL_ROUTES": "true",
        "BACKCHANNEL_LOG_LEVEL": "warning",
    }
    server_env = dict(setting.split("=", 1) for setting in args.server_env)
    app_env.update(server_env)
    uvicorn = [sys.executable, "-m", "uvicorn"]
    servers: dict[str, Server] = {}
    processes: dict[str, dict[str, Any]] = {}
    with contextlib.ExitStack() as stack:
        servers["baseline"] = _launch(
            stack,
            "baseline",
            [*uvicorn, "bench.baseline_app:app", "--app-dir", str(ROOT), *UVICORN_OPTIONS],
            env=inherited,
            workdir=workdir,
            ready_path="/",
        )
        servers["backchannel"] = _launch(
            stack,
            "backchannel",
            [*uvicorn, "backchannel.app:app_factory", "--factory", *UVICORN_OPTIONS],
            env=app_env,
            workdir=workdir,
            ready_path="/_backchannel/health",
        )
        time.sleep(args.settle)
        for name, server in servers.items():
            processes[name] = {
                "startup_s": server.startup_seconds,
                "idle_rss_kib": memory_kib(server.require_pid()),
            }

        app = servers["backchannel"]
        with HttpClient(app.port, token=token) as client:
            _log(f"seeding {args.contacts:,} contacts through POST /contacts")
            seed = seed_contacts(client, args.contacts, timeout=args.seed_timeout)
            _log(f"seeded {seed.created:,} contacts in {seed.seconds:.1f} s")
            for note in seed.notes:
                _log(f"  {note}")

            scenarios, skipped, search_totals = _scenarios(wanted, token, seed, servers)
            active = [s for s in scenarios if s.key not in skipped]
            for key, reason in skipped.items():
                _log(f"skipping {key}: {reason}")

        if args.warmup > 0:
            warm = dataclasses.replace(options, duration=args.warmup)
            for scenario in active:
                _log(f"warming up {scenario.key} for {args.warmup:g} s")
                server = servers[scenario.server]
                run_wrk(scenario, server.port, server.require_pid(), warm)
                _drain(scenario, server, database)

        samples: dict[str, list[dict[str, Any]]] = {s.key: [] for s in active}
        for run in range(1, args.runs + 1):
            # Interleaved, so slow drift of the machine hits every scenario alike.
            for scenario in active:
                server = servers[scenario.server]
                sample: Sample = run_wrk(scenario, server.port, server.require_pid(), options)
                _drain(scenario, server, database)
                samples[scenario.key].append(sample.as_dict())
                _log(
                    f"run {run}/{args.runs} {scenario.key}: "
                    f"{sample.requests_per_second:,.0f} req/s, "
                    f"p99 {sample.latency_p99_ms:.2f} ms, "
                    f"{sample.cpu_ms_per_request:.3f} CPU ms/req"
                    + (f", {sample.errors_status} non-2xx" if sample.errors_status else "")
                )

        serial: dict[str, dict[str, float]] = {}
        if args.serial > 0:
            for scenario in active:
                serial[scenario.key] = serial_latency(
                    scenario, servers[scenario.server].port, args.serial
                )

        for name, server in servers.items():
            pid = server.require_pid()
            processes[name]["final_rss_kib"] = memory_kib(pid)
            processes[name]["peak_rss_kib"] = memory_kib(pid, "VmHWM")

    meta = {
        "started_at": started_at,
        "machine": _machine(),
        "software": (
            f"Python {platform.python_version()}, uvicorn {_version('uvicorn')}, "
            f"Starlette {_version('starlette')}, SQLAlchemy {_version('sqlalchemy')}, "
            f"{wrk_version(wrk)}; Backchannel {_version('backchannel')} at {_commit()}"
        ),
        "load": options.describe(),
        "runs": args.runs,
        "warmup_s": args.warmup,
        "uvicorn_options": " ".join(UVICORN_OPTIONS),
        "database": database.description,
        "server_env": server_env,
        "seed": seed.as_dict(),
        "bulk": bulk.as_dict(),
        "search_body": next((s.body for s in scenarios if s.key == "search_contacts"), None),
        "search_total_count": search_totals.get("search_contacts"),
        "search_bodies": {s.key: s.body for s in scenarios if s.key.startswith("search_")},
        "search_totals": search_totals,
    }
    return summarize(
        meta=meta,
        scenarios=[
            {"key": s.key, "title": s.title, "method": s.method, "server": s.server}
            for s in scenarios
        ],
        samples=samples,
        serial=serial,
        processes=processes,
        skipped=skipped,
    )


def _write(summary: dict[str, Any], markdown: str, directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")
    for stem in (f"bench-{stamp}", "latest"):
        (directory / f"{stem}.md").write_text(markdown, encoding="utf-8")
        (directory / f"{stem}.json").write_text(
            json.dumps(summary, indent=2, sort_keys=True) + "\n", encoding="utf-8"
        )
    return directory / f"bench-{stamp}.md"


def _on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; returns the exit status."""
    args = _parse_args(argv)
    if not Path("/proc/self/stat").exists():
        print("error: the benchmark reads /proc and runs on Linux only.", file=sys.stderr)
        return 2
    try:
        wrk = find_wrk(args.wrk)
    except WrkMissing as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    signal.signal(signal.SIGTERM, _on_sigterm)
    with tempfile.TemporaryDirectory(prefix="backchannel-bench-") as tmp:
        try:
            # The servers stop inside _measure, before the database is dropped.
            with fresh_database(Path(tmp), args.database_url) as database:
                summary = _measure(args, wrk, Path(tmp), database)
        except (ServerError, RuntimeError, OSError, SQLAlchemyError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
    markdown = render_markdown(summary)
    path = _write(summary, markdown, args.output_dir)
    print(markdown)
    _log(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path} (+ .json)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
