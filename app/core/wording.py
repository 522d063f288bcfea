"""How dates and counts read for people, in the app, the brief and every export meant for people.

One place, so "29 Mar 2022" and "29 days late" read the same everywhere; machine formats
(JSON, ICS, the CSV date columns) keep ISO dates.
"""

from __future__ import annotations

import datetime as dt

# A table of the record, as a member names one of its rows.
RECORD_WORDS = {
    "bodies": "body",
    "meetings": "meeting",
    "meeting_changes": "meeting change",
    "agenda_items": "agenda item",
    "owners": "owner",
    "commitments": "commitment",
    "promises": "promise",
    "notes": "note",
}


def short_date(day: dt.date | None, empty: str = "—") -> str:
    """'29 Mar 2022'."""
    return f"{day.day} {day.strftime('%b %Y')}" if day else empty


def long_date(day: dt.date | None, empty: str = "") -> str:
    """'Tuesday 29 March 2022'."""
    return f"{day.strftime('%A')} {day.day} {day.strftime('%B %Y')}" if day else empty


def weekday_date(day: dt.date | None, empty: str = "—") -> str:
    """'Tue 29 Mar 2022'."""
    return f"{day.strftime('%a')} {day.day} {day.strftime('%b %Y')}" if day else empty


def plural(count: int, word: str, words: str | None = None) -> str:
    """'1 meeting', '3 meetings', '2 people' (with `words`)."""
    return f"{count:,} {word if count == 1 else (words or word + 's')}"


def days_late(days: int) -> str:
    """'1 day late', '29 days late'."""
    return plural(days, "day") + " late"


def days_left(days: int) -> str:
    """'Due today', 'in 1 day', 'in 3 days'."""
    return "Due today" if days == 0 else "in " + plural(days, "day")


def votes(for_: int | None, against: int | None, abstaining: int | None) -> str:
    """'20–11' or '20–11–2' (for–against–abstaining); empty when no count was recorded."""
    counts = [for_, against] + ([abstaining] if abstaining is not None else [])
    if all(c is None for c in counts):
        return ""
    return "–".join("?" if c is None else str(c) for c in counts)
