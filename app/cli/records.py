"""Commands that make, fill and move a whole record: init, demo, import, export, schedule."""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from app.cli.arguments import Parser, add_command, emit, iso_date, open_record
from app.core.errors import DomainError
from app.core.wording import plural, short_date


def add_parsers(commands: argparse._SubParsersAction[Parser]) -> None:
    add_command(commands, "init", "create the database, or upgrade it to this version")
    add_command(commands, "demo", "load the sample record (the NEC and the Forde Report)")
    p = add_command(
        commands,
        "import",
        "import a Docket JSON file, or a CSV of meetings or commitments; all or nothing",
    )
    p.add_argument("file", type=Path, metavar="FILE.json|FILE.csv")
    p.add_argument("--dry-run", action="store_true", help="check and report; change nothing")

    p = add_command(commands, "export", "export the whole record")
    p.add_argument(
        "--format",
        choices=["json", "ics"],
        default="json",
        help="json: the whole record; ics: the meetings as a calendar",
    )
    p.add_argument("-o", "--output", type=Path, metavar="FILE", help="write here, not stdout")

    p = add_command(commands, "schedule", "create a body's next meetings from its schedule")
    p.add_argument("body", metavar="BODY", help="the body's key, short name or name")
    p.add_argument("--until", type=iso_date, metavar="YYYY-MM-DD", required=True)


def cmd_init(args: argparse.Namespace) -> int:
    db = open_record(args)
    print(f"Database ready: {db.location}")
    db.close()
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from app.transfer.record_io import load_sample

    db = open_record(args)
    try:
        plan = load_sample(db)
    finally:
        db.close()
    print(f"Loaded the sample record into {db.location}: {plan.summary()}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from app.core.settings import load_settings
    from app.safety.opening import exists, open_database
    from app.transfer import record_io
    from db.engine import resolve_url

    url = resolve_url(args.db)
    is_csv = args.file.suffix.lower() == ".csv"
    checked = None
    if not exists(url):
        if is_csv:
            raise DomainError(
                "no record yet: a CSV file adds meetings or commitments to the bodies of a"
                " record (load one with `docket demo` or import a Docket JSON file first)"
            )
        # Check the file on its own first: a refused file must not even create a database.
        # Its checked rows are kept, so the new record is filled without reading it again.
        checked = record_io.check_file(args.file, keep=not args.dry_run)
        if args.dry_run:
            print(f"Would import {checked.summary()} (nothing written)")
            return 0
    try:
        db = open_database(url)
        try:
            plan = record_io.import_file(
                db.sessions,
                args.file,
                dry_run=args.dry_run,
                dayfirst=load_settings().dayfirst,
                checked=checked,
            )
        finally:
            db.close()
    finally:
        if checked is not None:
            checked.close()
    verb = "Would import" if args.dry_run else "Imported"
    print(f"{verb} {plan.summary()}" + (" (nothing written)" if args.dry_run else ""))
    if args.dry_run and is_csv:
        for line in getattr(plan, "preview", []):
            print(f"  {line}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    db = open_record(args, create=False)
    try:
        if args.format == "ics":
            from app.documents.exports.ics_out import meetings_ics

            data = meetings_ics(db.sessions)  # CRLF line ends, as iCalendar requires
        else:
            from app.transfer.record_io import write_json

            # Streamed as it is read: a record of decades never sits whole in memory.
            write_streamed(args.output, lambda out: write_json(db.sessions, out))
            return 0
    finally:
        db.close()
    emit(args.output, data)
    return 0


def write_streamed(output: Path | None, write: Callable[[TextIO], None]) -> None:
    """Text written as it is made: to stdout, or to `output` whole or not at all.

    A file is written beside its place under a temporary name, flushed to disk, and only
    then moved into place, as `emit` does for text made at once.
    """
    if output is None:
        sys.stdout.flush()
        out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="\n")
        try:
            write(out)
        finally:
            out.flush()
            out.detach()
        return
    if output.is_dir():
        raise DomainError(f"cannot write {output}: it is a folder")
    try:
        fd, name = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp", dir=output.parent)
    except OSError as exc:
        raise DomainError(f"cannot write {output}: {exc.strerror}") from None
    partial = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            write(out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, output)
    except OSError as exc:
        raise DomainError(f"cannot write {output}: {exc.strerror or exc}") from None
    finally:
        partial.unlink(missing_ok=True)


def cmd_schedule(args: argparse.Namespace) -> int:
    from app.ledger.schedule import create_scheduled_meetings
    from app.reads import lookups

    db = open_record(args, create=False)
    try:
        body_id = lookups.body_id_named(db.sessions, args.body)
        ids = create_scheduled_meetings(
            db.sessions, body_id, until=args.until, today=dt.date.today()
        )
        dates = lookups.meeting_dates(db.sessions, ids)
    finally:
        db.close()
    if not dates:
        print(f"No new meetings: the schedule has none free up to {short_date(args.until)}.")
    else:
        made = plural(len(dates), "scheduled meeting")
        print(f"Created {made}: {', '.join(d.isoformat() for d in dates)}")
    return 0


COMMANDS = {
    "init": cmd_init,
    "demo": cmd_demo,
    "import": cmd_import,
    "export": cmd_export,
    "schedule": cmd_schedule,
}
