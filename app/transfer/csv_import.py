"""CSV import of meetings or of commitments: streamed, checked first, all or nothing.

A file holds meetings (it has a `date` column) or commitments (a `target` column); the
README lists the columns. The file is read twice and never held in memory: the first pass
checks every row against the record and keeps only keys and per-commitment dates; if any
row is refused, each problem is reported with its line number and nothing is written.
The second pass writes every row in batches inside one transaction, checking each row
again, so a file changed between the passes is refused too and rolled back.

Cells are UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order mark, or
Windows-1252, as spreadsheet programs save them. A leading apostrophe that a Docket
export put before `=`, `+`, `-`, `@` (formula injection) is taken off again.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Container, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Literal

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from app.core import fields
from app.core.cells import unneutralise
from app.core.errors import DomainError, Invalid
from app.core.sessions import Sessions, action
from app.ledger.phrases import resolve_target
from app.transfer.interchange import ImportPlan, ImportRefused
from db import audit
from db.models import (
    COMMITMENT_STATUSES,
    MEETING_STATUSES,
    Body,
    Commitment,
    Meeting,
    Owner,
    Promise,
)

Kind = Literal["meetings", "commitments"]
# progress(bytes read, file size) over both passes; it may raise to stop the import.
Progress = Callable[[int, int], None]

MEETING_COLUMNS = ("key", "body", "date", "time", "title", "status", "location", "notes")
MEETING_REQUIRED = ("body", "date")
COMMITMENT_COLUMNS = (
    "key",
    "title",
    "body",
    "owner",
    "details",
    "recorded_on",
    "target",
    "by",
    "reason",
    "source",
    "status",
    "status_on",
)
COMMITMENT_REQUIRED = ("title", "body", "recorded_on", "target")
# Only the first row of a commitment says what it is; later rows (same key) add promises.
COMMITMENT_ONLY = ("title", "body", "owner", "details")

BATCH_ROWS = 1_000
BATCH_CHARS = 250_000  # long cells (minutes pasted into notes) make smaller batches
TARGET_CACHE = 20_000
MAX_PROBLEMS_KEPT = 50
PREVIEW_ROWS = 20
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


@dataclass
class CsvImportPlan(ImportPlan):
    """What a CSV file adds; the JSON sections stay empty (rows are never held)."""

    kind: Kind = "meetings"
    file_name: str = ""
    encoding: str = "utf-8"
    rows: int = 0
    new_meetings: int = 0
    new_commitments: int = 0
    new_promises: int = 0
    new_owners: int = 0
    ignored_columns: list[str] = field(default_factory=list)
    preview: list[str] = field(default_factory=list)  # the first rows, as a person reads them

    def counts(self) -> dict[str, int]:
        return {
            "owners": self.new_owners,
            "meetings": self.new_meetings,
            "commitments": self.new_commitments,
            "promises": self.new_promises,
        }

    def summary(self) -> str:
        if self.kind == "meetings":
            text = f"{self.new_meetings} meeting{_s(self.new_meetings)}"
        else:
            text = (
                f"{self.new_commitments} commitment{_s(self.new_commitments)} with"
                f" {self.new_promises} promise{_s(self.new_promises)}"
                f" ({self.new_owners} new owner{_s(self.new_owners)})"
            )
        text += f" from {self.rows} row{_s(self.rows)} of {self.file_name}"
        if self.ignored_columns:
            text += f"; ignored column{_s(len(self.ignored_columns))}: " + ", ".join(
                self.ignored_columns
            )
        return text


def _s(n: int) -> str:
    return "" if n == 1 else "s"


# --- reading the file ----------------------------------------------------------------------


class _Unreadable(Exception):
    """The file cannot be read as CSV from this line on."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line = line
        self.reason = reason


