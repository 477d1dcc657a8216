"""Crash safety: kill a loaded server with SIGKILL, restart it, and prove nothing was lost.

Each cycle starts ``backchannel serve`` on the same database, drives a concurrent write load
(contacts, companies, conversations and replies, tags, tag and company links), and kills the
whole server with SIGKILL while requests are in flight. Every write the server acknowledged
with a 2xx is recorded with the id it returned and what it wrote. After each restart the
script reads every acknowledged write back through the API, and checks the database directly
for half-written state: parts without a conversation, links to missing rows, statistics or
counts that disagree with the rows they count, duplicate identities.

A write that was in flight when the server died may or may not have happened; it must then
have happened completely or not at all.

Usage::

    python scripts/chaos.py                                  # SQLite, and PostgreSQL when
                                                             # BACKCHANNEL_TEST_POSTGRES_URL is set
    python scripts/chaos.py --cycles 8 --seconds 5 --clients 12 --databases sqlite

Exits with status 1 when an acknowledged write is missing, something is half-written, or
the server answered a 5xx.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import Engine, func, select

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.conftest import POSTGRES_URL_VARIABLE  # noqa: E402
from tests.live import Server, fresh_database, start_server, stop_server  # noqa: E402

from backchannel.db.session import make_engine  # noqa: E402
from backchannel.db.tables import (  # noqa: E402
    Company,
    CompanyContact,
    Contact,
    Conversation,
    ConversationPart,
    Tag,
    Tagging,
)

__all__ = ["ChaosReport", "Ledger", "main", "run_chaos"]

KINDS = ("contact", "company", "conversation", "reply", "tag", "tagging", "company_link")


# --- what was acknowledged ----------------------------------------------------------------


@dataclass
class ConversationRecord:
    contact_id: str
    body: str
    replies: list[str] = field(default_factory=list)
    # Replies whose outcome is unknown (the server died, or failed, before answering).
    uncertain: int = 0


@dataclass
class Ledger:
    """Every write the server acknowledged, with the id it returned; thread-safe."""

    contacts: dict[str, dict[str, str]] = field(default_factory=dict)
    companies: dict[str, dict[str, str]] = field(default_factory=dict)
    conversations: dict[str, ConversationRecord] = field(default_factory=dict)
    tags: dict[str, str] = field(default_factory=dict)
    # Acknowledged attaches per (tag, contact) and (company, contact); repeats are no-ops.
    taggings: Counter[tuple[str, str]] = field(default_factory=Counter)
    company_links: Counter[tuple[str, str]] = field(default_factory=Counter)
    attempted: Counter[str] = field(default_factory=Counter)
    acknowledged: Counter[str] = field(default_factory=Counter)
    unacknowledged: Counter[str] = field(default_factory=Counter)
    server_errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def pick(self, items: dict[str, Any] | set[Any], rng: random.Random) -> Any:
        with self.lock:
            return rng.choice(list(items)) if items else None


@dataclass
class ChaosReport:
    database: str
    cycles: int
    attempted: int
    acknowledged: int
    found: int
    missing: int
    half_written: int
    unacknowledged: int
    server_errors: int
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.missing or self.half_written or self.server_errors)

    HEADER = (
        f"{'database':<11}{'cycles':>7}{'attempted':>11}{'acknowledged':>14}{'found':>8}"
        f"{'missing':>9}{'half-written':>14}{'unanswered':>12}{'5xx':>6}"
    )

    def row(self) -> str:
        return (
            f"{self.database:<11}{self.cycles:>7}{self.attempted:>11}{self.acknowledged:>14}"
            f"{self.found:>8}{self.missing:>9}{self.half_written:>14}{self.unacknowledged:>12}"
            f"{self.server_errors:>6}"
        )


# --- the load -----------------------------------------------------------------------------


class Loader:
    """One client thread's writes; each op records what the server acknowledged."""

    def __init__(
        self, http: httpx.Client, ledger: Ledger, rng: random.Random, prefix: str, admin_id: str
    ) -> None:
        self.http = http
        self.ledger = ledger
        self.rng = rng
        self.prefix = prefix
        self.admin_id = admin_id
        self.serial = 0

    def _key(self) -> str:
        self.serial += 1
        return f"{self.prefix}-{self.serial}"

    def _send(self, kind: str, method: str, path: str, body: Any) -> dict[str, Any] | None:
        """The JSON body of a 2xx answer; ``None`` when the write was not acknowledged."""
        with self.ledger.lock:
            self.ledger.attempted[kind] += 1
        try:
            response = self.http.request(method, path, json=body)
        except httpx.TransportError:
            with self.ledger.lock:
                self.ledger.unacknowledged[kind] += 1
            return None
        if response.status_code >= 500:
            with self.ledger.lock:
                self.ledger.unacknowledged[kind] += 1
                self.ledger.server_errors.append(f"{method} {path}: {response.text[:300]}")
            return None
        if not 200 <= response.status_code < 300:
            raise AssertionError(f"{method} {path} -> {response.status_code}: {response.text}")
        with self.ledger.lock:
            self.ledger.acknowledged[kind] += 1
        result: dict[str, Any] = response.json()
        return result

    def create_contact(self) -> None:
        key = self._key()
        fields = {"email": f"{key}@chaos.test", "external_id": key, "name": f"Contact {key}"}
        created = self._send("contact", "POST", "/contacts", fields)
        if created is not None:
            with self.ledger.lock:
                self.ledger.contacts[created["id"]] = fields

    def create_company(self) -> None:
        key = self._key()
        fields = {"company_id": key, "name": f"Company {key}"}
        created = self._send("company", "POST", "/companies", fields)
        if created is not None:
            with self.ledger.lock:
                self.ledger.companies[created["id"]] = fields

    def create_tag(self) -> None:
        name = f"tag {self._key()}"
        created = self._send("tag", "POST", "/tags", {"name": name})
        if created is not None:
            with self.ledger.lock:
                self.ledger.tags[str(created["id"])] = name

    def start_conversation(self) -> None:
        contact_id = self.ledger.pick(self.ledger.contacts, self.rng)
        if contact_id is None:
            return self.create_contact()
        body = f"Hello from {self._key()}"
        payload = {"from": {"type": "user", "id": contact_id}, "body": body}
        created = self._send("conversation", "POST", "/conversations", payload)
        if created is not None:
            record = ConversationRecord(contact_id, body)
            with self.ledger.lock:
                self.ledger.conversations[created["conversation_id"]] = record

    def reply(self) -> None:
        conversation_id = self.ledger.pick(self.ledger.conversations, self.rng)
        if conversation_id is None:
            return self.start_conversation()
        record = self.ledger.conversations[conversation_id]
        key = self._key()
        if self.rng.random() < 0.5:
            text = f"contact reply {key}"
            html = f"<p>{text}</p>"
            payload = {"type": "user", "message_type": "comment", "body": text,
                       "intercom_user_id": record.contact_id}  # fmt: skip
        else:
            html = f"<p>admin reply {key}</p>"
            payload = {"type": "admin", "message_type": "comment", "body": html,
                       "admin_id": self.admin_id}  # fmt: skip
        with self.ledger.lock:
            record.uncertain += 1
        answered = self._send("reply", "POST", f"/conversations/{conversation_id}/reply", payload)
        if answered is not None:
            with self.ledger.lock:
                record.uncertain -= 1
                record.replies.append(html)

    def tag_contact(self) -> None:
        tag_id = self.ledger.pick(self.ledger.tags, self.rng)
        contact_id = self.ledger.pick(self.ledger.contacts, self.rng)
        if tag_id is None or contact_id is None:
            return self.create_tag()
        path = f"/contacts/{contact_id}/tags"
        if self._send("tagging", "POST", path, {"id": tag_id}) is not None:
            with self.ledger.lock:
                self.ledger.taggings[tag_id, contact_id] += 1

    def link_company(self) -> None:
        company_id = self.ledger.pick(self.ledger.companies, self.rng)
        contact_id = self.ledger.pick(self.ledger.contacts, self.rng)
        if company_id is None or contact_id is None:
            return self.create_company()
        path = f"/contacts/{contact_id}/companies"
        if self._send("company_link", "POST", path, {"id": company_id}) is not None:
            with self.ledger.lock:
                self.ledger.company_links[company_id, contact_id] += 1

    def step(self) -> None:
        ops: Sequence[tuple[Callable[[], None], int]] = (
            (self.create_contact, 3),
            (self.create_company, 1),
            (self.create_tag, 1),
            (self.start_conversation, 2),
            (self.reply, 5),
            (self.tag_contact, 2),
            (self.link_company, 2),
        )
        op = self.rng.choices([op for op, _ in ops], weights=[w for _, w in ops])[0]
        op()


