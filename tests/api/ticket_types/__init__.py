"""Ticket types and ticket type attributes: /ticket_types and /ticket_types/{id}/attributes."""
