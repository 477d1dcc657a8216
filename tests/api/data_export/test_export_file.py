"""The export file: one row per message sent in the window, columns of data_export_csv."""

from __future__ import annotations

from backchannel.resources.data_export.export_csv import COLUMNS
from tests import spec
from tests.conftest import START, contract_client

EMPTY = {
    column: ""
    for column in COLUMNS
    if column
    not in {
        "user_id",
        "user_external_id",
        "company_id",
        "email",
        "name",
        "ruleset_id",
        "content_id",
        "content_type",
        "content_title",
        "receipt_id",
        "received_at",
        "series_id",
        "first_reply",
    }
}


def _row(conversation, part_id, contact, *, at, company="-1", first_reply="", **extra):
    return {
        "user_id": contact["id"],
        "user_external_id": contact.get("external_id") or "",
        "company_id": company,
        "email": contact.get("email") or "",
        "name": contact.get("name") or "",
        "ruleset_id": conversation["source_id"],
        "content_id": str(part_id) if part_id else conversation["source_id"],
        "content_type": "chat",
        "content_title": "",
        "receipt_id": f"{conversation['id']}-{part_id}",
        "received_at": str(at),
        "series_id": "-1",
        "first_reply": str(first_reply),
        **EMPTY,
        **extra,
    }


def test_export_columns_are_the_spec_csv_columns():
    schemas = spec.load_spec()["components"]["schemas"]
    assert list(COLUMNS) == list(schemas["data_export_csv"]["properties"])


def test_download_data_export_rows(
    api, clock, export, run_jobs, download, start, reply, contact, make_contact, admin_id
):
    company = api.post("/companies", json={"company_id": "acme", "name": "Acme"}).json()
    attached = api.post(f"/contacts/{contact['id']}/companies", json={"id": company["id"]})
    assert attached.status_code == 200, attached.text
    lucy = make_contact(role="lead", name="Lucy Lead")
    admin = {"type": "admin", "admin_id": admin_id}
    joe = {"type": "user", "intercom_user_id": contact["id"]}

    first = start(contact)  # at START: before the window
    clock.set(START + 100)
    answer = reply(first["id"], message_type="comment", body="How can I help?", **admin)
    clock.set(START + 200)
    reply(first["id"], message_type="note", body="internal", **admin)
    clock.set(START + 300)
    joe_reply = reply(first["id"], message_type="comment", body="My invoice", **joe)
    clock.set(START + 400)
    second = start(lucy, body="Hello?")
    clock.set(START + 500)
    closed = api.post(
        f"/conversations/{second['id']}/parts",
        json={"message_type": "close", "type": "admin", "admin_id": admin_id},
    )
    assert closed.status_code == 200, closed.text
    clock.set(START + 1000)
    late = reply(second["id"], message_type="comment", body="Still there?", **admin)
    clock.set(START + 1001)
    reply(first["id"], message_type="comment", body="Thanks", **joe)

    job = export(START + 100, START + 1000)
    [run] = run_jobs()
    assert run.status == "completed"
    rows = download(job["job_identifier"])
    assert rows == [
        _row(first, answer["id"], contact, at=START + 100, company=company["id"],
             first_reply=START + 300),
        _row(first, joe_reply["id"], contact, at=START + 300, company=company["id"]),
        _row(second, 0, lucy, at=START + 400),
        _row(second, late["id"], lucy, at=START + 1000),
    ]  # fmt: skip


def test_download_data_export_first_reply_only_within_window(
    clock, export, run_jobs, download, start, reply, contact, admin_id
):
    conversation = start(contact)
    clock.set(START + 10)
    reply(conversation["id"], message_type="comment", body="Hi", type="admin", admin_id=admin_id)
    clock.set(START + 20)
    reply(conversation["id"], message_type="comment", body="Yo", type="user", user_id="u-1")
    job = export(START, START + 19)
    run_jobs()
    rows = download(job["job_identifier"])
    assert [(row["received_at"], row["first_reply"]) for row in rows] == [
        (str(START), ""),
        (str(START + 10), ""),
    ]


def test_download_data_export_admin_email_message(
    api, clock, export, run_jobs, download, contact, admin_id
):
    sent = api.post(
        "/messages",
        json={
            "from": {"type": "admin", "id": admin_id},
            "to": {"type": "user", "id": contact["id"]},
            "message_type": "email",
            "subject": "Your invoice",
            "body": "Here it is",
        },
    )
    assert sent.status_code == 200, sent.text
    message = sent.json()
    clock.set(START + 50)
    replied = api.post(
        "/conversations/last/reply",
        json={"message_type": "comment", "body": "Thanks!", "type": "user", "user_id": "u-1"},
    ).json()
    answer = replied["conversation_parts"]["conversation_parts"][-1]
    job = export(START, START + 50)
    run_jobs()
    rows = download(job["job_identifier"])
    conversation = {"id": replied["id"], "source_id": message["id"]}
    title = {"content_type": "email", "content_title": "Your invoice"}
    assert rows == [
        _row(conversation, 0, contact, at=START, first_reply=START + 50, **title),
        _row(conversation, answer["id"], contact, at=START + 50, **title),
    ]


def test_download_data_export_only_this_workspace(
    app, clock, export, run_jobs, download, start, contact, other_workspace
):
    with contract_client(app) as other:
        other.headers["Authorization"] = f"Bearer {other_workspace.token}"
        stranger = other.post("/contacts", json={"email": "x@globex.test"}).json()
        started = other.post(
            "/conversations",
            json={"from": {"type": "user", "id": stranger["id"]}, "body": "Globex here"},
        )
        assert started.status_code == 200, started.text
    mine = start(contact)
    job = export(START, START)
    run_jobs()
    rows = download(job["job_identifier"])
    assert [row["receipt_id"] for row in rows] == [f"{mine['id']}-0"]


def test_download_data_export_deleted_contact(
    api, export, run_jobs, download, start, reply, contact, admin_id
):
    conversation = start(contact)
    answer = reply(conversation["id"], message_type="comment", body="Hi", type="admin",
                   admin_id=admin_id)  # fmt: skip
    assert api.delete(f"/contacts/{contact['id']}").status_code == 200
    job = export(START, START)
    run_jobs()
    # The conversation stays; who it was with is no longer known.
    gone = {"id": "", "external_id": None, "email": None, "name": None}
    assert download(job["job_identifier"]) == [
        _row(conversation, 0, gone, at=START),
        _row(conversation, answer["id"], gone, at=START),
    ]
