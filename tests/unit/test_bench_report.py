"""The benchmark summary pairs each scenario run with the baseline run made next to it."""

from __future__ import annotations

from bench.report import _METRICS, render_markdown, summarize


def _run(rps: float) -> dict[str, float]:
    run = dict.fromkeys(_METRICS, 1.0)
    run.update(requests_per_second=rps, errors_status=0, errors_socket=0)
    return run


def test_ratios_of_medians_and_of_each_run():
    summary = summarize(
        meta={},
        scenarios=[],
        samples={
            "baseline": [_run(100), _run(200), _run(100)],
            "show_contact": [_run(60), _run(100), _run(70)],
        },
        serial={},
        processes={},
        skipped={},
    )
    assert summary["ratios"]["show_contact"]["requests_per_second"] == 0.7
    assert summary["run_ratios"]["show_contact"] == [0.6, 0.5, 0.7]


def test_the_ratio_table_shows_each_paired_run_and_their_median():
    meta = {
        "started_at": "now",
        "machine": "m",
        "software": "s",
        "load": "wrk",
        "runs": 3,
        "warmup_s": 1,
        "uvicorn_options": "",
        "seed": {"created": 1, "seconds": 1.0, "custom_attributes": True, "notes": []},
    }
    summary = summarize(
        meta=meta,
        scenarios=[
            {"key": "baseline", "title": "baseline GET /"},
            {"key": "show_contact", "title": "GET /contacts/{id}"},
        ],
        samples={
            "baseline": [_run(100), _run(200), _run(100)],
            "show_contact": [_run(60), _run(100), _run(70)],
        },
        serial={},
        processes={},
        skipped={},
    )
    assert "| 0.60 0.50 0.70 (median 0.60) |" in render_markdown(summary)
