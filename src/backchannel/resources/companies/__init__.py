"""Companies resource."""
