"""Workspace isolation, as a property: a token reaches its own workspace and nothing else.

Workspace B (Globex) is populated through the API with its own token: users and leads (one
archived, one merged away), companies with contacts attached, tags on contacts, companies,
conversations and tickets, notes, subscriptions, conversations with replies and an admin
message, a ticket type with an attribute and a ticket, a custom data attribute, data events
and summaries, a collection and an article, a news item in a newsfeed, a company scroll, a
data export job, a phone switch and a visitor (made as ``backchannel visitor create`` makes
one). Hypothesis then draws sequences of requests made with workspace A's token that name
B's objects (:data:`PROBES`, every resource group): reads, updates, deletes, archive and
merge, B's tags on A's objects and A's tags on B's, B's contacts in A's companies and the
other way round, replies, assignment and state changes on B's conversations and tickets,
conversion, searches and lookups by B's ids, emails and external ids, the lists, article
search, and B's export job.

Each request is made twice: naming B's objects, and naming never-used values of the same
shape. The properties:

1. Both answers are the same (status and JSON body, B's values mapped to the never-used
   ones, ``request_id`` left out): to A, B's object is exactly one that does not exist.
   Requests that create in A under a value B also uses (an email, an external id, a
   ``company_id``, a tag or attribute name) succeed exactly as they do with a fresh value.
2. No answer to A carries anything of B's: the word "globex" (in every name, email, title
   and body B was given), B's ``id_code``, one of B's 24-hex ids, or an object whose
   ``type`` and ``id`` are those of an object B was shown.
3. After each sequence, B's rows are unchanged. A row is B's when it belongs to B or names
   something of B's: its ``workspace_id`` is B's (for ``workspaces``, its ``id``), or one of
   its foreign keys or plain id columns (:data:`REFERENCES`: owner and assignee admins, a
   tagging's target, a part's author) names a row whose ``workspace_id`` is B's. Every table
   a row can name has ``workspace_id``, so one pass decides each row. Comparing B's rows
   before and after catches a row of B's changed or deleted and any new row that ties A's
   data to B's (A's tag on B's contact, B's contact in A's company, A's note on B's
   contact), while what A legitimately creates and changes stays out of the comparison.
   Some draws do create and change rows in A, and the whole database is checked to have
   changed, so the comparison is selective, not vacuous.

Besides: everything A reads of its own workspace (lists with their counts, segment counts,
its contacts' summaries, searches) is the same before and after B is populated, and an
export of A holds nothing of B's; and the row comparison does see a row tying A to B.

Exports run only when a worker is asked to (``jobs="worker"``), so nothing changes B behind
the requests' back. The rate limiter stays on; with the frozen clock every request falls in
one window, and A's stay well within its allowance. Examples are derandomized; the first
example is every probe once.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import httpx2 as httpx
import hypothesis
import pytest
from hypothesis import HealthCheck, example, given
from hypothesis import strategies as st
from sqlalchemy import Engine
from starlette.testclient import TestClient

from backchannel.db.tables import Base, Tagging
from backchannel.jobs import JobRunner
from backchannel.provisioning import NewWorkspace
from backchannel.resources import JOB_HANDLERS
from backchannel.resources.visitors.service import create_visitor
from backchannel.runtime import Runtime
from backchannel.settings import Settings
from tests.conftest import START, contract_client
from tests.snapshot import Snapshot, changed_tables, snapshot

Json = Any
Values = Mapping[str, str]

MARKER = "globex"
HEX_ID = re.compile(r"(?<![0-9a-f])[0-9a-f]{24}(?![0-9a-f])")
SLOT = re.compile(r"\{([ab]):(\w+)(\|int)?\}")
EXAMPLES = 25
STEPS = 10


# --- which rows are B's --------------------------------------------------------------------

Target = str | tuple[str, dict[str, str]]
"""The table a plain id column names, or (the column giving the kind, kind -> table)."""

_PEOPLE_AND_TEAMS = {
    "admin": "admins",
    "team": "teams",
    "user": "contacts",
    "lead": "contacts",
    "contact": "contacts",
}
REFERENCES: dict[str, dict[str, Target]] = {
    "contacts": {"owner_id": "admins", "merged_into_id": "contacts"},
    "conversations": {
        "admin_assignee_id": "admins",
        "team_assignee_id": "teams",
        "last_closed_by_id": "admins",
        "source_author_id": ("source_author_type", _PEOPLE_AND_TEAMS),
    },
    "conversation_parts": {
        "author_id": ("author_type", _PEOPLE_AND_TEAMS),
        "assigned_to_id": ("assigned_to_type", _PEOPLE_AND_TEAMS),
    },
    "visitors": {"owner_id": "admins", "converted_into_id": "contacts"},
    "taggings": {
        "applied_by": "admins",
        "target_id": (
            "target_type",
            {
                "contact": "contacts",
                "company": "companies",
                "conversation": "conversations",
                "ticket": "conversations",
            },
        ),
    },
    "tickets": {"company_id": "companies"},
    "assignment_rules": {"last_admin_id": "admins"},
    "company_scrolls": {"last_company_id": "companies"},
}
"""Id columns without a foreign key, and what they name."""


def workspace_rows(rows: Snapshot, workspace_id: int) -> Snapshot:
    """The rows of ``rows`` that belong to the workspace or name something of its."""
    tables = Base.metadata.tables
    owner: dict[tuple[str, str], int] = {}
    for name, table_rows in rows.items():
        columns = [column.name for column in tables[name].columns]
        if "workspace_id" in columns and "id" in columns:
            at, key = columns.index("workspace_id"), columns.index("id")
            owner.update({(name, str(row[key])): row[at] for row in table_rows})
    found: Snapshot = {}
    for name, table_rows in rows.items():
        table = tables[name]
        columns = [column.name for column in table.columns]
        links: list[tuple[int, Target]] = [
            (columns.index(fk.parent.name), fk.column.table.name)
            for fk in table.foreign_keys
            if fk.parent.name != "workspace_id"
        ]
        links += [(columns.index(c), target) for c, target in REFERENCES.get(name, {}).items()]
        own = [columns.index(c) for c in ("workspace_id",) if c in columns]
        if name == "workspaces":
            own = [columns.index("id")]
        found[name] = []
        for row in table_rows:
            owners: set[int | None] = {row[at] for at in own}
            for at, target in links:
                if isinstance(target, tuple):
                    target = target[1].get(str(row[columns.index(target[0])]), "")
                if row[at] is not None:
                    owners.add(owner.get((target, str(row[at]))))
            if workspace_id in owners:
                found[name].append(row)
    return found


# --- the two workspaces --------------------------------------------------------------------


@dataclass(repr=False)
class World:
    """A's objects, B's values and a never-used value of the same shape for each of B's."""

    a: dict[str, str]
    b: dict[str, str]
    fresh: dict[str, str]
    seen: set[tuple[str, str]]
    """(type, id) of every object shown to B."""
    hex_ids: set[str]
    id_code: str
    workspace_id: int


def _fresh(slot: str, value: str) -> str:
    digest = hashlib.sha256(slot.encode()).hexdigest()
    if value.isdigit():
        return str(900_000 + int(digest[:4], 16))
    if re.fullmatch(r"[0-9a-f]{24}", value):
        return digest[:24]
    if value.startswith("+") and value[1:].isdigit():
        return value[:-4] + str(1000 + int(digest[:3], 16) % 9000)
    if "@" in value:
        return f"nobody-{slot}@example.test"
    if re.fullmatch(r"[0-9a-f-]{36}", value):
        return str(uuid.UUID(digest[:32]))
    return f"nobody-{slot}"