def _client(server: Server) -> httpx.Client:
    return httpx.Client(
        base_url=server.base_url,
        headers={"Authorization": f"Bearer {server.token}", "Accept": "application/json"},
        timeout=30,
    )


def drive_load(
    server: Server, ledger: Ledger, *, clients: int, seconds: float, cycle: int, seed: int
) -> None:
    """Write from ``clients`` threads for ``seconds``, then SIGKILL the server mid-load."""
    with _client(server) as http:
        admin_id = str(http.get("/me").json()["id"])
    stop = threading.Event()
    failures: list[BaseException] = []

    def work(n: int) -> None:
        rng = random.Random(seed * 1_000_003 + cycle * 1009 + n)
        prefix = f"s{seed}c{cycle}t{n}"
        with _client(server) as http:
            loader = Loader(http, ledger, rng, prefix, admin_id)
            try:
                while not stop.is_set():
                    loader.step()
            except BaseException as error:  # reported by the caller
                failures.append(error)

    threads = [threading.Thread(target=work, args=(n,), daemon=True) for n in range(clients)]
    for thread in threads:
        thread.start()
    time.sleep(seconds)
    # No new requests from here on; those already sent are in flight when the server dies.
    stop.set()
    server.kill()
    for thread in threads:
        thread.join(timeout=60)
    server.log.close()
    if failures:
        raise failures[0]


