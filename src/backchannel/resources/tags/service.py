"""Tag rules: case-insensitive names, the overloaded ``POST /tags``, taggings, deletion.

A tag belongs to one workspace; its name is unique there, compared case-insensitively
(``Tag.name_key`` holds the case-folded name). A tagging links a tag to a target by
``target_type`` (``contact``, ``company``, ``conversation``, ``ticket``) and the
target's id, and records when and by whom it was applied. :func:`apply_tag`,
:func:`remove_tag` and :func:`applied_tags` work for any target type; the contact and
company operations here are built on them.

Every write happens in the request's one transaction, so a ``POST /tags`` that fails
half-way (an unknown company in the middle of the list) changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, Row, delete, select
from sqlalchemy.orm import Session

from backchannel.core.auth import WorkspaceInfo
from backchannel.core.errors import (
    BadRequest,
    Conflict,
    NotFound,
    ParameterInvalid,
    ParameterNotFound,
)
from backchannel.core.ids import parse_numeric_id
from backchannel.db.repository import Repository, insert_unless_present
from backchannel.db.tables import Conversation, Tag, Tagging
from backchannel.resources.companies.service import find_company
from backchannel.resources.contacts import service as contacts
from backchannel.resources.conversations import service as conversations
from backchannel.resources.segments.service import segments_using_tag
from backchannel.resources.tags.schemas import (
    TagCompanies,
    TagCreate,
    TagRename,
    TagRequest,
    TagUsers,
)
from backchannel.resources.tags.search import CONTACT, CONVERSATION, TICKET
from backchannel.resources.tickets import service as tickets

__all__ = [
    "COMPANY",
    "CONTACT",
    "AppliedTag",
    "TagHasDependents",
    "TagNameTaken",
    "TagNotFound",
    "TaggedTagNotFound",
    "applied_tags",
    "apply_tag",
    "attach_to_contact",
    "attach_to_conversation",
    "attach_to_ticket",
    "contact_tags",
    "create_tag",
    "delete_tag",
    "detach_from_contact",
    "detach_from_conversation",
    "detach_from_ticket",
    "find_or_create",
    "get_tag",
    "list_tags",
    "name_key",
    "read_tag",
    "remove_tag",
    "rename_tag",
]

COMPANY = "company"
"""``Tagging.target_type`` of a tag applied to a company."""


class TagNotFound(NotFound):
    """No tag with that id in this workspace (404 ``not_found`` "Resource Not Found")."""


class TagHasDependents(BadRequest):
    """The tag is used by segments and cannot be deleted."""

    code = "tag_has_dependent_objects"

    def __init__(self, segment_names: Sequence[str]) -> None:
        super().__init__(
            f"Unable to delete Tag with dependent objects. Segments: {', '.join(segment_names)}."
        )


class TagNameTaken(ParameterInvalid):
    """A rename to the name of another tag (names are unique, in any case)."""

    def __init__(self, name: str) -> None:
        super().__init__(f"A tag with the name '{name}' already exists", field="name")


@dataclass(frozen=True, slots=True)
class AppliedTag:
    """A tag as applied to one target: when, and by which admin (``None`` if unknown)."""

    id: int
    name: str
    applied_at: int | None
    applied_by: int | None


def name_key(name: str) -> str:
    """The form names are compared in: case-folded, so ``VIP`` and ``vip`` are one tag."""
    return name.casefold()


# --- reading -----------------------------------------------------------------------------


def list_tags(db: Session | Connection, *, workspace_id: int) -> list[Row[int, str]]:
    """Every tag of the workspace, oldest first (rows with ``id`` and ``name``)."""
    stmt = select(Tag.id, Tag.name).where(Tag.workspace_id == workspace_id).order_by(Tag.id)
    return list(db.execute(stmt).all())


def read_tag(db: Session | Connection, *, workspace_id: int, tag_id: object) -> Row[int, str]:
    """One tag's ``id`` and ``name``; :class:`TagNotFound` for unknown or malformed ids."""
    number = parse_numeric_id(tag_id)
    row = None
    if number is not None:
        stmt = select(Tag.id, Tag.name).where(Tag.workspace_id == workspace_id, Tag.id == number)
        row = db.execute(stmt).first()
    if row is None:
        raise TagNotFound()
    return row


def get_tag(db: Session, *, workspace_id: int, tag_id: object) -> Tag:
    """The tag entity, for writes; :class:`TagNotFound` for unknown or malformed ids."""
    number = parse_numeric_id(tag_id)
    tag = None if number is None else Repository(db, workspace_id, Tag).get(number)
    if tag is None:
        raise TagNotFound()
    return tag


