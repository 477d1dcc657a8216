"""Help Center rules: help centers, and the collections and sections inside them.

* Help centers are read-only through the API. Every workspace has one default help center,
  made with the workspace (:func:`ensure_default_help_center`); workspaces made before help
  centers existed get theirs on the first request that needs it. More can be added with
  ``backchannel help-center create``.
* A collection sits in a help center; a *section* is a collection whose ``parent_id`` names
  another collection (sections may nest). A new collection without ``help_center_id`` goes
  to the default help center; a section always lives in its parent's help center. A new
  collection is placed after its siblings (``order`` 1, 2, ...), with the icon
  ``book-bookmark``.
* Names and descriptions have one version per locale: the top-level fields are the help
  center's default locale (``en``), ``translated_content`` holds the others.
* Deleting a collection deletes its sections with it (all the way down); the articles that
  were in any of them are kept and detached: they become standalone articles
  (``parent_id`` null), as Intercom does with the articles of a deleted collection.
* Lists are ordered by ``updated_at``, newest first, then by id.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from msgspec import UNSET, UnsetType
from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from backchannel.core.errors import Conflict, NotFound, ParameterInvalid, ParameterNotFound
from backchannel.core.ids import parse_numeric_id
from backchannel.core.pagination import MAX_PER_PAGE, NumberPage, clamp_per_page, number_page
from backchannel.db.repository import Repository, insert_unless_present
from backchannel.db.tables import Article, HelpCenter, HelpCenterCollection, Workspace
from backchannel.resources.help_center.locales import DEFAULT_LOCALE, translations
from backchannel.resources.help_center.schemas import (
    CollectionCreate,
    CollectionUpdate,
    GroupContent,
    GroupTranslations,
)

__all__ = [
    "DEFAULT_ICON",
    "DEFAULT_PER_PAGE",
    "CollectionNotFound",
    "CollectionPage",
    "CollectionView",
    "HelpCenterNotFound",
    "create_collection",
    "create_help_center",
    "default_help_center",
    "delete_collection",
    "ensure_default_help_center",
    "get_collection",
    "help_center_url",
    "help_centers_by_id",
    "list_collections",
    "list_help_centers",
    "read_collection",
    "read_help_center",
    "slugify",
    "update_collection",
]

DEFAULT_ICON = "book-bookmark"
DEFAULT_PER_PAGE = 20
MAX_NAME_LENGTH = 255
MAX_IDENTIFIER_LENGTH = 255
NAME_REQUIRED = "Name is a required parameter."


class HelpCenterNotFound(NotFound):
    """No help center with that id in this workspace (404 "Resource Not Found")."""


class CollectionNotFound(NotFound):
    """No collection with that id in this workspace (404 "Resource Not Found")."""


@dataclass(frozen=True, slots=True)
class CollectionView:
    """A collection and the help center it lives in (for its URL)."""

    collection: HelpCenterCollection
    help_center: HelpCenter


@dataclass(frozen=True, slots=True)
class CollectionPage:
    """One page of collections, with the help centers they live in."""

    page: NumberPage[HelpCenterCollection]
    help_centers: dict[int, HelpCenter]

    @property
    def views(self) -> list[CollectionView]:
        return [
            CollectionView(collection, self.help_centers[collection.help_center_id])
            for collection in self.page.items
        ]


# --- URLs --------------------------------------------------------------------------------


def slugify(text: str) -> str:
    """The URL slug of a title: its words, lowercased, joined by hyphens."""
    parts: list[str] = []
    current: list[str] = []
    for char in text:
        if char.isalnum():
            current.append(char.lower())
        elif current:
            parts.append("".join(current))
            current = []
    if current:
        parts.append("".join(current))
    return "-".join(parts)


def help_center_url(help_center: Any) -> str:
    """``https://<custom domain>``, or ``https://intercom.help/<identifier>`` without one."""
    if help_center.custom_domain:
        return f"https://{help_center.custom_domain}"
    return f"https://intercom.help/{help_center.identifier}"


# --- help centers ------------------------------------------------------------------------


def default_help_center(db: Session, *, workspace_id: int) -> HelpCenter | None:
    """The workspace's default help center, if it has been made."""
    stmt = select(HelpCenter).where(
        HelpCenter.workspace_id == workspace_id, HelpCenter.is_default.is_(True)
    )
    return db.execute(stmt).scalars().first()


def _free_identifier(db: Session, workspace_id: int, wanted: str) -> str:
    taken = set(
        db.execute(
            select(HelpCenter.identifier).where(
                HelpCenter.workspace_id == workspace_id, HelpCenter.identifier.like(f"{wanted}%")
            )
        ).scalars()
    )
    identifier, number = wanted, 1
    while identifier in taken:
        number += 1
        identifier = f"{wanted}-{number}"
    return identifier