# --- checking -----------------------------------------------------------------------------


@dataclass
class Findings:
    found: int = 0
    missing: list[str] = field(default_factory=list)
    half_written: list[str] = field(default_factory=list)


def _search_email(http: httpx.Client, email: str) -> list[str]:
    query = {"query": {"field": "email", "operator": "=", "value": email}}
    response = http.post("/contacts/search", json=query)
    if response.status_code != 200:
        return [f"search answered {response.status_code}: {response.text[:200]}"]
    return [contact["id"] for contact in response.json()["data"]]


def check_api(server: Server, ledger: Ledger) -> Findings:
    """Read every acknowledged write back through the API."""
    out = Findings()
    with _client(server) as http:
        for contact_id, fields in ledger.contacts.items():
            response = http.get(f"/contacts/{contact_id}")
            if response.status_code != 200:
                out.missing.append(f"contact {contact_id}: {response.status_code}")
                continue
            stored = response.json()
            if any(stored.get(name) != value for name, value in fields.items()):
                out.half_written.append(f"contact {contact_id}: {stored}")
            elif _search_email(http, fields["email"]) != [contact_id]:
                out.half_written.append(f"contact {contact_id} is not found by its email")
            else:
                out.found += 1
        for company_id, fields in ledger.companies.items():
            response = http.get(f"/companies/{company_id}")
            if response.status_code != 200:
                out.missing.append(f"company {company_id}: {response.status_code}")
                continue
            stored = response.json()
            by_key = http.get("/companies", params={"company_id": fields["company_id"]})
            if any(stored.get(name) != value for name, value in fields.items()):
                out.half_written.append(f"company {company_id}: {stored}")
            elif by_key.status_code != 200 or by_key.json()["id"] != company_id:
                out.half_written.append(f"company {company_id} is not found by its company_id")
            else:
                out.found += 1
        tags = {str(tag["id"]): tag["name"] for tag in http.get("/tags").json()["data"]}
        for tag_id, name in ledger.tags.items():
            if tags.get(tag_id) == name:
                out.found += 1
            else:
                out.missing.append(f"tag {tag_id} ({name})")
        for (tag_id, contact_id), times in ledger.taggings.items():
            listed = http.get(f"/contacts/{contact_id}/tags").json()["data"]
            if tag_id in {str(tag["id"]) for tag in listed}:
                out.found += times
            else:
                out.missing.extend([f"tag {tag_id} on contact {contact_id}"] * times)
        for (company_id, contact_id), times in ledger.company_links.items():
            listed = http.get(f"/contacts/{contact_id}/companies").json()["data"]
            if company_id in {company["id"] for company in listed}:
                out.found += times
            else:
                out.missing.extend([f"contact {contact_id} in company {company_id}"] * times)
        for conversation_id, record in ledger.conversations.items():
            _check_conversation(http, conversation_id, record, out)
    return out


