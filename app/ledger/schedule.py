"""A body's recurring schedule (an iCalendar RRULE) turned into scheduled meetings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from dateutil.relativedelta import relativedelta
from dateutil.rrule import MONTHLY, WEEKLY, YEARLY, rrule
from sqlalchemy import select

from app.core import fields
from app.core.errors import Conflict, Invalid
from app.core.sessions import Sessions, action, claim_key, get
from app.core.wording import short_date
from db.models import Body, Meeting

MAX_NEW_MEETINGS = 500
MAX_YEARS_AHEAD = 100


def schedule_dates(
    rule_text: str,
    *,
    anchor: dt.date,
    after: dt.date,
    until: dt.date,
    existing: Iterable[dt.date] = (),
) -> list[dt.date]:
    """The rule's dates after `after` up to `until`, skipping periods that already have one.

    `anchor` (the body's first meeting) fixes the rule's phase, so "every other month"
    keeps to the same months. A period (the rule's day, week, month or year) in which the
    body already met is taken as that sitting, so a meeting held off-pattern is not
    followed by a second one a week later. The rule is checked again (a stored one may
    predate today's checks), and neither the window nor the dates it gives are unbounded.
    """
    rule = fields.schedule_rule(rule_text, "schedule", anchor=anchor)
    if until > after + relativedelta(years=MAX_YEARS_AHEAD):
        raise Invalid("until", f"at most {MAX_YEARS_AHEAD} years ahead (after {short_date(after)})")
    period = _period_of(rule)
    taken = {period(day) for day in existing}
    dates: list[dt.date] = []
    for day in fields.schedule_days(rule, after + dt.timedelta(days=1), until):
        if period(day) in taken:
            continue
        taken.add(period(day))
        dates.append(day)
        if len(dates) > MAX_NEW_MEETINGS:
            raise Invalid(
                "until",
                f"that would create more than {MAX_NEW_MEETINGS} meetings; choose an earlier date",
            )
    return dates


def _period_of(rule: rrule) -> Callable[[dt.date], tuple[int, ...]]:
    freq = rule._freq  # dateutil keeps the frequency private; it is stable API in practice
    if freq == YEARLY:
        return lambda d: (d.year,)
    if freq == MONTHLY:
        return lambda d: (d.year, d.month)
    if freq == WEEKLY:
        return lambda d: tuple(d.isocalendar()[:2])
    return lambda d: (d.toordinal(),)  # daily: one sitting a day


def create_scheduled_meetings(
    sessions: Sessions, body_id: int, *, until: dt.date, today: dt.date
) -> list[int]:
    """Create the body's next meetings from its schedule, after its last meeting and today."""
    until = fields.iso_date(until, "until")
    with action(sessions) as s:
        body = get(s, Body, body_id, "body")
        if not body.schedule:
            raise Conflict(f"{body.name} has no schedule; set one (an RRULE) first")
        dates = sorted(s.scalars(select(Meeting.date).where(Meeting.body_id == body_id)))
        after = max([today - dt.timedelta(days=1), *dates[-1:]])
        if until <= after:
            raise Invalid("until", f"{short_date(until)} is not after {short_date(after)}")
        new_dates = schedule_dates(
            body.schedule,
            anchor=dates[0] if dates else today,
            after=after,
            until=until,
            existing=dates,
        )
        ids = []
        for day in new_dates:
            meeting = Meeting(
                key=claim_key(s, Meeting, None, fields.meeting_key_base(body.key, day), "meeting"),
                body_id=body_id,
                date=day,
                title=body.short_name or body.name,
                status="scheduled",
            )
            s.add(meeting)
            s.flush()
            ids.append(meeting.id)
        return ids
