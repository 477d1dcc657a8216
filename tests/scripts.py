"""The command-line scripts of ``scripts/``, imported as modules so tests can drive them."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent


def load_script(name: str) -> ModuleType:
    """``scripts/<name>.py`` as a module (loaded once)."""
    if name in sys.modules:
        return sys.modules[name]
    location = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert location is not None and location.loader is not None
    module = importlib.util.module_from_spec(location)
    sys.modules[name] = module
    location.loader.exec_module(module)
    return module
