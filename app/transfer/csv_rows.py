"""Checking a CSV file's rows, one by one, against the record and the rows before them."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core import fields
from app.core.cells import unneutralise
from app.core.errors import Invalid
from app.ledger.phrases import resolve_target
from app.transfer.csv_read import COMMITMENT_COLUMNS, MEETING_COLUMNS, Kind, Records, Unreadable
from app.transfer.interchange import ImportRefused
from db.models import COMMITMENT_STATUSES, MEETING_STATUSES, Body, Meeting
from db.queries import folded

# Only the first row of a commitment says what it is; later rows (same key) add promises.
COMMITMENT_ONLY = ("title", "body", "owner", "details")
TARGET_CACHE = 20_000
MAX_PROBLEMS_KEPT = 50
CALENDAR_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}([/.-])\d{1,2}\1\d+")
ISO_WITH_MIDNIGHT = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[ T]00:00(?::00)?)?")
CLOCK = re.compile(r"(\d{1,2}):(\d{2})(?::00)?")


class CsvRefused(ImportRefused):
    """The CSV file cannot be imported; `problems` holds the first few, `total` counts all."""

    def __init__(self, problems: list[str], total: int) -> None:
        super().__init__(problems)
        more = total - 1
        suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        self.args = (problems[0] + suffix,)
        self.total = total


def calendar_date(text: str, name: str, dayfirst: bool) -> dt.date:
    """A date as spreadsheets write it: 2022-03-15, or 15/03/2022 (03/15/2022 month first)."""
    if m := ISO_WITH_MIDNIGHT.fullmatch(text):
        return fields.iso_date(m[1], name)
    if not CALENDAR_DATE.fullmatch(text):
        raise Invalid(name, f"{text!r} is not a date like 2022-03-15 or 15/03/2022")
    try:
        return resolve_target(text, today=dt.date(2000, 1, 1), dayfirst=dayfirst).date
    except ValueError as exc:
        raise Invalid(name, str(exc)) from None


def clock_time(text: str, name: str) -> dt.time | None:
    if not text:
        return None
    if m := CLOCK.fullmatch(text):
        text = f"{int(m[1]):02d}:{m[2]}"
    return fields.clock_time(text, name)


def _status(text: str, name: str, allowed: tuple[str, ...]) -> str:
    return fields.choice(text.lower(), name, allowed)


class Bodies:
    """The record's bodies by key, short name and name (any case), and their meetings.

    The meetings (for targets such as "the March meeting") are read only when a
    commitments file first needs them; a meetings file never does.
    """

    def __init__(self, s: Session) -> None:
        self.s = s
        self.ids: dict[str, int] = {}
        self.keys: dict[int, str] = {}
        for body_id, key, short_name, name in s.execute(
            select(Body.id, Body.key, Body.short_name, Body.name).order_by(Body.id)
        ):
            self.keys[body_id] = key
            for label in (name, short_name, key):  # the key wins a clash
                if label:
                    self.ids[folded(label)] = body_id
        self._meetings: dict[int, list[tuple[str, dt.date]]] | None = None
        self._meeting_ids: dict[str, int] = {}

    def meetings(self, body_id: int) -> list[tuple[str, dt.date]]:
        """The body's meetings that are not cancelled, by date: (key, date)."""
        if self._meetings is None:
            self._meetings = {b: [] for b in self.keys}
            for meeting_id, key, owner_body, day in self.s.execute(
                select(Meeting.id, Meeting.key, Meeting.body_id, Meeting.date)
                .where(Meeting.status != "cancelled")
                .order_by(Meeting.date, Meeting.key)
            ):
                self._meetings[owner_body].append((key, day))
                self._meeting_ids[key] = meeting_id
        return self._meetings.get(body_id, [])

    def meeting_id(self, key: str) -> int:
        return self._meeting_ids[key]

    def find(self, name: str) -> int:
        body_id = self.ids.get(folded(name))
        if body_id is None:
            known = ", ".join(sorted(self.keys.values())) or "none yet"
            raise Invalid("body", f"no body {name!r} (bodies: {known})")
        return body_id


class Problems:
    def __init__(self) -> None:
        self.kept: list[str] = []
        self.total = 0

    def add(self, line: int, message: str) -> None:
        self.total += 1
        if len(self.kept) < MAX_PROBLEMS_KEPT:
            self.kept.append(f"line {line}, {message}")

    def raise_if_any(self) -> None:
        if self.total:
            raise CsvRefused(self.kept, self.total)


