"""Visitors resource."""