def _by_name(db: Session, workspace_id: int, name: str) -> Tag | None:
    stmt = select(Tag).where(Tag.workspace_id == workspace_id, Tag.name_key == name_key(name))
    return db.execute(stmt.limit(1)).scalars().first()


# --- tags --------------------------------------------------------------------------------


_CREATE_ATTEMPTS = 3


def find_or_create(db: Session, *, workspace_id: int, name: str, now: int) -> Tag:
    """The tag called ``name`` in any case, created if there is none."""
    existing = _by_name(db, workspace_id, name)
    if existing is not None:
        return existing
    values = {
        "workspace_id": workspace_id,
        "name": name,
        "name_key": name_key(name),
        "created_at": now,
        "updated_at": now,
    }
    # Another request may create the tag first (the insert is then a no-op and the tag is
    # read back) and may even delete it again before it is read: then insert once more.
    for _ in range(_CREATE_ATTEMPTS):
        insert_unless_present(db, Tag, values, keys=["workspace_id", "name_key"])
        created = _by_name(db, workspace_id, name)
        if created is not None:
            return created
    raise Conflict(f"The tag '{name}' was deleted while it was being created; try again")


def rename_tag(db: Session, *, workspace_id: int, tag_id: object, name: str, now: int) -> Tag:
    """Give tag ``tag_id`` a new name; a change of case only is allowed.

    Raises:
        TagNotFound: no such tag.
        TagNameTaken: another tag already has this name (in any case).
    """
    tag = get_tag(db, workspace_id=workspace_id, tag_id=tag_id)
    clash = _by_name(db, workspace_id, name)
    if clash is not None and clash.id != tag.id:
        raise TagNameTaken(name)
    if tag.name != name:
        tag.name = name
        tag.name_key = name_key(name)
        tag.updated_at = max(now, tag.updated_at)
        db.flush()
    return tag


def create_tag(
    db: Session, *, workspace_id: int, request: TagRequest, admin_id: int, now: int
) -> Tag:
    """``POST /tags`` for one parsed body shape (see :func:`schemas.parse_tag_request`).

    Raises:
        TagNotFound: a rename of an unknown tag.
        TagNameTaken: a rename to another tag's name.
        CompanyNotFound: a company of the list does not exist (nothing is changed).
        NotFound: ``User Not Found`` when a contact of the list does not exist.
    """
    if isinstance(request, TagRename):
        return rename_tag(
            db, workspace_id=workspace_id, tag_id=request.id, name=request.name, now=now
        )
    tag = find_or_create(db, workspace_id=workspace_id, name=request.name, now=now)
    if isinstance(request, TagCompanies):
        for ref in request.companies:
            company = find_company(
                db, workspace_id=workspace_id, id=ref.id, company_id=ref.company_id
            )
            if ref.untag:
                remove_tag(db, tag=tag, target_type=COMPANY, target_id=company.id)
            else:
                apply_tag(
                    db,
                    tag=tag,
                    target_type=COMPANY,
                    target_id=company.id,
                    admin_id=admin_id,
                    now=now,
                )
    elif isinstance(request, TagUsers):
        for user in request.users:
            contact = contacts.get(db, workspace_id=workspace_id, contact_id=user.id)
            if user.untag:
                remove_tag(db, tag=tag, target_type=CONTACT, target_id=contact.id)
            else:
                apply_tag(
                    db,
                    tag=tag,
                    target_type=CONTACT,
                    target_id=contact.id,
                    admin_id=admin_id,
                    now=now,
                )
    else:
        assert isinstance(request, TagCreate)
    return tag


def delete_tag(db: Session, *, workspace_id: int, tag_id: object) -> None:
    """Delete a tag and every tagging of it.

    Raises:
        TagNotFound: no such tag.
        TagHasDependents: segments filter on the tag; the message names them.
    """
    tag = get_tag(db, workspace_id=workspace_id, tag_id=tag_id)
    segments = segments_using_tag(db, workspace_id=workspace_id, tag_id=tag.id)
    if segments:
        ordered = sorted(segments, key=lambda segment: (segment.created_at, segment.id))
        raise TagHasDependents([segment.name for segment in ordered])
    db.execute(delete(Tagging).where(Tagging.tag_id == tag.id))
    db.delete(tag)
    db.flush()


# --- taggings, for any target ------------------------------------------------------------


def _tagging(db: Session, tag_id: int, target_type: str, target_id: str) -> Tagging | None:
    return db.get(Tagging, (tag_id, target_type, target_id))


