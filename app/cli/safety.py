"""The record's safety from the command line: backup, restore and check."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli.arguments import Parser, add_command
from app.core.errors import DomainError
from app.core.wording import plural

if TYPE_CHECKING:
    from sqlalchemy.engine import URL


def add_parsers(commands: argparse._SubParsersAction[Parser]) -> None:
    p = add_command(commands, "backup", "back the record up now, into its backup folder")
    p.add_argument("-o", "--output", type=Path, metavar="FILE", help="write it here instead")
    p = add_command(commands, "restore", "replace the record with a backup (kept first)")
    p.add_argument("file", type=Path, metavar="FILE", help="the backup to restore")
    p = add_command(commands, "check", "check the whole file and every reference between records")
    p.add_argument(
        "--repair-index",
        action="store_true",
        help="rebuild the search index from the record (nothing else changes)",
    )
    p.add_argument(
        "--repair",
        action="store_true",
        help="first put back, from the record's history, what broken references name",
    )


def cmd_backup(args: argparse.Namespace) -> int:
    from app.safety.opening import back_up
    from db.engine import resolve_url

    target = back_up(resolve_url(args.db), args.output)
    print(f"Backed up {resolve_url(args.db).database} to {target}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from app.safety.restore import restore_record
    from db.engine import resolve_url

    print(restore_record(resolve_url(args.db), args.file).summary())
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """The full check, in plain words on stdout; exit 1 (with one line on stderr) on problems."""
    if getattr(args, "repair_index", False):
        return _repair_index(args)
    from app.safety.backups import newest_good_backup
    from app.safety.checks import check_file
    from db.engine import resolve_url, sqlite_path

    url = resolve_url(args.db)
    path = sqlite_path(url)
    if path is None:
        raise DomainError("`docket check` checks a database file; a server has its own checks")
    if getattr(args, "repair", False):
        _repair(url)
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
    print(f"{plural(len(report.problems), 'problem')} found.")
    if backup is not None:
        print(
            f"The newest good backup is {backup.path} ({backup.describe()});"
            f" restore it with: docket restore {backup.path}"
        )
    print(f"docket: {path}: {'; '.join(report.problems)}{hint}", file=sys.stderr)
    return 1


def _repair_index(args: argparse.Namespace) -> int:
    from app.cli.arguments import open_record
    from app.papers.index import repair_index

    db = open_record(args, create=False)
    try:
        entries = repair_index(db.sessions)
    finally:
        db.close()
    print(f"Rebuilt the search index: {plural(entries, 'entry', 'entries')}.")
    return 0


def _repair(url: URL) -> None:
    """Open the record as any command does (a damaged one is refused), repair, report."""
    from app.safety.opening import open_database
    from app.safety.repair import repair_record

    db = open_database(url, create=False)
    try:
        report = repair_record(db)
    finally:
        db.close()
    if report.backup:
        print(f"Backed up first to {report.backup}")
    for line in report.lines():
        print(line)


COMMANDS = {"backup": cmd_backup, "restore": cmd_restore, "check": cmd_check}
