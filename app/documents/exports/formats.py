"""The file formats of an exported list, and which one a file name asks for.

Kept apart from the exporters so that reading a command line imports none of them.
"""

from __future__ import annotations

from pathlib import Path

FORMATS = ("csv", "xlsx", "pdf", "ics", "json")
BINARY_FORMATS = frozenset({"xlsx", "pdf"})  # never written to a terminal
# A CSV's two forms: headers and values for people (the default, as in the XLSX), or the
# JSON's keys and values for scripts.
COLUMN_FORMS = ("people", "keys")


def format_for(path: Path) -> str | None:
    """The export format a file name asks for by its suffix, if it is one of ours."""
    suffix = Path(path).suffix.lower().lstrip(".")
    return suffix if suffix in FORMATS else None
