"""Shared kernel: errors, ids, clock, auth, pagination, search. Imports no resource."""
