"""Declaring a contact custom attribute creates an expression index that its searches use.

The search compiler writes the JSON key into the SQL as a literal, and the index holds the
very expression the compiler compares, so both SQLite (which never matches an index
expression against a bound parameter) and PostgreSQL read one index range.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine, func, select, text

from backchannel.core.search import FieldType, compile_query, parse_search_request
from backchannel.core.search.jsonvalues import JsonText
from backchannel.db.runtime_indexes import include_object
from backchannel.db.tables import Contact
from backchannel.provisioning import NewWorkspace
from backchannel.resources.contacts.service import live, typed_fields
from backchannel.resources.data_attributes.indexes import contact_index, index_name
from backchannel.resources.data_attributes.service import ensure_data_attribute
from tests.conftest import START


def _declare(engine: Engine, workspace: NewWorkspace, name: str, data_type: str) -> None:
    with engine.begin() as conn:
        ensure_data_attribute(
            conn,
            workspace_id=workspace.workspace.id,
            model="contact",
            name=name,
            data_type=data_type,
            now=START,
        )


def _indexes(engine: Engine) -> list[str]:
    """Index names on contacts (reflection would skip expression indexes on SQLite)."""
    if engine.dialect.name == "sqlite":
        sql = "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'contacts'"
    else:
        sql = (
            "SELECT indexname FROM pg_indexes "
            "WHERE tablename = 'contacts' AND schemaname = current_schema()"
        )
    with engine.connect() as conn:
        return list(conn.execute(text(sql)).scalars())


def _plan(engine: Engine, workspace: NewWorkspace, query: dict[str, Any], index: str) -> str:
    """The plan of the search's count, and the index condition it reads (rolled back)."""
    with engine.connect() as conn, conn.begin() as transaction:
        fields = typed_fields(conn, workspace_id=workspace.workspace.id)
        parsed = parse_search_request({"query": query}, fields, default_per_page=50)
        where = compile_query(parsed.query, fields, timezone="UTC")
        statement = select(func.count()).select_from(
            live(workspace.workspace.id).where(where).subquery()
        )
        compiled = statement.compile(conn)
        sql = str(compiled)
        if engine.dialect.name == "sqlite":
            params: Any = tuple(compiled.params[key] for key in compiled.positiontup or ())
            rows = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", params)
        else:
            # On an empty table PostgreSQL picks among equally cheap indexes at random (another
            # attribute's index serves as well for its leading workspace_id): leave it only
            # ``index`` (and no sequential scan), so the plan shows whether the compiled
            # condition matches the index expression.
            conn.execute(text("SET LOCAL enable_seqscan = off"))
            for name in _indexes(engine):
                if name != index and not name.startswith("pk_"):
                    conn.execute(text(f'DROP INDEX "{name}"'))
            rows = conn.exec_driver_sql(f"EXPLAIN {sql}", compiled.params)
        plan = "\n".join(str(row[-1]) for row in rows)
        transaction.rollback()
        return plan


def _uses(plan: str, index: str, key: str) -> bool:
    """Whether ``plan`` reads ``index`` with a condition on the attribute ``key`` itself.

    PostgreSQL may read the index with a plain or a bitmap scan; either counts, as long as the
    index condition (the line after the scan node) names the attribute.
    """
    if f"USING INDEX {index} (workspace_id=? AND <expr>" in plan:
        return True
    lines = plan.splitlines()
    nodes = (
        f"Index Scan using {index} ",
        f"Index Only Scan using {index} ",
        f"Bitmap Index Scan on {index} ",
    )
    for number, line in enumerate(lines):
        if not any(node in line for node in nodes):
            continue
        for condition in lines[number + 1 :]:
            if "Index Cond:" in condition:
                return "((workspace_id = " in condition and f"'{key}'::text" in condition
    return False


@pytest.mark.parametrize(
    ("name", "data_type", "kind", "query"),
    [
        (
            "plan",
            "string",
            FieldType.STRING,
            {
                "operator": "AND",
                "value": [
                    {"field": "role", "operator": "=", "value": "user"},
                    {"field": "custom_attributes.plan", "operator": "=", "value": "Pro"},
                ],
            },
        ),
        (
            "seats",
            "integer",
            FieldType.INTEGER,
            {"field": "custom_attributes.seats", "operator": ">", "value": 3},
        ),
        (
            "beta",
            "boolean",
            FieldType.BOOLEAN,
            {"field": "custom_attributes.beta", "operator": "=", "value": True},
        ),
        (
            "Plan $ tier-2_x",
            "string",
            FieldType.STRING,
            {"field": "custom_attributes.Plan $ tier-2_x", "operator": "=", "value": "B"},
        ),
    ],
)
def test_search_on_a_declared_attribute_uses_its_index(
    engine: Engine, workspace: NewWorkspace, name: str, data_type: str, kind: FieldType, query: Any
) -> None:
    _declare(engine, workspace, name, data_type)
    index = index_name(name, kind)
    assert index in set(_indexes(engine))
    plan = _plan(engine, workspace, query, index)
    assert _uses(plan, index, name), plan


def test_declaring_again_or_in_another_workspace_shares_the_index(
    engine: Engine, workspace: NewWorkspace, other_workspace: NewWorkspace
) -> None:
    _declare(engine, workspace, "plan", "string")
    _declare(engine, workspace, "plan", "string")
    _declare(engine, other_workspace, "plan", "string")
    names = _indexes(engine)
    assert names.count(index_name("plan", FieldType.STRING)) == 1
    index = index_name("plan", FieldType.STRING)
    query = {"field": "custom_attributes.plan", "operator": "=", "value": "x"}
    plan = _plan(engine, other_workspace, query, index)
    assert _uses(plan, index, "plan"), plan


def test_the_api_declaration_creates_the_index(api: Any, engine: Engine) -> None:
    response = api.post(
        "/data_attributes", json={"name": "tier", "model": "contact", "data_type": "integer"}
    )
    assert response.status_code == 200, response.text
    company = api.post(
        "/data_attributes", json={"name": "fleet", "model": "company", "data_type": "integer"}
    )
    assert company.status_code == 200, company.text
    names = set(_indexes(engine))
    assert index_name("tier", FieldType.INTEGER) in names
    assert index_name("fleet", FieldType.INTEGER) not in names


def test_keys_outside_the_safe_alphabet_never_reach_sql() -> None:
    for key in ['a"b', "a'b", "a\\b", "café", "", "x" * 191, "a\nb"]:
        with pytest.raises(ValueError):
            JsonText(Contact.custom_attributes, key)
    assert contact_index("café", FieldType.STRING) is None
    assert contact_index("Plan $ tier-2_x", FieldType.STRING) is not None


def test_the_key_is_part_of_the_statement_cache_key() -> None:
    first = JsonText(Contact.custom_attributes, "plan") == "x"
    second = JsonText(Contact.custom_attributes, "seats") == "x"
    assert first._generate_cache_key() != second._generate_cache_key()


def test_alembic_ignores_runtime_indexes() -> None:
    assert not include_object(None, "ix_contacts_ca_0123456789abcdef", "index", True, None)
    assert not include_object(None, "ix_companies_ca_0123456789abcdef", "index", True, None)
    assert include_object(None, "ix_contacts_ws_email", "index", True, None)
    assert include_object(None, "ix_contacts_ca_x", "table", True, None)
