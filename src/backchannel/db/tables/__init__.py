"""Every ORM table, in one place and one metadata (Alembic reads ``Base.metadata``)."""

from __future__ import annotations

from backchannel.db.base import Base
from backchannel.db.tables._activity_log import ActivityLog
from backchannel.db.tables._admin import Admin, Team, TeamMembership
from backchannel.db.tables._company import Company, CompanyContact, CompanyScroll, Plan
from backchannel.db.tables._contact import Contact
from backchannel.db.tables._conversation import (
    AssignmentRule,
    Conversation,
    ConversationContact,
    ConversationPart,
)
from backchannel.db.tables._data_attribute import DataAttribute
from backchannel.db.tables._event import DataEvent, DataEventSummary
from backchannel.db.tables._help_center import (
    Article,
    ArticleTranslation,
    HelpCenter,
    HelpCenterCollection,
)
from backchannel.db.tables._job import Job, JobOutput
from backchannel.db.tables._news import Newsfeed, NewsfeedAssignment, NewsItem
from backchannel.db.tables._note import Note
from backchannel.db.tables._phone_switch import PhoneCallRedirect
from backchannel.db.tables._segment import Segment
from backchannel.db.tables._subscription import ContactSubscription, SubscriptionType
from backchannel.db.tables._tag import Tag, Tagging
from backchannel.db.tables._ticket import Ticket
from backchannel.db.tables._ticket_type import TicketType, TicketTypeAttribute
from backchannel.db.tables._visitor import Visitor
from backchannel.db.tables._workspace import AccessToken, Workspace

__all__ = [
    "AccessToken",
    "ActivityLog",
    "Admin",
    "Article",
    "ArticleTranslation",
    "AssignmentRule",
    "Base",
    "Company",
    "CompanyContact",
    "CompanyScroll",
    "Contact",
    "ContactSubscription",
    "Conversation",
    "ConversationContact",
    "ConversationPart",
    "DataAttribute",
    "DataEvent",
    "DataEventSummary",
    "HelpCenter",
    "HelpCenterCollection",
    "Job",
    "JobOutput",
    "NewsItem",
    "Newsfeed",
    "NewsfeedAssignment",
    "Note",
    "PhoneCallRedirect",
    "Plan",
    "Segment",
    "SubscriptionType",
    "Tag",
    "Tagging",
    "Team",
    "TeamMembership",
    "Ticket",
    "TicketType",
    "TicketTypeAttribute",
    "Visitor",
    "Workspace",
]
