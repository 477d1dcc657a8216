"""``create_app(settings)``: the ASGI application."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import AsyncIterator

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from backchannel import API_VERSION, __version__
from backchannel.core.errors import ApiError, NotFound, PayloadTooLarge
from backchannel.core.http import error_response, json_response
from backchannel.core.routing import DispatchingStarlette
from backchannel.db.migrate import HEAD, current_revision
from backchannel.jobs import InlineJobs, JobRunner
from backchannel.resources import JOB_HANDLERS, OPERATIONS
from backchannel.runtime import Runtime
from backchannel.settings import Settings, get_settings

__all__ = ["app_factory", "create_app"]


async def _http_exception(request: Request, exc: Exception) -> Response:
    """Unknown paths and unsupported methods are 404, as Intercom answers them."""
    runtime: Runtime = request.app.state.runtime
    error: ApiError
    if isinstance(exc, HTTPException) and exc.status_code == 413:
        error = PayloadTooLarge()
    else:
        error = NotFound("Resource Not Found")
    return error_response(error, runtime.ids.request_id())


async def _health(request: Request) -> Response:
    return json_response({"status": "ok", "version": __version__, "api_version": API_VERSION})


def create_app(settings: Settings | None = None, *, runtime: Runtime | None = None) -> Starlette:
    """Build the app; tests pass a ``runtime`` with their own engine, clock and ids."""
    settings = settings or (runtime.settings if runtime else get_settings())
    runtime = runtime or Runtime.build(settings)

    operations = [operation.route() for operation in OPERATIONS]
    routes = list(operations)
    if settings.control_routes:
        routes.append(Route("/_backchannel/health", _health, methods=["GET"]))

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        # Background jobs run in this process unless worker processes are configured.
        jobs: InlineJobs | None = None
        if settings.jobs == "inline":
            runner = JobRunner(runtime.engine, clock=runtime.clock, handlers=JOB_HANDLERS)
            jobs = InlineJobs(runner, poll_seconds=settings.job_poll_seconds)
            jobs.start()
        yield
        if jobs is not None:
            await jobs.stop()
        runtime.close_readers()
        runtime.engine.dispose()

    app = DispatchingStarlette(
        dispatched=operations,
        routes=routes,
        exception_handlers={HTTPException: _http_exception},
        lifespan=lifespan,
    )
    app.state.runtime = runtime
    return app


def app_factory() -> Starlette:
    """Entry point for ``uvicorn --factory`` worker processes: settings from the environment.

    ``backchannel serve`` migrates before it starts workers; a server started by hand on a
    database that is not at the current revision refuses to start, with the command that
    fixes it, instead of answering every request with a missing-table error.
    """
    settings = get_settings()
    runtime = Runtime.build(settings)
    revision = current_revision(runtime.engine)
    if revision != HEAD:
        runtime.engine.dispose()
        found = f"revision {revision}" if revision else "no Backchannel tables"
        raise SystemExit(
            f"backchannel: the database has {found}; this version needs revision {HEAD}. "
            "Run `backchannel db upgrade` (or start with `backchannel serve`, which upgrades)."
        )
    app = create_app(settings, runtime=runtime)
    # What start-up built (modules, tables, routes: about 80,000 objects) lives as long as
    # the process. Moved out of the collector's generations, a full collection no longer
    # walks it: one took about 40 ms, a pause every several thousand requests.
    gc.freeze()
    return app
