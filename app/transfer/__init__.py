"""Whole records in and out: the interchange JSON, CSV import, and the sample record."""
