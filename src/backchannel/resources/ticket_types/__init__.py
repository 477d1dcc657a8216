"""Ticket types resource: ticket types and their attributes."""
