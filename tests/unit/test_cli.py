"""The ``backchannel`` command (``backchannel.cli``), driven through click's CliRunner.

Each test gets a database of its own: a SQLite file, and, when
``BACKCHANNEL_TEST_POSTGRES_URL`` is set, a fresh PostgreSQL schema named in the URL's
``options``. Tokens the commands print are tried against the API in-process. No server is
started here (``tests/sdk`` does that).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from alembic.script import ScriptDirectory
from click.testing import Result
from sqlalchemy import Engine, func, inspect, select, text

from backchannel.app import create_app
from backchannel.cli import bootstrap
from backchannel.db.migrate import alembic_config, upgrade
from backchannel.db.session import make_engine, make_sessionmaker
from backchannel.db.tables import AccessToken, Admin, Contact, Team, Workspace
from backchannel.settings import Settings
from tests.cli import run_cli
from tests.concurrency.blocking import waits_for
from tests.conftest import contract_client

pytestmark = pytest.mark.usefixtures("clean_environment")


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """An engine on the test database, for looking at what the commands stored."""
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


run = run_cli


def ok(database_url: str, *args: str) -> Result:
    result = run(database_url, *args)
    assert result.exit_code == 0, result.output
    return result


def fails(database_url: str, *args: str) -> Result:
    result = run(database_url, *args)
    assert result.exit_code != 0, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result


def printed(result: Result) -> dict[str, str]:
    """``Label: value`` lines of the output, by label."""
    pairs = (line.split(": ", 1) for line in result.stdout.splitlines() if ": " in line)
    return {label: value for label, value in pairs}


def make_workspace(database_url: str, *args: str) -> dict[str, str]:
    return printed(ok(database_url, "workspace", "create", *args))


def me(database_url: str, token: str) -> tuple[int, dict[str, Any]]:
    """GET /me with ``token`` on an app built from settings, as a deployment builds it."""
    app = create_app(Settings(database_url=database_url, token_cache_seconds=0))
    with contract_client(app) as client:
        response = client.get(
            "/me", headers={"Authorization": f"Bearer {token}", "Accept": "application/json"}
        )
    return response.status_code, response.json()


def count(engine: Engine, table: type[object]) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


# --- db upgrade ---------------------------------------------------------------------------


def test_db_upgrade_migrates_to_head_and_is_idempotent(database_url, engine):
    first = ok(database_url, "db", "upgrade")
    second = ok(database_url, "db", "upgrade")

    assert first.stdout == second.stdout == "Database is up to date.\n"
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == [
            head
        ]
    assert {"workspaces", "admins", "access_tokens", "contacts"} <= set(
        inspect(engine).get_table_names()
    )
    assert count(engine, Workspace) == 0  # upgrade makes no data


# --- workspace create ---------------------------------------------------------------------


def test_workspace_create_prints_code_owner_and_a_working_token(database_url, engine):
    out = make_workspace(
        database_url, "--name", "Acme", "--admin-name", "Ada", "--admin-email", "ada@acme.test"
    )

    status, body = me(database_url, out["Access token"])
    assert status == 200, body
    assert body["id"] == out["Owner admin id"]
    assert (body["name"], body["email"]) == ("Ada", "ada@acme.test")
    assert body["app"]["id_code"] == out["Workspace"]
    assert body["app"]["name"] == "Acme"
    with engine.connect() as conn:
        assert conn.execute(select(Workspace.id_code)).scalars().all() == [out["Workspace"]]


def test_workspace_create_uses_the_given_token(database_url):
    out = make_workspace(database_url, "--token", "bc_chosen_token")

    assert out["Access token"] == "bc_chosen_token"
    assert me(database_url, "bc_chosen_token")[0] == 200


def test_workspace_create_twice_makes_two_workspaces_with_their_own_tokens(database_url):
    first = make_workspace(database_url)
    second = make_workspace(database_url)

    assert first["Workspace"] != second["Workspace"]
    assert first["Access token"] != second["Access token"]
    _, body = me(database_url, second["Access token"])
    assert body["app"]["id_code"] == second["Workspace"]


# --- token create -------------------------------------------------------------------------


def test_token_create_acts_as_the_owner_by_default(database_url):
    owner = make_workspace(database_url)
    token = ok(database_url, "token", "create").stdout.strip()

    assert token.startswith("bc_") and token != owner["Access token"]
    status, body = me(database_url, token)
    assert status == 200
    assert body["id"] == owner["Owner admin id"]


def test_token_create_for_another_admin(database_url):
    make_workspace(database_url)
    admin_id = ok(
        database_url, "admin", "create", "--name", "Bob", "--email", "bob@acme.test"
    ).stdout.strip()

    token = ok(database_url, "token", "create", "--admin-id", admin_id).stdout.strip()

    _, body = me(database_url, token)
    assert (body["id"], body["email"]) == (admin_id, "bob@acme.test")


def test_token_create_with_a_chosen_value_in_a_named_workspace(database_url):
    make_workspace(database_url)
    second = make_workspace(database_url)

    result = ok(
        database_url, "token", "create", "--workspace", second["Workspace"], "--token", "bc_mine"
    )

    assert result.stdout == "bc_mine\n"
    _, body = me(database_url, "bc_mine")
    assert body["app"]["id_code"] == second["Workspace"]
    assert body["id"] == second["Owner admin id"]


def test_token_create_unknown_workspace_fails_clearly(database_url, engine):
    make_workspace(database_url)

    result = fails(database_url, "token", "create", "--workspace", "nosuchws")

    assert result.exit_code == 1
    assert "Error: No workspace nosuchws" in result.output
    assert count(engine, AccessToken) == 1


def test_token_create_without_any_workspace_fails_clearly(database_url):
    result = fails(database_url, "token", "create")

    assert "Error: No workspace (none exists yet)" in result.output


def test_token_create_for_an_unknown_admin_fails_clearly(database_url, engine):
    make_workspace(database_url)

    result = fails(database_url, "token", "create", "--admin-id", "999999")

    assert "Error: Admin 999999 not found" in result.output
    assert count(engine, AccessToken) == 1


def test_token_create_refuses_a_token_already_in_use(database_url):
    out = make_workspace(database_url)

    result = fails(database_url, "token", "create", "--token", out["Access token"])

    assert "Error: That access token is already in use" in result.output


# --- admin create -------------------------------------------------------------------------


def test_admin_create_prints_the_new_admin_id(database_url, engine):
    make_workspace(database_url)

    result = ok(
        database_url,
        "admin",
        "create",
        "--name",
        "Cy",
        "--email",
        "cy@acme.test",
        "--job-title",
        "Support",
    )

    with engine.connect() as conn:
        stored = conn.execute(select(Admin).where(Admin.email == "cy@acme.test")).one()
    assert result.stdout == f"{stored.id}\n"
    assert (stored.name, stored.job_title) == ("Cy", "Support")


def test_admin_create_duplicate_email_fails(database_url, engine):
    owner_id = make_workspace(database_url, "--admin-email", "ada@acme.test")["Owner admin id"]

    result = fails(database_url, "admin", "create", "--name", "Ada 2", "--email", "ada@acme.test")

    assert result.exit_code == 1
    assert (
        f"Error: An admin with email ada@acme.test already exists with id={owner_id}"
        in result.output
    )
    assert count(engine, Admin) == 1


# --- team create --------------------------------------------------------------------------


def test_team_create_with_members(database_url):
    out = make_workspace(database_url)
    bob = ok(database_url, "admin", "create", "--name", "Bob", "--email", "b@acme.test").stdout

    result = ok(
        database_url,
        "team",
        "create",
        "--name",
        "Billing",
        "--admin-id",
        out["Owner admin id"],
        "--admin-id",
        bob.strip(),
    )

    team_id = result.stdout.strip()
    app = create_app(Settings(database_url=database_url))
    with contract_client(app) as client:
        response = client.get(
            f"/teams/{team_id}", headers={"Authorization": f"Bearer {out['Access token']}"}
        )
    assert response.status_code == 200, response.text
    assert response.json()["name"] == "Billing"
    assert sorted(response.json()["admin_ids"]) == sorted(
        [int(out["Owner admin id"]), int(bob.strip())]
    )


def test_team_create_with_an_unknown_admin_fails_and_makes_no_team(database_url, engine):
    make_workspace(database_url)

    result = fails(database_url, "team", "create", "--name", "Ghosts", "--admin-id", "424242")

    assert result.exit_code == 1
    assert "Error: Admin 424242 not found" in result.output
    with engine.connect() as conn:
        assert conn.execute(select(Team.name)).scalars().all() == ["Support"]


# --- seed contacts ------------------------------------------------------------------------


def test_seed_contacts_inserts_reports_progress_and_total(database_url, engine):
    out = make_workspace(database_url)

    result = ok(database_url, "seed", "contacts", "--count", "120", "--batch", "50", "--seed", "3")

    assert result.stdout.startswith(f"Seeded 120 contacts into workspace {out['Workspace']} in ")
    assert result.stdout.rstrip().endswith("(run tag s3r0)")
    progress = result.stderr.splitlines()
    assert [line.split(" contacts")[0] for line in progress] == ["50/120", "100/120", "120/120"]
    assert count(engine, Contact) == 120


def test_seed_contacts_unknown_workspace_fails(database_url, engine):
    make_workspace(database_url)

    result = fails(database_url, "seed", "contacts", "--count", "5", "--workspace", "nosuchws")

    assert "Error: No workspace nosuchws" in result.output
    assert count(engine, Contact) == 0


# --- first-start bootstrap (what `serve` runs before serving) ------------------------------


def _bootstrap(engine: Engine, settings: Settings) -> tuple[str, str | None]:
    with make_sessionmaker(engine).begin() as session:
        workspace, token = bootstrap(session, settings)
        return workspace.id_code, token


def test_bootstrap_creates_the_default_workspace_once(database_url, engine):
    upgrade(engine)
    settings = Settings(database_url=database_url)

    code, token = _bootstrap(engine, settings)
    again, second_token = _bootstrap(engine, settings)

    assert again == code
    assert token is not None and second_token is None
    assert count(engine, Workspace) == 1
    assert count(engine, AccessToken) == 1
    assert count(engine, Team) == 1
    assert me(database_url, token)[0] == 200


def test_servers_that_bootstrap_together_make_one_workspace(database_url, engine):
    """Two servers starting at once on a new database: the second waits for the first's
    workspace instead of making another (PostgreSQL; SQLite sessions hold the write lock)."""
    upgrade(engine)
    settings = Settings(database_url=database_url)
    sessions = make_sessionmaker(engine)
    first = sessions()
    first.begin()
    made, token = bootstrap(first, settings)
    found = waits_for(first, lambda: _bootstrap(engine, settings))
    assert token is not None
    assert found == (made.id_code, None)
    assert count(engine, Workspace) == 1


def test_bootstrap_uses_the_bootstrap_token_from_the_environment(database_url, engine, monkeypatch):
    upgrade(engine)
    monkeypatch.setenv("BACKCHANNEL_BOOTSTRAP_TOKEN", "bc_fixed_bootstrap")
    settings = Settings.from_env()

    code, token = _bootstrap(engine, settings)

    assert token == "bc_fixed_bootstrap"
    status, body = me(database_url, "bc_fixed_bootstrap")
    assert status == 200
    assert body["app"]["id_code"] == code
    assert _bootstrap(engine, settings) == (code, None)  # already there: nothing new


def test_bootstrap_adds_a_new_bootstrap_token_to_the_existing_workspace(database_url, engine):
    upgrade(engine)
    code, first = _bootstrap(engine, Settings(bootstrap_token="bc_first"))

    again, second = _bootstrap(engine, Settings(bootstrap_token="bc_second"))

    assert (again, first, second) == (code, "bc_first", "bc_second")
    assert count(engine, Workspace) == 1
    with engine.connect() as conn:
        owners = dict(conn.execute(select(AccessToken.token, AccessToken.admin_id)).all())
    assert set(owners) == {"bc_first", "bc_second"}
    assert owners["bc_first"] == owners["bc_second"]  # both act as the owner admin
    for token in ("bc_first", "bc_second"):
        status, body = me(database_url, token)
        assert status == 200
        assert body["app"]["id_code"] == code
