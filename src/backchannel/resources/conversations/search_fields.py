"""The searchable conversation fields (``POST /conversations/search``, BEHAVIOR.md §5.4).

Dates compare to the exact second, ``>`` meaning "greater or equal" and ``<`` "lower or
equal" as the operation documents (§5.3, §9.5). Beyond plain columns:

* ``id`` is a string field over the numeric id: ``=``/``IN`` compare numbers, ``~ ^ $`` the
  decimal text (:func:`~backchannel.core.search.numeric_id_compare`).
* ``source.body`` is searched per word (:func:`~backchannel.core.search.words_builder` over
  ``source_words``): ``= "support"`` finds "I need support", ``= "need support"`` nothing;
  ``~``/``^``/``$`` test the words too (a word containing / starting / ending with the value),
  never the HTML markup.
* ``contact_ids``, ``teammate_ids`` (admins who wrote a part, as ``teammates`` lists them)
  and ``tag_ids`` are EXISTS conditions: ``= IN ~ ^ $`` match when any element matches,
  ``!= NIN !~`` when none does.
* ``channel_initiated`` is the channel the conversation started on: ``source.type``.
* ``conversation_rating.*`` and ``ai_agent*`` cannot be set through API 2.10, so every
  conversation lacks them: they are typed NULLs, matched only by ``= null``, ``!=``, ``NIN``
  and ``!~``. ``conversation_rating.admin_d`` (the API's spelling) is accepted beside
  ``conversation_rating.admin_id``.
* ``custom_attributes.<name>`` over the JSON column, typed by the declared conversation
  data attribute.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, Boolean, String, cast, null, select
from sqlalchemy.sql.elements import SQLColumnExpression
from sqlalchemy.types import TypeEngine

from backchannel.core.pagination import SortKey
from backchannel.core.search import (
    DateRule,
    FieldRegistry,
    FieldSpec,
    FieldType,
    exists_builder,
    field_sort_key,
    numeric_id_compare,
    text_compare,
    value_builder,
    words_builder,
)
from backchannel.db.tables import Conversation, ConversationContact, ConversationPart, Tagging
from backchannel.resources.tags.search import CONVERSATION

__all__ = ["CONVERSATION_DEFAULT_SORT", "CONVERSATION_FIELDS"]

_S, _I, _B, _D = FieldType.STRING, FieldType.INTEGER, FieldType.BOOLEAN, FieldType.DATE
_C = Conversation
_SQL_TYPES: dict[FieldType, TypeEngine[Any]] = {
    _S: String(),
    _I: BigInteger(),
    _B: Boolean(),
    _D: BigInteger(),
}


def _absent(name: str, kind: FieldType, *, aliases: tuple[str, ...] = ()) -> FieldSpec:
    """A documented field no conversation can have yet: a typed NULL."""
    nothing: SQLColumnExpression[Any] = cast(null(), _SQL_TYPES[kind])
    return FieldSpec(name, kind, nothing, sortable=False, aliases=aliases)


_contacts = select(ConversationContact.contact_id).where(
    ConversationContact.conversation_id == _C.id
)
_teammates = select(ConversationPart.author_id).where(
    ConversationPart.conversation_id == _C.id, ConversationPart.author_type == "admin"
)
_tags = select(Tagging.tag_id).where(
    Tagging.target_type == CONVERSATION, Tagging.target_id == cast(_C.id, String())
)

_STATISTICS: tuple[tuple[str, FieldType], ...] = (
    ("time_to_assignment", _I),
    ("time_to_admin_reply", _I),
    ("time_to_first_close", _I),
    ("time_to_last_close", _I),
    ("median_time_to_reply", _I),
    ("first_contact_reply_at", _D),
    ("first_assignment_at", _D),
    ("first_admin_reply_at", _D),
    ("first_close_at", _D),
    ("last_assignment_at", _D),
    ("last_assignment_admin_reply_at", _D),
    ("last_contact_reply_at", _D),
    ("last_admin_reply_at", _D),
    ("last_close_at", _D),
    ("last_closed_by_id", _S),
    ("count_reopens", _I),
    ("count_assignments", _I),
    ("count_conversation_parts", _I),
)

CONVERSATION_FIELDS = FieldRegistry(
    fields=(
        FieldSpec("id", _S, _C.id, builder=value_builder(numeric_id_compare(_C.id))),
        FieldSpec("created_at", _D, _C.created_at),
        FieldSpec("updated_at", _D, _C.updated_at),
        # Source types, delivery, author types, states and priorities are lowercase words
        # set by the server, never free text.
        FieldSpec("source.type", _S, _C.source_type, stored_lowercase=True),
        FieldSpec("source.id", _S, _C.source_id, case_insensitive=False),
        FieldSpec("source.delivered_as", _S, _C.source_delivered_as, stored_lowercase=True),
        FieldSpec("source.subject", _S, _C.source_subject),
        FieldSpec("source.body", _S, sortable=False, builder=words_builder(_C.source_words)),
        FieldSpec("source.author.id", _S, _C.source_author_id, case_insensitive=False),
        FieldSpec("source.author.type", _S, _C.source_author_type, stored_lowercase=True),
        FieldSpec("source.author.name", _S, _C.source_author_name),
        FieldSpec("source.author.email", _S, _C.source_author_email),
        FieldSpec("source.url", _S, _C.source_url),
        FieldSpec(
            "contact_ids",
            _S,
            sortable=False,
            builder=exists_builder(
                _contacts, text_compare(ConversationContact.contact_id, case_insensitive=False)
            ),
        ),
        FieldSpec(
            "teammate_ids",
            _S,
            sortable=False,
            builder=exists_builder(
                _teammates, text_compare(ConversationPart.author_id, case_insensitive=False)
            ),
        ),
        FieldSpec(
            "tag_ids",
            _S,
            sortable=False,
            builder=exists_builder(_tags, numeric_id_compare(Tagging.tag_id)),
        ),
        FieldSpec("admin_assignee_id", _I, _C.admin_assignee_id),
        FieldSpec("team_assignee_id", _I, _C.team_assignee_id),
        FieldSpec("channel_initiated", _S, _C.source_type, stored_lowercase=True),
        FieldSpec("open", _B, _C.open),
        FieldSpec("read", _B, _C.read),
        FieldSpec("state", _S, _C.state, stored_lowercase=True),
        FieldSpec("waiting_since", _D, _C.waiting_since),
        FieldSpec("snoozed_until", _D, _C.snoozed_until),
        FieldSpec("priority", _S, _C.priority, stored_lowercase=True),
        *(
            # last_closed_by_id is an admin id: compared exactly, like the other ids.
            FieldSpec(f"statistics.{name}", kind, getattr(_C, name), case_insensitive=False)
            for name, kind in _STATISTICS
        ),
        _absent("conversation_rating.requested_at", _D),
        _absent("conversation_rating.replied_at", _D),
        _absent("conversation_rating.score", _I),
        _absent("conversation_rating.remark", _S),
        _absent("conversation_rating.contact_id", _S),
        _absent("conversation_rating.admin_id", _S, aliases=("conversation_rating.admin_d",)),
        _absent("ai_agent_participated", _B),
        _absent("ai_agent.resolution_state", _S),
        _absent("ai_agent.last_answer_type", _S),
        _absent("ai_agent.rating", _I),
        _absent("ai_agent.rating_remark", _S),
        _absent("ai_agent.source_type", _S),
        _absent("ai_agent.source_title", _S),
    ),
    date_rule=DateRule.EXACT,
    id_field="id",
    custom_attributes=_C.custom_attributes,
)
"""Conversation search fields; dates to the exact second, ``>``/``<`` inclusive."""

CONVERSATION_DEFAULT_SORT: list[SortKey] = [
    field_sort_key(CONVERSATION_FIELDS.spec("created_at"), descending=True),
    field_sort_key(CONVERSATION_FIELDS.id_spec, descending=True),
]
"""Newest first: ``created_at`` descending, then ``id`` descending (as ``GET /conversations``)."""
