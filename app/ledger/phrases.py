"""Reading a target typed by a person: "next month", "the March meeting", "15/03/2022".

Strict by design: every accepted form is listed in ACCEPTED_FORMS, and anything else is
refused with that list. Nothing is fuzzy-parsed (dateutil's fuzzy mode reads
"item 4 of 12 May" as a date in 2004).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

from app.core.wording import short_date

ACCEPTED_FORMS = (
    "2022-03-15, 15/03/2022, 15 March 2022, March 15 2022, March 2022, end of March, "
    "next month, this month, in 10 days / 3 weeks / 2 months, next week, end of the year, "
    "today, tomorrow, next meeting, the March meeting"
)

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
MONTHS["sept"] = 9
MONTH = "(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
DAY = r"(\d{1,2})(?:st|nd|rd|th)?"


@dataclass(frozen=True)
class ResolvedTarget:
    """What a typed target means: a date and, when it names a meeting, that meeting's key."""

    date: dt.date
    meeting: str | None = None


def resolve_target(
    text: str,
    *,
    today: dt.date,
    meetings: Sequence[tuple[str, dt.date]] = (),
    dayfirst: bool = True,
) -> ResolvedTarget:
    """Read `text` as a target, relative to `today` and the body's `meetings` (key, date).

    Raises ValueError, naming the accepted forms, when the text cannot be read exactly.
    """
    phrase = _normalise(text)
    if not phrase:
        raise ValueError(f"Type a date or a phrase. Accepted: {ACCEPTED_FORMS}")
    for reader in _READERS:
        result = reader(phrase, today, sorted(meetings, key=lambda m: (m[1], m[0])), dayfirst)
        if result is not None:
            return result
    raise ValueError(f"Cannot read {text.strip()!r} as a target. Accepted: {ACCEPTED_FORMS}")


def _normalise(text: str) -> str:
    phrase = " ".join(text.strip().lower().replace(",", " ").split())
    # "by", "at", "for" and "due (by)" add nothing to the target itself.
    phrase = re.sub(r"^(due by|due|by|at|for)\s+", "", phrase)
    return re.sub(r"^(the )?end of (the )?(?=\w)", "end of ", phrase)


Meetings = list[tuple[str, dt.date]]


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _real_date(year: int, month: int, day: int, shown: str) -> ResolvedTarget:
    try:
        return ResolvedTarget(dt.date(year, month, day))
    except ValueError:
        raise ValueError(f"{shown!r} is not a real date") from None


def _numeric(
    phrase: str, today: dt.date, meetings: Meetings, dayfirst: bool
) -> ResolvedTarget | None:
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", phrase):
        return _real_date(int(m[1]), int(m[2]), int(m[3]), phrase)
    m = re.fullmatch(r"(\d{1,2})([/.-])(\d{1,2})\2(\d+)", phrase)
    if not m:
        return None
    if len(m[4]) < 4:
        raise ValueError(
            f"{phrase!r}: write the year in full (for example 2022); two-digit years are ambiguous"
        )
    if len(m[4]) > 4:
        raise ValueError(f"{phrase!r}: the year must have four digits")
    first, second = int(m[1]), int(m[3])
    day, month = (first, second) if dayfirst else (second, first)
    return _real_date(int(m[4]), month, day, phrase)


def _written(
    phrase: str, today: dt.date, meetings: Meetings, dayfirst: bool
) -> ResolvedTarget | None:
    if m := re.fullmatch(rf"{DAY} (?:of )?{MONTH} (\d+)", phrase):
        day, month, year = int(m[1]), MONTHS[m[2]], m[3]
    elif m := re.fullmatch(rf"{MONTH} {DAY} (\d+)", phrase):
        day, month, year = int(m[2]), MONTHS[m[1]], m[3]
    else:
        return None
    if len(year) != 4:
        raise ValueError(f"{phrase!r}: write the year in full (for example 2022)")
    return _real_date(int(year), month, day, phrase)


