"""Messages resource: ``POST /messages`` (admin-initiated outbound, and the legacy
contact-initiated form)."""
