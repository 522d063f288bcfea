"""What every command shares: one-line usage errors, argument types, opening the record, output."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from app.core import fields
from app.core.errors import Invalid

if TYPE_CHECKING:
    from app.safety.opening import Database


class UsageError(Exception):
    """A bad command line: exit status 2."""


class Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line and never exits from inside parsing."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


Commands = "argparse._SubParsersAction[Parser]"


def add_command(commands: argparse._SubParsersAction[Parser], name: str, summary: str) -> Parser:
    """A subcommand whose `--help` page opens with the same one line as `docket --help`."""
    parser = commands.add_parser(name, help=summary, description=summary[0].upper() + summary[1:])
    # `docket overdue --db x.db` works as well as `docket --db x.db overdue`.
    parser.add_argument("--db", metavar="PATH|URL", default=argparse.SUPPRESS, help=DB_HELP)
    return parser


DB_HELP = "the database file or SQLAlchemy URL (default: $DOCKET_DB, else the user data folder)"


def iso_date(text: str) -> dt.date:
    try:
        return fields.iso_date(text, "date")
    except Invalid as exc:
        raise argparse.ArgumentTypeError(exc.reason) from None


def size(text: str) -> tuple[int, int]:
    width, _, height = text.lower().partition("x")
    if not (width.isdigit() and height.isdigit()) or not (
        200 <= int(width) <= 8000 and 200 <= int(height) <= 8000
    ):
        raise argparse.ArgumentTypeError(f"{text!r} is not a size like 1280x800")
    return int(width), int(height)


def days(text: str) -> int:
    if not text.isdigit() or int(text) > 3650:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of days (0 to 3650)")
    return int(text)


def open_record(args: argparse.Namespace, *, create: bool = True) -> Database:
    """The record named by --db / DOCKET_DB, through the opening pipeline; warnings on stderr."""
    from app.safety.opening import open_database
    from db.engine import resolve_url

    db = open_database(resolve_url(args.db), create=create)
    for warning in db.warnings:  # a failed daily backup, a record on a network share
        print(f"docket: warning: {warning}", file=sys.stderr)
    return db


def emit(output: Path | None, data: str | bytes) -> None:
    """Write to stdout, or to `output` atomically (never a half-written file)."""
    from app.core.files import write_atomic

    raw = data.encode("utf-8") if isinstance(data, str) else data
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(raw)
        sys.stdout.buffer.flush()
    else:
        write_atomic(output, raw)