def _check_conversation(
    http: httpx.Client, conversation_id: str, record: ConversationRecord, out: Findings
) -> None:
    response = http.get(f"/conversations/{conversation_id}")
    if response.status_code != 200:
        out.missing.append(f"conversation {conversation_id}: {response.status_code}")
        out.missing.extend(f"reply {body}" for body in record.replies)
        return
    conversation = response.json()
    if conversation["source"]["body"] != f"<p>{record.body}</p>":
        out.half_written.append(f"conversation {conversation_id}: {conversation['source']}")
    else:
        out.found += 1
    parts = conversation["conversation_parts"]["conversation_parts"]
    bodies = [part["body"] for part in parts]
    for body in record.replies:
        if body in bodies:
            out.found += 1
        else:
            out.missing.append(f"reply {body} in conversation {conversation_id}")
    extra = len(parts) - len(record.replies)
    if not 0 <= extra <= record.uncertain:
        out.half_written.append(
            f"conversation {conversation_id}: {len(parts)} parts for {len(record.replies)} "
            f"acknowledged replies and {record.uncertain} unanswered"
        )
    if conversation["statistics"]["count_conversation_parts"] != len(parts):
        out.half_written.append(f"conversation {conversation_id}: statistics miss parts")


def check_database(engine: Engine) -> list[str]:
    """Rows that only a half-applied write could leave behind."""
    problems: list[str] = []
    with engine.connect() as conn:
        orphan_parts = conn.execute(
            select(func.count())
            .select_from(ConversationPart)
            .outerjoin(Conversation, Conversation.id == ConversationPart.conversation_id)
            .where(Conversation.id.is_(None))
        ).scalar_one()
        if orphan_parts:
            problems.append(f"{orphan_parts} parts without a conversation")
        counted = (
            select(func.count())
            .where(ConversationPart.conversation_id == Conversation.id)
            .scalar_subquery()
        )
        for row in conn.execute(
            select(Conversation.id).where(Conversation.count_conversation_parts != counted)
        ):
            problems.append(f"conversation {row.id}: count_conversation_parts is stale")
        orphan_taggings = conn.execute(
            select(Tagging.tag_id, Tagging.target_id)
            .outerjoin(Contact, Contact.id == Tagging.target_id)
            .outerjoin(Tag, Tag.id == Tagging.tag_id)
            .where(Tagging.target_type == "contact", (Contact.id.is_(None)) | (Tag.id.is_(None)))
        ).all()
        problems.extend(f"tagging {row} points at nothing" for row in orphan_taggings)
        attached = (
            select(func.count()).where(CompanyContact.company_id == Company.id).scalar_subquery()
        )
        for row in conn.execute(select(Company.id).where(Company.user_count != attached)):
            problems.append(f"company {row.id}: user_count disagrees with its contacts")
        duplicates = conn.execute(
            select(Contact.workspace_id, func.lower(Contact.email), func.count())
            .where(Contact.role == "user", Contact.email.is_not(None))
            .group_by(Contact.workspace_id, func.lower(Contact.email))
            .having(func.count() > 1)
        ).all()
        problems.extend(f"duplicate user email {row[1]}" for row in duplicates)
    return problems


