"""Company rows -> the company object and its lists, as the spec examples show them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from backchannel.core.pagination import NumberPage
from backchannel.resources.companies.service import CompanyDetails

__all__ = [
    "company_contacts_to_api",
    "company_deleted_to_api",
    "company_list_to_api",
    "company_scroll_to_api",
    "company_segments_to_api",
    "company_to_api",
    "contact_companies_to_api",
]

_PLAIN_FIELDS = (
    "company_id", "remote_created_at", "created_at", "updated_at", "last_request_at",
    "size", "website", "industry", "monthly_spend", "session_count", "user_count",
)  # fmt: skip


def company_to_api(company: Any, *, workspace_code: str, details: CompanyDetails) -> dict[str, Any]:
    """The ``company`` object with every documented key (nulls, not omissions).

    Takes an ORM company or a row of the companies table. ``plan`` is ``{}`` when unset,
    as Intercom returns it; ``segments`` is always empty (segments hold contacts).
    """
    plan: dict[str, Any] = {}
    if company.plan_id is not None and company.plan_id in details.plans:
        plan = {"type": "plan", "id": str(company.plan_id), "name": details.plans[company.plan_id]}
    body: dict[str, Any] = {
        "type": "company",
        "id": company.id,
        "name": company.name,
        "app_id": workspace_code,
        "plan": plan,
    }
    for name in _PLAIN_FIELDS:
        body[name] = getattr(company, name)
    body["custom_attributes"] = dict(company.custom_attributes or {})
    body["tags"] = {
        "type": "tag.list",
        "tags": [
            {"type": "tag", "id": str(tag_id), "name": name}
            for tag_id, name in details.tags.get(company.id, [])
        ],
    }
    body["segments"] = {"type": "segment.list", "segments": []}
    return body


def _companies(
    companies: Sequence[Any], workspace_code: str, details: CompanyDetails
) -> list[dict[str, Any]]:
    return [company_to_api(c, workspace_code=workspace_code, details=details) for c in companies]


def company_list_to_api(
    page: NumberPage[Any],
    *,
    workspace_code: str,
    details: CompanyDetails,
    next_url: Callable[[int], str],
) -> dict[str, Any]:
    """``{type: "list", data, total_count, pages}``; ``pages.next`` is the next page's URL."""
    return {
        "type": "list",
        "data": _companies(page.items, workspace_code, details),
        "total_count": page.total_count,
        "pages": page.pages(next_url),
    }


def contact_companies_to_api(
    page: NumberPage[Any],
    *,
    workspace_code: str,
    details: CompanyDetails,
    next_url: Callable[[int], str],
) -> dict[str, Any]:
    """A contact's companies: the company list, its array also under ``companies``.

    The recorded response keys the array ``data`` (as ``type: "list"`` implies and the Ruby
    SDK reads); the spec's schema and the Python and Node SDKs read ``companies``. Both keys
    carry the same list so every client finds it.
    """
    body = company_list_to_api(
        page, workspace_code=workspace_code, details=details, next_url=next_url
    )
    body["companies"] = body["data"]
    return body


def company_contacts_to_api(
    page: NumberPage[Any], contacts: list[dict[str, Any]], *, next_url: Callable[[int], str]
) -> dict[str, Any]:
    """A company's contacts: ``contacts`` are the page's items as full contact objects."""
    return {
        "type": "list",
        "data": contacts,
        "total_count": page.total_count,
        "pages": page.pages(next_url),
    }


def company_scroll_to_api(
    companies: Sequence[Any], *, scroll_param: str, workspace_code: str, details: CompanyDetails
) -> dict[str, Any]:
    """A scroll batch: ``pages`` and ``total_count`` are null, as Intercom returns them."""
    return {
        "type": "list",
        "data": _companies(companies, workspace_code, details),
        "pages": None,
        "total_count": None,
        "scroll_param": scroll_param,
    }


def company_segments_to_api() -> dict[str, Any]:
    """A company's segments: always none, since segments in Backchannel hold contacts."""
    return {"type": "list", "data": []}


def company_deleted_to_api(company: Any) -> dict[str, Any]:
    return {"id": company.id, "object": "company", "deleted": True}
