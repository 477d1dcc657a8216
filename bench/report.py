"""The benchmark's summary: medians, ratios to the baseline, the PRODUCT.md targets.

:func:`summarize` turns raw samples into one JSON-able dict; :func:`render_markdown` prints
that dict. Both files in ``bench/results/`` come from the same dict.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["TARGETS", "median_metrics", "render_markdown", "summarize"]

MIB = 1024
# PRODUCT.md, "Performance we hold ourselves to".
TARGETS = {
    "show_vs_baseline": 0.60,  # GET /contacts/{id} >= 60% of bare-Starlette throughput
    "prism_rps": 500.0,  # Prism anchor on the reference 2-core machine, not measured here
    "prism_factor": 10.0,  # GET /contacts/{id} >= 10x Prism's throughput
    "search_ms": 50.0,  # POST /contacts/search, typical filter, over 1,000,000 contacts
    "startup_s": 1.0,
    "idle_rss_mib": 60.0,
}
_METRICS = (
    "requests_per_second",
    "latency_p50_ms",
    "latency_p99_ms",
    "cpu_ms_per_request",
)


def median_metrics(samples: Sequence[Mapping[str, Any]]) -> dict[str, float]:
    """Per metric, the median over runs (errors are summed, not averaged)."""
    medians = {name: statistics.median(s[name] for s in samples) for name in _METRICS}
    medians["errors_status"] = sum(s["errors_status"] for s in samples)
    medians["errors_socket"] = sum(s["errors_socket"] for s in samples)
    return medians


def summarize(
    *,
    meta: dict[str, Any],
    scenarios: Sequence[Mapping[str, Any]],
    samples: Mapping[str, list[dict[str, Any]]],
    serial: Mapping[str, dict[str, float]],
    processes: Mapping[str, dict[str, Any]],
    skipped: Mapping[str, str],
    baseline_key: str = "baseline",
) -> dict[str, Any]:
    """Everything the run measured, with medians, ratios and target checks."""
    medians = {key: median_metrics(runs) for key, runs in samples.items() if runs}
    base = medians.get(baseline_key)
    ratios: dict[str, dict[str, float]] = {}
    if base:
        for key, values in medians.items():
            if key == baseline_key:
                continue
            ratios[key] = {
                name: (values[name] / base[name]) if base[name] else float("nan")
                for name in _METRICS
            }
    # Runs are interleaved, so run i of a scenario ran next to run i of the baseline: the
    # spread of these paired ratios shows how much the machine moved during the run.
    run_ratios: dict[str, list[float]] = {}
    for key in ratios:
        pairs = zip(samples.get(baseline_key, []), samples[key], strict=False)
        run_ratios[key] = [
            run["requests_per_second"] / base_run["requests_per_second"]
            for base_run, run in pairs
            if base_run["requests_per_second"]
        ]
    return {
        "meta": meta,
        "scenarios": list(scenarios),
        "samples": dict(samples),
        "medians": medians,
        "ratios": ratios,
        "run_ratios": run_ratios,
        "serial": dict(serial),
        "processes": dict(processes),
        "skipped": dict(skipped),
        "targets": _targets(medians, ratios, serial, processes, meta),
    }


def _targets(
    medians: Mapping[str, Mapping[str, float]],
    ratios: Mapping[str, Mapping[str, float]],
    serial: Mapping[str, Mapping[str, float]],
    processes: Mapping[str, Mapping[str, Any]],
    meta: Mapping[str, Any],
) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []

    def add(target: str, measured: str, met: bool | None, note: str = "") -> None:
        rows.append({"target": target, "measured": measured, "met": met, "note": note})

    show = ratios.get("show_contact")
    if show:
        ratio = show["requests_per_second"]
        add(
            "GET /contacts/{id} >= 60% of bare-Starlette throughput",
            f"{ratio:.0%}",
            ratio >= TARGETS["show_vs_baseline"],
        )
    if "show_contact" in medians:
        rps = medians["show_contact"]["requests_per_second"]
        floor = TARGETS["prism_rps"] * TARGETS["prism_factor"]
        add(
            "GET /contacts/{id} >= 10x Prism's throughput",
            f"{rps:,.0f} req/s",
            rps >= floor,
            f"against {floor:,.0f} req/s: PRODUCT.md's Prism anchor "
            f"(~{TARGETS['prism_rps']:,.0f} req/s), not measured in this run",
        )
    if "search_contacts" in serial:
        p50 = serial["search_contacts"]["p50_ms"]
        contacts = _contacts(meta)
        add(
            "POST /contacts/search, typical filter, < 50 ms",
            f"{p50:.2f} ms (serial p50)",
            p50 < TARGETS["search_ms"],
            f"over {contacts:,} contacts on {_engine(meta)}; the target is stated for 1,000,000",
        )
    app = processes.get("backchannel")
    if app:
        add(
            "start-up < 1 s",
            f"{app['startup_s']:.2f} s",
            app["startup_s"] < TARGETS["startup_s"],
            "process start until the first successful HTTP response",
        )
        idle = app["idle_rss_kib"] / MIB
        add("idle memory < 60 MiB", f"{idle:.1f} MiB", idle < TARGETS["idle_rss_mib"], "VmRSS")
    return rows


def _engine(meta: Mapping[str, Any]) -> str:
    """``SQLite`` or ``PostgreSQL``: the first word of the run's database."""
    return str(meta.get("database") or "SQLite").split()[0]


def _contacts(meta: Mapping[str, Any]) -> int:
    """Contacts in the database: seeded through the API plus bulk-loaded."""
    return int(meta.get("seed", {}).get("created", 0)) + int(meta.get("bulk", {}).get("created", 0))


