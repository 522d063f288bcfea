"""One commitment's promise ledger, drawn the way committees' promises behave.

About half are kept as first promised; many slip once, some slip again and again; a few
are reaffirmed, brought forward, or lose their date and get one back. Targets are dates
(often a month's end), meetings of the body, or no date. Most promises are delivered,
some late; a few are dropped; the rest are still open (some overdue). About a third of
commitments have notes.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import random
from typing import TYPE_CHECKING, Any

from tests.perf import names

if TYPE_CHECKING:
    from tests.perf.shape import BodyDraft, Ledger, MeetingDraft, Record

Target = tuple[str, Any] | None  # ("date", day) or ("meeting", MeetingDraft) or None


def draw_ledger(
    rng: random.Random, record: Record, body: BodyDraft, start: int, key: str
) -> Ledger:
    from tests.perf.shape import END, Ledger

    first_meeting = (
        body.held[rng.randrange(start, len(body.held))] if start < len(body.held) else body.held[-1]
    )
    on = first_meeting.date
    owner, _kind = record.owners[rng.randrange(len(record.owners))]
    said = _source(body, first_meeting)
    promises = [_promise(key, on, _first_target(rng, body, on), _by(rng, owner, body), "", said)]
    for step in _steps(rng):
        previous = promises[-1]
        last_target = _day(previous["_target"])
        after = dt.date.fromisoformat(previous["recorded_on"]) + dt.timedelta(days=7)
        when = (
            (last_target - dt.timedelta(rng.randint(0, 20)))
            if last_target
            else after + dt.timedelta(rng.randint(30, 200))
        )
        meeting = _meeting_on_or_after(body, max(when, after))
        if meeting is None or meeting.date > END:
            break
        target = _next_target(rng, body, meeting.date, previous["_target"], step)
        reason = rng.choice(names.REASONS) if step in ("slip", "withdraw") else ""
        promises.append(
            _promise(
                key, meeting.date, target, _by(rng, owner, body), reason, _source(body, meeting)
            )
        )
    status, status_on = _outcome(rng, promises)
    for promise in promises:
        promise["target"] = _target_json(promise.pop("_target"))
    title = f"{rng.choice(names.DELIVERABLES)} {rng.choice(names.TOPICS)} ({key})"
    commitment = {
        "key": key,
        "title": title,
        "owner": owner,
        "body": body.key,
        "status": status,
        "status_on": status_on.isoformat() if status_on else None,
        "details": "" if rng.random() < 0.7 else f"Asked for by the {body.short_name} chair",
        "source": said,
    }
    notes = _notes(rng, key, dt.date.fromisoformat(promises[0]["recorded_on"]), status_on or END)
    return Ledger(commitment, promises, notes)


def _steps(rng: random.Random) -> list[str]:
    """What happens after the first promise: kept (nothing), slips, and the rarer turns."""
    draw = rng.random()
    if draw < 0.52:
        return []
    if draw < 0.80:
        return ["slip"]
    if draw < 0.90:
        return ["slip"] * rng.randint(2, 8)
    if draw < 0.94:
        return ["reaffirm"] + (["slip"] if rng.random() < 0.5 else [])
    if draw < 0.96:
        return ["forward"]
    return ["withdraw", "date"]


def _first_target(rng: random.Random, body: BodyDraft, on: dt.date) -> Target:
    draw = rng.random()
    if draw < 0.7:
        return ("date", _some_days_after(rng, on))
    if draw < 0.9:
        meeting = _meeting_after(body, on, rng.randint(1, 4))
        return ("meeting", meeting) if meeting else ("date", _some_days_after(rng, on))
    return None


def _next_target(
    rng: random.Random, body: BodyDraft, on: dt.date, before: Target, step: str
) -> Target:
    if step == "reaffirm":
        return before
    if step == "withdraw":
        return None
    day = _day(before)
    if step == "forward" and day is not None and (day - on).days > 14:
        return ("date", on + dt.timedelta(rng.randint(7, (day - on).days - 1)))
    base = max(on, day) if day else on
    if rng.random() < 0.25:
        meeting = _meeting_after(body, base, rng.randint(1, 3))
        if meeting is not None:
            return ("meeting", meeting)
    return ("date", _some_days_after(rng, base))


def _some_days_after(rng: random.Random, day: dt.date) -> dt.date:
    target = day + dt.timedelta(rng.randint(21, 240))
    if rng.random() < 0.3:  # "by the end of March"
        last = calendar.monthrange(target.year, target.month)[1]
        target = target.replace(day=last)
    return target


def _outcome(rng: random.Random, promises: list[dict[str, Any]]) -> tuple[str, dt.date | None]:
    from tests.perf.shape import END

    last_on = dt.date.fromisoformat(promises[-1]["recorded_on"])
    target = _day(promises[-1]["_target"])
    draw = rng.random()
    if target is None:
        first_on = dt.date.fromisoformat(promises[0]["recorded_on"])
        done = max(last_on, first_on + dt.timedelta(rng.randint(60, 500)))
        return ("delivered", done) if draw < 0.6 and done <= END else ("open", None)
    if target > END:
        return "open", None
    if draw < 0.85:
        done = target + dt.timedelta(rng.randint(-14, 3) if draw < 0.7 else rng.randint(4, 60))
        return "delivered", min(END, max(last_on, done))
    if draw < 0.89:
        return "dropped", min(END, max(last_on, target + dt.timedelta(rng.randint(0, 90))))
    return "open", None


def _notes(rng: random.Random, key: str, first: dt.date, last: dt.date) -> list[dict[str, Any]]:
    if rng.random() >= 1 / 3 or last <= first:
        return []
    span = (last - first).days
    days = sorted(first + dt.timedelta(rng.randint(1, span)) for _ in range(rng.randint(1, 2)))
    return [
        {
            "commitment": key,
            "recorded_on": day.isoformat(),
            "text": rng.choice(names.NOTES),
            "source": "Letter to the committee" if rng.random() < 0.5 else "",
        }
        for day in days
    ]


def _promise(
    key: str, on: dt.date, target: Target, by: str, reason: str, source: str
) -> dict[str, Any]:
    return {
        "commitment": key,
        "recorded_on": on.isoformat(),
        "_target": target,
        "by": by,
        "reason": reason,
        "source": source,
    }


def _target_json(target: Target) -> dict[str, str] | None:
    if target is None:
        return None
    if target[0] == "date":
        return {"date": target[1].isoformat()}
    return {"meeting": target[1].key}


def _day(target: Target) -> dt.date | None:
    if target is None:
        return None
    return target[1] if target[0] == "date" else target[1].date  # type: ignore[no-any-return]


def _by(rng: random.Random, owner: str, body: BodyDraft) -> str:
    return owner if rng.random() < 0.6 else f"{body.short_name} officers"


def _source(body: BodyDraft, meeting: MeetingDraft) -> str:
    return f"Minutes of the {body.short_name} meeting of {meeting.date:%d %b %Y}"


def _meeting_on_or_after(body: BodyDraft, day: dt.date) -> MeetingDraft | None:
    i = bisect.bisect_left(body.held_dates, day)
    return body.held[i] if i < len(body.held) else None


def _meeting_after(body: BodyDraft, day: dt.date, ahead: int) -> MeetingDraft | None:
    """The `ahead`-th meeting of the body after `day` (held or still to come), if any."""
    i = bisect.bisect_right(body.dates, day) + ahead - 1
    return body.meetings[i] if i < len(body.meetings) else None
