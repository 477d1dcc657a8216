"""Data attributes resource."""
