"""Bulk synthetic contacts for load tests and demos (``backchannel seed contacts``).

Rows are made by a seeded random generator and written with SQLAlchemy Core ``INSERT``
executemany, one transaction per batch, so a million contacts load in well under a few
minutes. The random choices (ids included) depend only on the workspace, the seed and the
run number; timestamps are spread over the two years before the clock's ``now``.

Each run on a workspace gets a tag ``s<seed>r<run>``, where ``run`` is the first number whose
tag the workspace does not hold yet, and the tag is part of every email and external_id it
makes. Runs therefore never collide with each other, whatever seeds they use, and seeding an
empty workspace again with the same seed and clock repeats the same contacts.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Connection, Engine, Table, func, insert, select, text

from backchannel.core.clock import Clock, SystemClock
from backchannel.core.ids import IdFactory
from backchannel.db.tables import Contact
from backchannel.resources.data_attributes.service import ensure_data_attribute

__all__ = [
    "CUSTOM_ATTRIBUTES",
    "DEFAULT_BATCH",
    "PLANS",
    "SPAN_SECONDS",
    "SeedResult",
    "seed_contacts",
]

DEFAULT_BATCH = 5000
SPAN_SECONDS = 730 * 86_400  # created_at falls within the two years before now
LEAD_SHARE = 0.3
SQLITE_CACHE_KIB = 256 * 1024
_WEEKS = 6 * 7 * 86_400  # updated_at and last_seen_at trail created_at by up to six weeks
PLANS = ("free", "pro", "enterprise")
_PLAN_WEIGHTS = (60, 30, 10)
_SEATS = {"free": (1, 3), "pro": (2, 50), "enterprise": (25, 2000)}

_FIRST_NAMES = (
    "Ada", "Alan", "Amara", "Ana", "Ben", "Chen", "Chloe", "Dara", "David", "Elena", "Emeka",
    "Erik", "Fatima", "Grace", "Hana", "Ines", "Ivan", "Jamal", "Jia", "Jonas", "Kai", "Karin",
    "Leila", "Liam", "Lucia", "Mateo", "Maya", "Mei", "Nadia", "Niamh", "Noah", "Olga", "Omar",
    "Priya", "Rafael", "Rosa", "Sam", "Sofia", "Tariq", "Tomas", "Uma", "Yara", "Yusuf", "Zoe",
)  # fmt: skip
_LAST_NAMES = (
    "Adeyemi", "Andersen", "Bauer", "Brennan", "Costa", "Dubois", "Fischer", "Garcia", "Gupta",
    "Haddad", "Ivanova", "Jensen", "Kim", "Kowalski", "Lopez", "Murphy", "Nakamura", "Novak",
    "Okafor", "Olsen", "Park", "Rossi", "Santos", "Schmidt", "Silva", "Singh", "Tanaka",
    "Walsh", "Wang", "Yilmaz",
)  # fmt: skip
# Reserved example domains only (RFC 2606 / 6761): no mail ever reaches a real person.
_DOMAINS = (
    "example.com", "example.org", "example.net", "acme.example", "globex.example",
    "initech.example", "hooli.example", "umbrella.example", "wonka.example", "stark.example",
)  # fmt: skip
_PLACES = (
    ("Dublin", "Leinster", "Ireland", "IE", "EU"),
    ("London", "England", "United Kingdom", "GB", "EU"),
    ("Berlin", "Berlin", "Germany", "DE", "EU"),
    ("Lisbon", "Lisbon", "Portugal", "PT", "EU"),
    ("San Francisco", "California", "United States", "US", "NA"),
    ("New York", "New York", "United States", "US", "NA"),
    ("Toronto", "Ontario", "Canada", "CA", "NA"),
    ("Sao Paulo", "Sao Paulo", "Brazil", "BR", "SA"),
    ("Lagos", "Lagos", "Nigeria", "NG", "AF"),
    ("Bengaluru", "Karnataka", "India", "IN", "AS"),
    ("Tokyo", "Tokyo", "Japan", "JP", "AS"),
    ("Sydney", "New South Wales", "Australia", "AU", "OC"),
)
_BROWSERS = (("chrome", "126.0"), ("firefox", "127.0"), ("safari", "17.5"), ("edge", "126.0"))
_SYSTEMS = ("Windows 11", "OS X 14.5", "Linux", "iOS 17.5", "Android 14")
_SOURCES = ("organic", "ads", "referral", "partner", "event")
# The custom attributes seeded contacts carry, declared as contact data attributes first.
CUSTOM_ATTRIBUTES = (
    ("plan", "string"),
    ("seats", "integer"),
    ("beta", "boolean"),
    ("source", "string"),
)

Progress = Callable[[int, int, float], None]
"""Called after each batch with (rows written so far, rows asked for, seconds elapsed)."""


@dataclass(frozen=True, slots=True)
class SeedResult:
    """What one seeding run wrote."""

    workspace_id: int
    tag: str
    created: int
    seconds: float


def seed_contacts(
    engine: Engine,
    *,
    workspace_id: int,
    count: int,
    seed: int = 0,
    batch: int = DEFAULT_BATCH,
    clock: Clock | None = None,
    progress: Progress | None = None,
) -> SeedResult:
    """Insert ``count`` synthetic contacts into a workspace, ``batch`` rows per transaction.

    Args:
        engine: the database; the schema must be migrated and the workspace must exist.
        workspace_id: the workspace's numeric id.
        count: how many contacts to write.
        seed: what the random choices derive from (with the run number).
        batch: rows per INSERT executemany and per transaction.
        clock: where ``now`` comes from (wall-clock time by default).
        progress: told about each committed batch.

    Returns:
        The run's tag, the rows written and the seconds taken.
    """
    if count < 0 or batch < 1:
        raise ValueError("count must be >= 0 and batch >= 1")
    now = (clock or SystemClock()).now()
    started = time.perf_counter()
    with engine.connect() as conn:
        run = _free_run(conn, workspace_id, seed, now)
    with engine.begin() as conn:
        for name, data_type in CUSTOM_ATTRIBUTES:
            ensure_data_attribute(
                conn,
                workspace_id=workspace_id,
                model="contact",
                name=name,
                data_type=data_type,
                now=now,
            )
    rows = _Generator(workspace_id, seed, run, now, count).rows()
    statement = insert(cast(Table, Contact.__table__))
    written = 0
    with engine.connect() as conn, _big_cache(conn):
        while written < count:
            chunk = [next(rows) for _ in range(min(batch, count - written))]
            with conn.begin():
                conn.execute(statement, chunk)
            written += len(chunk)
            if progress is not None:
                progress(written, count, time.perf_counter() - started)
    if engine.dialect.name == "postgresql" and written:
        # Without fresh statistics PostgreSQL plans searches for an empty table (walking a
        # whole index for a page of ids, over a second on a million contacts); autovacuum
        # would catch up eventually, where it runs at all.
        with engine.begin() as conn:
            conn.execute(text("ANALYZE contacts"))
    return SeedResult(workspace_id, _tag(seed, run), written, time.perf_counter() - started)


@contextmanager
def _big_cache(conn: Connection) -> Iterator[None]:
    """On SQLite, a page cache big enough for the contact indexes while the run lasts.

    With SQLite's default 2 MiB cache, every insert into a large table misses on most of
    its dozen index b-trees; the connection goes back to the pool with its old cache size.
    """
    if conn.dialect.name != "sqlite":
        yield
        return
    before = conn.exec_driver_sql("PRAGMA cache_size").scalar_one()
    conn.exec_driver_sql(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
    conn.commit()
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size = {int(before)}")
        conn.commit()


def _tag(seed: int, run: int) -> str:
    return f"s{seed}r{run}"


def _free_run(conn: Connection, workspace_id: int, seed: int, now: int) -> int:
    """The first run number whose tag is in no external_id (nor first email) of the workspace.

    Both reads are index lookups (``uq_contacts_ws_external_id``, ``ix_contacts_ws_email``).
    """
    run = 0
    while True:
        prefix = f"seed-{_tag(seed, run)}-"
        first_email = next(_Generator(workspace_id, seed, run, now, 1).rows())["email"]
        in_workspace = select(Contact.id).where(Contact.workspace_id == workspace_id).limit(1)
        tagged = in_workspace.where(
            Contact.external_id >= prefix, Contact.external_id < prefix[:-1] + "."
        )
        emailed = in_workspace.where(func.lower(Contact.email) == first_email)
        if conn.execute(tagged).first() is None and conn.execute(emailed).first() is None:
            return run
        run += 1


class _Generator:
    """The rows of one run, seeded by (workspace, seed, run).

    ``created_at`` rises through the run from two years before ``now`` to ``now`` (random
    within each step), and ``updated_at``/``last_seen_at`` follow it within weeks, so most
    index b-trees are appended to rather than rewritten all over: inserts stay fast as the
    table grows.
    """

    def __init__(self, workspace_id: int, seed: int, run: int, now: int, count: int) -> None:
        self.workspace_id = workspace_id
        self.tag = _tag(seed, run)
        self.now = now
        self.step = SPAN_SECONDS / max(count, 1)
        self.random = random.Random(f"backchannel-seed:{workspace_id}:{seed}:{run}")
        self.ids = IdFactory(seed=self.random.getrandbits(64))

    def rows(self) -> Iterator[dict[str, Any]]:
        rng, now, tag, step = self.random, self.now, self.tag, self.step
        begin = now - SPAN_SECONDS
        index = 0
        while True:
            created = min(now, begin + int((index + rng.random()) * step))
            lead = rng.random() < LEAD_SHARE
            first, last = rng.choice(_FIRST_NAMES), rng.choice(_LAST_NAMES)
            domain = rng.choice(_DOMAINS)
            city, region, country, country_code, continent = rng.choice(_PLACES)
            browser, browser_version = rng.choice(_BROWSERS)
            plan = rng.choices(PLANS, _PLAN_WEIGHTS)[0]
            low, high = _SEATS[plan]
            seen = min(now, created + rng.randrange(_WEEKS)) if rng.random() < 0.9 else None
            yield {
                "id": self.ids.object_id(created),
                "workspace_id": self.workspace_id,
                "role": "lead" if lead else "user",
                "external_id": None if lead else f"seed-{tag}-{index:08d}",
                "email": f"{first}.{last}+{tag}-{index}@{domain}".lower(),
                "email_domain": domain,
                "phone": f"+1555{index % 10**7:07d}" if rng.random() < 0.4 else None,
                "name": f"{first} {last}",
                "avatar": None,
                "owner_id": None,
                "has_hard_bounced": False,
                "marked_email_as_spam": False,
                "unsubscribed_from_emails": rng.random() < 0.05,
                "signed_up_at": None if lead else created,
                "last_seen_at": seen,
                "browser": browser,
                "browser_version": browser_version,
                "browser_language": "en",
                "os": rng.choice(_SYSTEMS),
                "location_city": city,
                "location_region": region,
                "location_country": country,
                "location_country_code": country_code,
                "location_continent_code": continent,
                "custom_attributes": {
                    "plan": plan,
                    "seats": rng.randint(low, high),
                    "beta": rng.random() < 0.2,
                    "source": rng.choice(_SOURCES),
                },
                "social_profiles": [],
                "archived": False,
                "merged_into_id": None,
                "created_at": created,
                "updated_at": max(created, seen or 0, min(now, created + rng.randrange(_WEEKS))),
            }
            index += 1
