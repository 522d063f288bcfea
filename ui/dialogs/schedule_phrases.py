"""A body's schedule typed in words ("the last Tuesday of every other month") read into
the iCalendar rule Docket keeps.

It reads back every phrase `schedule_words.rule_in_words` writes, and a few ways people
say the same ("every week on Tuesday", "monthly", "fortnightly"). A phrase it cannot read
gives None; the form then says so in words.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from PySide6.QtCore import QCoreApplication

from app.core import fields
from app.core.errors import Invalid
from app.ledger.phrases import read_day
from ui.dialogs.schedule_words import rule_in_words

DAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
DAYS |= {name[:3].lower(): i for name, i in list(DAYS.items())}
CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS |= {name[:3].lower(): i for name, i in list(MONTHS.items())}
NTH = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "fifth": 5,
    "5th": 5,
    "last": -1,
    "second-to-last": -2,
    "penultimate": -2,
    "third-to-last": -3,
}
UNITS = {"day": "DAILY", "week": "WEEKLY", "month": "MONTHLY", "year": "YEARLY"}
ALONE = {
    "daily": ("DAILY", 1),
    "weekly": ("WEEKLY", 1),
    "fortnightly": ("WEEKLY", 2),
    "monthly": ("MONTHLY", 1),
    "bimonthly": ("MONTHLY", 2),
    "bi-monthly": ("MONTHLY", 2),
    "quarterly": ("MONTHLY", 3),
    "yearly": ("YEARLY", 1),
    "annually": ("YEARLY", 1),
}
EXAMPLES = (
    "the last Tuesday of every other month",
    "the first Monday of every month",
    "every week on Tuesday",
)


def _split(text: str) -> list[str]:
    """'a, b and c' → ['a', 'b', 'c']."""
    return [item.strip() for item in re.split(r",\s*|\s+and\s+", text) if item.strip()]


def _interval(text: str) -> tuple[str, int] | None:
    """'every other month' → ('MONTHLY', 2); 'monthly' → ('MONTHLY', 1)."""
    if text in ALONE:
        return ALONE[text]
    found = re.fullmatch(r"every(?: (other|second|\d+))? (day|week|month|year)s?", text)
    if found is None:
        return None
    how_often = found[1]
    if how_often is None:
        interval = 1
    elif how_often in ("other", "second"):
        interval = 2
    else:
        interval = int(how_often)
    return (UNITS[found[2]], interval) if interval >= 1 else None


def _weekdays(text: str) -> list[int] | None:
    """'Monday and Thursday' (or 'Mondays', 'Mon') → [0, 3]."""
    days = []
    for item in _split(text):
        day = DAYS.get(item.removesuffix("s")) if item not in DAYS else DAYS[item]
        if day is None:
            return None
        days.append(day)
    return days or None


def _months(text: str) -> list[int] | None:
    months = [MONTHS.get(item) for item in _split(text)]
    return [m for m in months if m is not None] if months and None not in months else None


def _nth_weekdays(text: str) -> list[str] | None:
    """'the first and third Monday' → ['1MO', '3MO']; 'the first Monday and the last
    Friday' → ['1MO', '-1FR']."""
    text = text.removeprefix("the ")
    same_day = re.fullmatch(r"(.+?) (\w+?)s?", text)
    if same_day is not None and same_day[2] in DAYS:
        nths = [NTH.get(item.removeprefix("the ")) for item in _split(same_day[1])]
        if nths and None not in nths:
            code = CODES[DAYS[same_day[2]]]
            return [f"{n}{code}" for n in nths if n is not None]
    parts = []
    for item in _split(text):
        found = re.fullmatch(r"(?:the )?(\S+) (\w+?)s?", item)
        if found is None or found[1] not in NTH or found[2] not in DAYS:
            return None
        parts.append(f"{NTH[found[1]]}{CODES[DAYS[found[2]]]}")
    return parts or None


def _month_days(text: str) -> list[int] | None:
    """'the 1st and 15th' → [1, 15]; 'the last day' → [-1]."""
    days = []
    for item in _split(text.removeprefix("the ")):
        item = item.removeprefix("the ")
        found = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?", item)
        if found is not None and 1 <= int(found[1]) <= 31:
            days.append(int(found[1]))
        elif item.endswith(" day") and NTH.get(item.removesuffix(" day"), 0) < 0:
            days.append(NTH[item.removesuffix(" day")])
        else:
            return None
    return days or None