def _month(
    phrase: str, today: dt.date, meetings: Meetings, dayfirst: bool
) -> ResolvedTarget | None:
    if m := re.fullmatch(rf"(?:end of )?{MONTH} (\d{{4}})", phrase):
        return ResolvedTarget(_month_end(int(m[2]), MONTHS[m[1]]))
    if m := re.fullmatch(rf"(?:end of )?{MONTH}", phrase):
        month = MONTHS[m[1]]
        year = today.year if month >= today.month else today.year + 1
        return ResolvedTarget(_month_end(year, month))
    return None


def _relative(
    phrase: str, today: dt.date, meetings: Meetings, dayfirst: bool
) -> ResolvedTarget | None:
    fixed = {
        "today": today,
        "tomorrow": today + dt.timedelta(days=1),
        "next week": today + dt.timedelta(days=7),
        "this month": _month_end(today.year, today.month),
        "end of month": _month_end(today.year, today.month),
        "end of this month": _month_end(today.year, today.month),
        "next month": _month_end(*_year_month(today + relativedelta(months=1))),
        "end of next month": _month_end(*_year_month(today + relativedelta(months=1))),
        "end of year": dt.date(today.year, 12, 31),
        "end of this year": dt.date(today.year, 12, 31),
        "this year": dt.date(today.year, 12, 31),
        "end of next year": dt.date(today.year + 1, 12, 31),
    }
    if phrase in fixed:
        return ResolvedTarget(fixed[phrase])
    words = "|".join(NUMBER_WORDS)
    if m := re.fullmatch(rf"in (\d+|{words}) (day|week|month|year)s?", phrase):
        n = int(m[1]) if m[1].isdigit() else NUMBER_WORDS[m[1]]
        step = {"day": "days", "week": "weeks", "month": "months", "year": "years"}[m[2]]
        try:
            return ResolvedTarget(today + relativedelta(**{step: n}))
        except (OverflowError, ValueError):
            raise ValueError(f"{phrase!r} is too far ahead to be a target") from None
    return None


def _meeting(
    phrase: str, today: dt.date, meetings: Meetings, dayfirst: bool
) -> ResolvedTarget | None:
    if re.fullmatch(r"(the )?next meeting", phrase):
        later = [m for m in meetings if m[1] > today]
        if not later:
            raise ValueError(f"There is no meeting after {short_date(today)} to be the next one")
        return ResolvedTarget(later[0][1], later[0][0])
    m = re.fullmatch(rf"(?:the )?{MONTH}(?: (\d{{4}}))? meeting", phrase)
    if not m:
        return None
    month, year = MONTHS[m[1]], m[2]
    name = calendar.month_name[month] + (f" {year}" if year else "")
    found = [
        (key, day)
        for key, day in meetings
        if day.month == month and day >= today and (year is None or day.year == int(year))
    ]
    if not found:
        raise ValueError(f"There is no {name} meeting on or after {short_date(today)}")
    return ResolvedTarget(found[0][1], found[0][0])


def _year_month(day: dt.date) -> tuple[int, int]:
    return day.year, day.month


_READERS = (_numeric, _written, _month, _relative, _meeting)


DAY_FORMS = "29/03/2022, 29 Mar 2022, 29 March 2022, March 29 2022, 2022-03-29, today, yesterday"


def read_day(text: str, *, today: dt.date, dayfirst: bool = True) -> dt.date:
    """Read one exact day as a person types it (the as-of field): no months, no meetings.

    "29Mar2022" reads as "29 Mar 2022". Raises ValueError naming the accepted forms.
    """
    phrase = _normalise(text)
    if phrase in ("today", "yesterday"):
        return today - dt.timedelta(days=phrase == "yesterday")
    spaced = _normalise(re.sub(r"(?<=\d)(?=[a-z])|(?<=[a-z])(?=\d)", " ", text.lower()))
    for candidate in dict.fromkeys((phrase, spaced)):
        for reader in (_numeric, _written):
            found = reader(candidate, today, [], dayfirst)
            if found is not None:
                return found.date
    shown = text.strip()
    raise ValueError(
        f"Cannot read {shown!r} as a day. Type one of: {DAY_FORMS}"
        if shown
        else f"Type a day. Accepted: {DAY_FORMS}"
    )
