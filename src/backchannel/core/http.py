"""The request pipeline every operation goes through.

An :class:`Operation` pairs a spec operationId with a thin handler. The pipeline checks the
``Intercom-Version`` header, resolves the bearer token to a workspace, counts the call
against the workspace's rate limit, reads and decodes the body under a size limit, runs the
handler inside one database transaction, and renders either the handler's result or an
``error.list``. Handlers are plain functions called on the event loop: SQLite reads take
microseconds, and a thread-pool hop per request would cost more than the query.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import msgspec
from sqlalchemy import Connection
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

from backchannel.core.auth import WorkspaceInfo, bearer_token
from backchannel.core.bodies import decode_body, decode_query
from backchannel.core.errors import (
    ApiError,
    Conflict,
    PayloadTooLarge,
    ServerError,
    UnsupportedMediaType,
    error_body,
)
from backchannel.core.ratelimit import RateLimitExceeded, RateLimitState
from backchannel.core.versioning import check_version

if TYPE_CHECKING:
    from backchannel.runtime import Runtime

__all__ = ["Context", "Empty", "Operation", "error_response", "json_response"]

logger = logging.getLogger("backchannel.http")

JSON_MEDIA_TYPE = "application/json; charset=utf-8"
_encoder = msgspec.json.Encoder()


class Empty:
    """A handler result meaning "answer with an empty body" (``DELETE /tags/{id}``)."""

    def __init__(self, status: int = 200) -> None:
        self.status = status


@dataclass(slots=True)
class Context:
    """What a handler may use: the caller, the database, the clock and the id source.

    ``db`` is the request's ORM session: one transaction, committed when the handler
    returns and rolled back when it raises. ``reader`` is for handlers that only read: the
    thread's kept-open plain connection (``Runtime.reader``), which costs a fraction of a
    session per request; once the session is open, ``reader`` is the session, so a request
    never reads past its own writes.
    """

    request: Request
    workspace: WorkspaceInfo
    admin_id: int
    runtime: Runtime
    request_id: str
    version: str
    _session: Session | None = None
    _connection: Connection | None = None

    @property
    def db(self) -> Session:
        if self._session is None:
            self._session = self.runtime.sessions()
        return self._session

    @property
    def reader(self) -> Session | Connection:
        if self._session is not None:
            return self._session
        if self._connection is None:
            self._connection = self.runtime.reader()
        return self._connection

    def finish(self, *, commit: bool) -> None:
        """End the request's database work: commit (or roll back) and release connections."""
        try:
            if self._session is not None:
                if commit:
                    self._session.commit()
                else:
                    self._session.rollback()
        finally:
            if self._session is not None:
                self._session.close()
            if self._connection is not None:
                self.runtime.end_read(self._connection)

    @property
    def workspace_id(self) -> int:
        return self.workspace.id

    def now(self) -> int:
        return self.runtime.clock.now()

    @property
    def ids(self) -> Any:
        return self.runtime.ids

    @property
    def query_params(self) -> Mapping[str, str]:
        return self.request.query_params


def json_response(
    payload: Any, status: int = 200, headers: Mapping[str, str] | None = None
) -> Response:
    return Response(
        _encoder.encode(payload), status_code=status, headers=headers, media_type=JSON_MEDIA_TYPE
    )


def error_response(
    error: ApiError, request_id: str, headers: Mapping[str, str] | None = None
) -> Response:
    all_headers = {"X-Request-Id": request_id, **(headers or {})}
    return json_response(error_body([error], request_id), error.status, all_headers)