def _what(text: str) -> dict[str, str] | None:
    """The rule's parts for what is left once the time and the end are taken off."""
    text = text.removesuffix(", on the day of the first meeting")
    plain = _interval(text)
    if plain is not None:
        return _parts(*plain)
    on_days = re.fullmatch(r"(every(?: \w+)? weeks?|weekly|fortnightly),? on (.+)", text)
    if on_days is not None:
        often, days = _interval(on_days[1]), _weekdays(on_days[2])
        if often is None or days is None:
            return None
        return _parts("WEEKLY", often[1], BYDAY=",".join(CODES[d] for d in days))
    every_day = re.fullmatch(r"every(?: (other|second))? (.+)", text)
    if every_day is not None:
        days = _weekdays(every_day[2])
        if days is not None:
            interval = 2 if every_day[1] else 1
            return _parts("WEEKLY", interval, BYDAY=",".join(CODES[d] for d in days))
    found = re.fullmatch(r"(?:on )?(.+?) of (.+)", text)
    if found is None:
        return None
    when, period = found[1], found[2]
    yearly = re.fullmatch(r"(.+?),? (every(?: \w+)? years?|yearly|annually)", period)
    if yearly is not None:
        often, months = _interval(yearly[2]), _months(yearly[1])
        if often is None or months is None:
            return None
        freq, interval, by_month = "YEARLY", often[1], months
    elif (often := _interval(period)) is not None and often[0] == "MONTHLY":
        freq, interval, by_month = "MONTHLY", often[1], []
    elif (months := _months(period)) is not None:
        freq, interval, by_month = "MONTHLY", 1, months
    else:
        return None
    month_part = {"BYMONTH": ",".join(str(m) for m in by_month)} if by_month else {}
    nth = _nth_weekdays(when)
    if nth is not None:
        return _parts(freq, interval, **month_part, BYDAY=",".join(nth))
    days = _month_days(when)
    if days is not None:
        return _parts(freq, interval, **month_part, BYMONTHDAY=",".join(str(d) for d in days))
    return None


def _parts(freq: str, interval: int, **more: str) -> dict[str, str]:
    parts = {"FREQ": freq}
    if interval != 1:
        parts["INTERVAL"] = str(interval)
    return parts | more


def rule_from_words(text: str, *, today: dt.date | None = None) -> str | None:
    """The iCalendar rule for a schedule said in words, or None when it cannot be read."""
    phrase = re.sub(r"\s+", " ", text.strip().lower()).rstrip(".")
    phrase = re.sub(r"^(meets|meeting|meetings) ", "", phrase)
    phrase = re.sub(r"\beach\b", "every", phrase)
    end: dict[str, str] = {}
    count = re.search(r",? (once|(\d+) times)$", phrase)
    until = re.search(r",? until (.+)$", phrase)
    if count is not None:
        end = {"COUNT": "1" if count[1] == "once" else str(int(count[2]))}
        phrase = phrase[: count.start()]
    elif until is not None:
        try:
            day = read_day(until[1], today=today or dt.date.today())
        except ValueError:
            return None
        end = {"UNTIL": day.strftime("%Y%m%d")}
        phrase = phrase[: until.start()]
    time: dict[str, str] = {}
    at = re.search(r",? at (\d{1,2})(?:[:.](\d{2}))?$", phrase)
    if at is not None:
        hour, minute = int(at[1]), int(at[2] or 0)
        if hour > 23 or minute > 59:
            return None
        time = {"BYHOUR": str(hour), "BYMINUTE": str(minute)}
        phrase = phrase[: at.start()]
    what = _what(phrase.strip(" ,"))
    if what is None or ("COUNT" in end and end["COUNT"] == "0"):
        return None
    return ";".join(f"{name}={value}" for name, value in (what | time | end).items())


def read_schedule(text: str) -> tuple[str | None, str | None]:
    """(the rule, None) for a schedule typed in words or as an iCalendar rule; (None, why
    not, in words) when it cannot be read; (None, None) when empty."""
    text = text.strip()
    if not text:
        return None, None
    if "=" in text:  # written as an iCalendar rule
        try:
            return fields.schedule(text, "schedule"), None
        except Invalid as exc:
            # dateutil's own words ("not enough values to unpack…") mean nothing to a member.
            reason = re.sub(r" is not an iCalendar RRULE \(.*\)$", "", exc.reason)
            if reason != exc.reason:
                reason = QCoreApplication.translate(
                    "BodyFormDialog",
                    "{0} is not an iCalendar rule Docket can read: each part is NAME=VALUE,"
                    " as in FREQ=MONTHLY;BYDAY=-1TU",
                ).format(reason)
            return None, reason
    rule = rule_from_words(text)
    if rule is None:
        return None, QCoreApplication.translate(
            "BodyFormDialog",
            "Docket cannot read “{0}” as a schedule. Say it like “{1}”, “{2}” or “{3}”.",
        ).format(text, *EXAMPLES)
    try:
        fields.schedule(rule, "schedule")
    except Invalid:
        return None, QCoreApplication.translate(
            "BodyFormDialog",
            "“{0}” never falls on a day a meeting could be held; say it another way.",
        ).format(text)
    return rule, None


def shown_schedule(rule: str | None) -> str:
    """A body's rule as the form shows it: in words when they read back as the very same
    rule, else as written."""
    if not rule:
        return ""
    words = rule_in_words(rule)
    if words and rule_from_words(words) == rule.strip().upper().removeprefix("RRULE:"):
        return words
    return rule
