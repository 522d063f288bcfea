"""The `docket` command: the contract scripts and tests rely on (see DESIGN.md).

Errors are one line on stderr: exit 2 for a usage error, 1 for a failure; never a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from sqlalchemy.exc import SQLAlchemyError

from app import __version__
from app.core import fields
from app.core.errors import DomainError, Invalid
from app.core.files import write_atomic
from app.core.logs import log_unexpected
from app.core.settings import load_settings
from app.documents import exports, listing
from app.ledger import standings
from app.ledger.schedule import create_scheduled_meetings
from app.reads import lookups
from app.safety.opening import Database, exists, open_database, refuse_record_files
from app.transfer import record_io as transfer
from app.transfer.interchange import ImportRefused
from db.engine import resolve_url

log = logging.getLogger("docket")


class UsageError(Exception):
    """A bad command line: exit status 2."""


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line and never exits from inside parsing."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="docket",
        description="Track a committee's meetings, decisions and the promises made to it.",
        epilog="With no command, opens the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"docket {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH|URL",
        help="the database file or SQLAlchemy URL (default: $DOCKET_DB, else the user data folder)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = commands.add_parser("gui", help="open the desktop app (the default)")
    p.add_argument("--screenshot", type=Path, metavar="FILE.png", help="save a picture and exit")
    p.add_argument(
        "--view", choices=["overview", "meetings", "commitments", "decisions"], default="overview"
    )
    p.add_argument("--size", type=_size, default=(1280, 800), metavar="WxH")
    p.add_argument("--as-of", type=_iso_date, metavar="YYYY-MM-DD")
    commands.add_parser("init", help="create the database, or upgrade it to this version")
    commands.add_parser("demo", help="load the sample record (the NEC and the Forde Report)")

    p = commands.add_parser(
        "import",
        help="import a Docket JSON file, or a CSV of meetings or commitments; all or nothing",
    )
    p.add_argument("file", type=Path, metavar="FILE.json|FILE.csv")
    p.add_argument("--dry-run", action="store_true", help="check and report; change nothing")

    for name, help_text in (
        ("overdue", "list commitments overdue as of a date, most days overdue first"),
        ("due", "list commitments falling due soon"),
    ):
        p = commands.add_parser(name, help=help_text)
        if name == "due":
            p.add_argument("--within", type=_days, metavar="DAYS", help="default: settings (14)")
        p.add_argument("--as-of", type=_iso_date, metavar="YYYY-MM-DD", help="default: today")
        p.add_argument("--body", metavar="NAME", help="only this body (key, short or full name)")
        p.add_argument("--owner", metavar="NAME", help="only this owner")
        p.add_argument(
            "--format",
            choices=["table", *exports.FORMATS],
            help="default: from the -o file's suffix (.csv .xlsx .pdf .ics .json), else table",
        )
        p.add_argument("-o", "--output", type=Path, metavar="FILE", help="write here, not stdout")

    p = commands.add_parser("brief", help="the brief for a meeting, as PDF or HTML")
    p.add_argument("meeting", metavar="MEETING", help="a meeting key, or a date YYYY-MM-DD")
    p.add_argument("--body", metavar="NAME", help="which body, when several met that day")
    p.add_argument(
        "--as-of", type=_iso_date, metavar="YYYY-MM-DD", help="default: the meeting's date"
    )
    p.add_argument(
        "-o", "--output", type=Path, metavar="FILE.pdf|FILE.html", help="default: HTML on stdout"
    )

    p = commands.add_parser("schedule", help="create a body's next meetings from its schedule")
    p.add_argument("body", metavar="BODY", help="the body's key, short name or name")
    p.add_argument("--until", type=_iso_date, metavar="YYYY-MM-DD", required=True)

    p = commands.add_parser("export", help="export the whole record")
    p.add_argument(
        "--format",
        choices=["json", "ics"],
        default="json",
        help="json: the whole record; ics: the meetings as a calendar",
    )
    p.add_argument("-o", "--output", type=Path, metavar="FILE", help="write here, not stdout")

    p = commands.add_parser("backup", help="back the record up now, into its backup folder")
    p.add_argument("-o", "--output", type=Path, metavar="FILE", help="write it here instead")
    p = commands.add_parser("restore", help="replace the record with a backup (kept first)")
    p.add_argument("file", type=Path, metavar="FILE", help="the backup to restore")
    commands.add_parser("check", help="check the whole file and every reference between records")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return the process exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        command = args.command or "gui"
        if getattr(args, "output", None) is not None:
            # No command may write its output over the record, its log or its lock.
            refuse_record_files(args.output, resolve_url(args.db))
        return COMMANDS[command](args)
    except UsageError as exc:
        print(f"docket: {exc} (see docket --help)", file=sys.stderr)
        return 2
    except ImportRefused as exc:
        print(f"docket: import refused: {exc}", file=sys.stderr)
        return 1
    except DomainError as exc:
        print(f"docket: {exc}", file=sys.stderr)
        return 1
    except ModuleNotFoundError as exc:  # e.g. a postgresql:// URL without its driver
        print(f"docket: a database driver is not installed ({exc})", file=sys.stderr)
        return 1
    except SQLAlchemyError as exc:
        log.debug("database error", exc_info=True)
        print(f"docket: database error: {getattr(exc, 'orig', None) or exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"docket: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("docket: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # the last line of defence: no traceback in front of a user
        where = log_unexpected(exc)
        print(f"docket: unexpected error: {exc!r} (details in {where})", file=sys.stderr)
        return 1


def _has_display() -> bool:
    """Whether Qt can show a window here; without one it would abort the process."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _iso_date(text: str) -> dt.date:
    try:
        return fields.iso_date(text, "date")
    except Invalid as exc:
        raise argparse.ArgumentTypeError(exc.reason) from None


