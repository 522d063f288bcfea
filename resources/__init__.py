"""Docket's resources: icons, stylesheet, brief templates and the sample record."""
