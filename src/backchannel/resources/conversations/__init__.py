"""Conversations: contact- and admin-initiated threads of parts, their state and statistics."""