def _walk(body: Json) -> Iterator[dict[str, Any]]:
    if isinstance(body, dict):
        yield body
        for value in body.values():
            yield from _walk(value)
    elif isinstance(body, list):
        for value in body:
            yield from _walk(value)


def _pairs(body: Json) -> set[tuple[str, str]]:
    return {
        (str(item["type"]), str(item["id"]))
        for item in _walk(body)
        if isinstance(item.get("type"), str) and item.get("id") not in (None, "")
    }


class Recorder:
    """Calls the API with one token, asserting success and remembering what it was shown."""

    def __init__(self, client: TestClient) -> None:
        self.client = client
        self.seen: set[tuple[str, str]] = set()
        self.texts: list[str] = []

    def __call__(self, method: str, path: str, body: Json = None, **kwargs: Any) -> Json:
        response = self.client.request(method, path, json=body, **kwargs)
        assert response.status_code in (200, 202), (method, path, response.text)
        if not response.content or "json" not in response.headers.get("content-type", ""):
            return None
        data = response.json()
        self.seen |= _pairs(data)
        self.texts.append(response.text)
        return data


def _populate_b(call: Recorder, runtime: Runtime, ws: NewWorkspace) -> dict[str, str]:
    """Workspace B's objects, made with B's token; returns the values probes use."""
    b: dict[str, str] = {"admin": str(ws.admin.id), "team": str(ws.team.id)}
    user = call(
        "POST",
        "/contacts",
        {
            "role": "user",
            "email": "ann@globex.test",
            "external_id": "globex-ann",
            "phone": "+14155552671",
            "name": "Ann Globex",
        },
    )
    b |= {"contact": user["id"], "email": user["email"], "external_id": "globex-ann"}
    b["name"] = "Ann Globex"
    b["phone"] = "+14155552671"
    lead = call("POST", "/contacts", {"role": "lead", "name": "Lee Globex"})
    b["lead"] = lead["id"]
    shared = call(
        "POST",
        "/contacts",
        {"email": "shared@example.test", "external_id": "shared-ext", "name": "Sam Globex"},
    )
    b |= {"shared": shared["id"], "shared_email": "shared@example.test"}
    b["shared_external_id"] = "shared-ext"
    archived = call("POST", "/contacts", {"email": "arch@globex.test", "name": "Arch Globex"})
    call("POST", f"/contacts/{archived['id']}/archive")
    b["archived"] = archived["id"]
    merged = call("POST", "/contacts", {"role": "lead", "email": "merged@globex.test"})
    call("POST", "/contacts/merge", {"from": merged["id"], "into": shared["id"]})
    b["merged"] = merged["id"]

    company = call("POST", "/companies", {"company_id": "globex-co", "name": "Globex Corp"})
    b |= {"company": company["id"], "company_id": "globex-co", "company_name": "Globex Corp"}
    call("POST", f"/contacts/{user['id']}/companies", {"id": company["id"]})
    other = call(
        "POST",
        "/companies",
        {"company_id": "shared-co", "name": "Globex Shared", "plan": "Shared plan"},
    )
    b |= {"shared_company": other["id"], "shared_company_id": "shared-co"}
    b["shared_plan"] = "Shared plan"
    call("POST", f"/contacts/{shared['id']}/companies", {"id": other["id"]})
    b["scroll"] = call("GET", "/companies/scroll")["scroll_param"]

    tag = call("POST", "/tags", {"name": "Globex VIP"})
    b |= {"tag": tag["id"], "shared_tag_name": "Shared tag"}
    call("POST", "/tags", {"name": "Shared tag", "users": [{"id": user["id"]}]})
    call("POST", f"/contacts/{user['id']}/tags", {"id": tag["id"]})
    call("POST", "/tags", {"name": "Globex VIP", "companies": [{"id": company["id"]}]})

    note = call(
        "POST", f"/contacts/{user['id']}/notes", {"body": "Globex note", "admin_id": ws.admin.id}
    )
    b["note"] = str(note["id"])
    b["segment"] = call("GET", "/segments")["segments"][0]["id"]
    subscription = call("GET", "/subscription_types")["data"][0]
    b["subscription"] = str(subscription["id"])
    call(
        "POST",
        f"/contacts/{user['id']}/subscriptions",
        {"id": subscription["id"], "consent_type": subscription["consent_type"]},
    )

    started = call(
        "POST",
        "/conversations",
        {"from": {"type": "user", "id": user["id"]}, "body": "Globex help"},
    )
    conversation = str(started["conversation_id"])
    reply = {"message_type": "comment", "type": "admin", "admin_id": ws.admin.id}
    call("POST", f"/conversations/{conversation}/reply", {**reply, "body": "Globex answer"})
    call(
        "POST",
        f"/conversations/{conversation}/customers",
        {"admin_id": ws.admin.id, "customer": {"intercom_user_id": lead["id"]}},
    )
    call("POST", f"/conversations/{conversation}/tags", {"id": tag["id"], "admin_id": ws.admin.id})
    shown = call("GET", f"/conversations/{conversation}")
    b |= {"conversation": conversation, "source": shown["source"]["id"]}
    b["part"] = shown["conversation_parts"]["conversation_parts"][0]["id"]
    second = call(
        "POST", "/conversations", {"from": {"type": "user", "id": user["id"]}, "body": "Globex two"}
    )
    b["convertible"] = str(second["conversation_id"])
    message = call(
        "POST",
        "/messages",
        {
            "message_type": "inapp",
            "body": "Globex hello",
            "from": {"type": "admin", "id": ws.admin.id},
            "to": {"type": "user", "id": user["id"]},
            "create_conversation_without_contact_reply": True,
        },
    )
    b["message"] = str(message["conversation_id"])

    ticket_type = call("POST", "/ticket_types", {"name": "Globex bug"})
    call("POST", "/ticket_types", {"name": "Shared type"})
    b["shared_ticket_type_name"] = "Shared type"
    b["ticket_type"] = str(ticket_type["id"])
    attribute = call(
        "POST",
        f"/ticket_types/{ticket_type['id']}/attributes",
        {"name": "globex_severity", "description": "Globex", "data_type": "string"},
    )
    b["ticket_type_attribute"] = str(attribute["id"])
    ticket = call(
        "POST",
        "/tickets",
        {
            "ticket_type_id": ticket_type["id"],
            "contacts": [{"id": user["id"]}],
            "ticket_attributes": {"_default_title_": "Globex broken"},
        },
    )
    b["ticket"] = str(ticket["id"])
    call("POST", f"/tickets/{ticket['id']}/tags", {"id": tag["id"], "admin_id": ws.admin.id})

    attribute = call(
        "POST",
        "/data_attributes",
        {"name": "shared_attr", "model": "contact", "data_type": "string"},
    )
    b |= {"data_attribute": str(attribute["id"]), "data_attribute_name": "shared_attr"}
    call(
        "POST",
        "/events",
        {"event_name": "globex-signup", "created_at": START, "id": user["id"]},
    )
    call(
        "POST",
        "/events/summaries",
        {
            "user_id": "globex-ann",
            "event_summaries": {"event_name": "globex-paid", "count": 2, "first": 1, "last": 2},
        },
    )

    b["help_center"] = str(call("GET", "/help_center/help_centers")["data"][0]["id"])
    collection = call("POST", "/help_center/collections", {"name": "Globex guides"})
    b["collection"] = str(collection["id"])
    article = call(
        "POST",
        "/articles",
        {
            "title": "Globex onboarding",
            "body": "<p>Globex zephyrine handbook</p>",
            "author_id": ws.admin.id,
            "state": "published",
            "parent_id": collection["id"],
            "parent_type": "collection",
        },
    )
    b |= {"article": str(article["id"]), "phrase": "zephyrine"}
    b["newsfeed"] = str(call("GET", "/news/newsfeeds")["data"][0]["id"])
    news = call(
        "POST",
        "/news/news_items",
        {
            "title": "Globex news",
            "sender_id": ws.admin.id,
            "state": "live",
            "newsfeed_assignments": [{"newsfeed_id": int(b["newsfeed"]), "published_at": START}],
        },
    )
    b["news_item"] = str(news["id"])
    job = call("POST", "/export/content/data", {"created_at_after": 0, "created_at_before": START})
    b["job"] = job["job_identifier"]
    call("POST", "/phone_call_redirects", {"phone": "+14155552671"})

    with runtime.sessions.begin() as session:
        visitor = create_visitor(
            session,
            workspace_id=ws.workspace.id,
            now=runtime.clock.now(),
            ids=runtime.ids,
            name="Vic Globex",
            email="vic@globex.test",
        )
        b |= {"visitor": visitor.id, "visitor_user_id": visitor.user_id}
    call("GET", "/visitors", params={"user_id": b["visitor_user_id"]})
    for path in ("/admins", "/teams", "/segments", "/news/newsfeeds", "/ticket_types"):
        call("GET", path)
    return b


