"""A body's recurring schedule (an iCalendar RRULE) in words: "the last Tuesday of every other month".

Only the shapes committees use are put into words: every n days or weeks on given
weekdays, the nth weekday or the nth day of every n months (or of given months), a day
of given months every year, with a count, an end date or a time. Anything else gives
None, and the dialog shows the rule as written.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from app.core.wording import plural, short_date

WEEKDAYS = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}
ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth"}
BACKWARDS = {-1: "last", -2: "second-to-last", -3: "third-to-last"}
KNOWN = {
    "FREQ",
    "INTERVAL",
    "BYDAY",
    "BYSETPOS",
    "BYMONTHDAY",
    "BYMONTH",
    "COUNT",
    "UNTIL",
    "WKST",
    "BYHOUR",
    "BYMINUTE",
    "BYSECOND",
}
BYDAY = re.compile(r"([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)")
UNITS = {"DAILY": "day", "WEEKLY": "week", "MONTHLY": "month", "YEARLY": "year"}


def and_list(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def every(interval: int, unit: str) -> str:
    """'every month', 'every other month', 'every 3 months'."""
    if interval == 1:
        return f"every {unit}"
    if interval == 2:
        return f"every other {unit}"
    return "every " + plural(interval, unit)


def ordinal(n: int) -> str | None:
    """'first', 'last', 'second-to-last'; None beyond the fifth."""
    return ORDINALS.get(n) if n > 0 else BACKWARDS.get(n)


def day_of_month(n: int) -> str | None:
    """'the 1st', 'the 22nd', 'the last day', 'the second-to-last day'."""
    if n < 0:
        word = BACKWARDS.get(n)
        return f"the {word} day" if word else None
    if not 1 <= n <= 31:
        return None
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"the {n}{suffix}"


def _numbers(text: str) -> list[int] | None:
    try:
        return [int(value) for value in text.split(",")]
    except ValueError:
        return None


def _weekdays(text: str) -> list[tuple[int | None, int]] | None:
    days = []
    for value in text.split(","):
        found = BYDAY.fullmatch(value)
        if found is None:
            return None
        days.append((int(found[1]) if found[1] else None, WEEKDAYS[found[2]]))
    return days


def _nth_weekdays(days: list[tuple[int | None, int]], setpos: list[int]) -> str | None:
    """'the last Tuesday', 'the first and third Monday'; None for shapes not put in words."""
    if setpos:
        if any(n is not None for n, _ in days) or len({d for _, d in days}) != 1:
            return None
        days = [(n, days[0][1]) for n in setpos]
    if any(n is None for n, _ in days):
        return None
    if len({d for _, d in days}) == 1:
        words = [ordinal(n) for n, _ in days if n is not None]
        if None in words:
            return None
        return f"the {and_list([w for w in words if w])} {calendar.day_name[days[0][1]]}"
    parts = []
    for n, d in days:
        word = ordinal(n) if n is not None else None
        if word is None:
            return None
        parts.append(f"the {word} {calendar.day_name[d]}")
    return and_list(parts)


def _time(parts: dict[str, str]) -> str | None:
    """' at 10:00' for one BYHOUR (and BYMINUTE); '' for none; None for several."""
    hour, minute = parts.get("BYHOUR"), parts.get("BYMINUTE", "0")
    if hour is None:
        return "" if "BYMINUTE" not in parts else None
    if not (hour.isdigit() and minute.isdigit()) or int(hour) > 23 or int(minute) > 59:
        return None
    return f" at {int(hour):02d}:{int(minute):02d}"


def _end(parts: dict[str, str]) -> str | None:
    """', 6 times' or ', until 31 Dec 2022'; '' for no end."""
    if "COUNT" in parts:
        count = parts["COUNT"]
        if not count.isdigit():
            return None
        return ", once" if int(count) == 1 else ", " + plural(int(count), "time")
    if "UNTIL" in parts:
        try:
            until = dt.datetime.strptime(parts["UNTIL"][:8], "%Y%m%d").date()
        except ValueError:
            return None
        return f", until {short_date(until)}"
    return ""


def rule_in_words(rule: str | None) -> str | None:
    """The schedule as a member would say it, or None when it is not a shape put in words."""
    if not rule:
        return None
    text = rule.strip().upper().removeprefix("RRULE:")
    parts: dict[str, str] = {}
    for part in text.split(";"):
        name, sep, value = part.partition("=")
        if not sep or name in parts or name not in KNOWN:
            return None
        parts[name] = value
    freq = parts.get("FREQ")
    interval_text = parts.get("INTERVAL", "1")
    if freq not in UNITS or not interval_text.isdigit() or int(interval_text) < 1:
        return None
    interval = int(interval_text)
    days = _weekdays(parts["BYDAY"]) if "BYDAY" in parts else []
    setpos = _numbers(parts["BYSETPOS"]) if "BYSETPOS" in parts else []
    monthdays = _numbers(parts["BYMONTHDAY"]) if "BYMONTHDAY" in parts else []
    months = _numbers(parts["BYMONTH"]) if "BYMONTH" in parts else []
    if days is None or setpos is None or monthdays is None or months is None:
        return None
    if any(not 1 <= m <= 12 for m in months) or "BYSECOND" in parts:
        return None
    what = _what(freq, interval, days, setpos, monthdays, months)
    time, end = _time(parts), _end(parts)
    if what is None or time is None or end is None:
        return None
    return what + time + end


def _what(
    freq: str,
    interval: int,
    days: list[tuple[int | None, int]],
    setpos: list[int],
    monthdays: list[int],
    months: list[int],
) -> str | None:
    month_names = and_list([calendar.month_name[m] for m in months]) if months else ""
    plain_days = [calendar.day_name[d] for n, d in days if n is None]
    if freq in ("DAILY", "WEEKLY"):
        if setpos or monthdays or months or len(plain_days) != len(days):
            return None
        if not days:
            return every(interval, UNITS[freq])
        if freq == "DAILY" and interval != 1:
            return None
        if interval <= 2:
            return every(interval, and_list(plain_days))
        return f"every {interval} weeks, on {and_list(plain_days)}"
    if freq == "MONTHLY":
        if months and interval != 1:
            return None
        period = month_names if months else every(interval, "month")
        if days and not monthdays:
            nth = _nth_weekdays(days, setpos)
            return f"{nth} of {period}" if nth else None
        if monthdays and not days and not setpos:
            named = [day_of_month(n) for n in monthdays]
            if None in named:
                return None
            return "the " + and_list([w.removeprefix("the ") for w in named if w]) + f" of {period}"
        if not (days or monthdays or setpos):
            return f"{period}, on the day of the first meeting" if not months else None
        return None
    # YEARLY
    if not months or (setpos and not days):
        return every(interval, "year") if not (months or days or monthdays or setpos) else None
    period = "every year" if interval == 1 else every(interval, "year")
    if days and not monthdays:
        nth = _nth_weekdays(days, setpos)
        return f"{nth} of {month_names}, {period}" if nth else None
    if monthdays and not days and len(months) == 1 and len(monthdays) == 1:
        day = day_of_month(monthdays[0])
        return f"{day} of {month_names}, {period}" if day else None
    return None


def sentence(rule: str | None) -> str:
    """The rule in words as a sentence ("The last Tuesday of every other month"), or ""."""
    words = rule_in_words(rule)
    return words[0].upper() + words[1:] if words else ""