class _Source:
    """The file, decoded, as (line number, cells) records; can be read more than once."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            with path.open("rb") as raw:
                head = raw.read(4)
                raw.seek(0, io.SEEK_END)
                self.size = raw.tell()
        except FileNotFoundError:
            raise DomainError(f"{path}: no such file") from None
        except IsADirectoryError:
            raise DomainError(f"{path}: is a folder, not a file") from None
        except OSError as exc:
            raise DomainError(f"{path}: cannot be read ({exc.strerror})") from None
        self.utf8_bom = head.startswith(codecs.BOM_UTF8)
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            self.encoding = "utf-16"
        else:
            self.encoding = "utf-8-sig"  # reads files with and without the byte-order mark
        self.delimiter = ","

    def fall_back(self) -> None:
        """After a UTF-8 decoding error: read the file as Windows-1252 instead."""
        if self.encoding != "utf-8-sig":
            raise DomainError(f"{self.path}: is not readable {self.encoding} text")
        if self.utf8_bom:  # it says UTF-8, so a stray byte is damage, not another encoding
            raise DomainError(f"{self.path}: starts as UTF-8 but holds bytes that are not UTF-8")
        self.encoding = "cp1252"

    def records(
        self, progress: Callable[[int], None] | None = None
    ) -> Iterator[tuple[int, list[str]]]:
        with self.path.open("rb") as raw:
            yield from self._records(raw, progress)

    def _records(
        self, raw: BinaryIO, progress: Callable[[int], None] | None
    ) -> Iterator[tuple[int, list[str]]]:
        text = io.TextIOWrapper(raw, encoding=self.encoding, newline="")
        first = text.readline()
        text.seek(0)
        self.delimiter = _delimiter(first)
        reader = csv.reader(text, delimiter=self.delimiter, strict=True)
        while True:
            start = reader.line_num + 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise _Unreadable(start, f"cannot be read as CSV ({exc})") from None
            if progress is not None and reader.line_num % 1000 == 0:
                progress(raw.tell())
            if any(cell.strip() for cell in cells):
                yield start, cells


def _delimiter(header_line: str) -> str:
    """Commas, unless the header line has none and uses semicolons or tabs (some locales)."""
    if "," in header_line:
        return ","
    for candidate in (";", "\t"):
        if candidate in header_line:
            return candidate
    return ","


def _header_names(cells: list[str]) -> list[str]:
    return [re.sub(r"[\s\-]+", "_", cell.strip().lower()) for cell in cells]


# --- checking cells ------------------------------------------------------------------------


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


class _Bodies:
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
                    self.ids[label.lower()] = body_id
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
        body_id = self.ids.get(name.lower())
        if body_id is None:
            known = ", ".join(sorted(self.keys.values())) or "none yet"
            raise Invalid("body", f"no body {name!r} (bodies: {known})")
        return body_id


class _Problems:
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
class _Ledger:
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
class _MeetingRow:
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
class _PromiseRow:
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


class _Reader:
    """Checks rows one by one against the record and the rows before them in the file."""

    def __init__(
        self,
        kind: Kind,
        header: list[str],
        bodies: _Bodies,
        taken: set[str],
        dayfirst: bool,
        checked: _Reader | None = None,
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
        self.ledgers: dict[str, _Ledger] = checked.ledgers if checked else {}
        self.met: set[str] | dict[str, _Ledger] = set() if checked else self.ledgers
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

    def meeting(self, line: int, row: list[str]) -> _MeetingRow:
        c = self.cells(line, row)
        key = self.key(c)
        if key is not None:
            if key in self.meeting_lines:
                raise Invalid("key", f"{key!r} is already on line {self.meeting_lines[key]}")
            if key in self.taken:
                raise Invalid("key", f"meeting {key!r} is already in the database")
        body_id = self.bodies.find(fields.text(c.get("body"), "body", required=True))
        result = _MeetingRow(
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

    def promise(self, line: int, row: list[str]) -> _PromiseRow:
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

        result = _PromiseRow(
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
                    ledger = self.ledgers[key] = _Ledger(line, fingerprint, body_id, recorded_on)
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

    def finish(self, problems: _Problems) -> None:
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


# --- the use case ---------------------------------------------------------------------------


def import_csv(
    sessions: Sessions,
    path: Path,
    *,
    dry_run: bool = False,
    dayfirst: bool = True,
    progress: Progress | None = None,
) -> CsvImportPlan:
    """Import a CSV file of meetings or of commitments; all of it, or nothing."""
    path = Path(path)
    source = _Source(path)
    with action(sessions) as s:
        bodies = _Bodies(s)
        plan, header, checked = _check(s, source, bodies, dayfirst, progress)
        if not dry_run:
            _write(s, source, plan, header, checked, dayfirst, progress)
    return plan


def _tracker(progress: Progress | None, size: int, phase: int) -> Callable[[int], None] | None:
    if progress is None:
        return None
    phases = 2
    return lambda done: progress((phase * size + done) // phases, size)


def _first_record(records: Iterator[tuple[int, list[str]]]) -> tuple[int, list[str]]:
    for line, cells in records:
        return line, cells
    raise ImportRefused(["line 1, the file is empty: it needs a header row"])


def _kind_of(line: int, names: list[str]) -> Kind:
    has_date, has_target = "date" in names, "target" in names
    if has_date and has_target:
        raise ImportRefused(
            [
                f"line {line}, header: a file holds meetings (a date column) or commitments"
                " (a target column), not both"
            ]
        )
    if not (has_date or has_target):
        raise ImportRefused(
            [
                f"line {line}, header: no date column (a meetings file) or target column"
                " (a commitments file); see the README for the columns"
            ]
        )
    return "meetings" if has_date else "commitments"


def _header(line: int, cells: list[str]) -> tuple[Kind, list[str], list[str]]:
    names = _header_names(cells)
    kind = _kind_of(line, names)
    required = MEETING_REQUIRED if kind == "meetings" else COMMITMENT_REQUIRED
    known = MEETING_COLUMNS if kind == "meetings" else COMMITMENT_COLUMNS
    missing = [name for name in required if name not in names]
    if missing:
        raise ImportRefused(
            [f"line {line}, header: a {kind} file needs the column(s) {', '.join(missing)}"]
        )
    repeated = sorted({name for name in names if name and names.count(name) > 1})
    if repeated:
        raise ImportRefused([f"line {line}, header: column(s) {', '.join(repeated)} appear twice"])
    ignored = [cell.strip() for cell, name in zip(cells, names, strict=True) if name not in known]
    return kind, names, [name for name in ignored if name]


def _taken_keys(s: Session, kind: Kind) -> set[str]:
    model = Meeting if kind == "meetings" else Commitment
    return set(s.scalars(select(model.key)))


def _check(
    s: Session, source: _Source, bodies: _Bodies, dayfirst: bool, progress: Progress | None
) -> tuple[CsvImportPlan, list[str], _Reader]:
    """The first pass: every row checked, nothing written; raises CsvRefused on a problem."""
    try:
        return _check_once(s, source, bodies, dayfirst, progress)
    except UnicodeDecodeError:
        source.fall_back()
    try:
        return _check_once(s, source, bodies, dayfirst, progress)
    except UnicodeDecodeError:
        raise DomainError(
            f"{source.path}: is neither UTF-8 nor Windows-1252 text; save it as CSV UTF-8"
        ) from None


RowHandler = Callable[[int, list[str]], None]


def _each_row(
    records: Iterator[tuple[int, list[str]]], problems: _Problems, handle: RowHandler
) -> int:
    """Hand each row to `handle`, noting each refusal with its line; return the row count."""
    rows = 0
    try:
        for line, cells in records:
            rows += 1
            try:
                handle(line, cells)
            except Invalid as exc:
                problems.add(line, str(exc))
    except _Unreadable as exc:
        problems.add(exc.line, exc.reason)
    return rows


def _check_once(
    s: Session, source: _Source, bodies: _Bodies, dayfirst: bool, progress: Progress | None
) -> tuple[CsvImportPlan, list[str], _Reader]:
    records = source.records(_tracker(progress, source.size, 0))
    header_line, cells = _first_record(records)
    kind, header, ignored = _header(header_line, cells)
    reader = _Reader(kind, header, bodies, _taken_keys(s, kind), dayfirst)
    problems = _Problems()
    plan = CsvImportPlan(
        kind=kind, file_name=source.path.name, encoding=source.encoding, ignored_columns=ignored
    )

    def meeting(line: int, cells: list[str]) -> None:
        row = reader.meeting(line, cells)
        plan.new_meetings += 1
        if len(plan.preview) < PREVIEW_ROWS:
            plan.preview.append(_describe_meeting(row, bodies))

    def promise(line: int, cells: list[str]) -> None:
        row = reader.promise(line, cells)
        plan.new_promises += 1
        plan.new_commitments += row.first
        if len(plan.preview) < PREVIEW_ROWS:
            plan.preview.append(_describe_promise(row, bodies))

    plan.rows = _each_row(records, problems, meeting if kind == "meetings" else promise)
    if plan.rows == 0 and not problems.total:
        problems.add(header_line, "the file has a header but no rows")
    reader.finish(problems)
    problems.raise_if_any()
    if kind == "commitments":
        known_owners = set(s.scalars(select(Owner.name)))
        plan.new_owners = len(reader.owners_seen - known_owners)
    if plan.rows > PREVIEW_ROWS:
        plan.preview.append(f"… and {plan.rows - PREVIEW_ROWS} more row(s)")
    return plan, header, reader


def _describe_meeting(m: _MeetingRow, bodies: _Bodies) -> str:
    when = m.date.isoformat() + (f" {m.time.strftime('%H:%M')}" if m.time else "")
    title = f" {m.title!r}" if m.title else ""
    return f"line {m.line}: meeting of {bodies.keys[m.body_id]} on {when}{title} ({m.status})"


def _describe_promise(p: _PromiseRow, bodies: _Bodies) -> str:
    if p.target_meeting:
        target = f"the meeting {p.target_meeting}"
    elif p.target_date:
        target = p.target_date.isoformat()
    else:
        target = "no date"
    if p.target_text and p.target_text != target:
        target += f" ({p.target_text!r})"
    promised = f"promised {p.recorded_on.isoformat()} for {target}"
    if p.first:
        owner = f" ({p.owner})" if p.owner else ""
        what = f"commitment {p.title!r}{owner} to {bodies.keys[p.body_id]}, {promised}"
    else:
        what = f"new promise for {p.key!r}, {promised}"
    if p.status in ("delivered", "dropped") and p.status_on:
        what += f"; {p.status} {p.status_on.isoformat()}"
    return f"line {p.line}: {what}"


# --- writing ----------------------------------------------------------------------------------


def _write(
    s: Session,
    source: _Source,
    plan: CsvImportPlan,
    header: list[str],
    checked: _Reader,
    dayfirst: bool,
    progress: Progress | None,
) -> None:
    """The second pass, inside the caller's transaction: any problem now rolls it all back."""
    bodies = checked.bodies
    taken = checked.taken  # nothing was written since the first pass read them
    reader = _Reader(plan.kind, header, bodies, taken, dayfirst, checked)
    # Keys made up for rows without one must not take a key given further down the file.
    keys = _Keys(taken, checked.meeting_lines if plan.kind == "meetings" else checked.ledgers)
    problems = _Problems()
    records = source.records(_tracker(progress, source.size, 1))
    _first_record(records)  # the header, checked by the first pass
    writer: _MeetingWriter | _CommitmentWriter
    if plan.kind == "meetings":
        meetings = writer = _MeetingWriter(s, bodies, keys)
        _each_row(records, problems, lambda line, c: meetings.add(reader.meeting(line, c)))
    else:
        commitments = writer = _CommitmentWriter(s, bodies, keys, checked.ledgers)
        _each_row(records, problems, lambda line, c: commitments.add(reader.promise(line, c)))
    reader.finish(problems)
    problems.raise_if_any()  # the file changed since the first pass
    writer.flush()
    if progress is not None:
        progress(source.size, source.size)


