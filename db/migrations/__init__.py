"""Alembic migrations of the Docket schema."""
