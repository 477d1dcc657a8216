"""Indexes made at run time, outside the Alembic history: one expression index per declared
custom attribute name (see :mod:`backchannel.resources.data_attributes.indexes`).

Alembic's autogenerate must neither drop nor report them; ``migrations/env.py`` filters them
with :func:`include_object`.
"""

from __future__ import annotations

from typing import Any

__all__ = ["RUNTIME_INDEX_PREFIXES", "include_object"]

RUNTIME_INDEX_PREFIXES = ("ix_contacts_ca_", "ix_companies_ca_")


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    """Alembic ``include_object``: everything but the run-time custom attribute indexes."""
    return not (type_ == "index" and name is not None and name.startswith(RUNTIME_INDEX_PREFIXES))
