"""The `docket` command: the contract scripts and tests rely on (docs/command-line.md).

Each command group lives in its own module (records, lists, brief, safety, gui) and
imports what it needs only when it runs, so `docket --version` starts fast. Errors are
one line on stderr: exit 2 for a usage error, 1 for a failure; never a traceback.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence

from app.cli import brief, copying, gui, lists, papers, records, safety
from app.cli.arguments import DB_HELP, Parser, UsageError
from app.core.errors import DomainError

log = logging.getLogger("docket")

GROUPS = (gui, records, copying, lists, brief, papers, safety)
COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    name: command for group in GROUPS for name, command in group.COMMANDS.items()
}


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="docket",
        description="Track a committee's meetings, decisions and the promises made to it.",
        epilog="With no command, opens the desktop app. `docket COMMAND --help` for each.",
    )
    parser.add_argument(
        "--version", action="store_true", help="show the version and where the record lives"
    )
    parser.add_argument("--db", metavar="PATH|URL", help=DB_HELP)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for group in GROUPS:
        group.add_parsers(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return the process exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        args = build_parser().parse_args(argv)
        args.db = args.db or _shared_record()
        if args.version:
            from app.cli.version import version_text

            print(version_text(args.db), end="")
            return 0
        command = args.command or "gui"
        if getattr(args, "output", None) is not None:
            from app.safety.opening import refuse_record_files
            from db.engine import resolve_url

            # No command may write its output over the record, its log or its lock.
            refuse_record_files(args.output, resolve_url(args.db))
        return COMMANDS[command](args)
    except UsageError as exc:
        print(f"docket: {exc} (see docket --help)", file=sys.stderr)
        return 2
    except DomainError as exc:
        print(f"docket: {_refusal(exc)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("docket: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # the last line of defence: no traceback in front of a user
        return _failed(exc)


def _shared_record() -> str | None:
    """With no --db and no DOCKET_DB: the shared record chosen in the app, if any."""
    import os

    if os.environ.get("DOCKET_DB"):
        return None
    from app.core.settings import load_settings

    try:
        return load_settings().shared_url or None
    except DomainError:  # damaged settings: the commands that read them say so
        return None


def _refusal(exc: DomainError) -> str:
    from app.transfer.interchange import ImportRefused

    return f"import refused: {exc}" if isinstance(exc, ImportRefused) else str(exc)


def exc_orig(exc: Exception) -> object:
    return getattr(exc, "orig", None) or exc


def _failed(exc: Exception) -> int:
    """One line for what went wrong outside Docket's own refusals; details in the log."""
    from sqlalchemy.exc import SQLAlchemyError

    if isinstance(exc, ModuleNotFoundError):  # e.g. a postgresql:// URL without its driver
        print(f"docket: a database driver is not installed ({exc})", file=sys.stderr)
    elif isinstance(exc, SQLAlchemyError):
        from db.sqlite_safety import disk_reason

        log.debug("database error", exc_info=True)
        disk = disk_reason(exc)  # a write is one transaction: a full disk leaves no part of it
        reason = f"{disk}; nothing was changed" if disk else f"database error: {exc_orig(exc)}"
        print(f"docket: {reason}", file=sys.stderr)
    elif isinstance(exc, OSError):
        print(f"docket: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
    else:
        from app.core.logs import log_unexpected

        where = log_unexpected(exc)
        print(f"docket: unexpected error: {exc!r} (details in {where})", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