def _size(text: str) -> tuple[int, int]:
    width, _, height = text.lower().partition("x")
    if not (width.isdigit() and height.isdigit()) or not (
        200 <= int(width) <= 8000 and 200 <= int(height) <= 8000
    ):
        raise argparse.ArgumentTypeError(f"{text!r} is not a size like 1280x800")
    return int(width), int(height)


def _days(text: str) -> int:
    if not text.isdigit() or int(text) > 3650:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of days (0 to 3650)")
    return int(text)


def _open(args: argparse.Namespace, *, create: bool = True) -> Database:
    db = open_database(resolve_url(args.db), create=create)
    for warning in db.warnings:  # a failed daily backup, a record on a network share
        print(f"docket: warning: {warning}", file=sys.stderr)
    return db


def cmd_gui(args: argparse.Namespace) -> int:
    if getattr(args, "screenshot", None) is None and not _has_display():
        print(
            "docket: no display to open the window on (DISPLAY is not set);"
            " the command-line commands work without one (see docket --help)",
            file=sys.stderr,
        )
        return 1
    settings = load_settings()
    # The one place app/ reaches into the GUI.
    from ui.application import Screenshot, start

    shot = None
    if getattr(args, "screenshot", None) is not None:
        shot = Screenshot(args.screenshot, args.view, args.size, args.as_of)
    elif getattr(args, "as_of", None) is not None:
        print("docket: --as-of and --view need --screenshot", file=sys.stderr)
        return 2
    # The app opens the record itself: it holds the lock while it runs, and asks the
    # member what to do when the record is in use or cannot be opened.
    return start(resolve_url(args.db), shot, settings)