def _populate_a(call: Recorder, runtime: Runtime, ws: NewWorkspace) -> dict[str, str]:
    """Workspace A's own objects, which probes pair with B's."""
    a: dict[str, str] = {"admin": str(ws.admin.id), "team": str(ws.team.id)}
    a["contact"] = call("POST", "/contacts", {"email": "ada@acme.test", "external_id": "acme-1"})[
        "id"
    ]
    a["lead"] = call("POST", "/contacts", {"role": "lead", "name": "Lou"})["id"]
    company = call("POST", "/companies", {"company_id": "acme-co", "name": "Acme Corp"})
    a["company"] = company["id"]
    call("POST", f"/contacts/{a['contact']}/companies", {"id": company["id"]})
    a["tag"] = call("POST", "/tags", {"name": "Acme VIP"})["id"]
    started = call(
        "POST", "/conversations", {"from": {"type": "user", "id": a["contact"]}, "body": "Help"}
    )
    a["conversation"] = str(started["conversation_id"])
    a["ticket_type"] = str(call("POST", "/ticket_types", {"name": "Acme bug"})["id"])
    ticket = call(
        "POST",
        "/tickets",
        {"ticket_type_id": a["ticket_type"], "contacts": [{"id": a["contact"]}]},
    )
    a["ticket"] = str(ticket["id"])
    a["subscription"] = str(call("GET", "/subscription_types")["data"][0]["id"])
    a["collection"] = str(call("POST", "/help_center/collections", {"name": "Acme"})["id"])
    a["newsfeed"] = str(call("GET", "/news/newsfeeds")["data"][0]["id"])
    news = {"title": "Acme news", "sender_id": ws.admin.id}
    a["news_item"] = str(call("POST", "/news/news_items", news)["id"])
    article = {"title": "Acme article", "author_id": ws.admin.id}
    a["article"] = str(call("POST", "/articles", article)["id"])
    with runtime.sessions.begin() as session:
        visitor = create_visitor(
            session, workspace_id=ws.workspace.id, now=runtime.clock.now(), ids=runtime.ids
        )
        a |= {"visitor": visitor.id, "visitor_user_id": visitor.user_id}
    return a


# --- probes --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Probe:
    """One request with A's token. ``{b:slot}`` in the path, query or body is B's value (or
    the never-used one), ``{a:slot}`` A's own object, ``|int`` makes it a JSON number.

    ``check`` is ``same`` (both answers equal), ``status`` (equal statuses: a legitimate
    create or upsert in A) or ``clean`` (only: nothing of B's in the answer).
    """

    name: str
    method: str
    path: str
    body: Json = None
    params: Json = None
    check: str = "same"
    expect: int | None = 404

    def __repr__(self) -> str:
        return self.name

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(self.name)

    def request(self, client: TestClient, a: Values, b: Values) -> httpx.Response:
        return client.request(
            self.method,
            _render(self.path, a, b),
            json=_render(self.body, a, b),
            params=_render(self.params, a, b),
        )

    def b_slots(self) -> set[str]:
        text = json.dumps([self.path, self.body, self.params])
        return {match[2] for match in SLOT.finditer(text) if match[1] == "b"}


def _render(template: Json, a: Values, b: Values) -> Json:
    if isinstance(template, str):
        whole = SLOT.fullmatch(template)
        if whole:
            value = (a if whole[1] == "a" else b)[whole[2]]
            return int(value) if whole[3] else value
        return SLOT.sub(lambda m: (a if m[1] == "a" else b)[m[2]], template)
    if isinstance(template, dict):
        return {key: _render(value, a, b) for key, value in template.items()}
    if isinstance(template, list):
        return [_render(value, a, b) for value in template]
    return template


def P(name: str, method: str, path: str, body: Json = None, **kw: Any) -> Probe:
    return Probe(name, method, path, body, **kw)


def lst(name: str, path: str, method: str = "GET", body: Json = None, **kw: Any) -> Probe:
    return Probe(name, method, path, body, check="clean", **{"expect": 200, **kw})


ADMIN = "{a:admin|int}"
REPLY = {"message_type": "comment", "type": "admin", "admin_id": ADMIN, "body": "Hi"}
AWAY = {"away_mode_enabled": True, "away_mode_reassign": False}


def _search(field: str, value: str) -> Json:
    return {"query": {"field": field, "operator": "=", "value": value}}


