"""Notes -> the ``note`` objects and lists Intercom returns (BEHAVIOR.md §6.15)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from backchannel.resources.notes.service import NotePage, NoteView

__all__ = ["note_author_to_api", "note_list_to_api", "note_to_api"]


def note_author_to_api(admin: Any | None) -> dict[str, Any] | None:
    """The trimmed admin a note's ``author`` is (no job title, teams or avatar)."""
    if admin is None:
        return None
    return {
        "type": "admin",
        "id": str(admin.id),
        "name": admin.name,
        "email": admin.email,
        "away_mode_enabled": admin.away_mode_enabled,
        "away_mode_reassign": admin.away_mode_reassign,
    }


def note_to_api(view: NoteView) -> dict[str, Any]:
    note = view.note
    return {
        "type": "note",
        "id": str(note.id),
        "created_at": note.created_at,
        "contact": {"type": "contact", "id": note.contact_id},
        "author": note_author_to_api(view.author),
        "body": note.body,
    }


def note_list_to_api(result: NotePage, *, next_url: Callable[[int], str]) -> dict[str, Any]:
    """``{type: "list", data, total_count, pages}``; ``pages.next`` is the next page's URL."""
    return {
        "type": "list",
        "data": [note_to_api(view) for view in result.views],
        "total_count": result.page.total_count,
        "pages": result.page.pages(next_url),
    }