def ensure_default_help_center(db: Session, *, workspace_id: int, now: int) -> HelpCenter:
    """The workspace's default help center, made now if it has none.

    It is named after the workspace (``<name> Help Center``), its identifier is the
    workspace's ``id_code``, and its website is off. Safe against a concurrent request
    making it at the same time: the insert does nothing when the default already exists.
    """
    existing = default_help_center(db, workspace_id=workspace_id)
    if existing is not None:
        return existing
    workspace = db.get(Workspace, workspace_id)
    if workspace is None:
        raise NotFound()
    values = {
        "workspace_id": workspace_id,
        "identifier": _free_identifier(db, workspace_id, workspace.id_code),
        "display_name": f"{workspace.name} Help Center",
        "website_turned_on": False,
        "custom_domain": None,
        "default_locale": DEFAULT_LOCALE,
        "is_default": True,
        "created_at": now,
        "updated_at": now,
    }
    insert_unless_present(db, HelpCenter, values)
    made = default_help_center(db, workspace_id=workspace_id)
    assert made is not None
    return made


def create_help_center(
    db: Session,
    *,
    workspace_id: int,
    identifier: str,
    display_name: str,
    now: int,
    custom_domain: str | None = None,
    website_turned_on: bool = False,
) -> HelpCenter:
    """Add a help center (the 2.10 API has no create operation: the CLI calls this).

    Raises:
        ParameterInvalid: a blank or too long identifier or display name.
        Conflict: the workspace has a help center with this identifier already.
    """
    identifier = identifier.strip()
    display_name = display_name.strip()
    if not identifier or len(identifier) > MAX_IDENTIFIER_LENGTH:
        raise ParameterInvalid("identifier must be 1 to 255 characters", field="identifier")
    if not display_name or len(display_name) > MAX_NAME_LENGTH:
        raise ParameterInvalid("display_name must be 1 to 255 characters", field="display_name")
    clash = db.execute(
        select(HelpCenter.id).where(
            HelpCenter.workspace_id == workspace_id, HelpCenter.identifier == identifier
        )
    ).first()
    if clash is not None:
        raise Conflict(f"A help center with identifier {identifier} already exists")
    help_center = HelpCenter(
        workspace_id=workspace_id,
        identifier=identifier,
        display_name=display_name,
        website_turned_on=website_turned_on,
        custom_domain=custom_domain or None,
        default_locale=DEFAULT_LOCALE,
        is_default=False,
        created_at=now,
        updated_at=now,
    )
    db.add(help_center)
    db.flush()
    return help_center


def list_help_centers(
    db: Session, *, workspace_id: int, now: int, page: int | None, per_page: int | None
) -> list[HelpCenter]:
    """One page of the workspace's help centers, oldest first (the default one made if
    missing); empty past the end. Without ``per_page`` the first page holds them all."""
    ensure_default_help_center(db, workspace_id=workspace_id, now=now)
    stmt = Repository(db, workspace_id, HelpCenter).select()
    found = number_page(
        db,
        stmt,
        page=page or 1,
        per_page=clamp_per_page(per_page, MAX_PER_PAGE),
        order=[HelpCenter.id],
    )
    return list(found.items)


def read_help_center(db: Session, *, workspace_id: int, help_center_id: object) -> HelpCenter:
    """One help center; :class:`HelpCenterNotFound` for unknown or malformed ids."""
    number = parse_numeric_id(help_center_id)
    found = None if number is None else Repository(db, workspace_id, HelpCenter).get(number)
    if found is None:
        raise HelpCenterNotFound()
    return found


def help_centers_by_id(
    db: Session, *, workspace_id: int, ids: Iterable[int]
) -> dict[int, HelpCenter]:
    """The workspace's help centers with these ids, by id."""
    wanted = set(ids)
    if not wanted:
        return {}
    stmt = Repository(db, workspace_id, HelpCenter).select().where(HelpCenter.id.in_(wanted))
    return {help_center.id: help_center for help_center in db.execute(stmt).scalars()}


# --- checks ------------------------------------------------------------------------------


def _given(value: Any) -> bool:
    return value is not UNSET and value is not None


def _name(value: str, *, field: str = "name") -> str:
    name = value.strip()
    if not name:
        raise ParameterNotFound(NAME_REQUIRED, field=field)
    if len(name) > MAX_NAME_LENGTH:
        raise ParameterInvalid(
            f"{field} is too long (maximum is {MAX_NAME_LENGTH} characters)", field=field
        )
    return name


def _translations(value: GroupTranslations | UnsetType | None) -> dict[str, GroupContent | None]:
    """The locales of a ``translated_content`` object, checked; ``type`` left out."""
    return translations(value, object_type="group_translated_content", content_type="group_content")