class _Keys:
    """Keys for rows that give none: free in the database and among the file's own keys."""

    def __init__(self, taken: set[str], in_file: Container[str]) -> None:
        self.taken, self.in_file = taken, in_file
        self.made: set[str] = set()
        # Where to try next for a base used before: a thousand rows titled "Action" must
        # not each count up from 1 again.
        self.next_suffix: dict[str, int] = {}

    def free(self, base: str) -> str:
        """`base`, or `base-2`, `base-3`, ... whichever is free; claimed at once."""
        n = self.next_suffix.get(base, 1)
        candidate = base if n == 1 else f"{base}-{n}"
        while candidate in self.taken or candidate in self.in_file or candidate in self.made:
            n += 1
            candidate = f"{base}-{n}"
        if n > 1:
            self.next_suffix[base] = n + 1
        self.made.add(candidate)
        return candidate


class _MeetingWriter:
    def __init__(self, s: Session, bodies: _Bodies, keys: _Keys) -> None:
        self.s, self.bodies, self.keys = s, bodies, keys
        self.table = _table(Meeting)
        self.batch: list[_MeetingRow] = []
        self.chars = 0

    def add(self, row: _MeetingRow) -> None:
        self.batch.append(row)
        self.chars += len(row.title) + len(row.location) + len(row.notes)
        if len(self.batch) >= BATCH_ROWS or self.chars >= BATCH_CHARS:
            self.flush()

    def flush(self) -> None:
        if not self.batch:
            return
        values: list[dict[str, Any]] = []
        for m in self.batch:
            base = f"{self.bodies.keys[m.body_id]}-{m.date.isoformat()}"
            values.append(
                {
                    "key": m.key or self.keys.free(base),
                    "body_id": m.body_id,
                    "date": m.date,
                    "time": m.time,
                    "title": m.title,
                    "status": m.status,
                    "location": m.location,
                    "notes": m.notes,
                }
            )
        _insert(self.s, Meeting, self.table, values)
        self.batch.clear()
        self.chars = 0