def apply_tag(
    db: Session, *, tag: Tag, target_type: str, target_id: str, admin_id: int | None, now: int
) -> Tagging:
    """Tag a target; a tag already applied keeps its original time and admin.

    On PostgreSQL a concurrent request may remove the tagging that made the insert a no-op
    before it is read back; the insert is then simply tried again.
    """
    tagging = _tagging(db, tag.id, target_type, target_id)
    while tagging is None:
        values = {
            "tag_id": tag.id,
            "target_type": target_type,
            "target_id": target_id,
            "applied_at": now,
            "applied_by": admin_id,
        }
        insert_unless_present(db, Tagging, values, keys=["tag_id", "target_type", "target_id"])
        tagging = _tagging(db, tag.id, target_type, target_id)
    return tagging


def remove_tag(db: Session, *, tag: Tag, target_type: str, target_id: str) -> Tagging | None:
    """Untag a target; returns the removed tagging, or ``None`` if the tag was not applied."""
    tagging = _tagging(db, tag.id, target_type, target_id)
    if tagging is not None:
        db.delete(tagging)
        db.flush()
    return tagging


def applied_tags(
    db: Session | Connection, *, workspace_id: int, target_type: str, target_id: str
) -> list[AppliedTag]:
    """The tags applied to one target, in the order they were applied."""
    stmt = (
        select(Tag.id, Tag.name, Tagging.applied_at, Tagging.applied_by)
        .join(Tagging, Tagging.tag_id == Tag.id)
        .where(
            Tag.workspace_id == workspace_id,
            Tagging.target_type == target_type,
            Tagging.target_id == target_id,
        )
        .order_by(Tagging.applied_at, Tag.id)
    )
    return [AppliedTag(*row) for row in db.execute(stmt).all()]


def _applied(tag: Tag, tagging: Tagging | None) -> AppliedTag:
    if tagging is None:
        return AppliedTag(tag.id, tag.name, None, None)
    return AppliedTag(tag.id, tag.name, tagging.applied_at, tagging.applied_by)


# --- contacts ----------------------------------------------------------------------------


def attach_to_contact(
    db: Session, *, workspace_id: int, contact_id: str, tag_id: object, admin_id: int, now: int
) -> AppliedTag:
    """Tag a visible contact; attaching a tag twice changes nothing.

    Raises:
        NotFound: ``User Not Found`` for the contact, ``Resource Not Found`` for the tag.
    """
    contact = contacts.get(db, workspace_id=workspace_id, contact_id=contact_id)
    tag = get_tag(db, workspace_id=workspace_id, tag_id=tag_id)
    tagging = apply_tag(
        db, tag=tag, target_type=CONTACT, target_id=contact.id, admin_id=admin_id, now=now
    )
    return _applied(tag, tagging)


def detach_from_contact(
    db: Session, *, workspace_id: int, contact_id: str, tag_id: object
) -> AppliedTag:
    """Untag a visible contact and return the tag as it was applied.

    A tag that was not applied is returned with ``applied_at``/``applied_by`` null.

    Raises:
        NotFound: ``User Not Found`` for the contact, ``Resource Not Found`` for the tag.
    """
    contact = contacts.get(db, workspace_id=workspace_id, contact_id=contact_id)
    tag = get_tag(db, workspace_id=workspace_id, tag_id=tag_id)
    tagging = remove_tag(db, tag=tag, target_type=CONTACT, target_id=contact.id)
    return _applied(tag, tagging)


def contact_tags(
    db: Session | Connection, *, workspace_id: int, contact_id: str
) -> list[AppliedTag]:
    """The tags of a visible contact; ``User Not Found`` otherwise."""
    contact = contacts.read(db, workspace_id=workspace_id, contact_id=contact_id)
    return applied_tags(db, workspace_id=workspace_id, target_type=CONTACT, target_id=contact.id)


# --- conversations and tickets ----------------------------------------------------------


class TaggedTagNotFound(NotFound):
    """The tag to attach to or detach from a conversation or ticket does not exist."""

    code = "tag_not_found"
    default_message = "Tag not found"


def _conversation(db: Session, workspace: WorkspaceInfo, target_id: str, now: int) -> Conversation:
    try:
        return conversations.get(db, workspace=workspace, conversation_id=target_id, now=now)
    except conversations.ConversationNotFound:
        raise NotFound("Conversation not found") from None


def _ticket(db: Session, workspace: WorkspaceInfo, target_id: str, now: int) -> Conversation:
    """A ticket's conversation row; 404 ``ticket_not_found``."""
    return tickets.get(db, workspace=workspace, ticket_id=target_id, now=now).conversation