def _num(value: float, digits: int = 0) -> str:
    return f"{value:,.{digits}f}"


def render_markdown(summary: Mapping[str, Any]) -> str:
    """The summary as markdown, for the terminal and ``bench/results/*.md``."""
    meta = summary["meta"]
    scenarios = {s["key"]: s for s in summary["scenarios"]}
    medians = summary["medians"]
    lines = [
        f"# Backchannel benchmark, {meta['started_at']}",
        "",
        f"- machine: {meta['machine']}",
        f"- software: {meta['software']}",
        f"- load: `{meta['load']}`, {meta['runs']} run(s) per scenario (medians), "
        f"{meta['warmup_s']:g} s warm-up; uvicorn `{meta['uvicorn_options']}`",
        f"- database: {meta.get('database', 'SQLite')}",
        *(
            [f"- Backchannel settings: `{' '.join(f'{k}={v}' for k, v in server_env.items())}`"]
            if (server_env := meta.get("server_env"))
            else []
        ),
        f"- data: {meta['seed']['created']:,} contacts created through the API in "
        f"{meta['seed']['seconds']:.1f} s (custom attributes: "
        f"{'yes' if meta['seed']['custom_attributes'] else 'no'})",
    ]
    for note in meta["seed"]["notes"]:
        lines.append(f"  - seeding: {note}")
    bulk = meta.get("bulk", {})
    if bulk.get("created"):
        lines.append(
            f"- bulk: {bulk['created']:,} more contacts written straight into the database by "
            f"`backchannel.seeding` in {bulk['seconds']:.1f} s, before the servers started "
            f"({_contacts(meta):,} contacts in all)"
        )
        if bulk.get("analyze_seconds") is not None:
            lines.append(
                f"  - then `VACUUM (ANALYZE) contacts` in {bulk['analyze_seconds']:.1f} s, "
                "as autovacuum would do after such a load"
            )
    totals = meta.get("search_totals") or {}
    bodies = meta.get("search_bodies") or {}
    if not totals and meta.get("search_total_count") is not None:
        totals = {"search_contacts": meta["search_total_count"]}
        bodies = {"search_contacts": meta["search_body"]}
    for key, total in totals.items():
        if total is not None:
            lines.append(f"- search filter `{bodies.get(key)}` matches {total:,} contacts")
    lines += [
        "",
        f"## Throughput and latency (median of {meta['runs']} run(s))",
        "",
        "| scenario | req/s | p50 ms | p99 ms | server CPU ms/req | non-2xx | socket errors |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for key, values in medians.items():
        lines.append(
            f"| {scenarios[key]['title']} | {_num(values['requests_per_second'])} "
            f"| {_num(values['latency_p50_ms'], 2)} | {_num(values['latency_p99_ms'], 2)} "
            f"| {_num(values['cpu_ms_per_request'], 3)} | {values['errors_status']} "
            f"| {values['errors_socket']} |"
        )
    for key, reason in summary["skipped"].items():
        lines.append(f"| {scenarios[key]['title']} | skipped: {reason} | | | | | |")

    if summary["ratios"]:
        lines += [
            "",
            "## Backchannel / baseline",
            "",
            "Throughput: higher is better. Latency and CPU per request: lower is better.",
            "",
            "| scenario | req/s | p50 | p99 | CPU ms/req | req/s, run by run |",
            "|---|---:|---:|---:|---:|---|",
        ]
        run_ratios = summary.get("run_ratios", {})
        for key, ratio in summary["ratios"].items():
            paired = run_ratios.get(key, [])
            each = " ".join(f"{value:.2f}" for value in paired)
            if paired:
                each += f" (median {statistics.median(paired):.2f})"
            lines.append(
                f"| {scenarios[key]['title']} | {ratio['requests_per_second']:.2f} "
                f"| {ratio['latency_p50_ms']:.2f} | {ratio['latency_p99_ms']:.2f} "
                f"| {ratio['cpu_ms_per_request']:.2f} | {each} |"
            )

    if summary["serial"]:
        lines += [
            "",
            "## Single caller (one connection, requests one after another)",
            "",
            "| scenario | requests | p50 ms | p99 ms | max ms |",
            "|---|---:|---:|---:|---:|",
        ]
        for key, values in summary["serial"].items():
            lines.append(
                f"| {scenarios[key]['title']} | {values['requests']} "
                f"| {values['p50_ms']:.2f} | {values['p99_ms']:.2f} | {values['max_ms']:.2f} |"
            )

    lines += [
        "",
        "## Start-up and memory",
        "",
        "| process | start-up s | idle RSS MiB | RSS after load MiB | peak RSS MiB |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, proc in summary["processes"].items():
        after = proc.get("final_rss_kib")
        peak = proc.get("peak_rss_kib")
        lines.append(
            f"| {name} | {proc['startup_s']:.2f} | {proc['idle_rss_kib'] / MIB:.1f} "
            f"| {after / MIB if after else float('nan'):.1f} "
            f"| {peak / MIB if peak else float('nan'):.1f} |"
        )

    if summary["targets"]:
        lines += [
            "",
            "## PRODUCT.md targets",
            "",
            "| target | measured | met | note |",
            "|---|---|---|---|",
        ]
        for row in summary["targets"]:
            met = {True: "yes", False: "**no**", None: "n/a"}[row["met"]]
            lines.append(f"| {row['target']} | {row['measured']} | {met} | {row['note']} |")
    return "\n".join(lines) + "\n"
