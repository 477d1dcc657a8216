"""The benchmark summary pairs each scenario run with the baseline run made next to it."""

from __future__ import annotations

from typing import Any

from bench.report import _METRICS, render_markdown, summarize

META = {
    "started_at": "now",
    "machine": "m",
    "software": "s",
    "load": "wrk",
    "runs": 3,
    "warmup_s": 1,
    "uvicorn_options": "",
    "seed": {"created": 1, "seconds": 1.0, "custom_attributes": True, "notes": []},
}
SCENARIOS = [
    {"key": "baseline", "title": "baseline GET /"},
    {"key": "show_contact", "title": "GET /contacts/{id}"},
]


def _run(rps: float) -> dict[str, float]:
    run = dict.fromkeys(_METRICS, 1.0)
    run.update(requests_per_second=rps, errors_status=0, errors_socket=0)
    return run


def _summary() -> dict[str, Any]:
    """Three interleaved runs: the medians (100 and 70) come from different runs."""
    return summarize(
        meta=META,
        scenarios=SCENARIOS,
        samples={
            "baseline": [_run(100), _run(200), _run(100)],
            "show_contact": [_run(60), _run(100), _run(70)],
        },
        serial={},
        processes={},
        skipped={},
    )


def test_ratios_of_medians_and_of_each_run():
    summary = _summary()
    assert summary["ratios"]["show_contact"]["requests_per_second"] == 0.7
    assert summary["run_ratios"]["show_contact"] == [0.6, 0.5, 0.7]


def test_the_ratio_table_shows_each_paired_run_and_their_median():
    assert "| 0.60 0.50 0.70 (median 0.60) |" in render_markdown(_summary())
