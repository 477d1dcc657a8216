"""Write ``COVERAGE.md``: which Intercom REST API 2.10 operations Backchannel implements.

The table lists every operation of the spec under its first tag, in spec order, and marks
the ones that ``backchannel.resources.OPERATIONS`` declares. An operation the app declares
whose operationId, method or path is not exactly the spec's is an error: the table is then
not written and the script exits with status 2.

Usage::

    python scripts/operation_coverage.py            # (re)write COVERAGE.md
    python scripts/operation_coverage.py --check    # exit 1 when COVERAGE.md is stale
    python scripts/operation_coverage.py --stdout   # print the table instead

The spec is read from ``BACKCHANNEL_SPEC_PATH``, by default
``../shared/spec/intercom-api-2.10.yaml`` relative to the project root.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import yaml

__all__ = [
    "COVERAGE_FILE",
    "ROOT",
    "AppOperation",
    "SpecOperation",
    "app_operations",
    "check_operations",
    "load_spec_operations",
    "main",
    "render",
    "spec_path",
    "summary_line",
]

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SPEC = Path("..") / "shared" / "spec" / "intercom-api-2.10.yaml"
COVERAGE_FILE = ROOT / "COVERAGE.md"
HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
# Starlette path converters (``{id:int}``) do not change which template a route serves.
_CONVERTER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*):[A-Za-z_]+\}")


class AppOperation(Protocol):
    """What the table needs from ``backchannel.core.http.Operation``."""

    method: str
    path: str
    operation_id: str


@dataclass(frozen=True, slots=True)
class SpecOperation:
    """One operation of the spec, filed under its first tag."""

    operation_id: str
    method: str
    path: str
    tag: str
    other_tags: tuple[str, ...]
    summary: str


def spec_path() -> Path:
    """The spec file: ``BACKCHANNEL_SPEC_PATH`` or the default beside the project."""
    configured = os.environ.get("BACKCHANNEL_SPEC_PATH")
    return Path(configured) if configured else ROOT / DEFAULT_SPEC


def _load_yaml(path: Path) -> dict[str, Any]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with path.open("rb") as handle:
        document = yaml.load(handle, Loader=loader)
    if not isinstance(document, dict) or "paths" not in document:
        raise ValueError(f"{path} is not an OpenAPI document")
    return document


def load_spec_operations(path: Path | None = None) -> tuple[list[str], list[SpecOperation]]:
    """Read the spec.

    Args:
        path: the spec file; :func:`spec_path` when omitted.

    Returns:
        The tag names in the spec's order and every operation in path order.
    """
    document = _load_yaml(path or spec_path())
    tags = [tag["name"] for tag in document.get("tags") or []]
    found: list[SpecOperation] = []
    for template, item in document["paths"].items():
        for method, operation in item.items():
            if method not in HTTP_METHODS:
                continue
            op_tags = operation.get("tags") or ["(untagged)"]
            found.append(
                SpecOperation(
                    operation_id=operation["operationId"],
                    method=method.upper(),
                    path=template,
                    tag=op_tags[0],
                    other_tags=tuple(op_tags[1:]),
                    summary=str(operation.get("summary") or "").strip(),
                )
            )
    for operation in found:
        if operation.tag not in tags:
            tags.append(operation.tag)
    return tags, found


def app_operations() -> list[AppOperation]:
    """The operations Backchannel routes (``backchannel.resources.OPERATIONS``)."""
    from backchannel.resources import OPERATIONS

    return list(OPERATIONS)


def normalize_path(path: str) -> str:
    """``/contacts/{id:str}`` -> ``/contacts/{id}``."""
    return _CONVERTER.sub(r"{\1}", path)


def check_operations(
    spec_ops: Sequence[SpecOperation], app_ops: Iterable[AppOperation]
) -> list[str]:
    """Every way the app's operations disagree with the spec, one message each."""
    by_id = {op.operation_id: op for op in spec_ops}
    by_route = {(op.method, op.path): op for op in spec_ops}
    problems: list[str] = []
    seen: dict[str, AppOperation] = {}
    for op in app_ops:
        method, path = op.method.upper(), normalize_path(op.path)
        where = f"{op.operation_id} {op.method} {op.path}"
        if op.operation_id in seen:
            problems.append(f"{where}: operationId declared twice")
            continue
        seen[op.operation_id] = op
        expected = by_id.get(op.operation_id)
        if expected is None:
            owner = by_route.get((method, path))
            hint = f" (the spec calls {method} {path} '{owner.operation_id}')" if owner else ""
            problems.append(f"{where}: operationId is not in the spec{hint}")
            continue
        if (method, path) != (expected.method, expected.path):
            problems.append(
                f"{where}: the spec has {expected.operation_id} at "
                f"{expected.method} {expected.path}"
            )
    return problems


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _anchor(tag: str) -> str:
    return re.sub(r"[^a-z0-9 -]", "", tag.lower()).replace(" ", "-")


