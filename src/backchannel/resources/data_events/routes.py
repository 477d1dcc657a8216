"""Data event operations: one thin handler per operationId."""

from __future__ import annotations

from typing import Any

from backchannel.core.http import Context, Empty, Operation
from backchannel.resources.data_events import service
from backchannel.resources.data_events.schemas import (
    DataEventCreate,
    DataEventListQuery,
    EventSummariesCreate,
)
from backchannel.resources.data_events.serializers import event_list_to_api, event_summary_to_api

__all__ = ["OPERATIONS"]


def create_data_event(ctx: Context, *, body: DataEventCreate) -> Empty:
    """``POST /events``: 202 with an empty body, duplicates included."""
    service.create_event(ctx.db, workspace_id=ctx.workspace_id, data=body)
    return Empty(202)


def lis_data_events(ctx: Context, *, query: DataEventListQuery) -> dict[str, Any]:
    """``GET /events``: a contact's recent events, or with ``summary=true`` its counters."""
    if query.summary:
        contact, summaries = service.summarize(
            ctx.reader, workspace_id=ctx.workspace_id, query=query
        )
        return event_summary_to_api(contact, summaries)
    result = service.list_events(
        ctx.reader, workspace_id=ctx.workspace_id, query=query, now=ctx.now()
    )
    return event_list_to_api(
        result, url=lambda params: str(ctx.request.url.replace_query_params(**params))
    )


def data_event_summaries(ctx: Context, *, body: EventSummariesCreate) -> Empty:
    """``POST /events/summaries``: 200 with an empty body."""
    service.upsert_summaries(ctx.db, workspace_id=ctx.workspace_id, data=body)
    return Empty(200)


OPERATIONS = [
    Operation("POST", "/events", create_data_event, "createDataEvent", body=DataEventCreate),
    Operation("GET", "/events", lis_data_events, "lisDataEvents", query=DataEventListQuery),
    Operation(
        "POST",
        "/events/summaries",
        data_event_summaries,
        "dataEventSummaries",
        body=EventSummariesCreate,
    ),
]
