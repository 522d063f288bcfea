"""`docket overdue` and `docket due`: lists of commitments as of a day, on screen or in a file."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from app.cli.arguments import Parser, UsageError, add_command, days, emit, iso_date, open_record
from app.core.wording import plural, short_date
from app.documents.exports.formats import BINARY_FORMATS, COLUMN_FORMS, FORMATS

TEXT_SUFFIXES = frozenset({"txt", "text"})  # the terminal table, written to a file


def add_parsers(commands: argparse._SubParsersAction[Parser]) -> None:
    for name, summary in (
        ("overdue", "list commitments overdue as of a date, most days overdue first"),
        ("due", "list commitments falling due soon"),
    ):
        p = add_command(commands, name, summary)
        if name == "due":
            p.add_argument("--within", type=days, metavar="DAYS", help="default: settings (14)")
        p.add_argument("--as-of", type=iso_date, metavar="YYYY-MM-DD", help="default: today")
        p.add_argument("--body", metavar="NAME", help="only this body (key, short or full name)")
        p.add_argument("--owner", metavar="NAME", help="only this owner")
        p.add_argument(
            "--format",
            choices=["table", *FORMATS],
            help="default: from the -o file's suffix (.csv .xlsx .pdf .ics .json .txt), else table",
        )
        p.add_argument(
            "--columns",
            choices=COLUMN_FORMS,
            help="CSV only: people (default; the XLSX's headers, names and words) or keys"
            " (the JSON's keys and values, for scripts)",
        )
        p.add_argument("-o", "--output", type=Path, metavar="FILE", help="write here, not stdout")


def list_format(fmt: str | None, output: Path | None) -> str:
    """The format asked for, else the one the file's suffix names; an unknown suffix is refused."""
    if fmt is not None:
        return fmt
    if output is None:
        return "table"
    suffix = output.suffix.lower().lstrip(".")
    if suffix in FORMATS:
        return suffix
    if suffix in TEXT_SUFFIXES:
        return "table"
    known = ", ".join(f".{name}" for name in (*FORMATS, "txt"))
    raise UsageError(
        f"-o {output}: Docket cannot write a {('.' + suffix) if suffix else 'suffix-less'} file"
        f" (it writes {known}; or give --format)"
    )


def cmd_overdue(args: argparse.Namespace) -> int:
    from app.core.settings import load_settings
    from app.documents import exports, listing
    from app.ledger import standings

    fmt = list_format(args.format, args.output)
    if fmt in BINARY_FORMATS and args.output is None:
        raise UsageError(f"--format {fmt} writes a file: give -o FILE.{fmt}")
    if args.columns is not None and fmt != "csv":
        raise UsageError(
            f"--columns is for CSV, not {fmt} (XLSX, PDF and the table are always for people;"
            " JSON and ICS always use keys)"
        )
    columns = args.columns or "people"
    settings = load_settings()
    as_of = args.as_of or dt.date.today()
    db = open_record(args, create=False)
    try:
        if args.command == "due":
            within = settings.due_soon_days if args.within is None else args.within
            found = standings.due_within(
                db.sessions, as_of, within, settings, body=args.body, owner=args.owner
            )
            empty = f"Nothing falls due within {plural(within, 'day')} of {short_date(as_of)}."
            info = exports.due_info(as_of, within, body=args.body, owner=args.owner)
        else:
            found = standings.overdue(
                db.sessions, as_of, settings, body=args.body, owner=args.owner
            )
            empty = f"Nothing overdue as of {short_date(as_of)}."
            info = exports.overdue_info(as_of, body=args.body, owner=args.owner)
    finally:
        db.close()
    if fmt == "table":
        emit(args.output, listing.as_table(found, empty=empty))
    elif args.output is None:
        emit(None, exports.render(fmt, found, info, columns=columns))
    else:
        from app.cli.gui import pdf_writer

        writer = pdf_writer() if fmt == "pdf" else None
        exports.write_list(
            args.output,
            fmt,
            found,
            info,
            pdf_writer=writer,
            paper=settings.paper,
            columns=columns,
        )
    return 0


COMMANDS = {"overdue": cmd_overdue, "due": cmd_overdue}