PROBES: list[Probe] = [
    # admins and teams
    P("retrieveAdmin", "GET", "/admins/{b:admin}"),
    P("setAwayAdmin", "PUT", "/admins/{b:admin}/away", AWAY),
    lst("listAdmins", "/admins"),
    lst("identifyAdmin", "/me"),
    lst("listActivityLogs", "/admins/activity_logs", params={"created_at_after": "0"}),
    P("retrieveTeam", "GET", "/teams/{b:team}"),
    lst("listTeams", "/teams"),
    # contacts
    P("ShowContact", "GET", "/contacts/{b:contact}"),
    P("ShowContact archived", "GET", "/contacts/{b:archived}"),
    P("ShowContact merged", "GET", "/contacts/{b:merged}"),
    P("UpdateContact", "PUT", "/contacts/{b:contact}", {"name": "Mine"}),
    P("DeleteContact", "DELETE", "/contacts/{b:contact}"),
    P("ArchiveContact", "POST", "/contacts/{b:contact}/archive"),
    P("UnarchiveContact", "POST", "/contacts/{b:archived}/unarchive"),
    P(
        "MergeContact from B",
        "POST",
        "/contacts/merge",
        {"from": "{b:lead}", "into": "{a:contact}"},
    ),
    P(
        "MergeContact into B",
        "POST",
        "/contacts/merge",
        {"from": "{a:lead}", "into": "{b:contact}"},
    ),
    P("SearchContacts id", "POST", "/contacts/search", _search("id", "{b:contact}"), expect=200),
    P(
        "SearchContacts email",
        "POST",
        "/contacts/search",
        _search("email", "{b:email}"),
        expect=200,
    ),
    P(
        "SearchContacts external_id",
        "POST",
        "/contacts/search",
        _search("external_id", "{b:external_id}"),
        expect=200,
    ),
    P(
        "SearchContacts phone",
        "POST",
        "/contacts/search",
        _search("phone", "{b:phone}"),
        expect=200,
    ),
    P(
        "SearchContacts tag",
        "POST",
        "/contacts/search",
        _search("tag_id", "{b:tag}"),
        expect=200,
    ),
    P(
        "SearchContacts segment",
        "POST",
        "/contacts/search",
        _search("segment_id", "{b:segment}"),
        expect=None,
    ),
    P(
        "SearchContacts name",
        "POST",
        "/contacts/search",
        _search("name", "{b:name}"),
        expect=200,
    ),
    lst("ListContacts", "/contacts"),
    P(
        "CreateContact same email",
        "POST",
        "/contacts",
        {"email": "{b:shared_email}"},
        check="status",
        expect=None,
    ),
    P(
        "CreateContact same external_id",
        "POST",
        "/contacts",
        {"role": "user", "external_id": "{b:shared_external_id}"},
        check="status",
        expect=None,
    ),
    P("listSegmentsForAContact", "GET", "/contacts/{b:contact}/segments"),
    P("listSubscriptionsForAContact", "GET", "/contacts/{b:contact}/subscriptions"),
    P("listTagsForAContact", "GET", "/contacts/{b:contact}/tags"),
    # companies
    P("RetrieveACompanyById", "GET", "/companies/{b:company}"),
    P("UpdateCompany", "PUT", "/companies/{b:company}", {"name": "Mine"}),
    P("deleteCompany", "DELETE", "/companies/{b:company}"),
    P("ListAttachedContacts", "GET", "/companies/{b:company}/contacts"),
    P("ListAttachedSegmentsForCompanies", "GET", "/companies/{b:company}/segments"),
    P("retrieveCompany company_id", "GET", "/companies", params={"company_id": "{b:company_id}"}),
    P("retrieveCompany name", "GET", "/companies", params={"name": "{b:company_name}"}),
    P("retrieveCompany tag_id", "GET", "/companies", params={"tag_id": "{b:tag}"}, expect=None),
    P(
        "retrieveCompany segment_id",
        "GET",
        "/companies",
        params={"segment_id": "{b:segment}"},
        expect=None,
    ),
    lst("listAllCompanies", "/companies/list", method="POST"),
    lst("scrollOverAllCompanies", "/companies/scroll", expect=None),
    P(
        "scrollOverAllCompanies B's scroll",
        "GET",
        "/companies/scroll",
        params={"scroll_param": "{b:scroll}"},
        expect=None,
    ),
    P(
        "createOrUpdateCompany same company_id",
        "POST",
        "/companies",
        {"company_id": "{b:shared_company_id}", "name": "Mine"},
        check="status",
        expect=200,
    ),
    P(
        "attachContactToACompany B's company",
        "POST",
        "/contacts/{a:contact}/companies",
        {"id": "{b:company}"},
    ),
    P(
        "attachContactToACompany B's contact",
        "POST",
        "/contacts/{b:contact}/companies",
        {"id": "{a:company}"},
    ),
    P("detachContactFromACompany B's", "DELETE", "/contacts/{b:contact}/companies/{b:company}"),
    P(
        "detachContactFromACompany B's company",
        "DELETE",
        "/contacts/{a:contact}/companies/{b:company}",
    ),
    P(
        "detachContactFromACompany B's contact",
        "DELETE",
        "/contacts/{b:contact}/companies/{a:company}",
    ),
    P("listCompaniesForAContact", "GET", "/contacts/{b:contact}/companies"),
    # tags
    P("findTag", "GET", "/tags/{b:tag}"),
    P("deleteTag", "DELETE", "/tags/{b:tag}"),
    P("createTag rename B's", "POST", "/tags", {"id": "{b:tag}", "name": "Renamed"}, expect=None),
    P(
        "createTag same name",
        "POST",
        "/tags",
        {"name": "{b:shared_tag_name}"},
        check="status",
        expect=200,
    ),
    P(
        "createTag on B's company",
        "POST",
        "/tags",
        {"name": "Acme VIP", "companies": [{"id": "{b:company}"}]},
    ),
    P(
        "createTag on B's company_id",
        "POST",
        "/tags",
        {"name": "Acme VIP", "companies": [{"company_id": "{b:company_id}"}]},
    ),
    P(
        "createTag untag B's company",
        "POST",
        "/tags",
        {"name": "Globex VIP", "companies": [{"id": "{b:company}", "untag": True}]},
        expect=None,
    ),
    P(
        "createTag on B's users",
        "POST",
        "/tags",
        {"name": "Acme VIP", "users": [{"id": "{b:contact}"}]},
    ),
    P("attachTagToContact A's tag", "POST", "/contacts/{b:contact}/tags", {"id": "{a:tag}"}),
    P("attachTagToContact B's tag", "POST", "/contacts/{a:contact}/tags", {"id": "{b:tag}"}),
    P("detachTagFromContact B's", "DELETE", "/contacts/{b:contact}/tags/{b:tag}"),
    P("detachTagFromContact B's tag", "DELETE", "/contacts/{a:contact}/tags/{b:tag}"),
    P(
        "attachTagToConversation A's tag",
        "POST",
        "/conversations/{b:conversation}/tags",
        {"id": "{a:tag}", "admin_id": ADMIN},
    ),
    P(
        "attachTagToConversation B's tag",
        "POST",
        "/conversations/{a:conversation}/tags",
        {"id": "{b:tag}", "admin_id": ADMIN},
    ),
    P(
        "detachTagFromConversation",
        "DELETE",
        "/conversations/{b:conversation}/tags/{b:tag}",
        {"admin_id": ADMIN},
    ),
    P(
        "attachTagToTicket A's tag",
        "POST",
        "/tickets/{b:ticket}/tags",
        {"id": "{a:tag}", "admin_id": ADMIN},
    ),
    P(
        "attachTagToTicket B's tag",
        "POST",
        "/tickets/{a:ticket}/tags",
        {"id": "{b:tag}", "admin_id": ADMIN},
    ),
    P(
        "detachTagFromTicket",
        "DELETE",
        "/tickets/{b:ticket}/tags/{b:tag}",
        {"admin_id": ADMIN},
    ),
    lst("listTags", "/tags"),
    # notes, segments, subscriptions
    P("retrieveNote", "GET", "/notes/{b:note}"),
    P("listNotes", "GET", "/contacts/{b:contact}/notes"),
    P("createNote", "POST", "/contacts/{b:contact}/notes", {"body": "Mine", "admin_id": ADMIN}),
    P(
        "createNote by B's admin",
        "POST",
        "/contacts/{a:contact}/notes",
        {"body": "Mine", "admin_id": "{b:admin|int}"},
        expect=None,
    ),
    P("retrieveSegment", "GET", "/segments/{b:segment}"),
    lst("listSegments", "/segments", params={"include_count": "true"}),
    P(
        "attachSubscriptionTypeToContact B's contact",
        "POST",
        "/contacts/{b:contact}/subscriptions",
        {"id": "{a:subscription}", "consent_type": "opt_in"},
    ),
    P(
        "attachSubscriptionTypeToContact B's type",
        "POST",
        "/contacts/{a:contact}/subscriptions",
        {"id": "{b:subscription}", "consent_type": "opt_in"},
    ),
    P(
        "detachSubscriptionTypeToContact",
        "DELETE",
        "/contacts/{b:contact}/subscriptions/{b:subscription}",
    ),
    P(
        "detachSubscriptionTypeToContact B's type",
        "DELETE",
        "/contacts/{a:contact}/subscriptions/{b:subscription}",
    ),
    lst("listSubscriptionTypes", "/subscription_types"),
    # conversations
    P("retrieveConversation", "GET", "/conversations/{b:conversation}"),
    P("retrieveConversation message", "GET", "/conversations/{b:message}"),
    P("retrieveConversation ticket", "GET", "/conversations/{b:ticket}"),
    P("updateConversation", "PUT", "/conversations/{b:conversation}", {"read": True}),
    P("replyConversation admin", "POST", "/conversations/{b:conversation}/reply", REPLY),
    P(
        "replyConversation as B's contact",
        "POST",
        "/conversations/{a:conversation}/reply",
        {"message_type": "comment", "type": "user", "intercom_user_id": "{b:contact}", "body": "x"},
        expect=None,
    ),
    P(
        "replyConversation as B's email",
        "POST",
        "/conversations/{a:conversation}/reply",
        {"message_type": "comment", "type": "user", "email": "{b:email}", "body": "x"},
        expect=None,
    ),
    P(
        "replyConversation by B's admin",
        "POST",
        "/conversations/{a:conversation}/reply",
        {**REPLY, "admin_id": "{b:admin|int}"},
        expect=None,
    ),
    P(
        "manageConversation close",
        "POST",
        "/conversations/{b:conversation}/parts",
        {"message_type": "close", "type": "admin", "admin_id": ADMIN},
    ),
    P(
        "manageConversation snooze",
        "POST",
        "/conversations/{b:conversation}/parts",
        {"message_type": "snoozed", "admin_id": ADMIN, "snoozed_until": START + 3600},
    ),
    P(
        "manageConversation open",
        "POST",
        "/conversations/{b:conversation}/parts",
        {"message_type": "open", "admin_id": ADMIN},
    ),
    P(
        "manageConversation assign",
        "POST",
        "/conversations/{b:conversation}/parts",
        {"message_type": "assignment", "type": "admin", "admin_id": ADMIN, "assignee_id": ADMIN},
    ),
    P(
        "manageConversation assign to B's admin",
        "POST",
        "/conversations/{a:conversation}/parts",
        {
            "message_type": "assignment",
            "type": "admin",
            "admin_id": ADMIN,
            "assignee_id": "{b:admin|int}",
        },
        expect=None,
    ),
    P(
        "manageConversation assign to B's team",
        "POST",
        "/conversations/{a:conversation}/parts",
        {
            "message_type": "assignment",
            "type": "team",
            "admin_id": ADMIN,
            "assignee_id": "{b:team|int}",
        },
        expect=None,
    ),
    P("autoAssignConversation", "POST", "/conversations/{b:conversation}/run_assignment_rules"),
    P(
        "attachContactToConversation B's conversation",
        "POST",
        "/conversations/{b:conversation}/customers",
        {"admin_id": ADMIN, "customer": {"intercom_user_id": "{a:lead}"}},
    ),
    P(
        "attachContactToConversation B's contact",
        "POST",
        "/conversations/{a:conversation}/customers",
        {"admin_id": ADMIN, "customer": {"intercom_user_id": "{b:lead}"}},
        expect=None,
    ),
    P(
        "attachContactToConversation B's email",
        "POST",
        "/conversations/{a:conversation}/customers",
        {"admin_id": ADMIN, "customer": {"email": "{b:shared_email}"}},
        check="status",
        expect=200,
    ),
    P(
        "detachContactFromConversation",
        "DELETE",
        "/conversations/{b:conversation}/customers/{b:lead}",
        {"admin_id": ADMIN},
    ),
    P(
        "detachContactFromConversation B's contact",
        "DELETE",
        "/conversations/{a:conversation}/customers/{b:lead}",
        {"admin_id": ADMIN},
        expect=None,
    ),
    P(
        "redactConversation part",
        "POST",
        "/conversations/redact",
        {
            "type": "conversation_part",
            "conversation_id": "{b:conversation}",
            "conversation_part_id": "{b:part}",
        },
    ),
    P(
        "redactConversation source",
        "POST",
        "/conversations/redact",
        {"type": "source", "conversation_id": "{b:conversation}", "source_id": "{b:source}"},
    ),
    P(
        "convertConversationToTicket",
        "POST",
        "/conversations/{b:convertible}/convert",
        {"ticket_type_id": "{a:ticket_type}"},
        expect=None,
    ),
    P(
        "convertConversationToTicket B's type",
        "POST",
        "/conversations/{a:conversation}/convert",
        {"ticket_type_id": "{b:ticket_type}"},
        expect=None,
    ),
    P(
        "createConversation from B's contact",
        "POST",
        "/conversations",
        {"from": {"type": "user", "id": "{b:contact}"}, "body": "x"},
    ),
    P(
        "searchConversations id",
        "POST",
        "/conversations/search",
        _search("id", "{b:conversation}"),
        expect=200,
    ),
    P(
        "searchConversations contact",
        "POST",
        "/conversations/search",
        _search("contact_ids", "{b:contact}"),
        expect=200,
    ),
    P(
        "searchConversations tag",
        "POST",
        "/conversations/search",
        _search("tag_ids", "{b:tag}"),
        expect=200,
    ),
    lst("listConversations", "/conversations"),
    P(
        "createMessage to B's contact",
        "POST",
        "/messages",
        {
            "message_type": "inapp",
            "body": "x",
            "from": {"type": "admin", "id": ADMIN},
            "to": {"type": "user", "id": "{b:contact}"},
        },
        expect=None,
    ),
    P(
        "createMessage from B's admin",
        "POST",
        "/messages",
        {
            "message_type": "inapp",
            "body": "x",
            "from": {"type": "admin", "id": "{b:admin|int}"},
            "to": {"type": "user", "id": "{a:contact}"},
        },
        expect=None,
    ),
    # tickets and ticket types
    P("getTicket", "GET", "/tickets/{b:ticket}"),
    P("updateTicket", "PUT", "/tickets/{b:ticket}", {"state": "resolved"}),
    P("replyTicket", "POST", "/tickets/{b:ticket}/reply", REPLY),
    P(
        "updateTicket assign to B's admin",
        "PUT",
        "/tickets/{a:ticket}",
        {"assignment": {"admin_id": ADMIN, "assignee_id": "{b:admin}"}},
        expect=None,
    ),
    P(
        "createTicket B's type",
        "POST",
        "/tickets",
        {"ticket_type_id": "{b:ticket_type}", "contacts": [{"id": "{a:contact}"}]},
        expect=None,
    ),
    P(
        "createTicket B's contact",
        "POST",
        "/tickets",
        {"ticket_type_id": "{a:ticket_type}", "contacts": [{"id": "{b:contact}"}]},
        expect=None,
    ),
    P(
        "createTicket B's company",
        "POST",
        "/tickets",
        {
            "ticket_type_id": "{a:ticket_type}",
            "contacts": [{"id": "{a:contact}"}],
            "company_id": "{b:company}",
        },
        expect=None,
    ),
    P("searchTickets id", "POST", "/tickets/search", _search("id", "{b:ticket}"), expect=200),
    P(
        "searchTickets type",
        "POST",
        "/tickets/search",
        _search("ticket_type_id", "{b:ticket_type}"),
        expect=None,
    ),
    P("getTicketType", "GET", "/ticket_types/{b:ticket_type}"),
    P("updateTicketType", "PUT", "/ticket_types/{b:ticket_type}", {"name": "Mine"}),
    P(
        "createTicketTypeAttribute",
        "POST",
        "/ticket_types/{b:ticket_type}/attributes",
        {"name": "mine", "description": "x", "data_type": "string"},
    ),
    P(
        "updateTicketTypeAttribute",
        "PUT",
        "/ticket_types/{b:ticket_type}/attributes/{b:ticket_type_attribute}",
        {"description": "Mine"},
    ),
    P(
        "updateTicketTypeAttribute B's attribute",
        "PUT",
        "/ticket_types/{a:ticket_type}/attributes/{b:ticket_type_attribute}",
        {"description": "Mine"},
    ),
    lst("listTicketTypes", "/ticket_types"),
    # data attributes, events, exports
    P("updateDataAttribute", "PUT", "/data_attributes/{b:data_attribute}", {"description": "x"}),
    lst("lisDataAttributes", "/data_attributes", params={"include_archived": "true"}),
    P(
        "createDataAttribute same name",
        "POST",
        "/data_attributes",
        {"name": "{b:data_attribute_name}", "model": "contact", "data_type": "string"},
        check="status",
        expect=None,
    ),
    P(
        "createDataEvent id",
        "POST",
        "/events",
        {"event_name": "mine", "created_at": START, "id": "{b:contact}"},
    ),
    P(
        "createDataEvent user_id",
        "POST",
        "/events",
        {"event_name": "mine", "created_at": START, "user_id": "{b:external_id}"},
    ),
    P(
        "createDataEvent email",
        "POST",
        "/events",
        {"event_name": "mine", "created_at": START, "email": "{b:email}"},
    ),
    P(
        "lisDataEvents id",
        "GET",
        "/events",
        params={"type": "user", "intercom_user_id": "{b:contact}"},
    ),
    P(
        "lisDataEvents user_id summary",
        "GET",
        "/events",
        params={"type": "user", "user_id": "{b:external_id}", "summary": "true"},
    ),
    P("lisDataEvents email", "GET", "/events", params={"type": "user", "email": "{b:email}"}),
    P(
        "dataEventSummaries",
        "POST",
        "/events/summaries",
        {"user_id": "{b:external_id}", "event_summaries": {"event_name": "mine", "count": 1}},
    ),
    P("getDataExport", "GET", "/export/content/data/{b:job}"),
    P("cancelDataExport", "POST", "/export/cancel/{b:job}"),
    P("downloadDataExport", "GET", "/download/content/data/{b:job}"),
    # help center, articles, news
    P("retrieveHelpCenter", "GET", "/help_center/help_centers/{b:help_center}"),
    lst("listHelpCenters", "/help_center/help_centers"),
    P("retrieveCollection", "GET", "/help_center/collections/{b:collection}"),
    P("updateCollection", "PUT", "/help_center/collections/{b:collection}", {"name": "Mine"}),
    P("deleteCollection", "DELETE", "/help_center/collections/{b:collection}"),
    P(
        "createCollection in B's help center",
        "POST",
        "/help_center/collections",
        {"name": "Mine", "help_center_id": "{b:help_center|int}"},
        expect=None,
    ),
    P(
        "createCollection under B's collection",
        "POST",
        "/help_center/collections",
        {"name": "Mine", "parent_id": "{b:collection}"},
        expect=None,
    ),
    P(
        "updateCollection parent B's",
        "PUT",
        "/help_center/collections/{a:collection}",
        {"parent_id": "{b:collection}"},
        expect=None,
    ),
    lst("listAllCollections", "/help_center/collections"),
    P("retrieveArticle", "GET", "/articles/{b:article}"),
    P("updateArticle", "PUT", "/articles/{b:article}", {"title": "Mine"}),
    P("deleteArticle", "DELETE", "/articles/{b:article}"),
    P(
        "createArticle in B's collection",
        "POST",
        "/articles",
        {
            "title": "Mine",
            "author_id": ADMIN,
            "parent_id": "{b:collection|int}",
            "parent_type": "collection",
        },
        expect=None,
    ),
    P(
        "createArticle by B's admin",
        "POST",
        "/articles",
        {"title": "Mine", "author_id": "{b:admin|int}"},
        expect=None,
    ),
    lst("listArticles", "/articles"),
    P(
        "searchArticles phrase",
        "GET",
        "/articles/search",
        params={"phrase": "{b:phrase}"},
        expect=200,
    ),
    P(
        "searchArticles help center",
        "GET",
        "/articles/search",
        params={"help_center_id": "{b:help_center}"},
        expect=None,
    ),
    P("retrieveNewsItem", "GET", "/news/news_items/{b:news_item}"),
    P(
        "updateNewsItem",
        "PUT",
        "/news/news_items/{b:news_item}",
        {"title": "Mine", "sender_id": ADMIN},
    ),
    P("deleteNewsItem", "DELETE", "/news/news_items/{b:news_item}"),
    P(
        "createNewsItem by B's admin",
        "POST",
        "/news/news_items",
        {"title": "Mine", "sender_id": "{b:admin|int}"},
        expect=None,
    ),
    P(
        "createNewsItem in B's newsfeed",
        "POST",
        "/news/news_items",
        {
            "title": "Mine",
            "sender_id": ADMIN,
            "newsfeed_assignments": [{"newsfeed_id": "{b:newsfeed|int}", "published_at": START}],
        },
        expect=None,
    ),
    lst("listNewsItems", "/news/news_items"),
    P("retrieveNewsfeed", "GET", "/news/newsfeeds/{b:newsfeed}"),
    P("listLiveNewsfeedItems", "GET", "/news/newsfeeds/{b:newsfeed}/items"),
    lst("listNewsfeeds", "/news/newsfeeds"),
    # visitors, phone switch
    P("retrieveVisitorWithUserId", "GET", "/visitors", params={"user_id": "{b:visitor_user_id}"}),
    P("updateVisitor id", "PUT", "/visitors", {"id": "{b:visitor}", "name": "Mine"}),
    P("updateVisitor user_id", "PUT", "/visitors", {"user_id": "{b:visitor_user_id}", "name": "x"}),
    P(
        "convertVisitor B's visitor",
        "POST",
        "/visitors/convert",
        {"type": "user", "user": {"email": "new@acme.test"}, "visitor": {"id": "{b:visitor}"}},
    ),
    P(
        "convertVisitor into B's contact",
        "POST",
        "/visitors/convert",
        {"type": "user", "user": {"id": "{b:contact}"}, "visitor": {"id": "{a:visitor}"}},
        expect=None,
    ),
    P(
        "createPhoneSwitch B's phone",
        "POST",
        "/phone_call_redirects",
        {"phone": "{b:phone}"},
        check="status",
        expect=None,
    ),
    # more: B's values in A's own requests
    P(
        "MergeContact both B's",
        "POST",
        "/contacts/merge",
        {"from": "{b:lead}", "into": "{b:contact}"},
    ),
    P(
        "SearchContacts email contains",
        "POST",
        "/contacts/search",
        {"query": {"field": "email", "operator": "~", "value": "{b:email}"}},
        expect=200,
    ),
    P(
        "SearchContacts id IN",
        "POST",
        "/contacts/search",
        {"query": {"field": "id", "operator": "IN", "value": ["{b:contact}", "{b:lead}"]}},
        expect=200,
    ),
    P(
        "createTag same name on A's user",
        "POST",
        "/tags",
        {"name": "{b:shared_tag_name}", "users": [{"id": "{a:contact}"}]},
        check="status",
        expect=200,
    ),
    P(
        "createTag same name untag A's user",
        "POST",
        "/tags",
        {"name": "{b:shared_tag_name}", "users": [{"id": "{a:contact}", "untag": True}]},
        check="status",
        expect=200,
    ),
    P(
        "createTag same name on same company_id",
        "POST",
        "/tags",
        {"name": "{b:shared_tag_name}", "companies": [{"company_id": "{b:shared_company_id}"}]},
        check="status",
        expect=None,
    ),
    P(
        "createNote naming B's contact",
        "POST",
        "/contacts/{a:contact}/notes",
        {"body": "x", "contact_id": "{b:contact}"},
        check="status",
        expect=200,
    ),
    P(
        "redactConversation B's part in A's conversation",
        "POST",
        "/conversations/redact",
        {
            "type": "conversation_part",
            "conversation_id": "{a:conversation}",
            "conversation_part_id": "{b:part}",
        },
    ),
    P(
        "redactConversation B's source in A's conversation",
        "POST",
        "/conversations/redact",
        {"type": "source", "conversation_id": "{a:conversation}", "source_id": "{b:source}"},
    ),
    P(
        "detachTagFromConversation B's tag",
        "DELETE",
        "/conversations/{a:conversation}/tags/{b:tag}",
        {"admin_id": ADMIN},
    ),
    P(
        "detachTagFromTicket B's tag",
        "DELETE",
        "/tickets/{a:ticket}/tags/{b:tag}",
        {"admin_id": ADMIN},
    ),
    P(
        "replyTicket by B's admin",
        "POST",
        "/tickets/{a:ticket}/reply",
        {**REPLY, "admin_id": "{b:admin|int}"},
        expect=None,
    ),
    P(
        "replyTicket as B's contact",
        "POST",
        "/tickets/{a:ticket}/reply",
        {"message_type": "comment", "type": "user", "intercom_user_id": "{b:contact}", "body": "x"},
        expect=None,
    ),
    P(
        "updateTicket assign to B's team",
        "PUT",
        "/tickets/{a:ticket}",
        {"assignment": {"admin_id": ADMIN, "assignee_id": "{b:team}"}},
        expect=None,
    ),
    P(
        "createTicket same external_id",
        "POST",
        "/tickets",
        {
            "ticket_type_id": "{a:ticket_type}",
            "contacts": [{"external_id": "{b:shared_external_id}"}],
        },
        check="status",
        expect=None,
    ),
    P(
        "searchTickets contact",
        "POST",
        "/tickets/search",
        _search("contact_ids", "{b:contact}"),
        expect=200,
    ),
    P(
        "searchConversations author email",
        "POST",
        "/conversations/search",
        _search("source.author.email", "{b:email}"),
        expect=200,
    ),
    P(
        "attachContactToConversation same external_id",
        "POST",
        "/conversations/{a:conversation}/customers",
        {"admin_id": ADMIN, "customer": {"user_id": "{b:shared_external_id}"}},
        check="status",
        expect=None,
    ),
    P(
        "createConversation from B's visitor",
        "POST",
        "/conversations",
        {"from": {"type": "contact", "id": "{b:visitor}"}, "body": "x"},
        expect=None,
    ),
    P(
        "createConversation from B's visitor user_id",
        "POST",
        "/conversations",
        {"from": {"type": "contact", "user_id": "{b:visitor_user_id}"}, "body": "x"},
        expect=None,
    ),
    P(
        "createConversation from B's lead",
        "POST",
        "/conversations",
        {"from": {"type": "lead", "id": "{b:lead}"}, "body": "x"},
        expect=None,
    ),
    P(
        "createMessage to B's lead",
        "POST",
        "/messages",
        {
            "message_type": "inapp",
            "body": "x",
            "from": {"type": "admin", "id": ADMIN},
            "to": {"type": "lead", "id": "{b:lead}"},
        },
        expect=None,
    ),
    P(
        "updateNewsItem into B's newsfeed",
        "PUT",
        "/news/news_items/{a:news_item}",
        {
            "title": "Acme news",
            "sender_id": ADMIN,
            "newsfeed_assignments": [{"newsfeed_id": "{b:newsfeed|int}", "published_at": START}],
        },
        expect=None,
    ),
    P(
        "updateArticle into B's collection",
        "PUT",
        "/articles/{a:article}",
        {"parent_id": "{b:collection|int}", "parent_type": "collection"},
        expect=None,
    ),
    P(
        "updateArticle by B's admin",
        "PUT",
        "/articles/{a:article}",
        {"author_id": "{b:admin|int}"},
        expect=None,
    ),
    P(
        "UpdateContact owner B's admin",
        "PUT",
        "/contacts/{a:contact}",
        {"owner_id": "{b:admin|int}"},
        expect=None,
    ),
    P(
        "CreateContact owner B's admin",
        "POST",
        "/contacts",
        {"role": "lead", "owner_id": "{b:admin|int}"},
        expect=None,
    ),
    P(
        "createOrUpdateCompany same plan",
        "POST",
        "/companies",
        {"company_id": "acme-co", "plan": "{b:shared_plan}"},
        check="status",
        expect=200,
    ),
    P(
        "createTicketType same name",
        "POST",
        "/ticket_types",
        {"name": "{b:shared_ticket_type_name}"},
        check="status",
        expect=None,
    ),
    P(
        "searchConversations admin assignee",
        "POST",
        "/conversations/search",
        _search("admin_assignee_id", "{b:admin}"),
        expect=200,
    ),
    P(
        "searchConversations team assignee",
        "POST",
        "/conversations/search",
        _search("team_assignee_id", "{b:team}"),
        expect=200,
    ),
    P(
        "searchTickets admin assignee",
        "POST",
        "/tickets/search",
        _search("admin_assignee_id", "{b:admin}"),
        expect=200,
    ),
    P(
        "createTag rename A's to B's name",
        "POST",
        "/tags",
        {"id": "{a:tag}", "name": "{b:shared_tag_name}"},
        check="status",
        expect=None,
    ),
    # legitimate work in A: creates and changes A's rows
    lst(
        "createDataExport in A",
        "/export/content/data",
        method="POST",
        body={"created_at_after": 0, "created_at_before": START},
        expect=None,  # 429 while A's first export waits
    ),
    lst("CreateContact in A", "/contacts", method="POST", body={"role": "lead", "name": "New"}),
    lst("createTag in A", "/tags", method="POST", body={"name": "Acme new"}),
    lst("createNote in A", "/contacts/{a:contact}/notes", method="POST", body={"body": "A note"}),
    lst(
        "replyConversation in A", "/conversations/{a:conversation}/reply", method="POST", body=REPLY
    ),
    lst(
        "attachTagToContact in A",
        "/contacts/{a:contact}/tags",
        method="POST",
        body={"id": "{a:tag}"},
    ),
]

