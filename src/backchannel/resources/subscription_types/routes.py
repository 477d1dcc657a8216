"""Subscription type operations: one thin handler per operationId."""

from __future__ import annotations

from typing import Any

from backchannel.core.http import Context, Operation
from backchannel.resources.subscription_types import service
from backchannel.resources.subscription_types.schemas import SubscriptionAttach
from backchannel.resources.subscription_types.serializers import (
    subscription_type_list_to_api,
    subscription_type_to_api,
)

__all__ = ["OPERATIONS"]


def list_subscription_types(ctx: Context) -> dict[str, Any]:
    """``GET /subscription_types``."""
    return subscription_type_list_to_api(
        service.list_types(ctx.reader, workspace_id=ctx.workspace_id)
    )


def attach_subscription_type_to_contact(
    ctx: Context, contact_id: str, *, body: SubscriptionAttach
) -> dict[str, Any]:
    """``POST /contacts/{contact_id}/subscriptions``."""
    subscription_type = service.attach_to_contact(
        ctx.db,
        workspace_id=ctx.workspace_id,
        contact_id=contact_id,
        type_id=body.id,
        consent_type=body.consent_type,
        now=ctx.now(),
    )
    return subscription_type_to_api(subscription_type)


def detach_subscription_type_to_contact(ctx: Context, contact_id: str, id: str) -> dict[str, Any]:
    """``DELETE /contacts/{contact_id}/subscriptions/{id}``."""
    subscription_type = service.detach_from_contact(
        ctx.db, workspace_id=ctx.workspace_id, contact_id=contact_id, type_id=id
    )
    return subscription_type_to_api(subscription_type)


def list_subscriptions_for_a_contact(ctx: Context, contact_id: str) -> dict[str, Any]:
    """``GET /contacts/{contact_id}/subscriptions``: explicit preferences only."""
    subscription_types = service.contact_subscriptions(
        ctx.reader, workspace_id=ctx.workspace_id, contact_id=contact_id
    )
    return subscription_type_list_to_api(subscription_types)


OPERATIONS = [
    Operation("GET", "/subscription_types", list_subscription_types, "listSubscriptionTypes"),
    Operation(
        "POST",
        "/contacts/{contact_id}/subscriptions",
        attach_subscription_type_to_contact,
        "attachSubscriptionTypeToContact",
        body=SubscriptionAttach,
    ),
    Operation(
        "DELETE",
        "/contacts/{contact_id}/subscriptions/{id}",
        detach_subscription_type_to_contact,
        "detachSubscriptionTypeToContact",
    ),
    Operation(
        "GET",
        "/contacts/{contact_id}/subscriptions",
        list_subscriptions_for_a_contact,
        "listSubscriptionsForAContact",
    ),
]
