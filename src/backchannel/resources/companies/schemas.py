"""Request bodies and query strings of the company operations."""

from __future__ import annotations

from typing import Annotated, Any

import msgspec
from msgspec import UNSET, Meta, UnsetType

__all__ = [
    "CompanyAttach",
    "CompanyListQuery",
    "CompanyPageQuery",
    "CompanyRetrieveQuery",
    "CompanyScrollQuery",
    "CompanyUpdate",
    "CompanyUpsert",
]

Text = Annotated[str, Meta(max_length=255)]
LongText = Annotated[str, Meta(max_length=2048)]
Timestamp = Annotated[int, Meta(ge=0, le=253_402_300_799)]  # up to the year 9999
Size = Annotated[int, Meta(ge=0, le=2**63 - 1)]


class _CompanyFields(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    name: Text | UnsetType | None = UNSET
    plan: Text | UnsetType | None = UNSET
    size: Size | UnsetType | None = UNSET
    website: LongText | UnsetType | None = UNSET
    industry: Text | UnsetType | None = UNSET
    custom_attributes: dict[str, Any] | UnsetType | None = UNSET
    remote_created_at: Timestamp | UnsetType | None = UNSET
    # An integer; floats are truncated (155.98 -> 155) by the service.
    monthly_spend: int | float | UnsetType | None = UNSET


class CompanyUpsert(_CompanyFields):
    """``create_or_update_company_request``: upsert keyed by ``company_id``.

    ``id`` is not in the spec's schema, but the Ruby SDK sends the Intercom id alongside
    ``company_id`` when it saves a company it loaded, so it is accepted as a lookup key.
    """

    company_id: Text | UnsetType | None = UNSET
    id: Annotated[str, Meta(max_length=64)] | UnsetType | None = UNSET


class CompanyUpdate(_CompanyFields):
    """``PUT /companies/{id}``: the upsert fields; ``company_id`` only if it is unchanged."""

    company_id: Text | UnsetType | None = UNSET


class CompanyAttach(msgspec.Struct, forbid_unknown_fields=True):
    """``POST /contacts/{id}/companies``: ``{"id": <company id>}``."""

    id: str | int | None = None


class CompanyRetrieveQuery(msgspec.Struct):
    """``GET /companies``: one company by ``company_id`` or ``name``, else a filtered list."""

    name: str | None = None
    company_id: str | None = None
    tag_id: str | None = None
    segment_id: str | None = None
    page: int = 1
    per_page: int | None = None


class CompanyListQuery(msgspec.Struct):
    """``POST /companies/list``: page-number paging and order, all in the query string."""

    page: int = 1
    per_page: int | None = None
    order: str = "desc"


class CompanyPageQuery(msgspec.Struct):
    """Page-number paging of a company's contacts or a contact's companies."""

    page: int = 1
    per_page: int | None = None


class CompanyScrollQuery(msgspec.Struct):
    """``GET /companies/scroll``: no ``scroll_param`` starts a scroll."""

    scroll_param: str | None = None
