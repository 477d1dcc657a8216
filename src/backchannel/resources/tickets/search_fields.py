"""The searchable ticket fields (``POST /tickets/search``, BEHAVIOR.md §5.4).

A ticket is a conversation row of ``kind`` ``ticket`` joined to its :class:`Ticket` row, so
the fields a ticket shares with a conversation are the conversation search's own
(:data:`~backchannel.resources.conversations.search_fields.CONVERSATION_FIELDS`): ``id``,
``created_at``, ``updated_at``, ``contact_ids``, ``teammate_ids``, ``open`` and
``snoozed_until``. Dates compare to the exact second, ``>``/``<`` inclusive (§5.3, §9.5).
Beyond those:

* ``title`` and ``description`` are the ``_default_title_`` / ``_default_description_``
  ticket attributes.
* ``state`` is the ticket state (``submitted``, ``in_progress``, ...), not the conversation's;
  ``category`` the ticket's category.
* ``ticket_type_id``, ``admin_assignee_id`` and ``team_assignee_id`` are string fields over
  numeric ids (§9.7); an unassigned ticket has assignee ``"0"``, which ``= "0"`` finds.
* ``ticket_attribute.{id}`` is made per search (:func:`attribute_fields`): the value of the
  ticket type attribute with that id, typed by its data type, on tickets of its type only
  (another type's attribute of the same name is not it). An id the workspace does not have
  is ``invalid_field``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import ColumnElement, case, or_

from backchannel.core.errors import InvalidSearchField
from backchannel.core.ids import parse_numeric_id
from backchannel.core.pagination import SortKey
from backchannel.core.search import (
    DateRule,
    DynamicFields,
    FieldRegistry,
    FieldSpec,
    FieldType,
    field_sort_key,
    numeric_id_compare,
    value_builder,
)
from backchannel.core.search.fields import custom_value
from backchannel.core.search.jsonvalues import JsonMissing, JsonText
from backchannel.db.tables import Conversation, Ticket
from backchannel.resources.conversations.search_fields import CONVERSATION_FIELDS
from backchannel.resources.ticket_types.service import DEFAULT_DESCRIPTION, DEFAULT_TITLE

__all__ = [
    "ATTRIBUTE_PREFIX",
    "ATTRIBUTE_TYPES",
    "TICKET_DEFAULT_SORT",
    "TICKET_FIELDS",
    "attribute_fields",
]

_S, _I, _F, _B, _D = (
    FieldType.STRING,
    FieldType.INTEGER,
    FieldType.FLOAT,
    FieldType.BOOLEAN,
    FieldType.DATE,
)
_T = Ticket
ATTRIBUTE_PREFIX = "ticket_attribute."
ATTRIBUTE_TYPES: dict[str, FieldType] = {
    "string": _S,
    "list": _S,  # the chosen list item's id
    "files": _S,  # a list of URLs: only "has a value" tests can match
    "integer": _I,
    "decimal": _F,
    "boolean": _B,
    "datetime": _D,
}
"""How ``ticket_attribute.{id}`` is typed, by the attribute's data type."""


def _shared(name: str) -> FieldSpec:
    return CONVERSATION_FIELDS.spec(name)


def _default_attribute(name: str, key: str) -> FieldSpec:
    return FieldSpec(
        name,
        _S,
        JsonText(_T.attributes, key),
        sortable=False,
        missing=JsonMissing(_T.attributes, key),
    )


def _numeric_id(
    name: str, column: Any, *, null_as: str | None = None, read: Callable[[Any], Any] | None = None
) -> FieldSpec:
    return FieldSpec(
        name,
        _S,
        column,
        sortable=read is not None,
        read=read,
        builder=value_builder(numeric_id_compare(column, null_as=null_as)),
    )


TICKET_FIELDS = FieldRegistry(
    fields=(
        _shared("id"),
        _shared("created_at"),
        _shared("updated_at"),
        _default_attribute("title", DEFAULT_TITLE),
        _default_attribute("description", DEFAULT_DESCRIPTION),
        FieldSpec("category", _S, _T.category, read=lambda row: row.ticket_category),
        _numeric_id("ticket_type_id", _T.ticket_type_id, read=lambda row: row.ticket_type_id),
        _shared("contact_ids"),
        _shared("teammate_ids"),
        _numeric_id("admin_assignee_id", Conversation.admin_assignee_id, null_as="0"),
        _numeric_id("team_assignee_id", Conversation.team_assignee_id, null_as="0"),
        _shared("open"),
        # Ticket states are lowercase words set by the server.
        FieldSpec("state", _S, _T.state, stored_lowercase=True, read=lambda row: row.ticket_state),
        _shared("snoozed_until"),
    ),
    date_rule=DateRule.EXACT,
    id_field="id",
)
"""Ticket search fields without ``ticket_attribute.{id}`` (see :func:`attribute_fields`)."""

TICKET_DEFAULT_SORT: list[SortKey] = [
    field_sort_key(TICKET_FIELDS.spec("created_at"), descending=True),
    field_sort_key(TICKET_FIELDS.id_spec, descending=True),
]
"""Newest first: ``created_at`` descending, then ``id`` descending."""


def _attribute_field(name: str, ticket_type_id: int, key: str, kind: FieldType) -> FieldSpec:
    """The attribute ``key`` of tickets of type ``ticket_type_id``; NULL on other tickets."""
    of_type: ColumnElement[bool] = _T.ticket_type_id == ticket_type_id
    value = custom_value(_T.attributes, key, kind, any_key=True)
    return FieldSpec(
        name,
        kind,
        case((of_type, value)),
        sortable=False,
        missing=or_(~of_type, JsonMissing(_T.attributes, key, any_key=True)),
    )


def attribute_fields(attributes: Iterable[Any]) -> DynamicFields:
    """The ``ticket_attribute.{id}`` fields of one workspace, from its ticket type attribute
    rows (``id``, ``ticket_type_id``, ``name``, ``data_type``; archived ones included)."""
    declared = {row.id: (row.ticket_type_id, row.name, row.data_type) for row in attributes}

    def make(name: str, key: str, value: Any) -> FieldSpec:
        number = parse_numeric_id(key)
        found = declared.get(number) if number is not None else None
        if found is None:
            raise InvalidSearchField(name)
        ticket_type_id, attribute, data_type = found
        return _attribute_field(name, ticket_type_id, attribute, ATTRIBUTE_TYPES[data_type])

    return make
