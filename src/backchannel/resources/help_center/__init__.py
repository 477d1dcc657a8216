"""Help Center resource: help centers (read-only) and their collections and sections."""