LEGITIMATE = {probe.name for probe in PROBES if probe.name.endswith(" in A")}


# --- the property --------------------------------------------------------------------------


@pytest.fixture
def settings() -> Settings:
    """Exports wait for a worker, so no job changes B's rows while A's requests run."""
    return Settings(database_url="sqlite://", token_cache_seconds=0, jobs="worker")


@dataclass(repr=False)
class Run:
    world: World
    b_rows: Snapshot
    initial: Snapshot
    a_before_b: dict[str, Json]
    """A's reads (:data:`A_VIEWS`) before B had any data."""
    legitimate: bool = False

    def __repr__(self) -> str:
        return f"Run(workspace_id={self.world.workspace_id})"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(repr(self))


@pytest.fixture
def run(
    app: Any,
    api: TestClient,
    runtime: Runtime,
    engine: Engine,
    workspace: NewWorkspace,
    other_workspace: NewWorkspace,
) -> Run:
    as_a = Recorder(api)
    a = _populate_a(as_a, runtime, workspace)
    before = _views(api, a)
    with contract_client(app) as client:
        client.headers["Authorization"] = f"Bearer {other_workspace.token}"
        client.headers["Accept"] = "application/json"
        as_b = Recorder(client)
        b = _populate_b(as_b, runtime, other_workspace)
    world = World(
        a=a,
        b=b,
        fresh={slot: _fresh(slot, value) for slot, value in b.items()},
        seen=as_b.seen,
        hex_ids={found for text in as_b.texts for found in HEX_ID.findall(text)},
        id_code=other_workspace.workspace.id_code,
        workspace_id=other_workspace.workspace.id,
    )
    rows = snapshot(engine)
    return Run(world, workspace_rows(rows, world.workspace_id), rows, before)


