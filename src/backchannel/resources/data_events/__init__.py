"""Data events resource."""
