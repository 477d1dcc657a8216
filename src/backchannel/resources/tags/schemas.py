"""Request bodies of the tag operations, and the shapes ``POST /tags`` is dispatched on.

``POST /tags`` is overloaded (BEHAVIOR.md §6.5); :func:`parse_tag_request` turns its body
into exactly one of :class:`TagCreate`, :class:`TagRename`, :class:`TagCompanies` or
:class:`TagUsers`, or refuses it with 400 ``parameter_invalid`` "invalid tag parameters".
Keys whose value is ``null`` count as absent, and ``tag_or_untag`` (which the Ruby SDK adds
to tag and untag calls) is accepted and ignored: each item's ``untag`` flag decides.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import msgspec

from backchannel.core.errors import ParameterInvalid

__all__ = [
    "MAX_TAG_NAME_LENGTH",
    "CompanyRef",
    "InvalidTagParameters",
    "TagCompanies",
    "TagCreate",
    "TagReference",
    "TagRename",
    "TagRequest",
    "TagUsers",
    "TicketTagging",
    "TicketUntagging",
    "UserRef",
    "parse_tag_request",
]

MAX_TAG_NAME_LENGTH = 255


class InvalidTagParameters(ParameterInvalid):
    """A ``POST /tags`` body that matches none of its shapes."""

    default_message = "invalid tag parameters"


class TagReference(msgspec.Struct, forbid_unknown_fields=True):
    """``POST /contacts/{id}/tags`` body: the tag's id, as a string or an integer."""

    id: str | int


class ConversationTagging(msgspec.Struct, forbid_unknown_fields=True):
    """``POST /conversations/{id}/tags`` body: the tag's id and the admin applying it
    (both required; checked by the service so a missing one gets its own message)."""

    id: str | int | None = None
    admin_id: str | int | None = None


class ConversationUntagging(msgspec.Struct, forbid_unknown_fields=True):
    """``DELETE /conversations/{id}/tags/{tag_id}`` body: the admin removing the tag."""

    admin_id: str | int | None = None


TicketTagging = ConversationTagging
"""``POST /tickets/{id}/tags`` body: the same as a conversation's."""

TicketUntagging = ConversationUntagging
"""``DELETE /tickets/{id}/tags/{tag_id}`` body: the same as a conversation's."""


@dataclass(frozen=True, slots=True)
class TagCreate:
    """``{name}``: create the tag, or return the one that has this name in any case."""

    name: str


@dataclass(frozen=True, slots=True)
class TagRename:
    """``{id, name}``: rename tag ``id``."""

    id: str
    name: str


@dataclass(frozen=True, slots=True)
class CompanyRef:
    """One company of a tag/untag request: by Intercom ``id`` or by the client's ``company_id``."""

    id: str | None
    company_id: str | None
    untag: bool


@dataclass(frozen=True, slots=True)
class TagCompanies:
    """``{name, companies: [...]}``: tag (or, per item, untag) companies."""

    name: str
    companies: tuple[CompanyRef, ...]


@dataclass(frozen=True, slots=True)
class UserRef:
    """One contact of a tag request, by Intercom id."""

    id: str
    untag: bool


@dataclass(frozen=True, slots=True)
class TagUsers:
    """``{name, users: [{id}]}``: tag contacts."""

    name: str
    users: tuple[UserRef, ...]


TagRequest = TagCreate | TagRename | TagCompanies | TagUsers

_KEYS = frozenset({"name", "id", "companies", "users"})
_IGNORED = frozenset({"tag_or_untag"})


def _present(item: Mapping[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in item.items() if value is not None and key not in _IGNORED}


def _identifier(value: Any) -> str | None:
    """An id given as a non-empty string or an integer, as a string."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str) and value.strip():
        return value
    return None


def _name(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidTagParameters()
    if len(value) > MAX_TAG_NAME_LENGTH:
        raise ParameterInvalid(
            f"Name is too long (maximum is {MAX_TAG_NAME_LENGTH} characters)", field="name"
        )
    return value


def _untag(item: Mapping[str, Any]) -> bool:
    flag = item.get("untag", False)
    if isinstance(flag, bool):
        return flag
    if flag == "true":
        return True
    if flag == "false":
        return False
    raise InvalidTagParameters()


def _items(value: Any) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not value:
        raise InvalidTagParameters()
    if not all(isinstance(item, dict) for item in value):
        raise InvalidTagParameters()
    return [_present(item) for item in value]


def _company(item: dict[str, Any]) -> CompanyRef:
    if not set(item) <= {"id", "company_id", "untag"}:
        raise InvalidTagParameters()
    id_ = _identifier(item["id"]) if "id" in item else None
    company_id = _identifier(item["company_id"]) if "company_id" in item else None
    if ("id" in item and id_ is None) or ("company_id" in item and company_id is None):
        raise InvalidTagParameters()
    if id_ is None and company_id is None:
        raise InvalidTagParameters()
    return CompanyRef(id=id_, company_id=company_id, untag=_untag(item))


def _user(item: dict[str, Any]) -> UserRef:
    if not set(item) <= {"id", "untag"}:
        raise InvalidTagParameters()
    id_ = _identifier(item.get("id"))
    if id_ is None:
        raise InvalidTagParameters()
    return UserRef(id=id_, untag=_untag(item))


def parse_tag_request(body: Any) -> TagRequest:
    """The one ``POST /tags`` shape ``body`` has.

    Raises:
        InvalidTagParameters: no name, unknown keys, both ``companies`` and ``users``, an
            ``id`` together with a list, an empty list or a malformed item.
        ParameterInvalid: a name longer than 255 characters.
    """
    if not isinstance(body, dict):
        raise InvalidTagParameters()
    data = _present(body)
    if not set(data) <= _KEYS or "name" not in data:
        raise InvalidTagParameters()
    name = _name(data["name"])
    lists = [key for key in ("companies", "users") if key in data]
    if len(lists) > 1 or (lists and "id" in data):
        raise InvalidTagParameters()
    if "companies" in data:
        return TagCompanies(name, tuple(_company(item) for item in _items(data["companies"])))
    if "users" in data:
        return TagUsers(name, tuple(_user(item) for item in _items(data["users"])))
    if "id" in data:
        tag_id = _identifier(data["id"])
        if tag_id is None:
            raise InvalidTagParameters()
        return TagRename(tag_id, name)
    return TagCreate(name)
