"""How a commitment's standing reads: "29 days late", "in 3 days", "Open-ended", "Delivered".

One wording for the app, the brief, the terminal table and the exported lists, so a
member reads the same words wherever a commitment's standing is shown.
"""

from __future__ import annotations

from app.core.wording import days_late, days_left, plural
from app.ledger.rules import Standing


def when(s: Standing) -> str:
    """Where a commitment stands against its target, in words."""
    if s.row.state != "open":
        return s.row.state.capitalize()
    if s.overdue:
        return days_late(s.days_overdue)
    if s.days_left is None:
        return no_date_for(s) if s.open_ended else "No date"
    return days_left(s.days_left)


def no_date_for(s: Standing) -> str:
    """'No date for 4 months': how long an open-ended promise has waited for a date."""
    days = (s.as_of - s.row.first_promised_on).days
    months = int(days / 30.44)
    if months >= 24:
        return f"No date for {plural(months // 12, 'year')}"
    return f"No date for {plural(months, 'month')}"


def when_sort_key(s: Standing) -> int:
    """Most late first when sorted descending: days overdue, then days left negated."""
    if s.row.state != "open":
        return -100_000
    if s.days_left is None:
        return -50_000
    return -s.days_left
