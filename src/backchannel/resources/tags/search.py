"""``tag_id`` in contact search: an EXISTS over the contact's taggings.

Kept apart from the service so the contact search fields can use it without importing the
tag service (which itself uses the contact service).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, exists, false, not_

from backchannel.core.ids import parse_numeric_id
from backchannel.core.search import Operator
from backchannel.db.tables import Contact, Tagging

__all__ = ["CONTACT", "CONVERSATION", "TICKET", "contact_tag_condition"]

CONTACT = "contact"
"""``Tagging.target_type`` of a tag applied to a contact."""

CONVERSATION = "conversation"
"""``Tagging.target_type`` of a tag applied to a conversation (target id: the number as text)."""

TICKET = "ticket"
"""``Tagging.target_type`` of a tag applied to a ticket (target id: the ticket's ``id`` as text)."""


def contact_tag_condition(op: Operator, value: Any) -> ColumnElement[bool]:
    """The condition for ``tag_id <op> value`` on the searched contacts.

    ``=`` matches contacts carrying the tag, ``!=`` those without it. A value that is not
    a tag id (ids arrive as strings or integers) matches no contact with ``=``. ``= null``
    means "has no tag at all", ``!= null`` "has at least one".
    """
    any_tag = exists().where(Tagging.target_type == CONTACT, Tagging.target_id == Contact.id)
    if value is None:
        return not_(any_tag) if op is Operator.EQ else any_tag
    tag_id = parse_numeric_id(value)
    tagged: ColumnElement[bool] = (
        false() if tag_id is None else any_tag.where(Tagging.tag_id == tag_id)
    )
    return tagged if op is Operator.EQ else not_(tagged)
