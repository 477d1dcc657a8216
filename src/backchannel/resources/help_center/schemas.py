"""Request bodies and query strings of the Help Center operations.

``name`` is optional here and checked by the service, so that a missing, ``null`` or blank
name gets the API's own answer (400 ``parameter_not_found`` "Name is a required
parameter."). ``translated_content`` maps locales to :class:`GroupContent`; its ``type`` key
may hold the object's type name. A ``null`` optional key means "not given".
"""

from __future__ import annotations

from typing import Annotated

import msgspec
from msgspec import UNSET, Meta, UnsetType

__all__ = [
    "MAX_DESCRIPTION_LENGTH",
    "CollectionCreate",
    "CollectionListQuery",
    "CollectionUpdate",
    "GroupContent",
    "GroupTranslations",
    "HelpCenterListQuery",
]

MAX_DESCRIPTION_LENGTH = 65_535
Description = Annotated[str, Meta(max_length=MAX_DESCRIPTION_LENGTH)]
IdRef = int | Annotated[str, Meta(max_length=64)]


class GroupContent(msgspec.Struct, forbid_unknown_fields=True):
    """One locale of a collection: ``group_content``."""

    type: str | None = None
    name: str | UnsetType | None = UNSET
    description: Description | UnsetType | None = UNSET


GroupTranslations = dict[str, GroupContent | str | None]
"""``group_translated_content``: locale -> content (``null`` removes a locale on update),
and ``type`` -> ``"group_translated_content"``."""


class CollectionCreate(msgspec.Struct, forbid_unknown_fields=True):
    """``create_collection_request``: ``name`` required; ``help_center_id`` null means the
    default help center; ``parent_id`` makes the collection a section of another."""

    name: str | UnsetType | None = UNSET
    description: Description | UnsetType | None = UNSET
    translated_content: GroupTranslations | UnsetType | None = UNSET
    parent_id: IdRef | UnsetType | None = UNSET
    help_center_id: IdRef | UnsetType | None = UNSET


class CollectionUpdate(msgspec.Struct, forbid_unknown_fields=True):
    """``update_collection_request``: partial; ``parent_id: null`` moves it to the top level."""

    name: str | UnsetType | None = UNSET
    description: Description | UnsetType | None = UNSET
    translated_content: GroupTranslations | UnsetType | None = UNSET
    parent_id: IdRef | UnsetType | None = UNSET


class CollectionListQuery(msgspec.Struct):
    """``GET /help_center/collections`` query: page-number paging."""

    page: int | None = None
    per_page: int | None = None


class HelpCenterListQuery(msgspec.Struct):
    """``GET /help_center/help_centers`` query. 2.10 declares none, but the SDKs' page-number
    pagers send ``page`` and ``per_page`` and stop only at an empty page."""

    page: int | None = None
    per_page: int | None = None
