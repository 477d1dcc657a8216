"""Segments resource."""
