"""Checks and normalisation for the values users type: text, dates, times, votes, keys."""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from typing import TypeVar

from dateutil.relativedelta import relativedelta
from dateutil.rrule import DAILY, MONTHLY, WEEKLY, YEARLY, rrule, rrulestr

from app.core.errors import Invalid

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
HH_MM = re.compile(r"([01]\d|2[0-3]):[0-5]\d")
SPACE = re.compile(r"\s")  # what str.isspace() calls whitespace
MAX_TEXT = 10_000
# Meeting keys add "-YYYY-MM-DD-n" to a body key; all fit the key columns (120).
KEY_MAX = 100
# Votes and positions: far above any committee, far below any database integer limit.
MAX_COUNT = 1_000_000

# Schedules (RRULEs) give meeting days, at most one a day; these keep every walk short.
SCHEDULE_FREQUENCIES = {"YEARLY": YEARLY, "MONTHLY": MONTHLY, "WEEKLY": WEEKLY, "DAILY": DAILY}
RULE_PARTS = frozenset(
    [
        "FREQ",
        "UNTIL",
        "COUNT",
        "INTERVAL",
        "WKST",
        "BYSETPOS",
        "BYMONTH",
        "BYMONTHDAY",
        "BYYEARDAY",
        "BYWEEKNO",
        "BYDAY",
        "BYHOUR",
        "BYMINUTE",
        "BYSECOND",
    ]
)
TIME_OF_DAY_PARTS = frozenset(["BYHOUR", "BYMINUTE", "BYSECOND"])
MAX_INTERVAL = 1_000
MAX_RULE_VALUES = 31
SCHEDULE_CHECK_YEARS = 10
# The calendar repeats every 400 years: 4,800 months, 146,097 days, 20,871 whole weeks.
CYCLE_YEARS = 400
PERIODS_PER_CYCLE = {YEARLY: 400, MONTHLY: 4_800, WEEKLY: 20_871, DAILY: 146_097}
LAST_WALK_YEAR = 9_990  # windows are moved no nearer than this to dateutil's end, 9999
_Day = TypeVar("_Day", dt.date, dt.datetime)


def text(value: object, field: str, *, required: bool = False, max_len: int = 400) -> str:
    """Stripped text; refuses non-strings, over-long text and (when required) empty text."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise Invalid(field, "must be text")
    value = value.strip()
    if required and not value:
        raise Invalid(field, "must not be empty")
    if len(value) > max_len:
        raise Invalid(field, f"is too long ({len(value)} characters; at most {max_len})")
    if "\x00" in value:
        raise Invalid(field, "contains a NUL character")
    return value


def long_text(value: object, field: str, *, required: bool = False) -> str:
    return text(value, field, required=required, max_len=MAX_TEXT)


def iso_date(value: object, field: str) -> dt.date:
    """A date given as a `datetime.date` or strictly as `YYYY-MM-DD`."""
    if isinstance(value, dt.datetime):
        raise Invalid(field, "must be a date, not a date and time")
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not ISO_DATE.fullmatch(value):
        raise Invalid(field, f"{value!r} is not a date in the form YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise Invalid(field, f"{value!r} is not a real date") from None


def optional_date(value: object, field: str) -> dt.date | None:
    return None if value is None or value == "" else iso_date(value, field)


def clock_time(value: object, field: str) -> dt.time | None:
    """A time of day as `datetime.time` or `HH:MM`; empty means none."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.time):
        return value.replace(second=0, microsecond=0)
    if not isinstance(value, str) or not HH_MM.fullmatch(value):
        raise Invalid(field, f"{value!r} is not a time in the form HH:MM")
    return dt.time.fromisoformat(value)


def count(value: object, field: str) -> int | None:
    """A vote count: a whole number, zero or more, or none."""
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise Invalid(field, f"{value!r} is not a whole number")
    if value < 0:
        raise Invalid(field, "must not be negative")
    if value > MAX_COUNT:
        raise Invalid(field, f"{value} is too large (at most {MAX_COUNT})")
    return value


