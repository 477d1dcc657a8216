"""parse_tag_request: the five POST /tags body shapes."""

from __future__ import annotations

import pytest

from backchannel.core.errors import ParameterInvalid
from backchannel.resources.tags.schemas import (
    CompanyRef,
    InvalidTagParameters,
    TagCompanies,
    TagCreate,
    TagRename,
    TagUsers,
    UserRef,
    parse_tag_request,
)


def test_parse_tag_request_create():
    assert parse_tag_request({"name": "VIP"}) == TagCreate("VIP")


def test_parse_tag_request_rename():
    assert parse_tag_request({"id": "12", "name": "VIP"}) == TagRename("12", "VIP")
    assert parse_tag_request({"id": 12, "name": "VIP"}) == TagRename("12", "VIP")


def test_parse_tag_request_companies():
    request = parse_tag_request(
        {"name": "VIP", "companies": [{"id": "abc"}, {"company_id": 6}, {"company_id": "7"}]}
    )
    assert request == TagCompanies(
        "VIP",
        (
            CompanyRef(id="abc", company_id=None, untag=False),
            CompanyRef(id=None, company_id="6", untag=False),
            CompanyRef(id=None, company_id="7", untag=False),
        ),
    )


def test_parse_tag_request_untag_companies():
    request = parse_tag_request(
        {
            "name": "VIP",
            "companies": [{"company_id": "6", "untag": True}, {"id": "abc", "untag": "true"}],
        }
    )
    assert request == TagCompanies(
        "VIP",
        (
            CompanyRef(id=None, company_id="6", untag=True),
            CompanyRef(id="abc", company_id=None, untag=True),
        ),
    )


def test_parse_tag_request_users():
    request = parse_tag_request(
        {"name": "VIP", "users": [{"id": "c1"}, {"id": "c2", "untag": True}]}
    )
    assert request == TagUsers("VIP", (UserRef("c1", False), UserRef("c2", True)))


def test_parse_tag_request_drops_nulls_and_tag_or_untag():
    assert parse_tag_request({"name": "VIP", "id": None, "tag_or_untag": "tag"}) == TagCreate("VIP")
    request = parse_tag_request(
        {"name": "VIP", "companies": [{"id": None, "company_id": "6", "untag": None}]}
    )
    assert request == TagCompanies("VIP", (CompanyRef(None, "6", False),))


@pytest.mark.parametrize(
    "body",
    [
        None,
        [],
        {"test": "invalid"},
        {"name": None},
        {"name": ""},
        {"name": True},
        {"name": "x", "users": [{"id": "1"}], "companies": [{"id": "1"}]},
        {"name": "x", "companies": [{"id": "1", "company_id": ""}]},
        {"name": "x", "companies": [{"id": "1", "untag": 1}]},
        {"name": "x", "users": [{"id": 1.5}]},
        {"name": "x", "users": ["c1"]},
    ],
)
def test_parse_tag_request_invalid(body):
    with pytest.raises(InvalidTagParameters) as caught:
        parse_tag_request(body)
    assert caught.value.code == "parameter_invalid"
    assert caught.value.message == "invalid tag parameters"


def test_parse_tag_request_name_too_long():
    with pytest.raises(ParameterInvalid) as caught:
        parse_tag_request({"name": "n" * 256})
    assert not isinstance(caught.value, InvalidTagParameters)
    assert caught.value.field == "name"