_TARGETS: dict[str, Callable[[Session, WorkspaceInfo, str, int], Conversation]] = {
    CONVERSATION: _conversation,
    TICKET: _ticket,
}
"""How each inbox target is found (woken if its snooze ran out), by ``target_type``."""


def _tag_and_target(
    db: Session,
    *,
    workspace: WorkspaceInfo,
    target_type: str,
    target_id: str,
    tag_id: object,
    now: int,
) -> tuple[Tag, Conversation]:
    target = _TARGETS[target_type](db, workspace, target_id, now)
    try:
        tag = get_tag(db, workspace_id=workspace.id, tag_id=tag_id)
    except TagNotFound:
        raise TaggedTagNotFound() from None
    return tag, target


def _attach(
    db: Session,
    *,
    workspace: WorkspaceInfo,
    target_type: str,
    target_id: str,
    tag_id: object,
    admin_id: object,
    now: int,
) -> AppliedTag:
    if tag_id is None or tag_id == "":
        raise ParameterNotFound("id is a required parameter.", field="id")
    admin = conversations.admin_author(db, workspace_id=workspace.id, admin_id=admin_id)
    tag, target = _tag_and_target(
        db,
        workspace=workspace,
        target_type=target_type,
        target_id=target_id,
        tag_id=tag_id,
        now=now,
    )
    tagging = apply_tag(
        db,
        tag=tag,
        target_type=target_type,
        target_id=str(target.id),
        admin_id=int(admin.id),
        now=now,
    )
    target.updated_at = max(now, target.updated_at)
    return _applied(tag, tagging)


def _detach(
    db: Session,
    *,
    workspace: WorkspaceInfo,
    target_type: str,
    target_id: str,
    tag_id: object,
    admin_id: object,
    now: int,
) -> AppliedTag:
    conversations.admin_author(db, workspace_id=workspace.id, admin_id=admin_id)
    tag, target = _tag_and_target(
        db,
        workspace=workspace,
        target_type=target_type,
        target_id=target_id,
        tag_id=tag_id,
        now=now,
    )
    tagging = remove_tag(db, tag=tag, target_type=target_type, target_id=str(target.id))
    if tagging is not None:
        target.updated_at = max(now, target.updated_at)
    return _applied(tag, tagging)


def attach_to_conversation(
    db: Session,
    *,
    workspace: WorkspaceInfo,
    conversation_id: str,
    tag_id: object,
    admin_id: object,
    now: int,
) -> AppliedTag:
    """Tag a visible conversation on behalf of ``admin_id``; attaching twice changes nothing.

    Raises:
        ParameterNotFound: no ``id`` or ``admin_id``.
        NotFound: ``Conversation not found``; ``tag_not_found``; ``admin_not_found``.
    """
    return _attach(
        db,
        workspace=workspace,
        target_type=CONVERSATION,
        target_id=conversation_id,
        tag_id=tag_id,
        admin_id=admin_id,
        now=now,
    )


def detach_from_conversation(
    db: Session,
    *,
    workspace: WorkspaceInfo,
    conversation_id: str,
    tag_id: object,
    admin_id: object,
    now: int,
) -> AppliedTag:
    """Untag a visible conversation and return the tag as it was applied (``applied_at``
    null if it was not). Errors as :func:`attach_to_conversation`."""
    return _detach(
        db,
        workspace=workspace,
        target_type=CONVERSATION,
        target_id=conversation_id,
        tag_id=tag_id,
        admin_id=admin_id,
        now=now,
    )


def attach_to_ticket(
    db: Session,
    *,
    workspace: WorkspaceInfo,
    ticket_id: str,
    tag_id: object,
    admin_id: object,
    now: int,
) -> AppliedTag:
    """Tag a ticket on behalf of ``admin_id``; attaching twice changes nothing.

    Raises:
        ParameterNotFound: no ``id`` or ``admin_id``.
        NotFound: ``ticket_not_found``; ``tag_not_found``; ``admin_not_found``.
    """
    return _attach(
        db,
        workspace=workspace,
        target_type=TICKET,
        target_id=ticket_id,
        tag_id=tag_id,
        admin_id=admin_id,
        now=now,
    )


def detach_from_ticket(
    db: Session,
    *,
    workspace: WorkspaceInfo,
    ticket_id: str,
    tag_id: object,
    admin_id: object,
    now: int,
) -> AppliedTag:
    """Untag a ticket and return the tag as it was applied (``applied_at`` null if it was
    not). Errors as :func:`attach_to_ticket`."""
    return _detach(
        db,
        workspace=workspace,
        target_type=TICKET,
        target_id=ticket_id,
        tag_id=tag_id,
        admin_id=admin_id,
        now=now,
    )