@dataclass(slots=True)
class Ledger:
    """What the first pass keeps of a keyed commitment: enough to check its later rows."""

    line: int
    fingerprint: int
    body_id: int
    latest: dt.date
    status: str | None = None
    status_on: dt.date | None = None
    status_line: int = 0
    commitment_id: int = 0  # set by the second pass once written


# --- the rows -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MeetingRow:
    line: int
    key: str | None
    body_id: int
    date: dt.date
    time: dt.time | None
    title: str
    status: str
    location: str
    notes: str


@dataclass(frozen=True, slots=True)
class PromiseRow:
    line: int
    key: str | None
    first: bool  # the row that creates the commitment
    title: str
    body_id: int
    owner: str
    details: str
    recorded_on: dt.date
    target_date: dt.date | None
    target_meeting: str | None
    target_text: str
    given_by: str
    reason: str
    source: str
    status: str | None
    status_on: dt.date | None


class RowChecker:
    """Checks rows one by one against the record and the rows before them in the file."""

    def __init__(
        self,
        kind: Kind,
        header: list[str],
        bodies: Bodies,
        taken: set[str],
        dayfirst: bool,
        checked: RowChecker | None = None,
    ) -> None:
        self.kind = kind
        self.header = header
        self.width = len(header)
        self.known = set(MEETING_COLUMNS if kind == "meetings" else COMMITMENT_COLUMNS)
        self.bodies = bodies
        self.taken = taken  # keys already in the database
        self.dayfirst = dayfirst
        self.meeting_lines: dict[str, int] = {}
        # The second pass shares the first pass's ledgers (no second copy in memory) and
        # notes only which keys it has met so far.
        self.ledgers: dict[str, Ledger] = checked.ledgers if checked else {}
        self.met: set[str] | dict[str, Ledger] = set() if checked else self.ledgers
        self.owners_seen: set[str] = set()
        self._targets: dict[tuple[str, dt.date, int], tuple[dt.date | None, str | None] | str] = {}

    def cells(self, line: int, row: list[str]) -> dict[str, str]:
        extra = row[self.width :]
        if any(cell.strip() for cell in extra):
            raise Invalid("", f"has {len(row)} cells but the header has {self.width}")
        return {
            name: unneutralise(cell.strip())
            for name, cell in zip(self.header, row, strict=False)
            if name in self.known
        }

    def key(self, cells: dict[str, str]) -> str | None:
        text = cells.get("key", "")
        return fields.key(text, "key") if text else None

    def meeting(self, line: int, row: list[str]) -> MeetingRow:
        c = self.cells(line, row)
        key = self.key(c)
        if key is not None:
            if key in self.meeting_lines:
                raise Invalid("key", f"{key!r} is already on line {self.meeting_lines[key]}")
            if key in self.taken:
                raise Invalid("key", f"meeting {key!r} is already in the database")
        body_id = self.bodies.find(fields.text(c.get("body"), "body", required=True))
        result = MeetingRow(
            line=line,
            key=key,
            body_id=body_id,
            date=calendar_date(_required(c, "date"), "date", self.dayfirst),
            time=clock_time(c.get("time", ""), "time"),
            title=fields.text(c.get("title"), "title", max_len=200),
            status=_status(c.get("status") or "scheduled", "status", MEETING_STATUSES),
            location=fields.text(c.get("location"), "location", max_len=200),
            notes=fields.long_text(c.get("notes"), "notes"),
        )
        if key is not None:
            self.meeting_lines[key] = line
        return result

    def promise(self, line: int, row: list[str]) -> PromiseRow:
        c = self.cells(line, row)
        key = self.key(c)
        first = key is None or key not in self.met
        if first and key is not None and key in self.taken:
            raise Invalid("key", f"commitment {key!r} is already in the database")
        ledger = None if first or key is None else self.ledgers[key]
        if ledger is None:
            title = fields.text(c.get("title"), "title", required=True)
            body_id = self.bodies.find(fields.text(c.get("body"), "body", required=True))
            owner = fields.text(c.get("owner"), "owner", max_len=200)
            details = fields.long_text(c.get("details"), "details")
        else:
            body_id = ledger.body_id
            title, owner, details = "", "", ""
            given = {name: c.get(name, "") for name in COMMITMENT_ONLY}
            if any(given.values()):
                # Later rows may repeat what the first row said, but not change it.
                said = _fingerprint(
                    given["title"],
                    self.bodies.find(given["body"]) if given["body"] else -1,
                    given["owner"],
                    given["details"],
                )
                if said != ledger.fingerprint:
                    raise Invalid(
                        "key",
                        f"{key!r} was described differently on line {ledger.line}; a later row"
                        " of a commitment leaves title, body, owner and details empty or the same",
                    )
        recorded_on = calendar_date(_required(c, "recorded_on"), "recorded_on", self.dayfirst)
        target_text = c.get("target", "")
        target_date, target_meeting = self.target(target_text, body_id, recorded_on)
        status_text = c.get("status", "")
        status = _status(status_text, "status", COMMITMENT_STATUSES) if status_text else None
        status_on_text = c.get("status_on", "")
        status_on = (
            calendar_date(status_on_text, "status_on", self.dayfirst) if status_on_text else None
        )
        if status_on is not None and status in (None, "open"):
            raise Invalid("status_on", "give it only with the status delivered or dropped")
        if status in ("delivered", "dropped") and status_on is None:
            raise Invalid("status_on", f"required when the status is {status}")
        if ledger is not None and status is not None and ledger.status not in (None, status):
            raise Invalid(
                "status", f"{status} here, but {ledger.status} on line {ledger.status_line}"
            )
        if key is None and status_on is not None and status_on < recorded_on:
            raise Invalid("status_on", f"{status_on} is before the promise ({recorded_on})")

        result = PromiseRow(
            line=line,
            key=key,
            first=first,
            title=title,
            body_id=body_id,
            owner=owner,
            details=details,
            recorded_on=recorded_on,
            target_date=target_date,
            target_meeting=target_meeting,
            target_text=target_text,
            given_by=fields.text(c.get("by"), "by", max_len=200),
            reason=fields.long_text(c.get("reason"), "reason"),
            source=fields.long_text(c.get("source"), "source"),
            status=status,
            status_on=status_on,
        )
        if key is not None:
            if ledger is None:
                ledger = self.ledgers.get(key)
                if ledger is None:
                    fingerprint = _fingerprint(title, body_id, owner, details)
                    ledger = self.ledgers[key] = Ledger(line, fingerprint, body_id, recorded_on)
                if isinstance(self.met, set):
                    self.met.add(key)
            ledger.latest = max(ledger.latest, recorded_on)
            if status is not None and ledger.status is None:
                ledger.status, ledger.status_on, ledger.status_line = status, status_on, line
        if owner:
            self.owners_seen.add(owner)
        return result

    def target(
        self, text: str, body_id: int, recorded_on: dt.date
    ) -> tuple[dt.date | None, str | None]:
        """A typed target, read as on the day it was promised, against the body's meetings."""
        if not text:
            return None, None  # no date promised
        if ISO_WITH_MIDNIGHT.fullmatch(text):
            return calendar_date(text, "target", self.dayfirst), None
        # Spreadsheets repeat phrases and days: read each (phrase, day, body) once.
        cache_key = (text.lower(), recorded_on, body_id)
        known = self._targets.get(cache_key)
        if known is None:
            try:
                resolved = resolve_target(
                    text,
                    today=recorded_on,
                    meetings=self.bodies.meetings(body_id),
                    dayfirst=self.dayfirst,
                )
                known = (None, resolved.meeting) if resolved.meeting else (resolved.date, None)
            except ValueError as exc:
                known = str(exc)
            if len(self._targets) >= TARGET_CACHE:
                self._targets.clear()
            self._targets[cache_key] = known
        if isinstance(known, str):
            raise Invalid("target", known)
        return known

    def finish(self, problems: Problems) -> None:
        """Checks that need the whole file: a closing date after the latest promise."""
        for key, ledger in self.ledgers.items():
            if ledger.status_on is not None and ledger.status_on < ledger.latest:
                problems.add(
                    ledger.status_line,
                    f"status_on: {ledger.status_on} is before the latest promise of"
                    f" {key!r} ({ledger.latest})",
                )


def _fingerprint(title: str, body_id: int, owner: str, details: str) -> int:
    return hash((title, body_id, owner, details))


def _required(cells: dict[str, str], name: str) -> str:
    value = cells.get(name, "")
    if not value:
        raise Invalid(name, "must not be empty")
    return value


RowHandler = Callable[[int, list[str]], None]


def each_row(records: Records, problems: Problems, handle: RowHandler) -> int:
    """Hand each row to `handle`, noting each refusal with its line; return the row count."""
    rows = 0
    try:
        for line, cells in records:
            rows += 1
            try:
                handle(line, cells)
            except Invalid as exc:
                problems.add(line, str(exc))
    except Unreadable as exc:
        problems.add(exc.line, exc.reason)
    return rows
