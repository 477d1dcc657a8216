"""Subscription types resource."""
