"""Contact operations: one thin handler per operationId."""

from __future__ import annotations

from typing import Any

from backchannel.core.http import Context, Operation
from backchannel.core.pagination import CursorPage
from backchannel.resources.contacts import service
from backchannel.resources.contacts.relations import load_summaries
from backchannel.resources.contacts.schemas import (
    READ_ONLY_CONTACT_KEYS,
    ContactCreate,
    ContactListQuery,
    ContactMerge,
    ContactUpdate,
)
from backchannel.resources.contacts.serializers import (
    contact_archived_to_api,
    contact_deleted_to_api,
    contact_list_to_api,
    contact_read_to_api,
    contact_to_api,
)

__all__ = ["OPERATIONS"]


def _one(ctx: Context, contact: Any) -> dict[str, Any]:
    """A contact with its relationship summaries."""
    found = load_summaries(ctx.reader, workspace_id=ctx.workspace_id, contact_ids=[contact.id])
    return contact_to_api(
        contact, workspace_code=ctx.workspace.id_code, summaries=found.get(contact.id)
    )


def _page(ctx: Context, page: CursorPage[Any]) -> dict[str, Any]:
    """A page of contacts, their summaries loaded in one pass per relation."""
    ids = [contact.id for contact in page.items]
    found = load_summaries(ctx.reader, workspace_id=ctx.workspace_id, contact_ids=ids)
    return contact_list_to_api(page, workspace_code=ctx.workspace.id_code, summaries=found)


def create_contact(ctx: Context, *, body: ContactCreate) -> dict[str, Any]:
    contact = service.create(
        ctx.db, workspace_id=ctx.workspace_id, data=body, now=ctx.now(), ids=ctx.ids
    )
    return _one(ctx, contact)


def show_contact(ctx: Context, id: str) -> Any:
    return contact_read_to_api(
        ctx.reader,
        id,
        fetch=service.fetch,
        workspace_id=ctx.workspace_id,
        workspace_code=ctx.workspace.id_code,
        kept=ctx.runtime.rendered,
    )


def update_contact(ctx: Context, id: str, *, body: ContactUpdate) -> dict[str, Any]:
    contact = service.update(
        ctx.db, workspace_id=ctx.workspace_id, contact_id=id, data=body, now=ctx.now()
    )
    return _one(ctx, contact)


def delete_contact(ctx: Context, id: str) -> dict[str, Any]:
    return contact_deleted_to_api(
        service.delete(ctx.db, workspace_id=ctx.workspace_id, contact_id=id)
    )


def list_contacts(ctx: Context, *, query: ContactListQuery) -> dict[str, Any]:
    page = service.list_page(
        ctx.reader,
        workspace_id=ctx.workspace_id,
        per_page=query.per_page,
        starting_after=query.starting_after,
    )
    return _page(ctx, page)


def search_contacts(ctx: Context, *, body: dict[str, Any]) -> dict[str, Any]:
    page = service.search(ctx.reader, workspace=ctx.workspace, request=body, now=ctx.now())
    return _page(ctx, page)


def archive_contact(ctx: Context, id: str) -> dict[str, Any]:
    contact = service.archive(ctx.db, workspace_id=ctx.workspace_id, contact_id=id, now=ctx.now())
    return contact_archived_to_api(contact)


def unarchive_contact(ctx: Context, id: str) -> dict[str, Any]:
    contact = service.unarchive(ctx.db, workspace_id=ctx.workspace_id, contact_id=id, now=ctx.now())
    return contact_archived_to_api(contact)


def merge_contact(ctx: Context, *, body: ContactMerge) -> dict[str, Any]:
    contact = service.merge(
        ctx.db, workspace_id=ctx.workspace_id, from_id=body.from_, into_id=body.into, now=ctx.now()
    )
    return _one(ctx, contact)


OPERATIONS = [
    Operation("POST", "/contacts", create_contact, "CreateContact", body=ContactCreate),
    Operation("GET", "/contacts", list_contacts, "ListContacts", query=ContactListQuery),
    Operation("POST", "/contacts/search", search_contacts, "SearchContacts", body=dict[str, Any]),
    Operation("POST", "/contacts/merge", merge_contact, "MergeContact", body=ContactMerge),
    Operation("GET", "/contacts/{id}", show_contact, "ShowContact"),
    Operation(
        "PUT",
        "/contacts/{id}",
        update_contact,
        "UpdateContact",
        body=ContactUpdate,
        ignored_fields=READ_ONLY_CONTACT_KEYS,
    ),
    Operation("DELETE", "/contacts/{id}", delete_contact, "DeleteContact"),
    Operation("POST", "/contacts/{id}/archive", archive_contact, "ArchiveContact"),
    Operation("POST", "/contacts/{id}/unarchive", unarchive_contact, "UnarchiveContact"),
]
