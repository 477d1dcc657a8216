"""Help centers and collections -> the ``help_center`` and ``collection`` objects
(BEHAVIOR.md §6.14), in the recorded key order.

``workspace_id`` is the workspace's ``id_code``. A collection's ``parent_id`` is a string and
its ``help_center_id`` an integer, null for sections, as the recorded examples show. A
collection's URL is ``<help center URL>/<locale>/collections/<id>-<slug of its name>``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from backchannel.resources.help_center.locales import locale_order
from backchannel.resources.help_center.service import (
    CollectionPage,
    CollectionView,
    help_center_url,
    slugify,
)

__all__ = [
    "collection_deleted_to_api",
    "collection_list_to_api",
    "collection_to_api",
    "help_center_list_to_api",
    "help_center_to_api",
]


def help_center_to_api(help_center: Any, *, workspace_code: str) -> dict[str, Any]:
    return {
        "id": str(help_center.id),
        "workspace_id": workspace_code,
        "created_at": help_center.created_at,
        "updated_at": help_center.updated_at,
        "identifier": help_center.identifier,
        "website_turned_on": help_center.website_turned_on,
        "display_name": help_center.display_name,
        "url": help_center_url(help_center),
        "custom_domain": help_center.custom_domain,
    }


def help_center_list_to_api(help_centers: Iterable[Any], *, workspace_code: str) -> dict[str, Any]:
    """``{type: "list", data}``: the spec's unpaginated list."""
    return {
        "type": "list",
        "data": [help_center_to_api(hc, workspace_code=workspace_code) for hc in help_centers],
    }


def _group_content(name: str, description: str | None) -> dict[str, Any]:
    return {"type": "group_content", "name": name, "description": description or ""}


def collection_to_api(view: CollectionView, *, workspace_code: str) -> dict[str, Any]:
    collection = view.collection
    locale = collection.default_locale
    translated: dict[str, Any] = {"type": "group_translated_content"}
    contents = {locale: _group_content(collection.name, collection.description)}
    for code, content in (collection.translations or {}).items():
        contents[code] = _group_content(content["name"], content.get("description"))
    for code in sorted(contents, key=locale_order):
        translated[code] = contents[code]
    url = (
        f"{help_center_url(view.help_center)}/{locale}/collections/"
        f"{collection.id}-{slugify(collection.name)}"
    )
    return {
        "id": str(collection.id),
        "workspace_id": workspace_code,
        "name": collection.name,
        "url": url,
        "order": collection.position,
        "created_at": collection.created_at,
        "updated_at": collection.updated_at,
        "description": collection.description,
        "icon": collection.icon,
        "parent_id": str(collection.parent_id) if collection.parent_id is not None else None,
        "help_center_id": collection.help_center_id if collection.parent_id is None else None,
        "default_locale": locale,
        "translated_content": translated,
    }


def collection_list_to_api(
    result: CollectionPage, *, workspace_code: str, next_url: Callable[[int], str]
) -> dict[str, Any]:
    """``{type: "list", data, total_count, pages}``; ``pages.next`` is the next page's URL."""
    return {
        "type": "list",
        "data": [collection_to_api(view, workspace_code=workspace_code) for view in result.views],
        "total_count": result.page.total_count,
        "pages": result.page.pages(next_url),
    }


def collection_deleted_to_api(collection_id: int) -> dict[str, Any]:
    return {"id": str(collection_id), "object": "collection", "deleted": True}
