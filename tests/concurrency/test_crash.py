"""Crash safety, briefly: ``scripts/chaos.py`` with one kill cycle per database.

``make chaos`` runs the longer version.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import DATABASES

ROOT = Path(__file__).resolve().parents[2]


def _load_script() -> ModuleType:
    name = "chaos"
    if name in sys.modules:
        return sys.modules[name]
    location = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert location is not None and location.loader is not None
    module = importlib.util.module_from_spec(location)
    sys.modules[name] = module
    location.loader.exec_module(module)
    return module


chaos = _load_script()


@pytest.mark.parametrize("kind", DATABASES)
def test_sigkill_under_load_loses_no_acknowledged_write(kind: str, tmp_path: Path) -> None:
    report = chaos.run_chaos(kind, tmp_path, cycles=1, seconds=2.0, clients=6, workers=2)
    assert report.acknowledged > 0
    assert report.problems == []
    assert (report.missing, report.half_written, report.server_errors) == (0, 0, 0)
    assert report.found == report.acknowledged