def position(value: object, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_COUNT:
        raise Invalid(field, f"{value!r} is not a position (1, 2, 3, ...)")
    return value


def choice(value: object, field: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise Invalid(field, f"{value!r} is not one of {', '.join(allowed)}")
    return str(value)


def schedule(value: object, field: str) -> str | None:
    """An iCalendar RRULE such as `FREQ=MONTHLY;BYDAY=-1TU`; empty means no schedule.

    Refused unless it gives a meeting date within ten years: checking that walks the rule,
    and `schedule_rule` and `schedule_days` keep every walk short, whatever the rule says.
    """
    rule = text(value, field, max_len=400)
    if not rule:
        return None
    if rule.upper().startswith("RRULE:"):
        rule = rule[6:]
    reason = _schedule_refusal(rule)
    if reason is not None:
        raise Invalid(field, reason)
    return rule


@lru_cache(maxsize=512)
def _schedule_refusal(rule: str) -> str | None:
    """Why `rule` is no schedule, or None; kept, as one file may repeat a rule many times."""
    start = dt.date(2000, 1, 1)
    try:
        parsed = schedule_rule(rule, "", anchor=start)
    except Invalid as exc:
        return exc.reason
    end = start + relativedelta(years=SCHEDULE_CHECK_YEARS)
    if next(schedule_days(parsed, start, end), None) is None:
        return f"{rule!r} never gives a meeting date"
    return None


def schedule_rule(rule: str, field: str, *, anchor: dt.date) -> rrule:
    """The RRULE parsed, its phase fixed by `anchor`, within the bounds of a meeting schedule.

    A schedule gives meeting days, at most one a day: nothing more often than daily, at
    most one time of day, few values in each BY part, INTERVAL of 1 to 1000, and COUNT or
    UNTIL but not both. Each refusal is one line that says what to change.
    """
    parts = [part.partition("=") for part in rule.upper().split(";")]
    given = {name: value for name, _, value in parts}
    for name in ("INTERVAL", "COUNT"):
        # dateutil accepts INTERVAL=0 and then loops forever looking for a date.
        if name in given and not (given[name].isdigit() and int(given[name]) >= 1):
            raise Invalid(field, f"{name} must be a whole number of 1 or more in {rule!r}")
    if "COUNT" in given and "UNTIL" in given:
        raise Invalid(field, f"{rule!r} gives both COUNT and UNTIL; give one of them")
    try:
        parsed = rrulestr(rule, dtstart=dt.datetime.combine(anchor, dt.time()))
    except (ValueError, TypeError, OverflowError) as exc:
        if "FREQ" not in given and all(sep for _, sep, _ in parts):
            raise Invalid(
                field, f"{rule!r} gives no FREQ (DAILY, WEEKLY, MONTHLY or YEARLY)"
            ) from None
        raise Invalid(field, f"{rule!r} is not an iCalendar RRULE ({exc})") from None
    if not isinstance(parsed, rrule) or any(ch.isspace() or ch == ":" for ch in rule):
        raise Invalid(field, f"{rule!r} must be one RRULE line, without DTSTART or spaces")
    names = [name for name, _, _ in parts]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise Invalid(field, f"{', '.join(repeated)} appears twice in {rule!r}")
    unknown = sorted(set(names) - RULE_PARTS)
    if unknown:
        raise Invalid(field, f"{', '.join(unknown)} is not an iCalendar RRULE part")
    if given["FREQ"] not in SCHEDULE_FREQUENCIES:
        raise Invalid(
            field,
            f"FREQ={given['FREQ']} is more often than daily; a schedule gives meeting days"
            " (FREQ=DAILY, WEEKLY, MONTHLY or YEARLY)",
        )
    if int(given.get("INTERVAL", "1")) > MAX_INTERVAL:
        raise Invalid(field, f"INTERVAL must be at most {MAX_INTERVAL} in {rule!r}")
    for name, value in given.items():
        if not name.startswith("BY"):
            continue
        most = 1 if name in TIME_OF_DAY_PARTS else MAX_RULE_VALUES
        if len(value.split(",")) > most:
            what = "one time of day" if most == 1 else f"at most {most} values"
            raise Invalid(field, f"{name} may give {what} in a schedule")
    return parsed


def schedule_days(rule: rrule, start: dt.date, end: dt.date) -> Iterator[dt.date]:
    """The days from `start` to `end` (both included) that `rule` gives, in order.

    dateutil walks a rule period by period, and stops only at a date past the end, at its
    COUNT or UNTIL, or at the year 9999: a rule that gives nothing more walks to 9999
    (millions of days for a daily one). The Gregorian calendar repeats every 400 years, so
    the walk is moved by whole cycles (as many as keep the rule's INTERVAL in step): its
    start forward to the cycle before `start`, unless COUNT counts from the anchor, and the
    whole window towards the year 9999, so that it never walks more than a cycle or so.
    """
    freq, interval = rule._freq, rule._interval  # dateutil keeps these private; stable in practice
    step = CYCLE_YEARS * (interval // math.gcd(interval, PERIODS_PER_CYCLE[freq]))
    anchor: dt.datetime = rule._dtstart
    forward = 0 if rule._count is not None else max(0, (start.year - anchor.year - 1) // step)
    later = max(0, (LAST_WALK_YEAR - end.year) // step) * step
    until: dt.datetime | None = rule._until
    if until is not None and until.date() >= end:
        until = None  # an UNTIL after the window changes nothing in it
    moved = rule.replace(
        dtstart=_years_on(anchor, forward * step + later),
        until=None if until is None else _years_on(until, later),
    )
    first = dt.datetime.combine(_years_on(start, later), dt.time())
    last = _years_on(end, later)
    try:
        for occurrence in moved.xafter(first, inc=True):
            day: dt.date = occurrence.date()
            if day > last:
                return
            yield _years_on(day, -later)
    except (ValueError, OverflowError):
        return  # dateutil ran into the year 9999


def _years_on(day: _Day, years: int) -> _Day:
    # Whole 400-year cycles only: 29 February stays a leap day.
    return day.replace(year=day.year + years) if years else day


def key(value: object, field: str) -> str:
    """A stable text id: non-empty, no surrounding or inner whitespace."""
    result = text(value, field, required=True, max_len=KEY_MAX)
    if SPACE.search(result):
        raise Invalid(field, f"{result!r} must not contain spaces")
    return result


def slug(value: str, fallback: str = "item") -> str:
    """A readable key made from a title: `Forde Report shared` → `forde-report-shared`."""
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    result = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return result[:60].rstrip("-") or fallback


def meeting_key_base(body_key: str, day: dt.date) -> str:
    """`nec-2022-03-29`; a long body key is cut so the key (with a `-n` suffix) still fits."""
    return f"{body_key[: KEY_MAX - 15]}-{day.isoformat()}"
