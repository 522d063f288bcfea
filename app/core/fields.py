"""Checks and normalisation for the values users type: text, dates, times, votes, keys."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from dateutil.relativedelta import relativedelta
from dateutil.rrule import rrulestr

from app.core.errors import Invalid

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
HH_MM = re.compile(r"([01]\d|2[0-3]):[0-5]\d")
MAX_TEXT = 10_000
# Meeting keys add "-YYYY-MM-DD-n" to a body key; all fit the key columns (120).
KEY_MAX = 100
# Votes and positions: far above any committee, far below any database integer limit.
MAX_COUNT = 1_000_000


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
    """An iCalendar RRULE such as `FREQ=MONTHLY;BYDAY=-1TU`; empty means no schedule."""
    rule = text(value, field, max_len=400)
    if not rule:
        return None
    if rule.upper().startswith("RRULE:"):
        rule = rule[6:]
    parts = dict(part.partition("=")[::2] for part in rule.upper().split(";"))
    for name in ("INTERVAL", "COUNT"):
        # dateutil accepts INTERVAL=0 and then loops forever looking for a date.
        if name in parts and not (parts[name].isdigit() and int(parts[name]) >= 1):
            raise Invalid(field, f"{name} must be a whole number of 1 or more in {rule!r}")
    start = dt.datetime(2000, 1, 1)
    try:
        parsed = rrulestr(rule, dtstart=start)
    except (ValueError, TypeError) as exc:
        raise Invalid(field, f"{rule!r} is not an iCalendar RRULE ({exc})") from None
    if not parsed.between(start, start + relativedelta(years=10), inc=True):
        raise Invalid(field, f"{rule!r} never gives a meeting date")
    return rule


def key(value: object, field: str) -> str:
    """A stable text id: non-empty, no surrounding or inner whitespace."""
    result = text(value, field, required=True, max_len=KEY_MAX)
    if any(ch.isspace() for ch in result):
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