def summary_line(spec_ops: Sequence[SpecOperation], implemented: Iterable[str]) -> str:
    """``N of 108 operations implemented``."""
    done = set(implemented)
    count = sum(1 for op in spec_ops if op.operation_id in done)
    return f"{count} of {len(spec_ops)} operations implemented"


def render(
    tags: Sequence[str], spec_ops: Sequence[SpecOperation], implemented: Iterable[str]
) -> str:
    """The markdown of ``COVERAGE.md``.

    Args:
        tags: the spec's tag names, in the order to print them.
        spec_ops: every operation of the spec.
        implemented: the operationIds Backchannel serves.

    Returns:
        The document, ending with a newline.
    """
    done = set(implemented)
    groups: dict[str, list[SpecOperation]] = {tag: [] for tag in tags}
    for op in spec_ops:
        groups.setdefault(op.tag, []).append(op)
    lines = [
        "# Operation coverage",
        "",
        "Which operations of the Intercom REST API 2.10 (`intercom-api-2.10.yaml`) Backchannel",
        "implements. Generated by `scripts/operation_coverage.py` (`make coverage-table`) from the",
        "spec and `backchannel.resources.OPERATIONS`; do not edit by hand.",
        "`tests/conformance/test_coverage_table.py` fails when this file is stale.",
        "",
        f"**{summary_line(spec_ops, done)}.**",
        "",
        "An operation with several tags is listed once, under its first tag.",
        "",
        "| Group | Implemented |",
        "|---|---|",
    ]
    for tag, ops in groups.items():
        if not ops:
            continue
        got = sum(1 for op in ops if op.operation_id in done)
        lines.append(f"| [{tag}](#{_anchor(tag)}) | {got} of {len(ops)} |")
    for tag, ops in groups.items():
        if not ops:
            continue
        got = sum(1 for op in ops if op.operation_id in done)
        lines += [
            "",
            f"## {tag}",
            "",
            f"{got} of {len(ops)} implemented.",
            "",
            "| operationId | Method | Path | Implemented |",
            "|---|---|---|---|",
        ]
        for op in ops:
            name = f"`{op.operation_id}`"
            if op.other_tags:
                name += f" *(also: {', '.join(op.other_tags)})*"
            mark = "yes" if op.operation_id in done else "no"
            lines.append(f"| {_cell(name)} | {op.method} | `{_cell(op.path)}` | {mark} |")
    return "\n".join(lines) + "\n"


def build() -> tuple[str, str, list[str]]:
    """The table, its summary line, and the mismatches between the app and the spec."""
    tags, spec_ops = load_spec_operations()
    app_ops = app_operations()
    problems = check_operations(spec_ops, app_ops)
    implemented = [op.operation_id for op in app_ops]
    return render(tags, spec_ops, implemented), summary_line(spec_ops, implemented), problems


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="exit 1 if COVERAGE.md is stale")
    mode.add_argument("--stdout", action="store_true", help="print instead of writing")
    parser.add_argument("--output", type=Path, default=COVERAGE_FILE, help="file to write")
    args = parser.parse_args(argv)

    try:
        table, summary, problems = build()
    except (OSError, ValueError, KeyError) as exc:
        print(f"error: cannot read the spec at {spec_path()}: {exc}", file=sys.stderr)
        return 2
    if problems:
        print("error: operations that do not match the spec:", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 2
    if args.stdout:
        sys.stdout.write(table)
        return 0
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != table:
            print(f"{args.output.name} is stale: run `make coverage-table`", file=sys.stderr)
            return 1
        return 0
    args.output.write_text(table, encoding="utf-8")
    print(f"wrote {args.output.name}: {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