def cmd_init(args: argparse.Namespace) -> int:
    db = _open(args)
    print(f"Database ready: {db.location}")
    db.close()
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    db = _open(args)
    try:
        plan = transfer.load_sample(db)
    finally:
        db.close()
    print(f"Loaded the sample record into {db.location}: {plan.summary()}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    url = resolve_url(args.db)
    is_csv = args.file.suffix.lower() == ".csv"
    if not exists(url):
        if is_csv:
            raise DomainError(
                "no record yet: a CSV file adds meetings or commitments to the bodies of a"
                " record (load one with `docket demo` or import a Docket JSON file first)"
            )
        # Check the file on its own first: a refused file must not even create a database.
        plan = transfer.check_file(args.file)
        if args.dry_run:
            print(f"Would import {plan.summary()} (nothing written)")
            return 0
    db = open_database(url)
    try:
        plan = transfer.import_file(
            db.sessions, args.file, dry_run=args.dry_run, dayfirst=load_settings().dayfirst
        )
    finally:
        db.close()
    verb = "Would import" if args.dry_run else "Imported"
    print(f"{verb} {plan.summary()}" + (" (nothing written)" if args.dry_run else ""))
    if args.dry_run and is_csv:
        for line in getattr(plan, "preview", []):
            print(f"  {line}")
    return 0


def _emit(args: argparse.Namespace, text: str) -> None:
    if args.output is None:
        sys.stdout.write(text)
    else:
        write_atomic(args.output, text.encode("utf-8"))


def cmd_overdue(args: argparse.Namespace) -> int:
    fmt = args.format or (args.output and exports.format_for(args.output)) or "table"
    if fmt in exports.BINARY_FORMATS and args.output is None:
        raise UsageError(f"--format {fmt} writes a file: give -o FILE.{fmt}")
    settings = load_settings()
    as_of = args.as_of or dt.date.today()
    db = _open(args, create=False)
    try:
        if args.command == "due":
            within = settings.due_soon_days if args.within is None else args.within
            found = standings.due_within(
                db.sessions, as_of, within, settings, body=args.body, owner=args.owner
            )
            empty = f"Nothing falls due within {within} days of {as_of.isoformat()}."
            info = exports.due_info(as_of, within, body=args.body, owner=args.owner)
        else:
            found = standings.overdue(
                db.sessions, as_of, settings, body=args.body, owner=args.owner
            )
            empty = f"Nothing overdue as of {as_of.isoformat()}."
            info = exports.overdue_info(as_of, body=args.body, owner=args.owner)
    finally:
        db.close()
    if fmt == "table":
        _emit(args, listing.as_table(found, empty=empty))
    elif args.output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(exports.render(fmt, found, info))
        sys.stdout.buffer.flush()
    else:
        pdf_writer = None
        if fmt == "pdf":
            from ui.pdf import write_pdf  # the entry point may reach into ui/ (for Qt's layout)

            pdf_writer = write_pdf
        exports.write_list(
            args.output, fmt, found, info, pdf_writer=pdf_writer, paper=settings.paper
        )
    return 0


def cmd_brief(args: argparse.Namespace) -> int:
    from app.documents import briefs

    kind = "html" if args.output is None else args.output.suffix.lower().lstrip(".")
    if kind not in ("pdf", "html", "htm"):
        raise UsageError(f"-o {args.output}: the brief is written as .pdf or .html")
    settings = load_settings()
    db = _open(args, create=False)
    try:
        meeting_id = briefs.find_meeting(db.sessions, args.meeting, args.body)
        brief = briefs.brief_data(db.sessions, meeting_id, settings, as_of=args.as_of)
        if kind == "pdf":
            from ui.briefs import write_brief_pdf  # the entry point may reach into ui/

            pages = write_brief_pdf(db.sessions, brief, args.output, paper=settings.paper)
            print(f"Wrote {args.output} ({pages} page{'s' if pages != 1 else ''})")
        else:
            _emit(args, briefs.render_html(brief, with_charts=False))
    finally:
        db.close()
    return 0


def cmd_schedule(args: argparse.Namespace) -> int:
    db = _open(args, create=False)
    try:
        body_id = lookups.body_id_named(db.sessions, args.body)
        ids = create_scheduled_meetings(
            db.sessions, body_id, until=args.until, today=dt.date.today()
        )
        dates = lookups.meeting_dates(db.sessions, ids)
    finally:
        db.close()
    if not dates:
        print(f"No new meetings: the schedule has none free up to {args.until.isoformat()}.")
    else:
        print(
            f"Created {len(dates)} scheduled meeting(s): {', '.join(d.isoformat() for d in dates)}"
        )
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    db = _open(args, create=False)
    try:
        if args.format == "ics":
            from app.documents.exports.ics_out import meetings_ics

            data = meetings_ics(db.sessions)  # CRLF line ends, as iCalendar requires
        else:
            data = transfer.export_json(db.sessions).encode("utf-8")
    finally:
        db.close()
    if args.output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        write_atomic(args.output, data)
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from app.safety.opening import back_up

    target = back_up(resolve_url(args.db), args.output)
    print(f"Backed up {resolve_url(args.db).database} to {target}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from app.safety.restore import restore_record

    print(restore_record(resolve_url(args.db), args.file).summary())
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """The full check, in plain words on stdout; exit 1 (with one line on stderr) on problems."""
    from app.safety.backups import newest_good_backup
    from app.safety.checks import check_file
    from db.engine import sqlite_path

    path = sqlite_path(resolve_url(args.db))
    if path is None:
        raise DomainError("`docket check` checks a database file; a server has its own checks")
    report = check_file(path)
    backup = newest_good_backup(path) if report.problems else None
    hint = f"; the newest good backup is {backup.path}" if backup else ""
    if not report.lines:  # not a database to check at all: one line, as any failure
        raise DomainError(report.problems[0] + hint)
    print(f"Checked {path}")
    for line in report.lines:
        print(f"  {line}")
    if not report.problems:
        print("No problems found.")
        return 0
    print(f"{len(report.problems)} problem(s) found.")
    if backup is not None:
        print(
            f"The newest good backup is {backup.path} ({backup.describe()});"
            f" restore it with: docket restore {backup.path}"
        )
    print(f"docket: {path}: {'; '.join(report.problems)}{hint}", file=sys.stderr)
    return 1


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "gui": cmd_gui,
    "init": cmd_init,
    "demo": cmd_demo,
    "import": cmd_import,
    "export": cmd_export,
    "overdue": cmd_overdue,
    "due": cmd_overdue,
    "schedule": cmd_schedule,
    "brief": cmd_brief,
    "backup": cmd_backup,
    "restore": cmd_restore,
    "check": cmd_check,
}


if __name__ == "__main__":
    sys.exit(main())
