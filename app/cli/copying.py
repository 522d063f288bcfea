"""`docket copy --from URL --to URL`: a whole record moved between SQLite and PostgreSQL."""

from __future__ import annotations

import argparse

from app.cli.arguments import Parser, add_command


def add_parsers(commands: argparse._SubParsersAction[Parser]) -> None:
    p = add_command(commands, "copy", "copy a whole record to another database (file or server)")
    p.add_argument("--from", dest="source", required=True, metavar="PATH|URL")
    p.add_argument("--to", dest="target", required=True, metavar="PATH|URL")


def cmd_copy(args: argparse.Namespace) -> int:
    from app.core.errors import DomainError
    from app.safety.opening import open_database
    from app.transfer.copying import copy_record
    from db.engine import resolve_url

    source_url, target_url = resolve_url(args.source), resolve_url(args.target)
    if source_url == target_url:
        raise DomainError("--from and --to name the same record")
    source = open_database(source_url, create=False)
    try:
        target = open_database(target_url)
        try:
            plan = copy_record(source.sessions, target.sessions, target.location)
        finally:
            target.close()
    finally:
        source.close()
    print(f"Copied {plan.summary()} from {source.location} to {target.location}")
    return 0


COMMANDS = {"copy": cmd_copy}
