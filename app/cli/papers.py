"""Papers and search from the command line: attach a file to a record, search the record."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from app.cli.arguments import Parser, UsageError, add_command, iso_date, open_record


def add_parsers(commands: argparse._SubParsersAction[Parser]) -> None:
    p = add_command(commands, "search", "find anything in the record, attached files included")
    p.add_argument("text", metavar="TEXT", help='words to find; "quotes" for a phrase')
    p.add_argument("--as-of", type=iso_date, metavar="YYYY-MM-DD", help="only what was known then")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument("--limit", type=int, default=50, metavar="N", help="at most N results (50)")
    p = add_command(commands, "attach", "keep a file in the record, on a meeting or commitment")
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument(
        "--to",
        required=True,
        metavar="KIND:KEY",
        help="meeting:KEY, commitment:KEY, agenda:MEETING-KEY#N (the Nth item),"
        " promise:COMMITMENT-KEY#N or note:COMMITMENT-KEY#N (the Nth in its ledger)",
    )
    p.add_argument("--evidence", action="store_true", help="the evidence of a delivery")
    p.add_argument("--description", default="", metavar="TEXT")


def cmd_search(args: argparse.Namespace) -> int:
    from app.papers.search import run

    if not 1 <= args.limit <= 1000:
        raise UsageError("--limit must be between 1 and 1000")
    db = open_record(args, create=False)
    try:
        results = run(db.sessions, args.text, as_of=args.as_of, limit=args.limit)
    finally:
        db.close()
    if args.format == "json":
        rows = [
            {
                "kind": r.kind,
                "heading": r.heading,
                "title": r.plain()[0],
                "snippet": r.plain()[1],
                "commitment": r.commitment_key,
                "meeting": r.meeting_key,
                "known_on": r.known_on.isoformat() if r.known_on else None,
            }
            for r in results
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not results:
        print(f"Nothing found for {args.text!r}.")
        return 0
    for r in results:
        title, snippet = r.plain(("[", "]"))
        goes = f"commitment {r.commitment_key}" if r.commitment_key else f"meeting {r.meeting_key}"
        print(f"{r.heading}: {title}".rstrip(": ") + f"  ({goes})")
        if snippet:
            print(f"    {snippet}")
    return 0


def cmd_attach(args: argparse.Namespace) -> int:
    from app.core.settings import load_settings
    from app.papers.attachments import attach
    from app.papers.intake import size_words, take_in
    from app.papers.naming import subject_named

    intake = take_in(args.file, load_settings().attachment_limit_mb)
    db = open_record(args, create=False)
    try:
        with db.sessions() as s:
            subject = subject_named(s, args.to)
        role = "evidence" if args.evidence else "paper"
        attach(db.sessions, subject, intake, role=role, description=args.description)
    finally:
        db.close()
    print(
        f"Attached {intake.name} ({size_words(intake.size)}) to {args.to}; {intake.extracted.words()}."
    )
    return 0


COMMANDS = {"search": cmd_search, "attach": cmd_attach}
