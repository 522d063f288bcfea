"""`docket brief MEETING`: the brief a member reads before a meeting, as PDF or HTML."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.arguments import Parser, UsageError, add_command, emit, iso_date, open_record
from app.core.wording import plural

KINDS = ("pdf", "html", "htm", "json")


def add_parsers(commands: argparse._SubParsersAction[Parser]) -> None:
    p = add_command(commands, "brief", "the brief for a meeting, as PDF, HTML or its data as JSON")
    p.add_argument("meeting", metavar="MEETING", help="a meeting key, or a date YYYY-MM-DD")
    p.add_argument("--body", metavar="NAME", help="which body, when several met that day")
    p.add_argument(
        "--as-of", type=iso_date, metavar="YYYY-MM-DD", help="default: the meeting's date"
    )
    p.add_argument(
        "--with-papers",
        action="store_true",
        help="append the meeting's PDF papers to the PDF, pages numbered through",
    )
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE.pdf|FILE.html|FILE.json",
        help="default: HTML on stdout",
    )


def cmd_brief(args: argparse.Namespace) -> int:
    from app.core.settings import load_settings
    from app.documents import briefs

    kind = "html" if args.output is None else args.output.suffix.lower().lstrip(".")
    if kind not in KINDS:
        raise UsageError(f"-o {args.output}: the brief is written as .pdf, .html or .json")
    if args.with_papers and kind != "pdf":
        raise UsageError("--with-papers needs -o FILE.pdf: papers are appended to the PDF")
    settings = load_settings()
    db = open_record(args, create=False)
    try:
        meeting_id = briefs.find_meeting(db.sessions, args.meeting, args.body)
        brief = briefs.brief_data(db.sessions, meeting_id, settings, as_of=args.as_of)
        if kind == "pdf":
            from app.cli.gui import write_brief_pdf

            pages = write_brief_pdf(
                db.sessions, brief, args.output, paper=settings.paper, with_papers=args.with_papers
            )
            print(f"Wrote {args.output} ({plural(pages, 'page')})")
        elif kind == "json":
            from app.documents.brief_json import brief_json

            emit(args.output, brief_json(brief))
        else:
            emit(args.output, briefs.render_html(brief, with_charts=False))
    finally:
        db.close()
    return 0


COMMANDS = {"brief": cmd_brief}