A_VIEWS: list[Probe] = [
    probe
    for probe in PROBES
    if probe.check == "clean"
    and probe.name not in LEGITIMATE
    and probe.name != "scrollOverAllCompanies"  # every call starts a new scroll
] + [
    lst("ShowContact A", "/contacts/{a:contact}"),
    lst("listTagsForAContact A", "/contacts/{a:contact}/tags"),
    lst("listCompaniesForAContact A", "/contacts/{a:contact}/companies"),
    lst("listSegmentsForAContact A", "/contacts/{a:contact}/segments"),
    lst("listSubscriptionsForAContact A", "/contacts/{a:contact}/subscriptions"),
    lst("listNotes A", "/contacts/{a:contact}/notes"),
    lst("RetrieveACompanyById A", "/companies/{a:company}"),
    lst("ListAttachedContacts A", "/companies/{a:company}/contacts"),
    lst("ListAttachedSegmentsForCompanies A", "/companies/{a:company}/segments"),
    lst("retrieveCompany A", "/companies", params={"company_id": "acme-co"}),
    lst("retrieveConversation A", "/conversations/{a:conversation}"),
    lst("getTicket A", "/tickets/{a:ticket}"),
    lst("getTicketType A", "/ticket_types/{a:ticket_type}"),
    lst("lisDataEvents A", "/events", params={"type": "user", "intercom_user_id": "{a:contact}"}),
    lst("listLiveNewsfeedItems A", "/news/newsfeeds/{a:newsfeed}/items"),
    lst("retrieveVisitorWithUserId A", "/visitors", params={"user_id": "{a:visitor_user_id}"}),
    lst("searchArticles A", "/articles/search", params={"phrase": "zephyrine"}),
    lst("SearchContacts A", "/contacts/search", "POST", _search("role", "user")),
    lst("searchConversations A", "/conversations/search", "POST", _search("open", "true")),
    lst("searchTickets A", "/tickets/search", "POST", _search("open", "true")),
]
"""What A reads of its own workspace: none of it may change when B's data appears."""


