"""Tags -> the ``tag`` objects and lists Intercom returns (BEHAVIOR.md §6.5)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from backchannel.resources.tags.service import AppliedTag

__all__ = ["applied_tag_list_to_api", "applied_tag_to_api", "tag_list_to_api", "tag_to_api"]


def tag_to_api(tag: Any) -> dict[str, Any]:
    """``tag_basic``: ``{type, id, name}`` (createTag, findTag, listTags)."""
    return {"type": "tag", "id": str(tag.id), "name": tag.name}


def applied_tag_to_api(tag: AppliedTag) -> dict[str, Any]:
    """A tag as applied to a contact: with ``applied_at`` and ``applied_by``."""
    return {
        **tag_to_api(tag),
        "applied_at": tag.applied_at,
        "applied_by": (
            {"type": "admin", "id": str(tag.applied_by)} if tag.applied_by is not None else None
        ),
    }


def tag_list_to_api(tags: Iterable[Any]) -> dict[str, Any]:
    return {"type": "list", "data": [tag_to_api(tag) for tag in tags]}


def applied_tag_list_to_api(tags: Iterable[AppliedTag]) -> dict[str, Any]:
    return {"type": "list", "data": [applied_tag_to_api(tag) for tag in tags]}