def _new_locale(locale: str, content: GroupContent) -> dict[str, str]:
    field = f"translated_content.{locale}.name"
    if not isinstance(content.name, str):
        raise ParameterNotFound(NAME_REQUIRED, field=field)
    description = content.description if isinstance(content.description, str) else ""
    return {"name": _name(content.name, field=field), "description": description}


def _merge_locale(current: Mapping[str, str], locale: str, content: GroupContent) -> dict[str, str]:
    merged = dict(current)
    if isinstance(content.name, str):
        merged["name"] = _name(content.name, field=f"translated_content.{locale}.name")
    if isinstance(content.description, str):
        merged["description"] = content.description
    return merged


# --- collections -------------------------------------------------------------------------


def get_collection(
    db: Session, *, workspace_id: int, collection_id: object
) -> HelpCenterCollection:
    """One collection or section; :class:`CollectionNotFound` for unknown or malformed ids."""
    number = parse_numeric_id(collection_id)
    found = (
        None if number is None else Repository(db, workspace_id, HelpCenterCollection).get(number)
    )
    if found is None:
        raise CollectionNotFound()
    return found


def _parent(db: Session, workspace_id: int, parent_id: object) -> HelpCenterCollection:
    """The collection named by a body's ``parent_id``: 404 naming the field when unknown."""
    try:
        return get_collection(db, workspace_id=workspace_id, collection_id=parent_id)
    except CollectionNotFound:
        raise CollectionNotFound("Collection not found", field="parent_id") from None


def _view(db: Session, collection: HelpCenterCollection) -> CollectionView:
    help_center = db.get(HelpCenter, collection.help_center_id)
    assert help_center is not None
    return CollectionView(collection, help_center)


def _descendants(db: Session, collection_id: int) -> list[int]:
    """The ids of every section below a collection, level by level."""
    found: list[int] = []
    level = [collection_id]
    while level:
        level = list(
            db.execute(
                select(HelpCenterCollection.id).where(HelpCenterCollection.parent_id.in_(level))
            ).scalars()
        )
        found.extend(level)
    return found


def _next_position(db: Session, help_center_id: int, parent_id: int | None) -> int:
    stmt = select(func.max(HelpCenterCollection.position)).where(
        HelpCenterCollection.help_center_id == help_center_id,
        HelpCenterCollection.parent_id.is_(None)
        if parent_id is None
        else HelpCenterCollection.parent_id == parent_id,
    )
    highest = db.execute(stmt).scalar()
    return 1 if highest is None else int(highest) + 1


def create_collection(
    db: Session, *, workspace_id: int, data: CollectionCreate, now: int
) -> CollectionView:
    """Create a collection, or a section of ``parent_id``.

    Raises:
        ParameterNotFound: no name (top-level or in the default locale), or a new locale
            without one.
        ParameterInvalid: a too long name, an unsupported locale, a ``parent_id`` in another
            help center than ``help_center_id``.
        HelpCenterNotFound: an unknown ``help_center_id``.
        CollectionNotFound: an unknown ``parent_id``.
    """
    translations = _translations(data.translated_content)
    explicit_center = None
    if _given(data.help_center_id):
        explicit_center = read_help_center(
            db, workspace_id=workspace_id, help_center_id=data.help_center_id
        )
    parent = _parent(db, workspace_id, data.parent_id) if _given(data.parent_id) else None
    if parent is not None:
        if explicit_center is not None and explicit_center.id != parent.help_center_id:
            raise ParameterInvalid(
                "parent_id must be a collection of the help center help_center_id names",
                field="parent_id",
            )
        help_center = db.get(HelpCenter, parent.help_center_id)
        assert help_center is not None
    elif explicit_center is not None:
        help_center = explicit_center
    else:
        help_center = ensure_default_help_center(db, workspace_id=workspace_id, now=now)
    locale = help_center.default_locale
    main = translations.pop(locale, None) or GroupContent()
    name_value = data.name if isinstance(data.name, str) else main.name
    if not isinstance(name_value, str):
        raise ParameterNotFound(NAME_REQUIRED, field="name")
    name = _name(name_value)
    description = data.description if isinstance(data.description, str) else main.description
    others = {
        code: _new_locale(code, content)
        for code, content in translations.items()
        if content is not None
    }
    collection = HelpCenterCollection(
        workspace_id=workspace_id,
        help_center_id=help_center.id,
        parent_id=parent.id if parent is not None else None,
        name=name,
        description=description if isinstance(description, str) else "",
        icon=DEFAULT_ICON,
        position=_next_position(db, help_center.id, parent.id if parent is not None else None),
        default_locale=locale,
        translations=others,
        created_at=now,
        updated_at=now,
    )
    db.add(collection)
    db.flush()
    return CollectionView(collection, help_center)


