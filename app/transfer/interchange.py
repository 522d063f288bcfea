"""The interchange JSON of DESIGN.md: its version, sections and fields, a checked plan, a refusal."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from app.core.errors import DomainError
from app.core.wording import RECORD_WORDS, plural

if TYPE_CHECKING:
    from app.transfer.spool import Spool

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
    """What a checked file holds: how many entries of each section, and the owners it names.

    The checked rows themselves are never all in memory: they wait in `spool` (temporary
    files, one a section) until they are written, and only the keys that later checks and
    references need are kept.
    """

    sizes: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SECTIONS, 0))
    owner_kinds: dict[str, str | None] = field(default_factory=dict)  # every owner named
    spool: Spool | None = field(default=None, compare=False, repr=False)

    def counts(self) -> dict[str, int]:
        return {**self.sizes, "owners": len(self.owner_kinds)}

    def summary(self) -> str:
        """'2 bodies, 7 meetings, …': every section, a meeting's changes only when there are any."""
        counts = self.counts()
        if not counts["meeting_changes"]:
            del counts["meeting_changes"]
        files = counts.pop("attachments", 0)  # named only when the file holds any
        parts = [
            plural(n, RECORD_WORDS[name], name.replace("_", " ")) for name, n in counts.items()
        ]
        return ", ".join([*parts, plural(files, "attached file")] if files else parts)

    def close(self) -> None:
        """Let the spooled rows go (their temporary files are deleted)."""
        if self.spool is not None:
            self.spool.close()
            self.spool = None
