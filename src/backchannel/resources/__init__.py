"""Resource packages, one per URL segment. Each exposes ``OPERATIONS`` from its routes."""

from __future__ import annotations

from backchannel.core.http import Operation
from backchannel.jobs import JobHandler
from backchannel.resources.admins.routes import OPERATIONS as _ADMINS
from backchannel.resources.articles.routes import OPERATIONS as _ARTICLES
from backchannel.resources.companies.links import COMPANY_RELATION
from backchannel.resources.companies.routes import OPERATIONS as _COMPANIES
from backchannel.resources.contacts import relations
from backchannel.resources.contacts.routes import OPERATIONS as _CONTACTS
from backchannel.resources.conversations.relation import CONVERSATION_RELATION
from backchannel.resources.conversations.routes import OPERATIONS as _CONVERSATIONS
from backchannel.resources.data_attributes.routes import OPERATIONS as _DATA_ATTRIBUTES
from backchannel.resources.data_events.relation import DATA_EVENT_RELATION
from backchannel.resources.data_events.routes import OPERATIONS as _DATA_EVENTS
from backchannel.resources.data_export.routes import JOB_HANDLERS as _DATA_EXPORT_JOBS
from backchannel.resources.data_export.routes import OPERATIONS as _DATA_EXPORT
from backchannel.resources.help_center.routes import OPERATIONS as _HELP_CENTER
from backchannel.resources.messages.routes import OPERATIONS as _MESSAGES
from backchannel.resources.news.routes import OPERATIONS as _NEWS
from backchannel.resources.notes.relation import NOTE_RELATION
from backchannel.resources.notes.routes import OPERATIONS as _NOTES
from backchannel.resources.phone_switch.routes import OPERATIONS as _PHONE_SWITCH
from backchannel.resources.segments.routes import OPERATIONS as _SEGMENTS
from backchannel.resources.subscription_types.relation import SUBSCRIPTION_RELATION
from backchannel.resources.subscription_types.routes import OPERATIONS as _SUBSCRIPTION_TYPES
from backchannel.resources.tags.relation import TAG_RELATION
from backchannel.resources.tags.routes import OPERATIONS as _TAGS
from backchannel.resources.teams.routes import OPERATIONS as _TEAMS
from backchannel.resources.ticket_types.routes import OPERATIONS as _TICKET_TYPES
from backchannel.resources.tickets.routes import OPERATIONS as _TICKETS
from backchannel.resources.visitors.routes import OPERATIONS as _VISITORS

__all__ = ["JOB_HANDLERS", "OPERATIONS"]

OPERATIONS: list[Operation] = [
    *_ADMINS,
    *_TEAMS,
    *_CONTACTS,
    *_COMPANIES,
    *_TAGS,
    *_NOTES,
    *_SEGMENTS,
    *_SUBSCRIPTION_TYPES,
    *_DATA_ATTRIBUTES,
    *_DATA_EVENTS,
    *_DATA_EXPORT,
    *_VISITORS,
    *_CONVERSATIONS,
    *_PHONE_SWITCH,
    *_MESSAGES,
    *_TICKET_TYPES,
    *_TICKETS,
    *_HELP_CENTER,
    *_ARTICLES,
    *_NEWS,
]

# Background job kinds and their handlers, run by backchannel.jobs runners.
JOB_HANDLERS: dict[str, JobHandler] = {**_DATA_EXPORT_JOBS}

relations.register(TAG_RELATION)
relations.register(NOTE_RELATION)
relations.register(COMPANY_RELATION)
relations.register(DATA_EVENT_RELATION)
relations.register(SUBSCRIPTION_RELATION)
relations.register(CONVERSATION_RELATION)