def _views(client: TestClient, a: Values) -> dict[str, Json]:
    return {probe.name: _body(probe.request(client, a, {})) for probe in A_VIEWS}


def _body(response: httpx.Response) -> Json:
    if "json" not in response.headers.get("content-type", "") or not response.content:
        return response.content
    body = response.json()
    if isinstance(body, dict):
        body.pop("request_id", None)
    return body


def _as_fresh(body: Json, mapping: Mapping[str, str]) -> Json:
    """An error body with B's values replaced by the never-used ones."""
    if isinstance(body, str):
        for value in sorted(mapping, key=len, reverse=True):
            body = re.sub(rf"(?<![\w-]){re.escape(value)}(?![\w-])", mapping[value], body)
        return body
    if isinstance(body, dict):
        return {key: _as_fresh(value, mapping) for key, value in body.items()}
    if isinstance(body, list):
        return [_as_fresh(value, mapping) for value in body]
    return body


def _assert_clean(probe: Probe, body: Json, world: World) -> None:
    """Nothing of B's in an answer to A."""
    text = body.decode("latin-1") if isinstance(body, bytes) else json.dumps(body)
    assert MARKER not in text.lower(), (probe, text)
    assert not re.search(rf"\b{world.id_code}\b", text), (probe, text)
    assert not set(HEX_ID.findall(text)) & world.hex_ids, (probe, text)
    assert not _pairs(body) & world.seen, (probe, _pairs(body) & world.seen)


