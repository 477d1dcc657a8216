"""Tickets: conversations of kind ``ticket`` with a ticket type, typed attributes and states."""
