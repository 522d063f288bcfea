"""The CSV import's second pass: every row checked again and written, a batch at a time."""

from __future__ import annotations

from collections.abc import Callable, Container

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core import fields
from app.transfer.csv_read import CsvSource, Kind, first_record
from app.transfer.csv_rows import (
    Bodies,
    Ledger,
    MeetingRow,
    Problems,
    PromiseRow,
    RowChecker,
    each_row,
)
from app.transfer.inserts import Batch, Row, insert_logged
from db.models import Commitment, Meeting, Owner, Promise


def write_rows(
    s: Session,
    source: CsvSource,
    kind: Kind,
    header: list[str],
    checked: RowChecker,
    dayfirst: bool,
    progress: Callable[[int], None] | None,
) -> None:
    """The second pass, inside the caller's transaction: any problem now rolls it all back."""
    bodies = checked.bodies
    taken = checked.taken  # nothing was written since the first pass read them
    reader = RowChecker(kind, header, bodies, taken, dayfirst, checked)
    # Keys made up for rows without one must not take a key given further down the file.
    keys = FreeKeys(taken, checked.meeting_lines if kind == "meetings" else checked.ledgers)
    problems = Problems()
    records = source.records(progress)
    first_record(records)  # the header, checked by the first pass
    writer: MeetingWriter | CommitmentWriter
    if kind == "meetings":
        meetings = writer = MeetingWriter(s, bodies, keys)
        each_row(records, problems, lambda line, c: meetings.add(reader.meeting(line, c)))
    else:
        commitments = writer = CommitmentWriter(s, bodies, keys, checked.ledgers)
        each_row(records, problems, lambda line, c: commitments.add(reader.promise(line, c)))
    reader.finish(problems)
    problems.raise_if_any()  # the file changed since the first pass
    writer.flush()


class FreeKeys:
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


class MeetingWriter:
    """Meetings written a batch at a time, each given a key if its row has none."""

    def __init__(self, s: Session, bodies: Bodies, keys: FreeKeys) -> None:
        self.s, self.bodies, self.keys = s, bodies, keys
        self.batch: Batch[MeetingRow] = Batch()

    def add(self, row: MeetingRow) -> None:
        if self.batch.add(row, len(row.title) + len(row.location) + len(row.notes)):
            self.flush()

    def flush(self) -> None:
        values: list[Row] = []
        for m in self.batch.take():
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
        insert_logged(self.s, Meeting, values)


class CommitmentWriter:
    """Commitments and their promises, and owners new to the record, a batch at a time."""

    def __init__(
        self, s: Session, bodies: Bodies, keys: FreeKeys, ledgers: dict[str, Ledger]
    ) -> None:
        self.s, self.bodies, self.keys, self.ledgers = s, bodies, keys, ledgers
        self.owner_ids: dict[str, int] = dict(s.execute(select(Owner.name, Owner.id)).all())
        self.batch: Batch[PromiseRow] = Batch()

    def add(self, row: PromiseRow) -> None:
        chars = len(row.title) + len(row.details) + len(row.reason) + len(row.source)
        if self.batch.add(row, chars):
            self.flush()

    def flush(self) -> None:
        batch = self.batch.take()
        new_owners = sorted({p.owner for p in batch if p.owner} - self.owner_ids.keys())
        written = insert_logged(self.s, Owner, [{"name": n, "kind": None} for n in new_owners])
        self.owner_ids.update((w["name"], w["id"]) for w in written)

        values: list[Row] = []
        for p in batch:
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
        new_ids = {w["key"]: w["id"] for w in insert_logged(self.s, Commitment, values)}
        first_keys = iter(v["key"] for v in values)

        rows: list[Row] = []
        for p in batch:
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
        insert_logged(self.s, Promise, rows)
