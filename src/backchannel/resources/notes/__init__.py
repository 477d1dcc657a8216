"""Notes resource."""
