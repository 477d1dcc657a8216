"""The ``Intercom-Version`` request header.

No header means 2.10 (the Python SDK sends none). Every published version is accepted and
answered in 2.10 shapes (the Node SDK sends 2.14); anything else is 400
``intercom_version_invalid``.
"""

from __future__ import annotations

from backchannel.core.errors import VersionInvalid

__all__ = ["DEFAULT_VERSION", "PUBLISHED_VERSIONS", "check_version"]

DEFAULT_VERSION = "2.10"
PUBLISHED_VERSIONS = frozenset(
    [f"1.{minor}" for minor in range(5)]
    + [f"2.{minor}" for minor in range(15)]
    + ["Unstable", "Preview"]
)


def check_version(value: str | None) -> str:
    """The version a request asked for; raises :class:`VersionInvalid` for unknown values."""
    if value is None or value == "":
        return DEFAULT_VERSION
    value = value.strip()
    if value in PUBLISHED_VERSIONS:
        return value
    if value.lower() in ("unstable", "preview"):
        return value.capitalize()
    raise VersionInvalid(
        f"Requested resource is not available in current API version. Unknown version '{value}'.",
        field="Intercom-Version",
    )
