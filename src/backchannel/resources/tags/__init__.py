"""Tags resource."""
