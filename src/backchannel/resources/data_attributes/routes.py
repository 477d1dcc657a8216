"""Data attribute operations: one thin handler per operationId."""

from __future__ import annotations

from typing import Any

from backchannel.core.http import Context, Operation
from backchannel.resources.data_attributes import service
from backchannel.resources.data_attributes.schemas import (
    DataAttributeCreate,
    DataAttributeListQuery,
    DataAttributeUpdate,
)
from backchannel.resources.data_attributes.serializers import (
    data_attribute_list_to_api,
    data_attribute_to_api,
)

__all__ = ["OPERATIONS"]


def lis_data_attributes(ctx: Context, *, query: DataAttributeListQuery) -> dict[str, Any]:
    """``GET /data_attributes``: built-in and custom attributes, archived ones on request."""
    builtins, custom = service.list_attributes(
        ctx.reader,
        workspace_id=ctx.workspace_id,
        model=query.model,
        include_archived=query.include_archived,
    )
    return data_attribute_list_to_api(builtins, custom)


def create_data_attribute(ctx: Context, *, body: DataAttributeCreate) -> dict[str, Any]:
    """``POST /data_attributes``: declare a custom attribute for contacts or companies."""
    attribute = service.create(
        ctx.db, workspace_id=ctx.workspace_id, admin_id=ctx.admin_id, data=body, now=ctx.now()
    )
    return data_attribute_to_api(attribute)


def update_data_attribute(ctx: Context, id: str, *, body: DataAttributeUpdate) -> dict[str, Any]:
    """``PUT /data_attributes/{id}``: description, options, messenger_writable, archived."""
    attribute = service.update(
        ctx.db, workspace_id=ctx.workspace_id, attribute_id=id, data=body, now=ctx.now()
    )
    return data_attribute_to_api(attribute)


OPERATIONS = [
    Operation(
        "GET",
        "/data_attributes",
        lis_data_attributes,
        "lisDataAttributes",
        query=DataAttributeListQuery,
    ),
    Operation(
        "POST",
        "/data_attributes",
        create_data_attribute,
        "createDataAttribute",
        body=DataAttributeCreate,
    ),
    Operation(
        "PUT",
        "/data_attributes/{id}",
        update_data_attribute,
        "updateDataAttribute",
        body=DataAttributeUpdate,
    ),
]
