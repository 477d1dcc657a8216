"""Fuzz a real Backchannel server with schemathesis over every operation of the spec.

The long version of ``tests/conformance/test_fuzz.py``, with the same loader, checks and
seeded objects (``tests/fuzz.py``): it starts ``backchannel serve`` on a fresh database, seeds
objects through the API, runs every operation with many generated examples (valid and
invalid data, plus the spec's own examples) and prints what it found. It exits with status 1
when any response was a 5xx, a transport error or timeout, or did not match the spec.

Usage::

    python scripts/fuzz.py                          # SQLite, 25 examples per operation and mode
    python scripts/fuzz.py --examples 200 --seed 7
    python scripts/fuzz.py --database postgresql    # needs BACKCHANNEL_TEST_POSTGRES_URL
    python scripts/fuzz.py --database sqlite --database postgresql

``make fuzz FUZZ_ARGS="--examples 200"`` passes its arguments through. The defaults can also
be set with ``BACKCHANNEL_FUZZ_EXAMPLES`` and ``BACKCHANNEL_FUZZ_SEED``.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import POSTGRES_URL_VARIABLE  # noqa: E402
from tests.fuzz import MODES, Report, fuzz  # noqa: E402
from tests.live import fresh_database, live_server  # noqa: E402


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--examples",
        type=int,
        default=int(os.environ.get("BACKCHANNEL_FUZZ_EXAMPLES", "25")),
        help="generated examples per operation and generation mode (default 25)",
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=int(os.environ.get("BACKCHANNEL_FUZZ_SEED", "0")),
        help="hypothesis seed; the same seed and examples replay the same calls (default 0)",
    )
    parser.add_argument(
        "--database",
        action="append",
        choices=["sqlite", "postgresql"],
        help="database to run against; repeat for both (default sqlite)",
    )
    parser.add_argument(
        "--mode",
        action="append",
        choices=sorted(MODES),
        help="generation mode; repeat for both (default positive and negative)",
    )
    parser.add_argument(
        "--no-explicit", action="store_true", help="skip the spec's own request examples"
    )
    parser.add_argument(
        "--timeout", type=float, default=10.0, help="seconds before a request counts as a hang"
    )
    parser.add_argument("--quiet", action="store_true", help="no line per operation")
    parser.add_argument(
        "--show-refused",
        action="store_true",
        help="print, per operation, the first 4xx answer to generated valid data",
    )
    args = parser.parse_args(argv)
    if "postgresql" in (args.database or []) and not os.environ.get(POSTGRES_URL_VARIABLE):
        parser.error(f"--database postgresql needs {POSTGRES_URL_VARIABLE}")
    return args


def run(database: str, args: argparse.Namespace) -> Report:
    def progress(operation: str, report: Report) -> None:
        if not args.quiet:
            print(f"  {operation}: {report.calls[operation]} calls", file=sys.stderr, flush=True)

    with (
        tempfile.TemporaryDirectory() as directory,
        fresh_database(database, Path(directory)) as url,
        live_server(url) as server,
    ):
        report = fuzz(
            server.base_url,
            server.token,
            examples=args.examples,
            seed=args.seed,
            modes=args.mode or ["positive", "negative"],
            explicit=not args.no_explicit,
            timeout=args.timeout,
            on_operation=progress,
        )
        if report.findings:
            print(server.output()[-10000:], file=sys.stderr)
    return report


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    failed = False
    for database in args.database or ["sqlite"]:
        print(f"== {database}: {args.examples} examples per operation and mode, seed {args.seed}")
        started = time.monotonic()
        report = run(database, args)
        if args.show_refused:
            for operation, refused in report.refused.items():
                print(f"refused: {operation}\n  {refused}")
        for finding in report.distinct_findings():
            print(finding)
        print(report.summary())
        print(f"wall time with server start: {time.monotonic() - started:.1f} s")
        failed = failed or bool(report.findings)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
