"""CSV import of meetings or of commitments: streamed, checked first, all or nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.orm import Session

from app.core.errors import DomainError
from app.core.sessions import Sessions, action
from app.transfer.csv_read import CsvSource, Kind, first_record, read_header
from app.transfer.csv_rows import (
    Bodies,
    CsvRefused,
    MeetingRow,
    Problems,
    PromiseRow,
    RowChecker,
    each_row,
)
from app.transfer.csv_write import write_rows
from app.transfer.interchange import ImportPlan
from db import queries
from db.models import Commitment, Meeting

__all__ = ["CsvImportPlan", "CsvRefused", "Progress", "import_csv"]

# progress(bytes read, file size) over both passes; it may raise to stop the import.
Progress = Callable[[int, int], None]
PREVIEW_ROWS = 20


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


def import_csv(
    sessions: Sessions,
    path: Path,
    *,
    dry_run: bool = False,
    dayfirst: bool = True,
    progress: Progress | None = None,
) -> CsvImportPlan:
    """Import a CSV file of meetings or of commitments; all of it, or nothing.

    A file holds meetings (it has a `date` column) or commitments (a `target` column); the
    README lists the columns. The file is read twice and never held in memory: the first
    pass checks every row against the record and keeps only keys and per-commitment dates;
    if any row is refused, each problem is reported with its line number and nothing is
    written. The second pass writes every row in batches inside one transaction, checking
    each row again, so a file changed between the passes is refused too and rolled back.
    A leading apostrophe that a Docket export put before `=`, `+`, `-`, `@` (formula
    injection) is taken off again.
    """
    path = Path(path)
    source = CsvSource(path)
    with action(sessions) as s:
        bodies = Bodies(s)
        plan, header, checked = _check(s, source, bodies, dayfirst, progress)
        if not dry_run:
            tracker = _tracker(progress, source.size, 1)
            write_rows(s, source, plan.kind, header, checked, dayfirst, tracker)
            if progress is not None:
                progress(source.size, source.size)
    return plan


def _tracker(progress: Progress | None, size: int, phase: int) -> Callable[[int], None] | None:
    if progress is None:
        return None
    phases = 2
    return lambda done: progress((phase * size + done) // phases, size)


def _check(
    s: Session, source: CsvSource, bodies: Bodies, dayfirst: bool, progress: Progress | None
) -> tuple[CsvImportPlan, list[str], RowChecker]:
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


def _check_once(
    s: Session, source: CsvSource, bodies: Bodies, dayfirst: bool, progress: Progress | None
) -> tuple[CsvImportPlan, list[str], RowChecker]:
    records = source.records(_tracker(progress, source.size, 0))
    header_line, cells = first_record(records)
    kind, header, ignored = read_header(header_line, cells)
    taken = queries.keys(s, Meeting if kind == "meetings" else Commitment)
    reader = RowChecker(kind, header, bodies, taken, dayfirst)
    problems = Problems()
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

    plan.rows = each_row(records, problems, meeting if kind == "meetings" else promise)
    if plan.rows == 0 and not problems.total:
        problems.add(header_line, "the file has a header but no rows")
    reader.finish(problems)
    problems.raise_if_any()
    if kind == "commitments":
        plan.new_owners = len(reader.owners_seen - queries.owner_names(s))
    if plan.rows > PREVIEW_ROWS:
        plan.preview.append(f"… and {plan.rows - PREVIEW_ROWS} more row(s)")
    return plan, header, reader


def _describe_meeting(m: MeetingRow, bodies: Bodies) -> str:
    when = m.date.isoformat() + (f" {m.time.strftime('%H:%M')}" if m.time else "")
    title = f" {m.title!r}" if m.title else ""
    return f"line {m.line}: meeting of {bodies.keys[m.body_id]} on {when}{title} ({m.status})"


def _describe_promise(p: PromiseRow, bodies: Bodies) -> str:
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
