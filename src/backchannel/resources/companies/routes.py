"""Company operations: one thin handler per operationId."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from backchannel.core.http import Context, Operation
from backchannel.core.pagination import NumberPage
from backchannel.resources.companies import links, scroll, service
from backchannel.resources.companies.schemas import (
    CompanyAttach,
    CompanyListQuery,
    CompanyPageQuery,
    CompanyRetrieveQuery,
    CompanyScrollQuery,
    CompanyUpdate,
    CompanyUpsert,
)
from backchannel.resources.companies.serializers import (
    company_contacts_to_api,
    company_deleted_to_api,
    company_list_to_api,
    company_scroll_to_api,
    company_segments_to_api,
    company_to_api,
    contact_companies_to_api,
)
from backchannel.resources.contacts.serializers import contacts_to_api

__all__ = ["OPERATIONS"]


def _one(ctx: Context, company: Any) -> dict[str, Any]:
    """A company with its plan and tags."""
    found = service.details(ctx.reader, [company])
    return company_to_api(company, workspace_code=ctx.workspace.id_code, details=found)


def _next_url(ctx: Context, per_page: int) -> Callable[[int], str]:
    """The URL of another page of this list: this request's URL with ``page`` replaced."""
    return lambda page: str(ctx.request.url.include_query_params(page=page, per_page=per_page))


def _list(ctx: Context, page: NumberPage[Any]) -> dict[str, Any]:
    return company_list_to_api(
        page,
        workspace_code=ctx.workspace.id_code,
        details=service.details(ctx.reader, page.items),
        next_url=_next_url(ctx, page.per_page),
    )


def _hide_empty(ctx: Context) -> bool:
    return ctx.runtime.settings.hide_companies_without_contacts


def create_or_update_company(ctx: Context, *, body: CompanyUpsert) -> dict[str, Any]:
    company = service.upsert(
        ctx.db, workspace_id=ctx.workspace_id, data=body, now=ctx.now(), ids=ctx.ids
    )
    return _one(ctx, company)


def retrieve_company(ctx: Context, *, query: CompanyRetrieveQuery) -> dict[str, Any]:
    """One company by ``company_id`` or ``name``; otherwise a list, filtered by tag or segment."""
    if query.company_id is not None or query.name is not None:
        company = service.lookup(
            ctx.reader, workspace_id=ctx.workspace_id, company_id=query.company_id, name=query.name
        )
        return _one(ctx, company)
    page = service.list_page(
        ctx.reader,
        workspace_id=ctx.workspace_id,
        tag_id=query.tag_id,
        segment_id=query.segment_id,
        page=query.page,
        per_page=query.per_page,
        hide_empty=_hide_empty(ctx),
    )
    return _list(ctx, page)


def retrieve_a_company_by_id(ctx: Context, id: str) -> dict[str, Any]:
    return _one(ctx, service.read(ctx.reader, workspace_id=ctx.workspace_id, id=id))


def update_company(ctx: Context, id: str, *, body: CompanyUpdate) -> dict[str, Any]:
    company = service.update(ctx.db, workspace_id=ctx.workspace_id, id=id, data=body, now=ctx.now())
    return _one(ctx, company)


def delete_company(ctx: Context, id: str) -> dict[str, Any]:
    company = service.delete_company(ctx.db, workspace_id=ctx.workspace_id, id=id, now=ctx.now())
    return company_deleted_to_api(company)


def list_all_companies(ctx: Context, *, query: CompanyListQuery) -> dict[str, Any]:
    page = service.list_all(
        ctx.reader,
        workspace_id=ctx.workspace_id,
        page=query.page,
        per_page=query.per_page,
        order=query.order,
        hide_empty=_hide_empty(ctx),
    )
    return _list(ctx, page)


def scroll_over_all_companies(ctx: Context, *, query: CompanyScrollQuery) -> dict[str, Any]:
    batch = scroll.scroll(
        ctx.db,
        workspace_id=ctx.workspace_id,
        scroll_param=query.scroll_param,
        now=ctx.now(),
        ids=ctx.ids,
        hide_empty=_hide_empty(ctx),
    )
    return company_scroll_to_api(
        batch.companies,
        scroll_param=batch.scroll_param,
        workspace_code=ctx.workspace.id_code,
        details=service.details(ctx.reader, batch.companies),
    )


