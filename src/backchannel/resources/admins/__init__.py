"""Admins resource."""
