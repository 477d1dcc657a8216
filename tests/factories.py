"""Small builders shared by tests."""

from __future__ import annotations

from typing import Any

__all__ = ["declare_attributes"]


def declare_attributes(api: Any, model: str = "contact", **types: str) -> None:
    """Declare custom data attributes (``name=data_type``) through ``POST /data_attributes``,
    as a client must before writing them on contacts or companies."""
    for name, data_type in types.items():
        response = api.post(
            "/data_attributes", json={"name": name, "model": model, "data_type": data_type}
        )
        assert response.status_code == 200, response.text
