"""ShowContact: GET /contacts/{id}."""

from __future__ import annotations

import msgspec
from sqlalchemy import update

from backchannel.db.tables import Contact
from backchannel.provisioning import create_workspace
from backchannel.resources.contacts import service
from backchannel.resources.contacts.serializers import contact_read_to_api
from tests.conftest import assert_error


def test_show_contact(api):
    created = api.post("/contacts", json={"email": "s@x.test", "name": "Sam"}).json()
    response = api.get(f"/contacts/{created['id']}")
    assert response.status_code == 200
    assert response.json() == created
    assert response.headers["content-type"] == "application/json; charset=utf-8"


def test_show_contact_not_found(api):
    assert_error(api.get("/contacts/0123456789abcdef01234567"), 404, "not_found", "User Not Found")


def test_show_contact_malformed_id(api):
    assert_error(api.get("/contacts/%20DROP%20TABLE"), 404, "not_found", "User Not Found")


def test_show_contact_archived_is_hidden(api):
    created = api.post("/contacts", json={"email": "s@x.test"}).json()
    api.post(f"/contacts/{created['id']}/archive")
    assert_error(api.get(f"/contacts/{created['id']}"), 404, "not_found", "User Not Found")


def test_show_contact_other_workspace_is_hidden(api, runtime):
    with runtime.sessions.begin() as session:
        other = create_workspace(
            session, clock=runtime.clock, ids=runtime.ids, admin_email="eve@other.test"
        )
    theirs = api.post(
        "/contacts", json={"email": "t@x.test"}, headers={"Authorization": f"Bearer {other.token}"}
    ).json()
    assert_error(api.get(f"/contacts/{theirs['id']}"), 404, "not_found", "User Not Found")
    assert api.get("/contacts").json()["total_count"] == 0


def test_show_contact_reads_a_change_made_outside_the_server(api, runtime):
    """Rendered contacts are kept by the stored row they came from, so a change written by
    another process (here: straight to the database) shows on the next read."""
    created = api.post("/contacts", json={"email": "s@x.test", "name": "Sam"}).json()
    assert api.get(f"/contacts/{created['id']}").json() == created
    assert len(runtime.rendered) == 1
    assert api.get(f"/contacts/{created['id']}").json() == created
    with runtime.engine.begin() as conn:
        conn.execute(update(Contact).where(Contact.id == created["id"]).values(name="Samantha"))
    changed = api.get(f"/contacts/{created['id']}").json()
    assert changed == {**created, "name": "Samantha"}
    with runtime.engine.begin() as conn:
        conn.execute(update(Contact).where(Contact.id == created["id"]).values(archived=True))
    assert_error(api.get(f"/contacts/{created['id']}"), 404, "not_found", "User Not Found")


def test_show_contact_shows_tags_attached_and_removed_since_the_last_read(api, runtime):
    created = api.post("/contacts", json={"email": "s@x.test"}).json()
    assert api.get(f"/contacts/{created['id']}").json()["tags"]["total_count"] == 0
    tag = api.post("/tags", json={"name": "vip"}).json()
    api.post(f"/contacts/{created['id']}/tags", json={"id": tag["id"]})
    tagged = api.get(f"/contacts/{created['id']}").json()
    assert tagged["tags"]["total_count"] == 1
    assert tagged["tags"]["data"] == [{"type": "tag", "id": tag["id"], "url": f"/tags/{tag['id']}"}]
    # Still tagged, so the row (and its "has tags" flag) is unchanged: the new tag must show.
    second = api.post("/tags", json={"name": "beta"}).json()
    api.post(f"/contacts/{created['id']}/tags", json={"id": second["id"]})
    assert api.get(f"/contacts/{created['id']}").json()["tags"]["total_count"] == 2
    api.delete(f"/contacts/{created['id']}/tags/{tag['id']}")
    api.delete(f"/contacts/{created['id']}/tags/{second['id']}")
    assert api.get(f"/contacts/{created['id']}").json() == created


def test_show_contact_answers_repeat_reads_of_an_unchanged_database_without_a_query(
    api, runtime, monkeypatch
):
    """On SQLite, while nothing has been committed since a contact was last read, its kept
    body answers without reading the row again; any commit makes the next read query."""
    created = api.post("/contacts", json={"email": "s@x.test", "name": "Sam"}).json()
    reads = []
    real_fetch = service.fetch

    def counting_fetch(db, **params):
        reads.append(params["contact_id"])
        return real_fetch(db, **params)

    monkeypatch.setattr(service, "fetch", counting_fetch)
    for _ in range(3):
        assert api.get(f"/contacts/{created['id']}").json() == created
    queried = 1 if runtime.engine.dialect.name == "sqlite" else 3  # PostgreSQL: no stamp
    assert len(reads) == queried
    with runtime.engine.begin() as conn:
        conn.execute(update(Contact).where(Contact.id == created["id"]).values(name="Samantha"))
    assert api.get(f"/contacts/{created['id']}").json() == {**created, "name": "Samantha"}
    assert len(reads) == queried + 1


def test_show_contact_after_a_change_committed_during_the_read(api, runtime, workspace):
    """The stamp is taken before the row is read: a change committed after the read (here,
    by the fetch itself) shows on the next read instead of being hidden behind a stamp that
    already counts it."""
    created = api.post("/contacts", json={"email": "s@x.test", "name": "Sam"}).json()

    def fetch_then_change(db, **params):
        fetched = service.fetch(db, **params)
        with runtime.engine.begin() as conn:
            conn.execute(update(Contact).where(Contact.id == created["id"]).values(name="Sal"))
        return fetched

    reader = runtime.reader()
    read = dict(
        workspace_id=workspace.workspace.id,
        workspace_code=workspace.workspace.id_code,
        kept=runtime.rendered,
    )
    try:
        body = contact_read_to_api(reader, created["id"], fetch=fetch_then_change, **read)
        assert msgspec.json.decode(body)["name"] == "Sam"
        runtime.end_read(reader)
        body = contact_read_to_api(reader, created["id"], fetch=service.fetch, **read)
        assert msgspec.json.decode(body) == {**created, "name": "Sal"}
    finally:
        runtime.end_read(reader)
