"""Ticket type rules: the types, their attributes, and what tickets read from them.

A ticket type has a name, a description, an emoji icon (🎟️ unless given), a category
(``Customer`` by default, ``Back-office`` or ``Tracker``), an ``is_internal`` flag and an
``archived`` flag. Names are required and trimmed, but need not be unique. Creating a type
also creates its two default attributes, ``_default_title_`` (a single-line string, order 0)
and ``_default_description_`` (a multiline string, order 1), as the API's examples show.
Archived types are still listed and read.

Attributes are listed by ``order``, then id. A new attribute goes after every existing one.
Names are trimmed and unique within their type, compared case-insensitively, archived
attributes included (tickets key values by name). ``data_type`` is one of :data:`DATA_TYPES`
and never changes. ``list_items`` (a comma-separated string) becomes the items of a list
attribute, each with a UUID that tickets store as the value; updating the list keeps the id
of every label still present, gives new labels new ids, and archives, not deletes, the items
left out (old tickets still name them). Options that do not apply to the data type
(``multiline`` outside strings, ``list_items`` outside lists, ``allow_multiple_values``
outside files) are accepted and ignored. The default attributes cannot be renamed, archived,
or switched between single- and multi-line: 400 ``parameter_invalid``, see
:class:`DefaultAttributeLocked`.

Unknown, malformed and other workspaces' ids are 404 ``not_found`` "Resource Not Found"
(the spec shows no other code for these operations). Every change happens in the request's
one transaction, so a refused request changes nothing.

What tickets use (reading works on a session or a plain connection):

* :func:`get_ticket_type` -- the ticket type row of a workspace, or :class:`TicketTypeNotFound`.
* :func:`attributes_of` -- its attribute rows in order; archived ones only on request.
* :func:`list_items_of` -- a list attribute's items (:class:`ListItem`), archived ones only on
  request; tickets accept an active item's ``id`` as the value of a list attribute.
* :func:`read_ticket_type` -- a type with all its attributes (:class:`TicketTypeView`), which
  :func:`~backchannel.resources.ticket_types.serializers.ticket_type_to_api` renders for the
  ``ticket_type`` a ticket embeds.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from msgspec import UNSET, UnsetType
from sqlalchemy import Connection, Row, func, select
from sqlalchemy.orm import Session

from backchannel.core.errors import NotFound, ParameterInvalid, ParameterNotFound
from backchannel.core.ids import IdFactory, parse_numeric_id
from backchannel.db.repository import Repository
from backchannel.db.tables import TicketType, TicketTypeAttribute
from backchannel.resources.ticket_types.schemas import (
    TicketTypeAttributeCreate,
    TicketTypeAttributeUpdate,
    TicketTypeCreate,
    TicketTypeUpdate,
)

__all__ = [
    "CATEGORIES",
    "DATA_TYPES",
    "DEFAULT_CATEGORY",
    "DEFAULT_DESCRIPTION",
    "DEFAULT_ICON",
    "DEFAULT_TITLE",
    "AttributeNameTaken",
    "DefaultAttributeLocked",
    "ListItem",
    "TicketTypeAttributeNotFound",
    "TicketTypeNotFound",
    "TicketTypeView",
    "attributes_of",
    "create_attribute",
    "create_ticket_type",
    "get_ticket_type",
    "list_items_of",
    "list_ticket_types",
    "name_key",
    "read_ticket_type",
    "update_attribute",
    "update_ticket_type",
]

CATEGORIES = ("Customer", "Back-office", "Tracker")
DEFAULT_CATEGORY = "Customer"
DEFAULT_ICON = "\U0001f39f\ufe0f"  # 🎟️, the API's default
DATA_TYPES = ("string", "list", "integer", "decimal", "boolean", "datetime", "files")
DEFAULT_TITLE = "_default_title_"
DEFAULT_DESCRIPTION = "_default_description_"
MAX_NAME_LENGTH = 255
MAX_ICON_LENGTH = 64
MAX_LIST_ITEMS = 500
MAX_LIST_ITEM_LENGTH = 255

_TYPES = TicketType.__table__
_ATTRIBUTES = TicketTypeAttribute.__table__


class TicketTypeNotFound(NotFound):
    """No ticket type with that id in this workspace (404 ``not_found``)."""


class TicketTypeAttributeNotFound(NotFound):
    """No attribute with that id on this ticket type (404 ``not_found``)."""


class AttributeNameTaken(ParameterInvalid):
    """Another attribute of the ticket type has this name, in any case."""

    def __init__(self, name: str) -> None:
        super().__init__(
            f"An attribute named '{name}' already exists on this ticket type", field="name"
        )


class DefaultAttributeLocked(ParameterInvalid):
    """``_default_title_`` and ``_default_description_`` keep their name, stay unarchived and
    keep their single- or multi-line input; their description, requirements and visibility
    may change."""

    def __init__(self, name: str, change: str, field: str) -> None:
        super().__init__(f"The default attribute '{name}' cannot be {change}", field=field)


@dataclass(frozen=True, slots=True)
class ListItem:
    """One item of a list attribute: tickets store its ``id`` (a UUID)."""

    id: str
    label: str
    archived: bool


@dataclass(frozen=True, slots=True)
class TicketTypeView:
    """A ticket type (row or entity) and all its attributes, archived ones included."""

    ticket_type: Any
    attributes: Sequence[Any]


def name_key(name: str) -> str:
    """The form attribute names are compared in: case-folded."""
    return name.casefold()


# --- reading -----------------------------------------------------------------------------


def get_ticket_type(
    db: Session | Connection, *, workspace_id: int, ticket_type_id: object
) -> Row[Any]:
    """The ticket type row (``id``, ``name``, ``description``, ``icon``, ``category``,
    ``is_internal``, ``archived``, ...) of the workspace; archived types too.

    ``ticket_type_id`` may be an int or a digit string. Raises :class:`TicketTypeNotFound`
    for unknown or malformed ids and for another workspace's types.
    """
    number = parse_numeric_id(ticket_type_id)
    row = None
    if number is not None:
        stmt = select(_TYPES).where(_TYPES.c.workspace_id == workspace_id, _TYPES.c.id == number)
        row = db.execute(stmt).first()
    if row is None:
        raise TicketTypeNotFound()
    return row


def attributes_of(
    db: Session | Connection, *, ticket_type_id: int, include_archived: bool = False
) -> list[Row[Any]]:
    """The attribute rows of a ticket type (found with :func:`get_ticket_type`), by
    ``position`` then id; archived ones only with ``include_archived``.

    A row has ``name``, ``data_type``, ``required_to_create``,
    ``required_to_create_for_contacts``, ``visible_on_create``, ``visible_to_contacts``,
    ``multiline``, ``allow_multiple_values``, ``list_items`` (see :func:`list_items_of`),
    ``is_default`` and ``archived``.
    """
    stmt = select(_ATTRIBUTES).where(_ATTRIBUTES.c.ticket_type_id == ticket_type_id)
    if not include_archived:
        stmt = stmt.where(_ATTRIBUTES.c.archived.is_(False))
    stmt = stmt.order_by(_ATTRIBUTES.c.position, _ATTRIBUTES.c.id)
    return list(db.execute(stmt).all())


def list_items_of(attribute: Any, *, include_archived: bool = False) -> list[ListItem]:
    """The items of a list attribute (row or entity) in order; ``[]`` for other types."""
    items = [
        ListItem(id=item["id"], label=item["label"], archived=bool(item["archived"]))
        for item in attribute.list_items or ()
    ]
    return [item for item in items if include_archived or not item.archived]


def read_ticket_type(
    db: Session | Connection, *, workspace_id: int, ticket_type_id: object
) -> TicketTypeView:
    """One ticket type with all its attributes; :class:`TicketTypeNotFound` if unknown."""
    row = get_ticket_type(db, workspace_id=workspace_id, ticket_type_id=ticket_type_id)
    return TicketTypeView(row, attributes_of(db, ticket_type_id=row.id, include_archived=True))


def list_ticket_types(db: Session | Connection, *, workspace_id: int) -> list[TicketTypeView]:
    """Every ticket type of the workspace, archived ones too, oldest first."""
    types = db.execute(
        select(_TYPES).where(_TYPES.c.workspace_id == workspace_id).order_by(_TYPES.c.id)
    ).all()
    if not types:
        return []
    rows = db.execute(
        select(_ATTRIBUTES)
        .where(_ATTRIBUTES.c.workspace_id == workspace_id)
        .order_by(_ATTRIBUTES.c.ticket_type_id, _ATTRIBUTES.c.position, _ATTRIBUTES.c.id)
    )
    by_type: dict[int, list[Row[Any]]] = defaultdict(list)
    for row in rows:
        by_type[row.ticket_type_id].append(row)
    return [TicketTypeView(row, by_type.get(row.id, [])) for row in types]


# --- checks ------------------------------------------------------------------------------


def _given(value: Any) -> bool:
    return value is not UNSET and value is not None


def _name(value: str, *, required: bool) -> str:
    """A trimmed, non-blank name of at most 255 characters."""
    name = value.strip()
    if not name:
        if required:
            raise ParameterNotFound("name is a required parameter.", field="name")
        raise ParameterInvalid("name must not be blank", field="name")
    if len(name) > MAX_NAME_LENGTH:
        raise ParameterInvalid(
            f"name is too long (maximum is {MAX_NAME_LENGTH} characters)", field="name"
        )
    return name


def _required_name(value: str | UnsetType | None) -> str:
    if not isinstance(value, str):
        raise ParameterNotFound("name is a required parameter.", field="name")
    return _name(value, required=True)


def _category(value: str) -> str:
    if value not in CATEGORIES:
        raise ParameterInvalid(
            "category must be one of Customer, Back-office, Tracker", field="category"
        )
    return value


def _icon(value: str | UnsetType | None) -> str:
    """The icon given, or the default for a missing or blank one."""
    if not isinstance(value, str) or not value.strip():
        return DEFAULT_ICON
    icon = value.strip()
    if len(icon) > MAX_ICON_LENGTH:
        raise ParameterInvalid(
            f"icon is too long (maximum is {MAX_ICON_LENGTH} characters)", field="icon"
        )
    return icon


def _data_type(value: str | UnsetType | None) -> str:
    if not isinstance(value, str):
        raise ParameterNotFound("data_type is a required parameter.", field="data_type")
    if value not in DATA_TYPES:
        raise ParameterInvalid("Data Type isn't an option", field="data_type")
    return value


def _labels(raw: str) -> list[str]:
    """The distinct, trimmed labels of a comma-separated ``list_items`` string."""
    labels: list[str] = []
    for part in raw.split(","):
        label = part.strip()
        if not label or label in labels:
            continue
        if len(label) > MAX_LIST_ITEM_LENGTH:
            raise ParameterInvalid(
                f"A list item can have at most {MAX_LIST_ITEM_LENGTH} characters",
                field="list_items",
            )
        labels.append(label)
    if not labels:
        raise ParameterInvalid(
            "A list attribute needs at least one item: list_items is a comma-separated list",
            field="list_items",
        )
    if len(labels) > MAX_LIST_ITEMS:
        raise ParameterInvalid(
            f"A list attribute has at most {MAX_LIST_ITEMS} items", field="list_items"
        )
    return labels


def _merge_items(current: Sequence[Any], labels: list[str], ids: IdFactory) -> list[dict[str, Any]]:
    """The new items: ``labels`` in order, each keeping the id it had (archived or not), then
    the items left out, archived."""
    by_label = {item["label"]: item for item in current}
    merged: list[dict[str, Any]] = []
    for label in labels:
        kept = by_label.pop(label, None)
        item_id = kept["id"] if kept is not None else ids.uuid()
        merged.append({"id": item_id, "label": label, "archived": False})
    merged.extend({**item, "archived": True} for item in by_label.values())
    return merged


def _check_unique(
    db: Session, *, ticket_type_id: int, name: str, exclude: int | None = None
) -> None:
    stmt = select(_ATTRIBUTES.c.name).where(
        _ATTRIBUTES.c.ticket_type_id == ticket_type_id, _ATTRIBUTES.c.name_key == name_key(name)
    )
    if exclude is not None:
        stmt = stmt.where(_ATTRIBUTES.c.id != exclude)
    existing = db.execute(stmt).first()
    if existing is not None:
        raise AttributeNameTaken(existing.name)


# --- ticket types ------------------------------------------------------------------------


def _ticket_type(db: Session, *, workspace_id: int, ticket_type_id: object) -> TicketType:
    number = parse_numeric_id(ticket_type_id)
    ticket_type = None if number is None else Repository(db, workspace_id, TicketType).get(number)
    if ticket_type is None:
        raise TicketTypeNotFound()
    return ticket_type


def _view(db: Session, ticket_type: TicketType) -> TicketTypeView:
    attributes = db.execute(
        select(TicketTypeAttribute)
        .where(TicketTypeAttribute.ticket_type_id == ticket_type.id)
        .order_by(TicketTypeAttribute.position, TicketTypeAttribute.id)
    ).scalars()
    return TicketTypeView(ticket_type, list(attributes))


def _default_attribute(
    ticket_type: TicketType, name: str, *, position: int, multiline: bool, now: int
) -> TicketTypeAttribute:
    return TicketTypeAttribute(
        workspace_id=ticket_type.workspace_id,
        ticket_type_id=ticket_type.id,
        name=name,
        name_key=name_key(name),
        description="",
        data_type="string",
        position=position,
        is_default=True,
        required_to_create=False,
        required_to_create_for_contacts=False,
        visible_on_create=True,
        visible_to_contacts=True,
        multiline=multiline,
        allow_multiple_values=False,
        list_items=None,
        archived=False,
        created_at=now,
        updated_at=now,
    )


def create_ticket_type(
    db: Session, *, workspace_id: int, data: TicketTypeCreate, now: int
) -> TicketTypeView:
    """Create a ticket type with its two default attributes.

    Raises:
        ParameterNotFound: no name, or a blank one.
        ParameterInvalid: a name or icon too long, an unknown category.
    """
    name = _required_name(data.name)
    category = _category(data.category) if isinstance(data.category, str) else DEFAULT_CATEGORY
    ticket_type = TicketType(
        workspace_id=workspace_id,
        name=name,
        description=data.description if isinstance(data.description, str) else "",
        icon=_icon(data.icon),
        category=category,
        is_internal=bool(data.is_internal) if _given(data.is_internal) else False,
        archived=False,
        created_at=now,
        updated_at=now,
    )
    db.add(ticket_type)
    db.flush()
    db.add_all(
        [
            _default_attribute(ticket_type, DEFAULT_TITLE, position=0, multiline=False, now=now),
            _default_attribute(
                ticket_type, DEFAULT_DESCRIPTION, position=1, multiline=True, now=now
            ),
        ]
    )
    db.flush()
    return _view(db, ticket_type)


def update_ticket_type(
    db: Session, *, workspace_id: int, ticket_type_id: str, data: TicketTypeUpdate, now: int
) -> TicketTypeView:
    """Rename, describe, recategorise, re-icon, archive or unarchive a ticket type; a blank
    icon restores the default one.

    Raises:
        TicketTypeNotFound: no such ticket type in the workspace.
        ParameterInvalid: a blank or too long name, an unknown category, a too long icon.
    """
    ticket_type = _ticket_type(db, workspace_id=workspace_id, ticket_type_id=ticket_type_id)
    if isinstance(data.name, str):
        ticket_type.name = _name(data.name, required=False)
    if isinstance(data.category, str):
        ticket_type.category = _category(data.category)
    if isinstance(data.description, str):
        ticket_type.description = data.description
    if isinstance(data.icon, str):
        ticket_type.icon = _icon(data.icon)
    if _given(data.is_internal):
        ticket_type.is_internal = bool(data.is_internal)
    if _given(data.archived):
        ticket_type.archived = bool(data.archived)
    ticket_type.updated_at = max(now, ticket_type.updated_at)
    db.flush()
    return _view(db, ticket_type)


# --- attributes --------------------------------------------------------------------------


def _attribute(
    db: Session, *, workspace_id: int, ticket_type_id: object, attribute_id: object
) -> TicketTypeAttribute:
    ticket_type = _ticket_type(db, workspace_id=workspace_id, ticket_type_id=ticket_type_id)
    number = parse_numeric_id(attribute_id)
    attribute = None if number is None else db.get(TicketTypeAttribute, number)
    if attribute is None or attribute.ticket_type_id != ticket_type.id:
        raise TicketTypeAttributeNotFound()
    return attribute


def _next_position(db: Session, ticket_type_id: int) -> int:
    highest = db.execute(
        select(func.max(_ATTRIBUTES.c.position)).where(
            _ATTRIBUTES.c.ticket_type_id == ticket_type_id
        )
    ).scalar()
    return 0 if highest is None else int(highest) + 1


def create_attribute(
    db: Session,
    *,
    workspace_id: int,
    ticket_type_id: str,
    data: TicketTypeAttributeCreate,
    now: int,
    ids: IdFactory,
) -> TicketTypeAttribute:
    """Add an attribute after the existing ones of a ticket type.

    Raises:
        TicketTypeNotFound: no such ticket type in the workspace.
        ParameterNotFound: no (or a blank) name, no description, no data type, or a list
            attribute without ``list_items``.
        AttributeNameTaken: the type has an attribute of that name already (checked right
            after the name).
        ParameterInvalid: a too long name, an unknown data type ("Data Type isn't an option"),
            no usable list item.
    """
    ticket_type = _ticket_type(db, workspace_id=workspace_id, ticket_type_id=ticket_type_id)
    name = _required_name(data.name)
    _check_unique(db, ticket_type_id=ticket_type.id, name=name)
    if not isinstance(data.description, str):
        raise ParameterNotFound("description is a required parameter.", field="description")
    data_type = _data_type(data.data_type)
    list_items = None
    if data_type == "list":
        if not isinstance(data.list_items, str):
            raise ParameterNotFound(
                "list_items is a required parameter for list attributes.", field="list_items"
            )
        list_items = _merge_items([], _labels(data.list_items), ids)
    attribute = TicketTypeAttribute(
        workspace_id=workspace_id,
        ticket_type_id=ticket_type.id,
        name=name,
        name_key=name_key(name),
        description=data.description,
        data_type=data_type,
        position=_next_position(db, ticket_type.id),
        is_default=False,
        required_to_create=data.required_to_create is True,
        required_to_create_for_contacts=data.required_to_create_for_contacts is True,
        visible_on_create=data.visible_on_create is not False,
        visible_to_contacts=data.visible_to_contacts is not False,
        multiline=data_type == "string" and data.multiline is True,
        allow_multiple_values=data_type == "files" and data.allow_multiple_values is True,
        list_items=list_items,
        archived=False,
        created_at=now,
        updated_at=now,
    )
    db.add(attribute)
    db.flush()
    return attribute


def _rename(db: Session, attribute: TicketTypeAttribute, value: str) -> None:
    name = _name(value, required=False)
    if name == attribute.name:
        return
    if attribute.is_default:
        raise DefaultAttributeLocked(attribute.name, "renamed", "name")
    _check_unique(db, ticket_type_id=attribute.ticket_type_id, name=name, exclude=attribute.id)
    attribute.name = name
    attribute.name_key = name_key(name)


def update_attribute(
    db: Session,
    *,
    workspace_id: int,
    ticket_type_id: str,
    attribute_id: str,
    data: TicketTypeAttributeUpdate,
    now: int,
    ids: IdFactory,
) -> TicketTypeAttribute:
    """Change an attribute's name, description, requirements, visibility, input options or
    archived flag; never its data type.

    Raises:
        TicketTypeNotFound: no such ticket type in the workspace.
        TicketTypeAttributeNotFound: no such attribute on that ticket type.
        ParameterInvalid: a blank or too long name, a ``data_type`` other than the current one,
            a ``list_items`` without usable items.
        AttributeNameTaken: another attribute of the type has that name.
        DefaultAttributeLocked: renaming or archiving a default attribute, or changing its
            ``multiline``.
    """
    attribute = _attribute(
        db, workspace_id=workspace_id, ticket_type_id=ticket_type_id, attribute_id=attribute_id
    )
    if isinstance(data.data_type, str) and data.data_type != attribute.data_type:
        raise ParameterInvalid(
            "The data type of a ticket type attribute cannot be changed", field="data_type"
        )
    if isinstance(data.name, str):
        _rename(db, attribute, data.name)
    if isinstance(data.description, str):
        attribute.description = data.description
    for flag in (
        "required_to_create",
        "required_to_create_for_contacts",
        "visible_on_create",
        "visible_to_contacts",
    ):
        value = getattr(data, flag)
        if _given(value):
            setattr(attribute, flag, bool(value))
    if _given(data.multiline) and attribute.data_type == "string":
        if attribute.is_default and bool(data.multiline) != attribute.multiline:
            change = "made multiline" if data.multiline else "made single-line"
            raise DefaultAttributeLocked(attribute.name, change, "multiline")
        attribute.multiline = bool(data.multiline)
    if _given(data.allow_multiple_values) and attribute.data_type == "files":
        attribute.allow_multiple_values = bool(data.allow_multiple_values)
    if isinstance(data.list_items, str) and attribute.data_type == "list":
        attribute.list_items = _merge_items(
            attribute.list_items or [], _labels(data.list_items), ids
        )
    if _given(data.archived):
        if attribute.is_default and data.archived:
            raise DefaultAttributeLocked(attribute.name, "archived", "archived")
        attribute.archived = bool(data.archived)
    attribute.updated_at = max(now, attribute.updated_at)
    db.flush()
    return attribute