def _check(probe: Probe, client: TestClient, world: World) -> None:
    answer = probe.request(client, world.a, world.b)
    body = _body(answer)
    slots = probe.b_slots()
    if not slots:
        assert probe.expect is None or answer.status_code == probe.expect, (probe, answer.text)
        _assert_clean(probe, body, world)
        return
    control = probe.request(client, world.a, world.fresh)
    expected = _body(control)
    if probe.expect is not None:
        assert control.status_code == probe.expect, (probe, control.text)
    assert answer.status_code == control.status_code, (probe, answer.text, control.text)
    if isinstance(body, dict) and body.get("type") == "error.list":
        body = _as_fresh(body, {world.b[slot]: world.fresh[slot] for slot in slots})
    if probe.check == "same":
        assert body == expected, (probe, body, expected)
    _assert_clean(probe, body, world)
    _assert_clean(probe, expected, world)


@hypothesis.settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
@given(probes=st.lists(st.sampled_from(PROBES), min_size=1, max_size=STEPS))
@example(probes=PROBES)
def test_workspace_b_does_not_exist_for_a_token_of_a(
    api: TestClient, engine: Engine, run: Run, probes: list[Probe]
) -> None:
    for probe in probes:
        _check(probe, api, run.world)
        run.legitimate |= probe.name in LEGITIMATE
    after = snapshot(engine)
    b_rows = workspace_rows(after, run.world.workspace_id)
    assert b_rows == run.b_rows, changed_tables(run.b_rows, b_rows)
    if run.legitimate:
        assert changed_tables(run.initial, after), "A's own requests changed nothing"


def test_what_a_reads_does_not_depend_on_b(api: TestClient, runtime: Runtime, run: Run) -> None:
    """A's lists, counts and summaries are the same before and after B is populated, and an
    export of all of A's conversations holds none of B's."""
    after = _views(api, run.world.a)
    changed = [name for name, body in run.a_before_b.items() if after[name] != body]
    assert not changed, changed
    for name, body in after.items():
        _assert_clean(Probe(name, "GET", ""), body, run.world)
    job = api.post(
        "/export/content/data", json={"created_at_after": 0, "created_at_before": START + 1}
    ).json()
    JobRunner(runtime.engine, clock=runtime.clock, handlers=JOB_HANDLERS, name="test").run_pending()
    response = api.get(
        f"/download/content/data/{job['job_identifier']}",
        headers={"Accept": "application/octet-stream"},
    )
    assert response.status_code == 200, response.text
    exported = gzip.decompress(response.content)
    assert run.world.a["conversation"].encode() in exported
    _assert_clean(Probe("downloadDataExport A", "GET", ""), exported, run.world)


def test_b_rows_are_the_rows_that_name_b(
    app: Any,
    api: TestClient,
    runtime: Runtime,
    engine: Engine,
    other_workspace: NewWorkspace,
) -> None:
    """The comparison above sees a new row that ties A's data to B's, and only that."""
    with contract_client(app) as client:
        client.headers["Authorization"] = f"Bearer {other_workspace.token}"
        theirs = client.post("/contacts", json={"email": "t@globex.test"}).json()["id"]
    mine = api.post("/contacts", json={"email": "m@acme.test"}).json()["id"]
    tag = int(api.post("/tags", json={"name": "Acme"}).json()["id"])
    b_id = other_workspace.workspace.id
    before = workspace_rows(snapshot(engine), b_id)
    with runtime.sessions.begin() as session:
        session.add(Tagging(tag_id=tag, target_type="contact", target_id=mine, applied_at=START))
    assert workspace_rows(snapshot(engine), b_id) == before
    with runtime.sessions.begin() as session:
        session.add(Tagging(tag_id=tag, target_type="contact", target_id=theirs, applied_at=START))
    assert changed_tables(before, workspace_rows(snapshot(engine), b_id)) == ["taggings"]
