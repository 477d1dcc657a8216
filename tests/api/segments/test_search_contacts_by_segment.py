"""SearchContacts with ``segment_id``: the segment's saved query, expanded at search time."""

from __future__ import annotations

import pytest

from tests.api.segments.conftest import DAY, contact, pred
from tests.conftest import START, assert_error

UNKNOWN = "000000000000000000000000"


@pytest.fixture
def people(api):
    """Two users (one seen today), two leads, one archived user."""
    made = {
        "ann": contact(api, email="ann@acme.test", last_seen_at=START),
        "bob": contact(api, email="bob@other.test"),
        "cat": contact(api, role="lead", email="cat@acme.test"),
        "dan": contact(api, role="lead"),
        "old": contact(api, email="old@acme.test"),
    }
    api.post(f"/contacts/{made['old']['id']}/archive")
    return {name: c["id"] for name, c in made.items()}


def _search(api, query):
    response = api.post("/contacts/search", json={"query": query})
    assert response.status_code == 200, response.text
    return response.json()


def _found(api, query, people):
    by_id = {contact_id: name for name, contact_id in people.items()}
    return sorted(by_id[c["id"]] for c in _search(api, query)["data"])


def test_search_segment_id_equals(api, people, default_ids):
    assert _found(api, pred("segment_id", "=", default_ids["All users"]), people) == ["ann", "bob"]
    assert _found(api, pred("segment_id", "=", default_ids["All leads"]), people) == ["cat", "dan"]
    assert _found(api, pred("segment_id", "=", default_ids["Active"]), people) == ["ann"]


def test_search_segment_id_not_equals(api, people, default_ids):
    query = pred("segment_id", "!=", default_ids["Active"])
    assert _found(api, query, people) == ["bob", "cat", "dan"]


def test_search_segment_id_in_and_nin(api, people, default_ids):
    both = [default_ids["Active"], default_ids["All leads"]]
    assert _found(api, pred("segment_id", "IN", both), people) == ["ann", "cat", "dan"]
    assert _found(api, pred("segment_id", "NIN", both), people) == ["bob"]


def test_search_segment_id_combined_with_other_filters(api, people, make_segment):
    acme = make_segment("Acme", pred("email", "$", "@acme.test"), person_type="contact")
    query = {
        "operator": "OR",
        "value": [pred("segment_id", "=", acme), pred("email", "^", "bob")],
    }
    assert _found(api, query, people) == ["bob", "cat"]


def test_search_segment_id_unknown_matches_nobody(api, people):
    assert _search(api, pred("segment_id", "=", UNKNOWN)) == {
        "type": "list",
        "data": [],
        "total_count": 0,
        "pages": {"type": "pages", "page": 1, "per_page": 50, "total_pages": 0},
    }


def test_search_segment_id_unknown_negated_matches_everybody(api, people):
    query = pred("segment_id", "!=", UNKNOWN)
    assert _found(api, query, people) == ["ann", "bob", "cat", "dan"]


def test_search_segment_id_of_another_workspace_is_unknown(
    api, people, other_workspace, make_segment
):
    theirs = make_segment(
        "Theirs", pred("role", "=", "user"), workspace_id=other_workspace.workspace.id
    )
    assert _found(api, pred("segment_id", "=", theirs), people) == []


def test_search_segment_id_null(api, people, clock, default_ids):
    clock.advance(30 * DAY)  # nobody is new or active any more; users and leads still are
    assert _found(api, pred("segment_id", "=", None), people) == []
    assert _found(api, pred("segment_id", "!=", None), people) == ["ann", "bob", "cat", "dan"]


def test_search_segment_id_follows_the_clock(api, people, clock, default_ids):
    new = pred("segment_id", "=", default_ids["New"])
    assert _found(api, new, people) == ["ann", "bob"]
    clock.advance(7 * DAY)
    assert _found(api, new, people) == []


def test_search_segment_id_segment_using_a_segment(api, people, make_segment, default_ids):
    active_acme = make_segment(
        "Active at Acme",
        {
            "operator": "AND",
            "value": [
                pred("segment_id", "=", default_ids["Active"]),
                pred("email", "$", "@acme.test"),
            ],
        },
    )
    assert _found(api, pred("segment_id", "=", active_acme), people) == ["ann"]
    assert _found(api, pred("segment_id", "!=", active_acme), people) == ["bob", "cat", "dan"]


def test_search_segment_id_negation_counts_missing_values(api, people, make_segment):
    # dan has no email: the saved filter is unknown (NULL) for him in SQL, yet he is not in
    # the segment, so "!=" must include him.
    acme_leads = make_segment("Acme leads", pred("email", "~", "acme"), person_type="contact")
    assert _found(api, pred("segment_id", "=", acme_leads), people) == ["cat"]
    assert _found(api, pred("segment_id", "!=", acme_leads), people) == ["ann", "bob", "dan"]


@pytest.mark.parametrize("op", ["~", ">", "^"])
def test_search_segment_id_operator_not_allowed(api, people, op):
    assert_error(
        api.post("/contacts/search", json={"query": pred("segment_id", op, UNKNOWN)}),
        400,
        "parameter_invalid",
        f"The operator '{op}' is not allowed for segment_id (string field)",
    )


def test_search_segment_id_not_sortable(api, people):
    body = {"query": pred("role", "=", "user"), "sort": {"field": "segment_id"}}
    assert_error(
        api.post("/contacts/search", json=body),
        400,
        "parameter_invalid",
        "segment_id is not a sortable field",
    )
