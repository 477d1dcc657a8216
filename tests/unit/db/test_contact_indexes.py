"""Contact lookups by email, external_id, name or phone read one index range in search order.

Search compares strings on ``lower()`` and sorts newest first; these plans are what SQLite
picks on a migrated file that was never ANALYZEd (the common case for an embedded store).
Without an index that covers both the lookup and the order, SQLite walked
``ix_contacts_ws_created`` through every contact of the workspace.
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, literal, select

from backchannel.db.migrate import upgrade
from backchannel.db.session import make_engine
from backchannel.db.tables import Contact


@pytest.fixture
def sqlite_engine(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'plans.db'}")
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.mark.parametrize("column", ["email", "external_id", "name", "phone"])
def test_equality_search_uses_the_lookup_index_in_search_order(sqlite_engine, column):
    statement = (
        select(Contact.id)
        .where(
            Contact.workspace_id == 1,
            Contact.archived.is_(False),
            Contact.merged_into_id.is_(None),
            func.lower(getattr(Contact, column)) == func.lower(literal("Someone")),
        )
        .order_by(Contact.created_at.desc(), Contact.id.desc())
        .limit(21)
    )
    sql = str(statement.compile(sqlite_engine, compile_kwargs={"literal_binds": True}))

    with sqlite_engine.connect() as conn:
        plan = [row[-1] for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}")]

    assert plan == [
        f"SEARCH contacts USING INDEX ix_contacts_ws_{column} (workspace_id=? AND <expr>=?)"
    ]


def test_relation_flags_of_a_page_look_up_each_contact_by_id(sqlite_engine):
    """The presence query behind every list and search page reads each listed id, never the
    workspace's whole contact index (which made a page of a million-contact workspace take
    a quarter of a second)."""
    import backchannel.resources  # noqa: F401  (registers the relations)
    from backchannel.resources.contacts import relations

    statement = relations._presence_query().params(workspace_id=1, contact_ids=["a", "b"])
    sql = str(statement.compile(sqlite_engine, compile_kwargs={"literal_binds": True}))
    with sqlite_engine.connect() as conn:
        plan = [row[-1] for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}")]

    assert plan[0].startswith("SEARCH contacts USING")
    assert plan[0].endswith("INDEX sqlite_autoindex_contacts_1 (id=?)")
    assert not [step for step in plan if step.startswith("SCAN")]


def test_notes_of_a_page_are_read_by_contact_not_by_workspace(sqlite_engine):
    """Both note queries behind a contact (has it notes? its newest ten) look its notes up by
    contact; a workspace condition made SQLite walk every note of the workspace instead."""
    from backchannel.resources.notes.relation import _SUMMARY, NoteRelation

    flag = select(Contact.id, NoteRelation.presence(Contact.id).label("noted")).where(
        Contact.id == "a"
    )
    summary = _SUMMARY.params(workspace_id=1, contact_ids=["a", "b"])
    with sqlite_engine.connect() as conn:
        for statement in (flag, summary):
            sql = str(statement.compile(sqlite_engine, compile_kwargs={"literal_binds": True}))
            plan = [row[-1] for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}")]
            notes = [step for step in plan if " notes " in f"{step} "]
            assert notes, plan
            assert all("ix_notes_contact_created (contact_id=?)" in step for step in notes), plan
