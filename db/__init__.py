"""Docket's data layer: models, engine and sessions, migrations and queries. No Qt here."""