# --- the whole run ------------------------------------------------------------------------


def _restart(database_url: str, workers: int, log: Callable[[str], None]) -> Server:
    """Start the server; on a machine too busy to start it in time, try twice more."""
    for attempt in range(3):
        try:
            # The load and the read-back check make more requests a minute than the default
            # allowance: what is tested here is durability, not rate limiting.
            return start_server(
                database_url,
                workers=workers,
                env={"BACKCHANNEL_RATE_LIMIT_ENFORCED": "false"},
            )
        except RuntimeError as error:
            if attempt == 2:
                raise
            log(f"server start timed out, trying again: {str(error).splitlines()[0]}")
    raise AssertionError("unreachable")


def run_chaos(
    kind: str,
    directory: Path,
    *,
    cycles: int = 3,
    seconds: float = 3.0,
    clients: int = 8,
    workers: int = 2,
    seed: int = 1,
    log: Callable[[str], None] = lambda line: None,
) -> ChaosReport:
    """Kill and restart a loaded server ``cycles`` times on one fresh ``kind`` database;
    then check every acknowledged write."""
    ledger = Ledger()
    findings = Findings()
    problems: list[str] = []
    with fresh_database(kind, directory) as database_url:
        for cycle in range(cycles):
            server = _restart(database_url, workers, log)
            drive_load(server, ledger, clients=clients, seconds=seconds, cycle=cycle, seed=seed)
            acknowledged = sum(ledger.acknowledged.values())
            log(f"{kind}: cycle {cycle + 1}/{cycles} killed, {acknowledged} writes acknowledged")
        server = _restart(database_url, workers, log)
        try:
            findings = check_api(server, ledger)
        finally:
            stop_server(server)
        engine = make_engine(database_url)
        try:
            problems = check_database(engine)
        finally:
            engine.dispose()
    half_written = findings.half_written + problems
    return ChaosReport(
        database=kind,
        cycles=cycles,
        attempted=sum(ledger.attempted.values()),
        acknowledged=sum(ledger.acknowledged.values()),
        found=findings.found,
        missing=len(findings.missing),
        half_written=len(half_written),
        unacknowledged=sum(ledger.unacknowledged.values()),
        server_errors=len(ledger.server_errors),
        problems=findings.missing + half_written + ledger.server_errors,
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    default_databases = "sqlite,postgresql" if os.environ.get(POSTGRES_URL_VARIABLE) else "sqlite"
    parser.add_argument("--databases", default=default_databases, help="comma-separated")
    parser.add_argument("--cycles", type=int, default=5, help="kill and restart cycles")
    parser.add_argument("--seconds", type=float, default=4.0, help="load before each kill")
    parser.add_argument("--clients", type=int, default=8, help="concurrent client threads")
    parser.add_argument("--workers", type=int, default=2, help="server worker processes")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if "postgresql" in args.databases and not os.environ.get(POSTGRES_URL_VARIABLE):
        parser.error(f"--databases postgresql needs {POSTGRES_URL_VARIABLE}")

    reports = []
    for kind in args.databases.split(","):
        with tempfile.TemporaryDirectory(prefix="backchannel-chaos-") as directory:
            report = run_chaos(
                kind.strip(),
                Path(directory),
                cycles=args.cycles,
                seconds=args.seconds,
                clients=args.clients,
                workers=args.workers,
                seed=args.seed,
                log=print,
            )
        reports.append(report)
        for problem in report.problems[:20]:
            print(f"  {kind}: {problem}")
    print(ChaosReport.HEADER)
    for report in reports:
        print(report.row())
    return 0 if all(report.ok for report in reports) else 1


if __name__ == "__main__":
    sys.exit(main())
