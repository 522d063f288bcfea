"""Docket's use cases, rules, exports and command line. Imports no Qt widgets."""

__version__ = "0.1.0"
