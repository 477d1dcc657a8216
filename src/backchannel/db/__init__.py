"""Storage: declarative base, engine/session factory, tables, repository, migrations."""
