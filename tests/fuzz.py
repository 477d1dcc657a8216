"""Schemathesis against a running server: every operation of the spec, with real ids.

:func:`load_schema` hands schemathesis the spec with the project's one allow-list of spec
defects applied (:func:`tests.spec.patched_spec`). :func:`seed_objects` first creates one or
more objects of every kind through the API; their ids, and the ids of objects that fuzzed
calls create, fill the path parameters of later calls (alongside generated values), so calls
reach real objects and not only 404s. DELETE operations run last, so the objects they remove
have served every other operation first.

Every response is checked, and a failing check is recorded rather than raised, so one run
reports every problem it meets and Hypothesis never spends time shrinking:

* no 5xx, no transport error, no request slower than the timeout (a hang);
* schemathesis' ``response_schema_conformance`` and ``content_type_conformance`` for the
  statuses the spec documents;
* :func:`tests.spec.check_response` for every response (the suite's own validator; an error
  status must carry an ``error.list`` body even where the operation does not document it).

The bounded run in ``tests/conformance/test_fuzz.py`` and ``make fuzz`` (``scripts/fuzz.py``)
both use :func:`fuzz`.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import httpx
import hypothesis
import requests
import schemathesis
from hypothesis import HealthCheck, Phase
from hypothesis import strategies as st
from schemathesis import Case, GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
)

from tests import spec

MODES = {"positive": GenerationMode.POSITIVE, "negative": GenerationMode.NEGATIVE}

# The literal path segment before a path parameter names the kind of object it takes.
SEGMENT_KINDS = {
    "contacts": "contact",
    "customers": "contact",
    "companies": "company",
    "conversations": "conversation",
    "tickets": "ticket",
    "tags": "tag",
    "admins": "admin",
    "teams": "team",
    "articles": "article",
    "collections": "collection",
    "help_centers": "help_center",
    "news_items": "news_item",
    "newsfeeds": "newsfeed",
    "notes": "note",
    "segments": "segment",
    "subscriptions": "subscription_type",
    "ticket_types": "ticket_type",
    "attributes": "ticket_type_attribute",
    "data_attributes": "data_attribute",
    "data": "data_export",
    "cancel": "data_export",
}

# Body and query keys that name an object of a kind; ``id`` itself depends on where it is.
KEY_KINDS = {
    "admin_id": "admin",
    "author_id": "admin",
    "sender_id": "admin",
    "assignee_id": "admin",
    "owner_id": "admin",
    "contact_id": "contact",
    "intercom_user_id": "contact",
    "from": "contact",
    "into": "contact",
    "conversation_id": "conversation",
    "ticket_type_id": "ticket_type",
    "help_center_id": "help_center",
    "parent_id": "collection",
    "newsfeed_id": "newsfeed",
    "tag_id": "tag",
    "segment_id": "segment",
}
# The ``type`` beside an ``id`` in a body -> the kind of that id.
REFERENCE_KINDS = {"user": "contact", "lead": "contact", "contact": "contact", "admin": "admin"}
# The kind of a top-level body ``id``, per operation that takes one.
BODY_ID_KINDS = {
    "attachContactToACompany": "company",
    "attachTagToContact": "tag",
    "attachTagToConversation": "tag",
    "attachTagToTicket": "tag",
    "attachSubscriptionTypeToContact": "subscription_type",
}

# The ``type`` of an object in a successful response -> the kind its ``id`` is collected as.
TYPE_KINDS = {
    "contact": "contact",
    "company": "company",
    "conversation": "conversation",
    "ticket": "ticket",
    "tag": "tag",
    "article": "article",
    "collection": "collection",
    "news-item": "news_item",
    "note": "note",
    "ticket_type": "ticket_type",
    "ticket_type_attribute": "ticket_type_attribute",
    "data_attribute": "data_attribute",
}


def load_schema() -> schemathesis.BaseSchema:
    """The spec, allow-list applied, as a schemathesis schema. Authorization is sent by the
    runner, never generated (a missing or broken token is the auth tests' business)."""
    config = SchemathesisConfig.from_dict(
        {"generation": {"with-security-parameters": False, "no-shrink": True}}
    )
    return schemathesis.openapi.from_dict(spec.patched_spec(), config=config)


def path_kinds(path: str) -> dict[str, str]:
    """``{parameter: kind}`` for the path parameters of a template whose kind is known."""
    kinds = {}
    segments = path.strip("/").split("/")
    for before, segment in itertools.pairwise(segments):
        if segment.startswith("{") and before in SEGMENT_KINDS:
            kinds[segment[1:-1]] = SEGMENT_KINDS[before]
    return kinds


class IdPool:
    """Ids of real objects by kind, in the order they were first seen."""

    def __init__(self) -> None:
        self._ids: dict[str, list[str]] = {}

    def add(self, kind: str, value: Any) -> None:
        if isinstance(value, int | str) and not isinstance(value, bool) and str(value):
            ids = self._ids.setdefault(kind, [])
            if str(value) not in ids:
                ids.append(str(value))

    def get(self, kind: str) -> list[str]:
        return list(self._ids.get(kind, []))

    def counts(self) -> dict[str, int]:
        return {kind: len(ids) for kind, ids in sorted(self._ids.items())}

    def harvest(self, body: Any) -> None:
        """Collect the ids of the typed objects at the top of a response body."""
        items = [body]
        if isinstance(body, dict):
            for key in ("data", "conversations", "tickets", "companies", "contacts"):
                if isinstance(body.get(key), list):
                    items.extend(body[key])
        for item in items:
            if isinstance(item, dict) and item.get("type") in TYPE_KINDS:
                self.add(TYPE_KINDS[item["type"]], item.get("id"))
            if isinstance(item, dict) and "job_identifier" in item:
                self.add("data_export", item["job_identifier"])
            if isinstance(item, dict) and isinstance(item.get("conversation_id"), str):
                self.add("conversation", item["conversation_id"])


def seed_objects(client: httpx.Client) -> IdPool:
    """Create objects of every kind through the API; returns their ids (and the workspace's
    own admins, teams, segments, subscription types, help centers and newsfeeds)."""
    pool = IdPool()

    def call(method: str, path: str, body: Any = None) -> Any:
        response = client.request(method, path, json=body)
        assert response.status_code == 200, f"{method} {path}: {response.text}"
        data = response.json()
        pool.harvest(data)
        return data

    for path, kind, key in (
        ("/admins", "admin", "admins"),
        ("/teams", "team", "teams"),
        ("/segments", "segment", "segments"),
        ("/subscription_types", "subscription_type", "data"),
        ("/help_center/help_centers", "help_center", "data"),
        ("/news/newsfeeds", "newsfeed", "data"),
    ):
        for item in call("GET", path)[key]:
            pool.add(kind, item["id"])
    admin = int(pool.get("admin")[0])
    users = [
        call("POST", "/contacts", {"email": f"user{n}@example.com", "name": f"User {n}"})["id"]
        for n in range(4)
    ]
    leads = [call("POST", "/contacts", {"role": "lead", "name": f"Lead {n}"})["id"] for n in (1, 2)]
    tags = [call("POST", "/tags", {"name": f"Tag {n}"})["id"] for n in range(3)]
    for n, contact in enumerate(users + leads):
        company = call("POST", "/companies", {"company_id": f"c-{n}", "name": f"Company {n}"})
        call("POST", f"/contacts/{contact}/companies", {"id": company["id"]})
        call("POST", f"/contacts/{contact}/tags", {"id": tags[n % len(tags)]})
        call("POST", f"/contacts/{contact}/notes", {"body": f"Note {n}", "admin_id": admin})
    for n, contact in enumerate(users):
        message = call(
            "POST", "/conversations", {"from": {"type": "user", "id": contact}, "body": f"Hi {n}"}
        )
        call(
            "POST",
            f"/conversations/{message['conversation_id']}/reply",
            {"message_type": "comment", "type": "admin", "admin_id": admin, "body": "Hello"},
        )
    ticket_type = call(
        "POST", "/ticket_types", {"name": "Bug", "description": "A bug", "category": "Customer"}
    )
    call(
        "POST",
        f"/ticket_types/{ticket_type['id']}/attributes",
        {"name": "Severity", "description": "How bad", "data_type": "string"},
    )
    for contact in users[:2]:
        call(
            "POST",
            "/tickets",
            {
                "ticket_type_id": ticket_type["id"],
                "contacts": [{"id": contact}],
                "ticket_attributes": {"_default_title_": "Broken", "_default_description_": "x"},
            },
        )
    call(
        "POST",
        "/data_attributes",
        {"name": "plan_name", "model": "contact", "data_type": "string"},
    )
    collection = call("POST", "/help_center/collections", {"name": "Guides"})
    for state in ("published", "draft"):
        call(
            "POST",
            "/articles",
            {
                "title": f"A {state} article",
                "body": "<p>Words</p>",
                "author_id": admin,
                "state": state,
                "parent_id": collection["id"],
                "parent_type": "collection",
            },
        )
    newsfeed = int(pool.get("newsfeed")[0])
    for state in ("live", "draft"):
        call(
            "POST",
            "/news/news_items",
            {
                "title": f"News ({state})",
                "body": "<p>News</p>",
                "sender_id": admin,
                "state": state,
                "newsfeed_assignments": [{"newsfeed_id": newsfeed, "published_at": 1717000000}],
            },
        )
    now = int(time.time())
    call("POST", "/export/content/data", {"created_at_after": now - 3600, "created_at_before": now})
    return pool


@dataclass
class Finding:
    """One failed check: what was called, what came back, and what was wrong with it."""

    operation: str
    kind: str  # server_error | schema | transport | generation
    status: int | None
    message: str
    request: str = ""

    def __str__(self) -> str:
        status = "" if self.status is None else f" -> {self.status}"
        head = f"[{self.kind}] {self.operation}{status}"
        return f"{head}\n  {self.request}\n  {self.message}" if self.request else head


@dataclass
class Report:
    """What a run did and found."""

    operations: list[str] = field(default_factory=list)
    calls: Counter[str] = field(default_factory=Counter)  # per operation label
    statuses: Counter[int] = field(default_factory=Counter)
    succeeded: Counter[str] = field(default_factory=Counter)  # 2xx answers per operation
    real_id_calls: int = 0
    real_id_2xx: int = 0
    findings: list[Finding] = field(default_factory=list)
    # The first 4xx answer to generated valid data, per operation (to see what is refused).
    refused: dict[str, str] = field(default_factory=dict)
    seeded: dict[str, int] = field(default_factory=dict)
    duration: float = 0.0

    @property
    def total_calls(self) -> int:
        return sum(self.calls.values())

    @property
    def classes(self) -> dict[str, int]:
        classes: Counter[str] = Counter()
        for status, count in self.statuses.items():
            classes[f"{status // 100}xx"] += count
        return dict(sorted(classes.items()))

    @property
    def server_errors(self) -> int:
        return sum(count for status, count in self.statuses.items() if status >= 500)

    def count(self, kind: str) -> int:
        return sum(1 for finding in self.findings if finding.kind == kind)

    def distinct_findings(self) -> list[Finding]:
        """One finding per operation, kind, status and (for schema violations) first line of
        the message."""
        seen: dict[tuple[str, str, int | None, str], Finding] = {}
        for finding in self.findings:
            first = finding.message.split("\n")[0] if finding.kind == "schema" else ""
            seen.setdefault((finding.operation, finding.kind, finding.status, first), finding)
        return list(seen.values())

    def summary(self) -> str:
        total = self.total_calls or 1
        classes = ", ".join(
            f"{name} {count} ({100 * count / total:.1f}%)" for name, count in self.classes.items()
        )
        untested = len(self.operations) - len([op for op in self.operations if self.calls[op]])
        lines = [
            f"operations covered: {len(self.operations) - untested}/{len(self.operations)}",
            f"operations answering 2xx at least once: {len(+self.succeeded)}",
            f"calls made: {self.total_calls}",
            f"responses by status class: {classes}",
            f"calls whose path ids were all real: {self.real_id_calls} "
            f"({100 * self.real_id_calls / total:.1f}% of calls; {self.real_id_2xx} answered 2xx)",
            f"5xx responses: {self.server_errors}",
            f"schema violations: {self.count('schema')}",
            f"transport errors and timeouts: {self.count('transport')}",
            f"generation errors: {self.count('generation')}",
            f"duration: {self.duration:.1f} s",
        ]
        return "\n".join(lines)


def _failures(error: BaseException) -> Iterator[str]:
    if isinstance(error, FailureGroup):
        for failure in error.exceptions:
            yield f"{failure.title}: {failure.message}".strip()
    else:
        yield f"{type(error).__name__}: {error}"


class Fuzzer:
    """Calls every operation of ``schema`` against ``base_url`` and checks each response."""

    CHECKS = (not_a_server_error, response_schema_conformance, content_type_conformance)

    def __init__(
        self,
        schema: schemathesis.BaseSchema,
        *,
        base_url: str,
        token: str,
        pool: IdPool,
        timeout: float = 10.0,
        on_operation: Callable[[str, Report], None] | None = None,
    ) -> None:
        self.schema = schema
        self.base_url = base_url
        self.pool = pool
        self.timeout = timeout
        self.on_operation = on_operation
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Bearer {token}"
        self.report = Report(seeded=pool.counts())

    def operations(self) -> list[Any]:
        found = [result.ok() for result in self.schema.get_all_operations()]
        # Deletions last: the objects they remove serve every other operation first.
        return sorted(found, key=lambda op: op.method.upper() == "DELETE")

    def run(
        self, *, examples: int, seed: int, modes: Iterable[str], explicit: bool = True
    ) -> Report:
        started = time.monotonic()
        settings = functools.partial(
            hypothesis.settings,
            database=None,
            deadline=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
            report_multiple_bugs=False,
        )
        for operation in self.operations():
            self.report.operations.append(operation.label)
            tests = []
            if explicit:
                tests.append(("examples", self._examples(operation), 1))
            tests += [(mode, self._generated(operation, MODES[mode]), examples) for mode in modes]
            for name, test, count in tests:
                try:
                    hypothesis.seed(seed)(settings(max_examples=count)(test))()
                except Exception as error:  # the checks never raise: this is generation
                    message = f"{name}: " + "; ".join(_failures(error))
                    self.report.findings.append(
                        Finding(operation.label, "generation", None, message[:2000])
                    )
            if self.on_operation is not None:
                self.on_operation(operation.label, self.report)
        self.report.duration = time.monotonic() - started
        return self.report

    def _generated(self, operation: Any, mode: GenerationMode) -> Callable[[], None]:
        @hypothesis.given(case=operation.as_strategy(generation_mode=mode), data=st.data())
        def test(case: Case, data: st.DataObject) -> None:
            self._exercise(case, data, mode)

        return test

    def _examples(self, operation: Any) -> Callable[[], None]:
        """Each of the spec's own examples for the operation, once."""
        strategies = operation.get_strategies_from_examples()

        @hypothesis.given(data=st.data())
        def test(data: st.DataObject) -> None:
            for strategy in strategies:
                self._exercise(data.draw(strategy), data, GenerationMode.POSITIVE)

        return test

    def _exercise(self, case: Case, data: st.DataObject, mode: GenerationMode) -> None:
        real = self._fill_ids(case, data)
        self._fill_body(case, data)
        label = case.operation.label
        try:
            response = case.call(session=self.session, base_url=self.base_url, timeout=self.timeout)
        except Exception as error:
            self.report.findings.append(
                Finding(label, "transport", None, f"{type(error).__name__}: {error}", _curl(case))
            )
            self.report.calls[label] += 1
            return
        status = response.status_code
        self.report.calls[label] += 1
        self.report.statuses[status] += 1
        self.report.succeeded[label] += 200 <= status < 300
        if real:
            self.report.real_id_calls += 1
            self.report.real_id_2xx += 200 <= status < 300
        if mode is GenerationMode.POSITIVE and 400 <= status < 500:
            self.report.refused.setdefault(label, f"{_curl(case)}\n  {response.text[:500]}")
        if status >= 500:
            self.report.findings.append(
                Finding(label, "server_error", status, response.text[:500], _curl(case))
            )
        try:
            case.validate_response(response, checks=list(self.CHECKS))
        except (AssertionError, FailureGroup) as error:
            for message in _failures(error):
                if not message.startswith("Server error"):
                    self.report.findings.append(
                        Finding(label, "schema", status, message[:2000], _curl(case))
                    )
        try:
            spec.check_response(
                case.method.upper(),
                urlsplit(response.request.url).path,
                status,
                response.content,
                (response.headers.get("content-type") or [""])[0],
            )
        except (AssertionError, ValueError) as error:
            self.report.findings.append(
                Finding(label, "schema", status, f"tests/spec.py: {error}"[:2000], _curl(case))
            )
        if 200 <= status < 300 and response.content:
            with contextlib.suppress(ValueError):
                self.pool.harvest(response.json())

    def _fill_body(self, case: Case, data: st.DataObject) -> None:
        """Replace ids in a generated body or query with real ones (some of the time)."""

        def real(kind: str, value: Any) -> Any:
            if isinstance(value, bool) or not isinstance(value, int | str):
                return value
            choice = data.draw(st.sampled_from([*self.pool.get(kind), None]))
            if choice is None:
                return value
            return int(choice) if isinstance(value, int) and choice.isdigit() else choice

        def walk(node: Any, id_kind: str | None) -> Any:
            if isinstance(node, list):
                return [walk(item, id_kind) for item in node]
            if not isinstance(node, dict):
                return node
            kind = REFERENCE_KINDS.get(str(node.get("type")))
            result = {}
            for key, value in node.items():
                if key in KEY_KINDS and not isinstance(value, dict | list):
                    result[key] = real(KEY_KINDS[key], value)
                elif key == "id" and (kind or id_kind):
                    result[key] = real(kind or id_kind or "", value)
                elif key in ("contacts", "customer", "user"):
                    result[key] = walk(value, "contact")
                else:
                    result[key] = walk(value, None)
            return result

        operation_id = case.operation.definition.raw.get("operationId")
        if isinstance(case.body, dict):
            case.body = walk(case.body, BODY_ID_KINDS.get(operation_id))
        if case.query:
            case.query = walk(case.query, None)

    def _fill_ids(self, case: Case, data: st.DataObject) -> bool:
        """Replace generated path parameters with real ids (most of the time); True when the
        call names real objects only."""
        kinds = path_kinds(case.operation.path)
        if not kinds:
            return False
        real = True
        for name, kind in kinds.items():
            choice = data.draw(st.sampled_from([*self.pool.get(kind), None]), label=name)
            if choice is None:
                real = False
            else:
                case.path_parameters = {**(case.path_parameters or {}), name: choice}
        return real


def _curl(case: Case) -> str:
    try:
        return str(case.as_curl_command())
    except Exception:  # pragma: no cover - only a description of the request
        return f"{case.method.upper()} {case.formatted_path}"


def fuzz(
    base_url: str,
    token: str,
    *,
    examples: int,
    seed: int = 0,
    modes: Iterable[str] = ("positive", "negative"),
    explicit: bool = True,
    timeout: float = 10.0,
    on_operation: Callable[[str, Report], None] | None = None,
) -> Report:
    """Seed objects through the API, then run every operation against ``base_url``."""
    started = time.monotonic()
    headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
    with httpx.Client(base_url=base_url, headers=headers, timeout=timeout) as client:
        pool = seed_objects(client)
    fuzzer = Fuzzer(
        load_schema(),
        base_url=base_url,
        token=token,
        pool=pool,
        timeout=timeout,
        on_operation=on_operation,
    )
    report = fuzzer.run(examples=examples, seed=seed, modes=modes, explicit=explicit)
    report.duration = time.monotonic() - started
    return report