def read_collection(db: Session, *, workspace_id: int, collection_id: object) -> CollectionView:
    """One collection or section; :class:`CollectionNotFound` if unknown."""
    return _view(db, get_collection(db, workspace_id=workspace_id, collection_id=collection_id))


def _move(
    db: Session, collection: HelpCenterCollection, workspace_id: int, parent_id: object
) -> None:
    """Move a collection under ``parent_id`` (``None``: to the top level of its help center);
    its sections follow it into the parent's help center."""
    if parent_id is None:
        if collection.parent_id is not None:
            collection.parent_id = None
            collection.position = _next_position(db, collection.help_center_id, None)
        return
    parent = _parent(db, workspace_id, parent_id)
    if parent.id == collection.parent_id:
        return
    below = _descendants(db, collection.id)
    if parent.id == collection.id or parent.id in below:
        raise ParameterInvalid(
            "A collection cannot be moved into itself or one of its sections", field="parent_id"
        )
    if parent.help_center_id != collection.help_center_id and below:
        db.execute(
            update(HelpCenterCollection)
            .where(HelpCenterCollection.id.in_(below))
            .values(help_center_id=parent.help_center_id)
            .execution_options(synchronize_session=False)
        )
    collection.help_center_id = parent.help_center_id
    collection.parent_id = parent.id
    collection.position = _next_position(db, parent.help_center_id, parent.id)


def update_collection(
    db: Session, *, workspace_id: int, collection_id: object, data: CollectionUpdate, now: int
) -> CollectionView:
    """Rename, describe, translate or move a collection; only what is given changes.

    A locale set to ``null`` in ``translated_content`` is removed (not the default locale).

    Raises:
        CollectionNotFound: no such collection; an unknown ``parent_id``.
        ParameterNotFound: a blank name; a new locale without a name.
        ParameterInvalid: a too long name, an unsupported locale, removing the default
            locale, moving a collection into itself or one of its sections.
    """
    collection = get_collection(db, workspace_id=workspace_id, collection_id=collection_id)
    translations = _translations(data.translated_content)
    locale = collection.default_locale
    if locale in translations:
        main = translations.pop(locale)
        if main is None:
            raise ParameterInvalid(
                "The default locale cannot be removed", field=f"translated_content.{locale}"
            )
        if isinstance(main.name, str) and not isinstance(data.name, str):
            collection.name = _name(main.name, field=f"translated_content.{locale}.name")
        if isinstance(main.description, str) and not isinstance(data.description, str):
            collection.description = main.description
    if isinstance(data.name, str):
        collection.name = _name(data.name)
    if isinstance(data.description, str):
        collection.description = data.description
    if translations:
        current: dict[str, Any] = dict(collection.translations or {})
        for code, content in translations.items():
            if content is None:
                current.pop(code, None)
            elif code in current:
                current[code] = _merge_locale(current[code], code, content)
            else:
                current[code] = _new_locale(code, content)
        collection.translations = current
    if data.parent_id is not UNSET:
        _move(db, collection, workspace_id, data.parent_id)
    collection.updated_at = max(now, collection.updated_at)
    db.flush()
    return _view(db, collection)


def delete_collection(db: Session, *, workspace_id: int, collection_id: object) -> int:
    """Delete a collection and its sections; their articles become standalone. Returns the
    deleted collection's id.

    Raises:
        CollectionNotFound: no such collection.
    """
    collection = get_collection(db, workspace_id=workspace_id, collection_id=collection_id)
    doomed = [collection.id, *_descendants(db, collection.id)]
    db.execute(
        update(Article)
        .where(Article.workspace_id == workspace_id, Article.parent_id.in_(doomed))
        .values(parent_id=None)
        .execution_options(synchronize_session=False)
    )
    deleted = collection.id
    db.execute(
        delete(HelpCenterCollection)
        .where(HelpCenterCollection.id.in_(doomed))
        .execution_options(synchronize_session=False)
    )
    db.expunge(collection)
    return deleted


def list_collections(
    db: Session, *, workspace_id: int, page: int | None, per_page: int | None
) -> CollectionPage:
    """Every collection and section, most recently updated first; empty past the end."""
    stmt = Repository(db, workspace_id, HelpCenterCollection).select()
    found = number_page(
        db,
        stmt,
        page=page or 1,
        per_page=clamp_per_page(per_page, DEFAULT_PER_PAGE),
        order=[HelpCenterCollection.updated_at.desc(), HelpCenterCollection.id.desc()],
    )
    centers = help_centers_by_id(
        db,
        workspace_id=workspace_id,
        ids={collection.help_center_id for collection in found.items},
    )
    return CollectionPage(found, centers)
