"""Help center and collection operations: one thin handler per operationId."""

from __future__ import annotations

from typing import Any

from backchannel.core.http import Context, Operation
from backchannel.resources.help_center import service
from backchannel.resources.help_center.schemas import (
    CollectionCreate,
    CollectionListQuery,
    CollectionUpdate,
    HelpCenterListQuery,
)
from backchannel.resources.help_center.serializers import (
    collection_deleted_to_api,
    collection_list_to_api,
    collection_to_api,
    help_center_list_to_api,
    help_center_to_api,
)

__all__ = ["OPERATIONS"]


def list_help_centers(ctx: Context, *, query: HelpCenterListQuery) -> dict[str, Any]:
    """``GET /help_center/help_centers``: the workspace's help centers, page by page."""
    found = service.list_help_centers(
        ctx.db,
        workspace_id=ctx.workspace_id,
        now=ctx.now(),
        page=query.page,
        per_page=query.per_page,
    )
    return help_center_list_to_api(found, workspace_code=ctx.workspace.id_code)


def retrieve_help_center(ctx: Context, id: str) -> dict[str, Any]:
    """``GET /help_center/help_centers/{id}``."""
    found = service.read_help_center(ctx.db, workspace_id=ctx.workspace_id, help_center_id=id)
    return help_center_to_api(found, workspace_code=ctx.workspace.id_code)


def list_all_collections(ctx: Context, *, query: CollectionListQuery) -> dict[str, Any]:
    """``GET /help_center/collections``: most recently updated first, page by page."""
    result = service.list_collections(
        ctx.db, workspace_id=ctx.workspace_id, page=query.page, per_page=query.per_page
    )
    per_page = result.page.per_page

    def next_url(page: int) -> str:
        return str(ctx.request.url.include_query_params(page=page, per_page=per_page))

    return collection_list_to_api(result, workspace_code=ctx.workspace.id_code, next_url=next_url)


def create_collection(ctx: Context, *, body: CollectionCreate) -> dict[str, Any]:
    """``POST /help_center/collections``."""
    view = service.create_collection(
        ctx.db, workspace_id=ctx.workspace_id, data=body, now=ctx.now()
    )
    return collection_to_api(view, workspace_code=ctx.workspace.id_code)


def retrieve_collection(ctx: Context, id: str) -> dict[str, Any]:
    """``GET /help_center/collections/{id}``."""
    view = service.read_collection(ctx.db, workspace_id=ctx.workspace_id, collection_id=id)
    return collection_to_api(view, workspace_code=ctx.workspace.id_code)


def update_collection(ctx: Context, id: str, *, body: CollectionUpdate) -> dict[str, Any]:
    """``PUT /help_center/collections/{id}``."""
    view = service.update_collection(
        ctx.db, workspace_id=ctx.workspace_id, collection_id=id, data=body, now=ctx.now()
    )
    return collection_to_api(view, workspace_code=ctx.workspace.id_code)


def delete_collection(ctx: Context, id: str) -> dict[str, Any]:
    """``DELETE /help_center/collections/{id}``: its sections go too, its articles stay."""
    deleted = service.delete_collection(ctx.db, workspace_id=ctx.workspace_id, collection_id=id)
    return collection_deleted_to_api(deleted)


OPERATIONS = [
    Operation(
        "GET",
        "/help_center/help_centers",
        list_help_centers,
        "listHelpCenters",
        query=HelpCenterListQuery,
    ),
    Operation("GET", "/help_center/help_centers/{id}", retrieve_help_center, "retrieveHelpCenter"),
    Operation(
        "GET",
        "/help_center/collections",
        list_all_collections,
        "listAllCollections",
        query=CollectionListQuery,
    ),
    Operation(
        "POST",
        "/help_center/collections",
        create_collection,
        "createCollection",
        body=CollectionCreate,
    ),
    Operation("GET", "/help_center/collections/{id}", retrieve_collection, "retrieveCollection"),
    Operation(
        "PUT",
        "/help_center/collections/{id}",
        update_collection,
        "updateCollection",
        body=CollectionUpdate,
    ),
    Operation("DELETE", "/help_center/collections/{id}", delete_collection, "deleteCollection"),
]
