"""The ``backchannel`` command: serve, migrate, manage workspaces, admins, teams and tokens, seed.

Flags and ``BACKCHANNEL_*`` environment variables share keys (``--port`` / ``BACKCHANNEL_PORT``).
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from backchannel.core.clock import SystemClock
from backchannel.core.errors import ApiError
from backchannel.core.ids import IdFactory
from backchannel.db.migrate import upgrade
from backchannel.db.session import make_engine, make_sessionmaker
from backchannel.db.tables import AccessToken, Admin, Workspace
from backchannel.provisioning import (
    create_admin,
    create_team,
    create_token,
    create_workspace,
    default_workspace,
)
from backchannel.resources.conversations.assignment import create_rule, delete_rule, list_rules
from backchannel.resources.segments.service import create_segment
from backchannel.seeding import DEFAULT_BATCH, seed_contacts
from backchannel.settings import ENV_PREFIX, Settings, SettingsError

__all__ = ["main"]

F = TypeVar("F", bound=Callable[..., Any])


def _settings(**overrides: Any) -> Settings:
    """Settings from the environment, with the flags given on the command line on top.

    The flags are also written back to the environment, so that the worker processes
    ``serve --workers N`` starts read the same settings.
    """
    given = {key: value for key, value in overrides.items() if value is not None}
    for key, value in given.items():
        os.environ[f"{ENV_PREFIX}{key.upper()}"] = str(value)
    try:
        return Settings.from_env()
    except SettingsError as error:
        raise click.ClickException(str(error)) from None


def database_option(func: F) -> F:
    return click.option(
        "--database-url", default=None, help="Database URL (BACKCHANNEL_DATABASE_URL)."
    )(func)


@contextmanager
def _session(settings: Settings) -> Iterator[Session]:
    engine = make_engine(settings.database_url)
    try:
        upgrade(engine)
        with make_sessionmaker(engine).begin() as session:
            yield session
    except ApiError as error:
        raise click.ClickException(error.message) from None
    finally:
        engine.dispose()


def _workspace(session: Session, code: str | None) -> Workspace:
    if code is None:
        workspace = default_workspace(session)
    else:
        workspace = session.execute(
            select(Workspace).where(Workspace.id_code == code)
        ).scalar_one_or_none()
    if workspace is None:
        raise click.ClickException(f"No workspace {code or '(none exists yet)'}")
    return workspace


@click.group()
@click.version_option(package_name="backchannel")
def main() -> None:
    """Backchannel: an Intercom-compatible server (Intercom REST API 2.10)."""


def bootstrap(session: Session, settings: Settings) -> tuple[Workspace, str | None]:
    """Create the default workspace on an empty database; make sure the bootstrap token exists.

    Returns the default workspace and the token to print (None when nothing new was made).
    """
    clock, ids = SystemClock(), IdFactory()
    if session.get_bind().dialect.name == "postgresql":
        # Servers started together on a new database each bootstrap it: the first makes the
        # workspace, the others wait here and then find it. (SQLite sessions already hold
        # the write lock from their start.)
        session.execute(text("LOCK TABLE workspaces IN SHARE ROW EXCLUSIVE MODE"))
    workspace = default_workspace(session)
    token = settings.bootstrap_token
    if workspace is None:
        made = create_workspace(
            session, clock=clock, ids=ids, timezone=settings.default_timezone, token=token
        )
        return made.workspace, made.token
    if token and session.get(AccessToken, token) is None:
        owner = session.execute(
            select(Admin).where(Admin.workspace_id == workspace.id).order_by(Admin.id).limit(1)
        ).scalar_one()
        create_token(
            session, clock=clock, ids=ids, workspace_id=workspace.id, admin_id=owner.id, token=token
        )
        return workspace, token
    return workspace, None


@main.command()
@click.option(
    "--host", default=None, help="Listen address (BACKCHANNEL_HOST), loopback by default."
)
@click.option("--port", type=int, default=None, help="Port (BACKCHANNEL_PORT), 8000 by default.")
@click.option("--workers", type=int, default=None, help="API processes (BACKCHANNEL_WORKERS).")
@database_option
def serve(
    host: str | None, port: int | None, workers: int | None, database_url: str | None
) -> None:
    """Migrate the database, create a default workspace on first start, and serve the API."""
    settings = _settings(host=host, port=port, workers=workers, database_url=database_url)
    with _session(settings) as session:
        workspace, token = bootstrap(session, settings)
        code = workspace.id_code
    click.echo(f"Backchannel serving the Intercom API 2.10 at {settings.public_url}")
    click.echo(f"Workspace: {code}")
    if token:
        click.echo(f"Access token: {token}")
    else:
        click.echo("Access token: already issued (`backchannel token create` makes another)")
    shared_counts = None
    if settings.workers > 1 and not settings.rate_limit_file:
        # The worker processes read their settings from the environment: this names the
        # file through which they share rate-limit counts.
        descriptor, shared_counts = tempfile.mkstemp(prefix="backchannel-rate-limits-")
        os.close(descriptor)
        os.environ[f"{ENV_PREFIX}RATE_LIMIT_FILE"] = shared_counts
    try:
        _run_uvicorn(settings)
    finally:
        if shared_counts is not None:
            os.environ.pop(f"{ENV_PREFIX}RATE_LIMIT_FILE", None)
            Path(shared_counts).unlink(missing_ok=True)


def _run_uvicorn(settings: Settings) -> None:
    import uvicorn

    uvicorn.run(
        "backchannel.app:app_factory",
        factory=True,
        host=settings.host,
        port=settings.port,
        workers=settings.workers,
        loop="uvloop",
        http="httptools",
        # No operation is a WebSocket: Backchannel does not install a WebSocket library, and
        # this keeps uvicorn from importing one that another package installed (0.7 MiB of
        # every process).
        ws="none",
        log_level=settings.log_level,
        access_log=False,
        # A worker process imports the whole app before it answers the supervisor's health
        # check; on a busy machine that takes longer than uvicorn's 5 s default.
        timeout_worker_healthcheck=60,
    )


@main.command()
@click.option(
    "--poll-seconds",
    type=float,
    default=None,
    help="How often to look for pending jobs (BACKCHANNEL_JOB_POLL_SECONDS), 1 by default.",
)
@click.option("--once", is_flag=True, default=False, help="Run the jobs waiting now, then exit.")
@database_option
def worker(poll_seconds: float | None, once: bool, database_url: str | None) -> None:
    """Run background jobs (data exports) until stopped by Ctrl-C or SIGTERM.

    Set BACKCHANNEL_JOBS=worker for the API processes so that they leave jobs to workers.
    Any number of workers may share one database: each job runs once.
    """
    import logging
    import signal

    from backchannel.jobs import JobRunner
    from backchannel.resources import JOB_HANDLERS

    settings = _settings(database_url=database_url, job_poll_seconds=poll_seconds)
    engine = make_engine(settings.database_url)
    try:
        upgrade(engine)
        runner = JobRunner(engine, clock=SystemClock(), handlers=JOB_HANDLERS)
        if once:
            for run in runner.poll():
                click.echo(f"{run.identifier}\t{run.kind}\t{run.status}")
            return
        logging.basicConfig(
            level=settings.log_level.upper(), format="%(asctime)s %(levelname)s %(message)s"
        )

        def stop(signum: int, frame: object) -> None:
            runner.stop()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        click.echo(f"Backchannel worker {runner.name}: {', '.join(sorted(JOB_HANDLERS))} jobs")
        if settings.jobs == "inline":
            click.echo("Note: BACKCHANNEL_JOBS is inline, so API processes run jobs too")
        runner.run_forever(settings.job_poll_seconds)
    finally:
        engine.dispose()


@main.group()
def db() -> None:
    """Database maintenance."""


@db.command("upgrade")
@database_option
def db_upgrade(database_url: str | None) -> None:
    """Apply every pending migration."""
    settings = _settings(database_url=database_url)
    engine = make_engine(settings.database_url)
    try:
        upgrade(engine)
    finally:
        engine.dispose()
    click.echo("Database is up to date.")


@main.group()
def workspace() -> None:
    """Workspaces (Intercom apps)."""


@workspace.command("create")
@click.option("--name", default="Backchannel", show_default=True)
@click.option("--timezone", default=None, help="IANA time zone, e.g. Europe/Dublin.")
@click.option("--admin-name", default="Workspace Owner", show_default=True)
@click.option("--admin-email", default="owner@example.com", show_default=True)
@click.option("--token", default=None, help="Use this access token instead of a random one.")
@database_option
def workspace_create(
    name: str,
    timezone: str | None,
    admin_name: str,
    admin_email: str,
    token: str | None,
    database_url: str | None,
) -> None:
    """Create a workspace with an owner admin, a team and an access token."""
    settings = _settings(database_url=database_url)
    with _session(settings) as session:
        made = create_workspace(
            session,
            clock=SystemClock(),
            ids=IdFactory(),
            name=name,
            timezone=timezone or settings.default_timezone,
            admin_name=admin_name,
            admin_email=admin_email,
            token=token,
        )
        click.echo(f"Workspace: {made.workspace.id_code}")
        click.echo(f"Owner admin id: {made.admin.id}")
        click.echo(f"Access token: {made.token}")


@main.group()
def token() -> None:
    """Access tokens."""


@token.command("create")
@click.option("--workspace", "code", default=None, help="Workspace id_code (default: the first).")
@click.option(
    "--admin-id", type=int, default=None, help="Admin the token acts as (default: owner)."
)
@click.option("--token", "value", default=None, help="Use this token value.")
@database_option
def token_create(
    code: str | None, admin_id: int | None, value: str | None, database_url: str | None
) -> None:
    """Issue an access token for a workspace."""
    settings = _settings(database_url=database_url)
    with _session(settings) as session:
        ws = _workspace(session, code)
        if admin_id is None:
            admin_id = session.execute(
                select(Admin.id).where(Admin.workspace_id == ws.id).order_by(Admin.id).limit(1)
            ).scalar_one()
        issued = create_token(
            session,
            clock=SystemClock(),
            ids=IdFactory(),
            workspace_id=ws.id,
            admin_id=admin_id,
            token=value,
        )
        click.echo(issued)


@main.group()
def admin() -> None:
    """Admins (teammates). The 2.10 API has no create operation for them."""


@admin.command("create")
@click.option("--workspace", "code", default=None, help="Workspace id_code (default: the first).")
@click.option("--name", required=True)
@click.option("--email", required=True)
@click.option("--job-title", default=None)
@database_option
def admin_create(
    code: str | None, name: str, email: str, job_title: str | None, database_url: str | None
) -> None:
    """Add an admin to a workspace and print its id."""
    settings = _settings(database_url=database_url)
    with _session(settings) as session:
        ws = _workspace(session, code)
        made = create_admin(
            session,
            clock=SystemClock(),
            workspace_id=ws.id,
            name=name,
            email=email,
            job_title=job_title,
        )
        click.echo(made.id)


@main.group()
def team() -> None:
    """Teams. The 2.10 API has no create operation for them."""


@team.command("create")
@click.option("--workspace", "code", default=None, help="Workspace id_code (default: the first).")
@click.option("--name", required=True)
@click.option("--admin-id", "admin_ids", type=int, multiple=True, help="A member (repeatable).")
@database_option
def team_create(
    code: str | None, name: str, admin_ids: tuple[int, ...], database_url: str | None
) -> None:
    """Add a team to a workspace and print its id."""
    settings = _settings(database_url=database_url)
    with _session(settings) as session:
        ws = _workspace(session, code)
        made = create_team(
            session, clock=SystemClock(), workspace_id=ws.id, name=name, admin_ids=list(admin_ids)
        )
        click.echo(made.id)


@main.group()
def segment() -> None:
    """Segments (saved contact filters). The 2.10 API has no create operation for them."""


@segment.command("create")
@click.option("--workspace", "code", default=None, help="Workspace id_code (default: the first).")
@click.option("--name", required=True)
@click.option(
    "--person-type",
    type=click.Choice(["user", "contact"]),
    default="user",
    show_default=True,
    help="Who the segment holds: user (users) or contact (leads).",
)
@click.option(
    "--query",
    "query_text",
    required=True,
    help="The filter as JSON, in the query language of POST /contacts/search; a date value "
    'may be relative: {"days_ago": N}.',
)
@database_option
def segment_create(
    code: str | None, name: str, person_type: str, query_text: str, database_url: str | None
) -> None:
    """Save a segment and print its id; membership is worked out on every read."""
    try:
        query = json.loads(query_text)
    except ValueError as error:
        raise click.BadParameter(f"not valid JSON: {error}", param_hint="--query") from None
    settings = _settings(database_url=database_url)
    with _session(settings) as session:
        ws = _workspace(session, code)
        made = create_segment(
            session,
            workspace_id=ws.id,
            name=name,
            person_type=person_type,
            query=query,
            now=SystemClock().now(),
            ids=IdFactory(),
        )
        click.echo(made.id)


@main.group("assignment-rule")
def assignment_rule() -> None:
    """Assignment rules, run by POST /conversations/{id}/run_assignment_rules. The 2.10 API
    has no operation to configure them."""


@assignment_rule.command("create")
@click.option("--workspace", "code", default=None, help="Workspace id_code (default: the first).")
@click.option("--name", required=True)
@click.option("--team-id", type=int, default=None, help="Assign to this team.")
@click.option("--admin-id", type=int, default=None, help="Assign to this admin.")
@click.option(
    "--round-robin",
    is_flag=True,
    default=False,
    help="Assign to the team's members in turn (by admin id), skipping admins who are away.",
)
@click.option(
    "--query",
    "query_text",
    default=None,
    help="The filter as JSON, in the query language of POST /conversations/search "
    "(default: every conversation).",
)
@database_option
def assignment_rule_create(
    code: str | None,
    name: str,
    team_id: int | None,
    admin_id: int | None,
    round_robin: bool,
    query_text: str | None,
    database_url: str | None,
) -> None:
    """Add a rule after the existing ones (the first matching rule wins) and print its id."""
    query: Any = None
    if query_text is not None:
        try:
            query = json.loads(query_text)
        except ValueError as error:
            raise click.BadParameter(f"not valid JSON: {error}", param_hint="--query") from None
    settings = _settings(database_url=database_url)
    with _session(settings) as session:
        ws = _workspace(session, code)
        made = create_rule(
            session,
            workspace_id=ws.id,
            name=name,
            query=query,
            team_id=team_id,
            admin_id=admin_id,
            round_robin=round_robin,
            now=SystemClock().now(),
        )
        click.echo(made.id)


@assignment_rule.command("list")
@click.option("--workspace", "code", default=None, help="Workspace id_code (default: the first).")
@database_option
def assignment_rule_list(code: str | None, database_url: str | None) -> None:
    """Print the rules in the order they are tried: id, name, assignees, query (tab-separated)."""
    settings = _settings(database_url=database_url)
    with _session(settings) as session:
        ws = _workspace(session, code)
        rules = list_rules(session, workspace_id=ws.id)
        if not rules:
            click.echo("No assignment rules", err=True)
        for rule in rules:
            targets = [f"team {rule.team_id}"] if rule.team_id is not None else []
            if rule.round_robin:
                targets.append("round robin")
            elif rule.admin_id is not None:
                targets.append(f"admin {rule.admin_id}")
            query = (
                "every conversation"
                if rule.query is None
                else json.dumps(rule.query, sort_keys=True)
            )
            click.echo(f"{rule.id}\t{rule.name}\t{', '.join(targets)}\t{query}")


@assignment_rule.command("delete")
@click.argument("rule_id", type=int)
@click.option("--workspace", "code", default=None, help="Workspace id_code (default: the first).")
@database_option
def assignment_rule_delete(rule_id: int, code: str | None, database_url: str | None) -> None:
    """Delete the rule RULE_ID."""
    settings = _settings(database_url=database_url)
    with _session(settings) as session:
        ws = _workspace(session, code)
        delete_rule(session, workspace_id=ws.id, rule_id=rule_id)
        click.echo(f"Deleted assignment rule {rule_id}")


@main.group("seed")
def seed_group() -> None:
    """Synthetic data for load tests and demos."""


@seed_group.command("contacts")
@click.option("--count", type=click.IntRange(min=1), required=True, help="Contacts to add.")
@click.option("--workspace", "code", default=None, help="Workspace id_code (default: the first).")
@click.option(
    "--seed",
    "seed_value",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Random seed: the same seed on a fresh workspace gives the same contacts.",
)
@click.option(
    "--batch",
    type=click.IntRange(min=1),
    default=DEFAULT_BATCH,
    show_default=True,
    help="Rows per INSERT and per transaction.",
)
@database_option
def seed_contacts_command(
    count: int, code: str | None, seed_value: int, batch: int, database_url: str | None
) -> None:
    """Bulk-insert COUNT synthetic users and leads (progress on stderr)."""
    settings = _settings(database_url=database_url)
    engine = make_engine(settings.database_url)
    try:
        upgrade(engine)
        with make_sessionmaker(engine)() as session:
            ws = _workspace(session, code)
            workspace_id, code = ws.id, ws.id_code

        def progress(done: int, total: int, seconds: float) -> None:
            rate = done / seconds if seconds > 0 else 0.0
            click.echo(f"{done:,}/{total:,} contacts, {seconds:.1f} s ({rate:,.0f}/s)", err=True)

        result = seed_contacts(
            engine,
            workspace_id=workspace_id,
            count=count,
            seed=seed_value,
            batch=batch,
            progress=progress,
        )
    finally:
        engine.dispose()
    click.echo(
        f"Seeded {result.created:,} contacts into workspace {code} "
        f"in {result.seconds:.1f} s (run tag {result.tag})"
    )


@main.group()
def visitor() -> None:
    """Visitors (anonymous Messenger users). The 2.10 API has no create operation for them."""


@visitor.command("create")
@click.option("--workspace", "code", default=None, help="Workspace id_code (default: the first).")
@click.option("--name", default=None)
@click.option("--email", default=None)
@database_option
def visitor_create(
    code: str | None, name: str | None, email: str | None, database_url: str | None
) -> None:
    """Add an anonymous visitor to a workspace and print its user_id."""
    from backchannel.resources.visitors.service import create_visitor

    settings = _settings(database_url=database_url)
    with _session(settings) as session:
        ws = _workspace(session, code)
        made = create_visitor(
            session,
            workspace_id=ws.id,
            now=SystemClock().now(),
            ids=IdFactory(),
            name=name,
            email=email,
        )
        click.echo(made.user_id)


@main.group()
def newsfeed() -> None:
    """Newsfeeds, where news items are published. The 2.10 API can only read them."""


@newsfeed.command("create")
@click.option("--workspace", "code", default=None, help="Workspace id_code (default: the first).")
@click.option("--name", required=True, help="The feed's name (never shown to users).")
@database_option
def newsfeed_create(code: str | None, name: str, database_url: str | None) -> None:
    """Add a newsfeed to a workspace and print its id."""
    from backchannel.resources.news.service import create_newsfeed

    settings = _settings(database_url=database_url)
    with _session(settings) as session:
        ws = _workspace(session, code)
        made = create_newsfeed(session, workspace_id=ws.id, name=name, now=SystemClock().now())
        click.echo(made.id)


@main.group("help-center")
def help_center_group() -> None:
    """Help Centers, where collections and articles live. The 2.10 API can only read them."""


@help_center_group.command("create")
@click.option("--workspace", "code", default=None, help="Workspace id_code (default: the first).")
@click.option("--identifier", required=True, help="The identifier used in the help center's URL.")
@click.option("--display-name", required=True, help="The name teammates see.")
@click.option("--custom-domain", default=None, help="A custom domain, e.g. help.example.com.")
@click.option(
    "--website-turned-on", is_flag=True, default=False, help="The help center site is live."
)
@database_option
def help_center_create(
    code: str | None,
    identifier: str,
    display_name: str,
    custom_domain: str | None,
    website_turned_on: bool,
    database_url: str | None,
) -> None:
    """Add a help center to a workspace and print its id."""
    from backchannel.resources.help_center.service import create_help_center

    settings = _settings(database_url=database_url)
    with _session(settings) as session:
        ws = _workspace(session, code)
        made = create_help_center(
            session,
            workspace_id=ws.id,
            identifier=identifier,
            display_name=display_name,
            now=SystemClock().now(),
            custom_domain=custom_domain,
            website_turned_on=website_turned_on,
        )
        click.echo(made.id)
