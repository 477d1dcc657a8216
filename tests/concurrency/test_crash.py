"""Crash safety, briefly: ``scripts/chaos.py`` with one kill cycle per database.

``make chaos`` runs the longer version.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import DATABASES
from tests.scripts import load_script

chaos = load_script("chaos")


@pytest.mark.parametrize("kind", DATABASES)
def test_sigkill_under_load_loses_no_acknowledged_write(kind: str, tmp_path: Path) -> None:
    report = chaos.run_chaos(kind, tmp_path, cycles=1, seconds=2.0, clients=6, workers=2)
    assert report.acknowledged > 0
    assert report.problems == []
    assert (report.missing, report.half_written, report.server_errors) == (0, 0, 0)
    assert report.found == report.acknowledged
