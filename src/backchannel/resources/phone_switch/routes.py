"""Phone switch operations: one thin handler per operationId."""

from __future__ import annotations

from typing import Any

import msgspec
from starlette.responses import Response

from backchannel.core.http import Context, Operation, json_response
from backchannel.resources.phone_switch import service
from backchannel.resources.phone_switch.errors import PhoneSwitchError
from backchannel.resources.phone_switch.schemas import decode_phone_switch
from backchannel.resources.phone_switch.serializers import phone_switch_to_api

__all__ = ["OPERATIONS"]


def create_phone_switch(ctx: Context, *, body: msgspec.Raw) -> dict[str, Any] | Response:
    """``POST /phone_call_redirects``: record the SMS; errors as ``{error_key, message}``."""
    try:
        data = decode_phone_switch(bytes(body))
        redirect = service.create_redirect(
            ctx.db,
            workspace_id=ctx.workspace_id,
            phone=data.phone,
            custom_attributes=data.custom_attributes,
            base_url=str(ctx.request.base_url),
            now=ctx.now(),
            ids=ctx.ids,
        )
    except PhoneSwitchError as error:
        ctx.db.rollback()
        return json_response(error.to_body(), error.status)
    return phone_switch_to_api(redirect)


OPERATIONS = [
    Operation(
        "POST",
        "/phone_call_redirects",
        create_phone_switch,
        "createPhoneSwitch",
        body=msgspec.Raw,
    ),
]
