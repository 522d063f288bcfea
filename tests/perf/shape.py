"""The shape of a synthetic record: bodies, their meetings over decades, and each ledger.

Everything is drawn from seeded generators, so one seed and size always give the same
record. Meetings are kept in memory (tens of thousands at most); commitments are made one
at a time from their own seeded generator and written as they are made, so a record of
100,000 commitments never exists in memory at once.

The main committee (`nec`) has the same recent story at every size: its commitments of
the last three years and the agenda of its last meeting before END, whose brief the
benchmark prints (30 agenda items, about 40 matters arising).
"""

from __future__ import annotations

import bisect
import datetime as dt
import random
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from app.core import fields
from tests.perf import names

END = dt.date(2026, 11, 30)  # the record's last day: later meetings are still scheduled
SCHEDULED_UNTIL = dt.date(2027, 6, 30)
MAIN = "nec"
BRIEF_MEETING = "nec-2026-11-24"  # the main committee's last meeting before END
BRIEF_ITEMS = 30
MAIN_STORY_FROM = dt.date(2024, 1, 1)  # the main committee's commitments start here
MAIN_COMMITMENTS = 170


def sizes(commitments: int) -> tuple[int, int, int]:
    """Bodies, years of meetings and owners for a record of `commitments` commitments.

    About 0.16 meetings and 1.06 agenda items per commitment at 100,000 (40 bodies over 36
    years); smaller records keep tens of bodies over fewer years.
    """
    bodies = min(40, max(10, commitments // 2_500))
    years = min(36, max(8, round(36 * commitments / 100_000 * 40 / bodies)))
    owners = min(500, max(200, commitments // 200))
    return bodies, years, owners


@dataclass
class MeetingDraft:
    key: str
    body: str
    date: dt.date
    status: str
    changes: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class BodyDraft:
    key: str
    name: str
    short_name: str
    schedule: str
    weight: float
    meetings: list[MeetingDraft] = field(default_factory=list)  # in date order
    dates: list[dt.date] = field(default_factory=list)  # their dates
    held_dates: list[dt.date] = field(default_factory=list)  # held meetings, in date order
    held: list[MeetingDraft] = field(default_factory=list)


class Record:
    """The record's fixed frame (bodies, meetings, owners); ledgers are drawn on demand."""

    def __init__(self, commitments: int, seed: int = 1) -> None:
        self.commitments, self.seed = commitments, seed
        n_bodies, years, n_owners = sizes(commitments)
        self.start = dt.date(END.year - years, 1, 1)
        rng = random.Random(seed)
        self.bodies = [self._body(rng, *names.BODIES[i]) for i in range(n_bodies)]
        self.owners = self._owners(rng, n_owners)
        for body in self.bodies:
            self._meetings(body)
        self.by_key = {b.key: b for b in self.bodies}
        others = self.bodies[1:]
        self._weights = [b.weight for b in others]
        self._cumulative = [sum(self._weights[: i + 1]) for i in range(len(others))]
        self._others = others

    # --- the frame ------------------------------------------------------------------------

    def _body(self, rng: random.Random, key: str, name: str, short: str) -> BodyDraft:
        rules, weights = zip(*names.SCHEDULES, strict=True)
        schedule = "FREQ=MONTHLY;BYDAY=-1TU" if key == MAIN else rng.choices(rules, weights)[0]
        return BodyDraft(key, name, short, schedule, weight=rng.uniform(1, 4))

    def _owners(self, rng: random.Random, count: int) -> list[tuple[str, str]]:
        people = [f"{a} {b}" for a in names.FIRST_NAMES.split() for b in names.LAST_NAMES.split()]
        rng.shuffle(people)
        found = [(o, "organisation") for o in names.ORGANISATIONS]
        found += [(p, "person") for p in people[: count - len(found)]]
        return found

    def _meetings(self, body: BodyDraft) -> None:
        """The body's meetings from its schedule; a few moved, postponed or cancelled."""
        rng = random.Random(zlib.crc32(body.key.encode()) ^ self.seed)
        first = self.start if body.key == MAIN else self.start + dt.timedelta(rng.randrange(700))
        rule = fields.schedule_rule(body.schedule, "schedule", anchor=first)
        taken: set[dt.date] = set()
        days = list(fields.schedule_days(rule, first, SCHEDULED_UNTIL))
        for planned in days:
            meeting = MeetingDraft("", body.key, planned, "held" if planned <= END else "scheduled")
            stable = body.key == MAIN and planned >= MAIN_STORY_FROM - dt.timedelta(60)
            if not stable:
                self._change(rng, meeting, days, taken)
            taken.add(meeting.date)
            meeting.key = f"{body.key}-{meeting.date.isoformat()}"
            body.meetings.append(meeting)
        body.meetings.sort(key=lambda m: m.date)
        body.dates = [m.date for m in body.meetings]
        body.held = [m for m in body.meetings if m.status == "held"]
        body.held_dates = [m.date for m in body.held]

    @staticmethod
    def _change(
        rng: random.Random, meeting: MeetingDraft, days: list[dt.date], taken: set[dt.date]
    ) -> None:
        draw = rng.random()
        planned = meeting.date
        if draw < 0.04:  # moved a week or two
            moved = planned + dt.timedelta(rng.choice((-7, 7, 14)))
            if moved in taken or moved in days:
                return
            meeting.date = moved
            meeting.status = "held" if moved <= END else "scheduled"
            on = min(planned, moved) - dt.timedelta(rng.randint(5, 40))
            meeting.changes.append(_change(on, planned, None, "Moved to suit the chair"))
            if rng.random() < 0.1:  # ... and then called off after all
                meeting.status = "cancelled"
                later = on + dt.timedelta(rng.randint(1, 4))
                meeting.changes.append(_change(later, None, "scheduled", "Called off"))
        elif draw < 0.055:
            meeting.status = "cancelled"
            on = planned - dt.timedelta(rng.randint(2, 30))
            meeting.changes.append(_change(on, None, "scheduled", "Not quorate"))
        elif draw < 0.06:
            meeting.status = "postponed"
            on = planned - dt.timedelta(rng.randint(1, 10))
            meeting.changes.append(_change(on, None, "scheduled", "Postponed until further notice"))

    def meeting_drafts(self) -> Iterator[MeetingDraft]:
        """Every meeting, in date order across bodies."""
        every = [m for b in self.bodies for m in b.meetings]
        every.sort(key=lambda m: (m.date, m.key))
        yield from every

    def agenda(self, meeting: MeetingDraft) -> list[dict[str, Any]]:
        rng = random.Random(zlib.crc32(meeting.key.encode()) ^ (self.seed * 31))
        if meeting.status in ("cancelled", "postponed"):
            return []
        if meeting.key == BRIEF_MEETING:
            count = BRIEF_ITEMS
        elif meeting.status == "scheduled":
            count = rng.randint(3, 6)
        else:
            count = rng.randint(3, 10)
        held = meeting.status == "held"
        items = []
        for position in range(1, count + 1):
            if position == count:
                title = names.AGENDA[-1]
            elif position <= 4:
                title = names.AGENDA[position - 1]
            else:
                title = f"{rng.choice(names.DELIVERABLES)} {rng.choice(names.TOPICS)}"

            item: dict[str, Any] = {"meeting": meeting.key, "position": position, "title": title}
            if held and position > 3 and rng.random() < 0.35:
                item["outcome"] = "Discussed; officers to report back"
                item["decision"] = f"Agreed the recommendations on {rng.choice(names.TOPICS)}"
                if rng.random() < 0.15:
                    item["votes_for"], item["votes_against"] = (
                        rng.randint(15, 30),
                        rng.randint(0, 12),
                    )
                item["status"] = "taken"
            elif held:
                item["status"] = "noted"
            items.append(item)
        return items

    # --- ledgers --------------------------------------------------------------------------

    def commitment_numbers(self) -> Iterator[tuple[str, int]]:
        """(kind, number) of each commitment: the main committee's story, then the rest."""
        main = min(MAIN_COMMITMENTS, self.commitments)
        for i in range(main):
            yield MAIN, i
        for i in range(self.commitments - main):
            yield "other", i

    def ledger(self, kind: str, number: int) -> Ledger:
        """One commitment with its promises and notes, the same every time it is asked for."""
        if kind == MAIN:
            rng = random.Random(self.seed * 7_000_003 + number)
            body = self.by_key[MAIN]
            start = bisect.bisect_left(body.held_dates, MAIN_STORY_FROM)
            key = f"nec-c{number + 1:04d}"
        else:
            rng = random.Random(self.seed * 10_000_019 + number)
            pick = rng.random() * self._cumulative[-1]
            body = self._others[bisect.bisect_left(self._cumulative, pick)]
            start = 0
            key = f"c{number + 1:06d}"
        from tests.perf.ledgers import draw_ledger

        return draw_ledger(rng, self, body, start, key)


def _change(
    on: dt.date, previous_date: dt.date | None, previous_status: str | None, reason: str
) -> dict[str, Any]:
    return {
        "recorded_on": on.isoformat(),
        "previous_date": previous_date.isoformat() if previous_date else None,
        "previous_status": previous_status,
        "reason": reason,
        "source": "Email from the secretariat",
    }


@dataclass
class Ledger:
    """A commitment's entry, promises and notes, ready to write."""

    commitment: dict[str, Any]
    promises: list[dict[str, Any]]
    notes: list[dict[str, Any]]
