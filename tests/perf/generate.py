"""Write a synthetic Docket record of any size as an interchange JSON file, streamed.

Run: `python -m tests.perf.generate --commitments N -o FILE.json [--seed S]`.

The same N and seed always give the same file, byte for byte (see tests/perf/shape.py
for its shape). Each section is written entry by entry to its own temporary file as the
entries are drawn, and the sections are then joined into FILE.json, which appears only
when complete; so memory stays flat however large N is.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import IO, Any

from tests.perf.shape import Record

SECTIONS = (
    "bodies",
    "meetings",
    "agenda_items",
    "owners",
    "commitments",
    "promises",
    "notes",
    "meeting_changes",
)


class Section:
    """One section's entries, written to a temporary file as they come."""

    def __init__(self, folder: Path, name: str) -> None:
        self.name = name
        self.count = 0
        # Closed by `copy_to`, or by `generate` if anything fails first.
        self.file: IO[str] = tempfile.TemporaryFile(  # noqa: SIM115
            "w+", encoding="utf-8", dir=folder, prefix=f".{name}-"
        )

    def add(self, entry: dict[str, Any]) -> None:
        self.file.write(",\n    " if self.count else "\n    ")
        self.file.write(json.dumps(entry, ensure_ascii=False))
        self.count += 1

    def copy_to(self, out: IO[str]) -> None:
        self.file.seek(0)
        shutil.copyfileobj(self.file, out, 1 << 20)
        self.file.close()


def generate(commitments: int, output: Path, seed: int = 1) -> dict[str, int]:
    """Write the record to `output` (atomically); the number of entries of each section."""
    record = Record(commitments, seed)
    folder = output.resolve().parent
    sections = {name: Section(folder, name) for name in SECTIONS}
    try:
        _fill(record, sections)
        fd, partial = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write('{\n  "docket": 1')
                for section in sections.values():
                    out.write(f',\n  "{section.name}": [')
                    section.copy_to(out)
                    out.write("\n  ]" if section.count else "]")
                out.write("\n}\n")
            os.replace(partial, output)
        except BaseException:
            Path(partial).unlink(missing_ok=True)
            raise
    finally:
        for section in sections.values():
            section.file.close()
    return {name: section.count for name, section in sections.items()}


def _fill(record: Record, sections: dict[str, Section]) -> None:
    for body in record.bodies:
        sections["bodies"].add(
            {
                "key": body.key,
                "name": body.name,
                "short_name": body.short_name,
                "schedule": body.schedule,
            }
        )
    for meeting in record.meeting_drafts():
        sections["meetings"].add(
            {
                "key": meeting.key,
                "body": meeting.body,
                "date": meeting.date.isoformat(),
                "time": "10:00" if meeting.body == "nec" else None,
                "title": record.by_key[meeting.body].short_name,
                "status": meeting.status,
                "location": "",
            }
        )
        for item in record.agenda(meeting):
            sections["agenda_items"].add(item)
        for change in meeting.changes:
            sections["meeting_changes"].add({"meeting": meeting.key, **change})
    for name, kind in record.owners:
        sections["owners"].add({"name": name, "kind": kind})
    for kind, number in record.commitment_numbers():
        ledger = record.ledger(kind, number)
        sections["commitments"].add(ledger.commitment)
        for promise in ledger.promises:
            sections["promises"].add(promise)
        for note in ledger.notes:
            sections["notes"].add(note)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.perf.generate", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--commitments", type=int, required=True, metavar="N")
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.json")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.commitments < 1:
        parser.error("--commitments must be 1 or more")
    began = time.perf_counter()
    counts = generate(args.commitments, args.output, args.seed)
    said = ", ".join(f"{n:,} {name.replace('_', ' ')}" for name, n in counts.items())
    elapsed = time.perf_counter() - began
    print(f"Wrote {args.output}: {said} ({elapsed:.1f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