class _CommitmentWriter:
    def __init__(
        self, s: Session, bodies: _Bodies, keys: _Keys, ledgers: dict[str, _Ledger]
    ) -> None:
        self.s, self.bodies, self.keys, self.ledgers = s, bodies, keys, ledgers
        self.owner_ids: dict[str, int] = dict(s.execute(select(Owner.name, Owner.id)).all())
        self.tables = _table(Owner), _table(Commitment), _table(Promise)
        self.batch: list[_PromiseRow] = []
        self.chars = 0

    def add(self, row: _PromiseRow) -> None:
        self.batch.append(row)
        self.chars += len(row.title) + len(row.details) + len(row.reason) + len(row.source)
        if len(self.batch) >= BATCH_ROWS or self.chars >= BATCH_CHARS:
            self.flush()

    def flush(self) -> None:
        if not self.batch:
            return
        owners, commitments, promises = self.tables
        new_owners = sorted({p.owner for p in self.batch if p.owner} - self.owner_ids.keys())
        if new_owners:
            written = _insert(
                self.s, Owner, owners, [{"name": n, "kind": None} for n in new_owners]
            )
            self.owner_ids.update((w["name"], w["id"]) for w in written)

        values: list[dict[str, Any]] = []
        for p in self.batch:
            if not p.first:
                continue
            status, status_on = p.status or "open", p.status_on
            if p.key is not None:
                ledger = self.ledgers[p.key]  # from the first pass: the whole file's say
                status, status_on = ledger.status or "open", ledger.status_on
            values.append(
                {
                    "key": p.key or self.keys.free(fields.slug(p.title, "commitment")),
                    "title": p.title,
                    "body_id": p.body_id,
                    "owner_id": self.owner_ids[p.owner] if p.owner else None,
                    "status": status,
                    "status_on": status_on if status != "open" else None,
                    "details": p.details,
                    "source": "",
                }
            )
        new_ids = {w["key"]: w["id"] for w in _insert(self.s, Commitment, commitments, values)}
        first_keys = iter(v["key"] for v in values)

        rows: list[dict[str, Any]] = []
        for p in self.batch:
            if p.first:
                commitment_id = new_ids[next(first_keys)]
                if p.key is not None:
                    self.ledgers[p.key].commitment_id = commitment_id
            else:
                assert p.key is not None
                commitment_id = self.ledgers[p.key].commitment_id
            rows.append(
                {
                    "commitment_id": commitment_id,
                    "recorded_on": p.recorded_on,
                    "target_date": p.target_date,
                    "target_meeting_id": (
                        self.bodies.meeting_id(p.target_meeting) if p.target_meeting else None
                    ),
                    "given_by": p.given_by,
                    "reason": p.reason,
                    "source": p.source,
                }
            )
        _insert(self.s, Promise, promises, rows)
        self.batch.clear()
        self.chars = 0


def _insert(
    s: Session, model: type[Any], table: Table, rows: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """A batch of Core INSERTs, each logged in the audit log; returns the rows as written.

    The rows come back in any order (on SQLite, asking for the order would cost one
    statement per row), each with its new id beside its values.
    """
    if not rows:
        return []
    result = s.execute(insert(table).returning(*table.c), rows)
    written = [dict(row._mapping) for row in result]
    # Core inserts bypass the ORM's audit events, so they log themselves.
    audit.log_created(s, model, written, [w["id"] for w in written])
    return written


def _table(model: type[Any]) -> Table:
    """The model's table: Core inserts in batches, without the ORM's per-row bookkeeping."""
    table = model.__table__
    assert isinstance(table, Table)
    return table
