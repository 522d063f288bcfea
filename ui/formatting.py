"""How dates and counts read on screen: "28 Feb 2022", "29 days late", "in 3 days"."""

from __future__ import annotations

import datetime as dt

from app.ledger.rules import Standing


def fmt_date(day: dt.date | None, empty: str = "—") -> str:
    return day.strftime("%d %b %Y").lstrip("0") if day else empty


def fmt_when(s: Standing) -> str:
    """Where a commitment stands against its target, in words."""
    if s.row.state != "open":
        return s.row.state.capitalize()
    if s.overdue:
        return f"{s.days_overdue} day{'s' if s.days_overdue != 1 else ''} late"
    if s.days_left is None:
        return "Open-ended" if s.open_ended else "No date"
    if s.days_left == 0:
        return "Due today"
    return f"in {s.days_left} day{'s' if s.days_left != 1 else ''}"


def when_sort_key(s: Standing) -> int:
    """Most late first when sorted descending: days overdue, then days left negated."""
    if s.row.state != "open":
        return -100_000
    if s.days_left is None:
        return -50_000
    return -s.days_left
