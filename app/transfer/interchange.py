"""The interchange JSON of DESIGN.md: its version, sections and fields, a checked plan, a refusal."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.core.errors import DomainError
from app.core.wording import RECORD_WORDS, plural

FORMAT_VERSION = 1
# Each section's fields, in the order an export writes them.
FIELDS: dict[str, tuple[str, ...]] = {
    "bodies": ("key", "name", "short_name", "schedule"),
    "meetings": ("key", "body", "date", "time", "title", "status", "location", "notes"),
    "agenda_items": (
        "meeting",
        "position",
        "title",
        "lead",
        "details",
        "outcome",
        "decision",
        "votes_for",
        "votes_against",
        "votes_abstaining",
        "status",
    ),
    "owners": ("name", "kind"),
    "commitments": (
        "key",
        "title",
        "owner",
        "body",
        "status",
        "status_on",
        "details",
        "source",
    ),
    "promises": ("commitment", "recorded_on", "target", "by", "reason", "source"),
    "notes": ("commitment", "recorded_on", "text", "source"),
    "meeting_changes": (
        "meeting",
        "recorded_on",
        "previous_date",
        "previous_status",
        "reason",
        "source",
    ),
}
SECTIONS = tuple(FIELDS)


class ImportRefused(DomainError):
    """The file cannot be imported; `problems` lists each one with its place."""

    def __init__(self, problems: list[str]) -> None:
        more = len(problems) - 1
        suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        super().__init__(problems[0] + suffix)
        self.problems = problems


@dataclass
class ImportPlan:
    """The checked content of a file, ready to write. Values are normalised Python types."""

    bodies: list[dict[str, Any]] = field(default_factory=list)
    meetings: list[dict[str, Any]] = field(default_factory=list)
    agenda_items: list[dict[str, Any]] = field(default_factory=list)
    owners: list[dict[str, Any]] = field(default_factory=list)
    commitments: list[dict[str, Any]] = field(default_factory=list)
    promises: list[dict[str, Any]] = field(default_factory=list)
    notes: list[dict[str, Any]] = field(default_factory=list)
    meeting_changes: list[dict[str, Any]] = field(default_factory=list)
    attachments: list[dict[str, Any]] = field(default_factory=list)  # interchange_attachments

    def counts(self) -> dict[str, int]:
        return {name: len(getattr(self, name)) for name in SECTIONS}

    def summary(self) -> str:
        """'2 bodies, 7 meetings, …': every section, a meeting's changes only when there are any."""
        counts = self.counts()
        if not counts["meeting_changes"]:
            del counts["meeting_changes"]
        parts = [
            plural(n, RECORD_WORDS[name], name.replace("_", " ")) for name, n in counts.items()
        ]
        if self.attachments:
            parts.append(plural(len(self.attachments), "attached file"))
        return ", ".join(parts)