def list_attached_contacts(ctx: Context, id: str, *, query: CompanyPageQuery) -> dict[str, Any]:
    page = links.company_contacts_page(
        ctx.reader,
        workspace_id=ctx.workspace_id,
        company_id=id,
        page=query.page,
        per_page=query.per_page,
    )
    found = contacts_to_api(
        ctx.reader, page.items, workspace_id=ctx.workspace_id, workspace_code=ctx.workspace.id_code
    )
    return company_contacts_to_api(page, found, next_url=_next_url(ctx, page.per_page))


def list_attached_segments_for_companies(ctx: Context, id: str) -> dict[str, Any]:
    """A company's segments: none, because segments in Backchannel are contact segments."""
    service.read(ctx.reader, workspace_id=ctx.workspace_id, id=id)
    return company_segments_to_api()


def attach_contact_to_a_company(
    ctx: Context, id: str, *, body: CompanyAttach | None
) -> dict[str, Any]:
    company = links.attach(
        ctx.db,
        workspace_id=ctx.workspace_id,
        contact_id=id,
        company_ref=body.id if body is not None else None,
        now=ctx.now(),
    )
    return _one(ctx, company)


def detach_contact_from_a_company(ctx: Context, contact_id: str, id: str) -> dict[str, Any]:
    company = links.detach(
        ctx.db, workspace_id=ctx.workspace_id, contact_id=contact_id, company_id=id
    )
    return _one(ctx, company)


def list_companies_for_a_contact(
    ctx: Context, id: str, *, query: CompanyPageQuery
) -> dict[str, Any]:
    page = links.contact_companies_page(
        ctx.reader,
        workspace_id=ctx.workspace_id,
        contact_id=id,
        page=query.page,
        per_page=query.per_page,
    )
    return contact_companies_to_api(
        page,
        workspace_code=ctx.workspace.id_code,
        details=service.details(ctx.reader, page.items),
        next_url=_next_url(ctx, page.per_page),
    )


# A JSON ``null`` body is "no company given" (400 company not specified), not a type error.
_ATTACH_BODY = cast(type[Any], CompanyAttach | None)

OPERATIONS = [
    Operation(
        "POST", "/companies", create_or_update_company, "createOrUpdateCompany", body=CompanyUpsert
    ),
    Operation("GET", "/companies", retrieve_company, "retrieveCompany", query=CompanyRetrieveQuery),
    Operation(
        "POST", "/companies/list", list_all_companies, "listAllCompanies", query=CompanyListQuery
    ),
    Operation(
        "GET",
        "/companies/scroll",
        scroll_over_all_companies,
        "scrollOverAllCompanies",
        query=CompanyScrollQuery,
    ),
    Operation("GET", "/companies/{id}", retrieve_a_company_by_id, "RetrieveACompanyById"),
    Operation("PUT", "/companies/{id}", update_company, "UpdateCompany", body=CompanyUpdate),
    Operation("DELETE", "/companies/{id}", delete_company, "deleteCompany"),
    Operation(
        "GET",
        "/companies/{id}/contacts",
        list_attached_contacts,
        "ListAttachedContacts",
        query=CompanyPageQuery,
    ),
    Operation(
        "GET",
        "/companies/{id}/segments",
        list_attached_segments_for_companies,
        "ListAttachedSegmentsForCompanies",
    ),
    Operation(
        "POST",
        "/contacts/{id}/companies",
        attach_contact_to_a_company,
        "attachContactToACompany",
        body=_ATTACH_BODY,
    ),
    Operation(
        "GET",
        "/contacts/{id}/companies",
        list_companies_for_a_contact,
        "listCompaniesForAContact",
        query=CompanyPageQuery,
    ),
    Operation(
        "DELETE",
        "/contacts/{contact_id}/companies/{id}",
        detach_contact_from_a_company,
        "detachContactFromACompany",
    ),
]