async def _read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise PayloadTooLarge(f"Request body exceeds the limit of {limit} bytes")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise PayloadTooLarge(f"Request body exceeds the limit of {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _path_params(params: Mapping[str, Any]) -> dict[str, Any]:
    """The path parameters, with any NUL (``%00``) made U+FFFD: no stored id holds NUL (and
    PostgreSQL cannot even compare one), so the id is simply not found, with the resource's
    own 404."""
    return {
        name: value.replace("\x00", "\ufffd") if isinstance(value, str) else value
        for name, value in params.items()
    }


def _caller_headers(scope: Scope) -> tuple[str | None, str | None]:
    """The ``Intercom-Version`` and ``Authorization`` headers (the first of each), read in
    one pass over the raw headers."""
    version = authorization = None
    for name, value in scope["headers"]:
        if name == b"authorization":
            if authorization is None:
                authorization = value.decode("latin-1")
        elif name == b"intercom-version" and version is None:
            version = value.decode("latin-1")
    return version, authorization


def _check_content_type(request: Request, raw: bytes) -> None:
    if not raw.strip():
        return
    content_type = request.headers.get("content-type")
    if content_type is None:
        return
    media = content_type.split(";", 1)[0].strip().lower()
    if media == "application/json" or media.endswith("+json") or media == "text/json":
        return
    raise UnsupportedMediaType(f"Unsupported Content-Type '{media}': send application/json")


_JSON_HEADER = (b"content-type", JSON_MEDIA_TYPE.encode())


def _headers(request_id: str, limit_state: RateLimitState | None) -> list[tuple[bytes, bytes]]:
    """The headers every operation's answer carries: its request id and, once the caller is
    known, the rate-limit headers."""
    headers = [(b"x-request-id", request_id.encode())]
    if limit_state is not None:
        headers += limit_state.raw_headers()
    return headers


async def _send(
    send: Send,
    status: int,
    body: bytes,
    request_id: str,
    limit_state: RateLimitState | None,
    *,
    json: bool = True,
) -> None:
    """Send a whole response, with :func:`_headers`, as two ASGI messages."""
    head = [(b"content-length", b"%d" % len(body)), *_headers(request_id, limit_state)]
    if json:
        head.append(_JSON_HEADER)
    await send({"type": "http.response.start", "status": status, "headers": head})
    await send({"type": "http.response.body", "body": body})


@dataclass
class Operation:
    """One spec operation: method, path, handler, and how to decode its inputs.

    The handler is called as ``handler(ctx, **path_params[, body=...][, query=...])`` and
    returns a JSON-able value, an :class:`Empty`, or a Starlette ``Response``.
    """

    method: str
    path: str
    handler: Callable[..., Any]
    operation_id: str
    body: type[Any] | None = None
    query: type[Any] | None = None
    ignored_fields: frozenset[str] = frozenset()
    extra_methods: tuple[str, ...] = field(default_factory=tuple)

    def route(self) -> Route:
        # The operation itself is the route's ASGI app: it renders its own errors and
        # sends its own response, with no request/response wrapper around it.
        return Route(
            self.path,
            self,
            methods=[self.method, *self.extra_methods],
            name=self.operation_id,
            include_in_schema=False,
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive)
        runtime: Runtime = scope["app"].state.runtime
        request_id = runtime.ids.request_id()
        limit_state: RateLimitState | None = None
        try:
            version_header, authorization = _caller_headers(scope)
            version = check_version(version_header)
            principal = runtime.tokens.resolve(bearer_token(authorization))
            try:
                limit_state = runtime.rate_limiter.hit(principal.workspace.id, runtime.clock.now())
            except RateLimitExceeded as exceeded:
                limit_state = exceeded.state
                raise
            kwargs: dict[str, Any] = _path_params(scope["path_params"])
            if self.body is not None or self.method in ("POST", "PUT", "DELETE"):
                raw = await _read_body(request, runtime.settings.max_body_bytes)
                _check_content_type(request, raw)
                if self.body is not None:
                    kwargs["body"] = decode_body(raw, self.body, ignored=self.ignored_fields)
            if self.query is not None:
                kwargs["query"] = decode_query(request.query_params, self.query)
            result = self._run(runtime, request, principal, request_id, version, kwargs)
        except ApiError as error:
            body = _encoder.encode(error_body([error], request_id))
            await _send(send, error.status, body, request_id, limit_state)
            return
        except Exception:
            logger.exception("unhandled error in %s (request_id=%s)", self.operation_id, request_id)
            body = _encoder.encode(error_body([ServerError()], request_id))
            await _send(send, ServerError.status, body, request_id, limit_state)
            return
        if isinstance(result, Response):
            result.raw_headers.extend(_headers(request_id, limit_state))
            await result(scope, receive, send)
        elif isinstance(result, Empty):
            await _send(send, result.status, b"", request_id, limit_state, json=False)
        else:
            await _send(send, 200, _encoder.encode(result), request_id, limit_state)

    def _run(
        self,
        runtime: Runtime,
        request: Request,
        principal: Any,
        request_id: str,
        version: str,
        kwargs: dict[str, Any],
    ) -> Any:
        ctx = Context(
            request=request,
            workspace=principal.workspace,
            admin_id=principal.admin_id,
            runtime=runtime,
            request_id=request_id,
            version=version,
        )
        try:
            result = self.handler(ctx, **kwargs)
            ctx.finish(commit=True)
        except IntegrityError as error:
            ctx.finish(commit=False)
            raise Conflict("The change conflicts with stored data") from error
        except BaseException:
            ctx.finish(commit=False)
            raise
        return result
