"""Contacts resource."""
