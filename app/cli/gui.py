"""`docket gui`, and the one place the command line reaches into ui/: the window and Qt's PDFs.

The layer test allows this module alone to import ui/ (DESIGN.md: the entry point).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli.arguments import Parser, add_command, iso_date, size

if TYPE_CHECKING:
    from app.core.sessions import Sessions
    from app.documents.briefs import Brief
    from app.documents.exports import PdfWriter

VIEWS = ["overview", "meetings", "commitments", "decisions", "search"]


def add_parsers(commands: argparse._SubParsersAction[Parser]) -> None:
    p = add_command(commands, "gui", "open the desktop app (the default)")
    p.add_argument("--screenshot", type=Path, metavar="FILE.png", help="save a picture and exit")
    p.add_argument("--view", choices=VIEWS, default="overview", help="the view to picture")
    p.add_argument("--size", type=size, default=(1280, 800), metavar="WxH")
    p.add_argument("--as-of", type=iso_date, metavar="YYYY-MM-DD")
    p.add_argument("--search", default="", metavar="TEXT", help="search for this (Enter) first")
    p.add_argument("--select", default="", metavar="KEY", help="the commitment or meeting to show")


def has_display() -> bool:
    """Whether Qt can show a window here; without one it would abort the process."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def cmd_gui(args: argparse.Namespace) -> int:
    from app.core.settings import load_settings
    from db.engine import resolve_url

    screenshot = getattr(args, "screenshot", None)
    if screenshot is None and not has_display():
        print(
            "docket: no display to open the window on (DISPLAY is not set);"
            " the command-line commands work without one (see docket --help)",
            file=sys.stderr,
        )
        return 1
    if screenshot is None and getattr(args, "as_of", None) is not None:
        print("docket: --as-of and --view need --screenshot", file=sys.stderr)
        return 2
    settings = load_settings()
    from ui.application import Screenshot, start

    shot = None
    if screenshot is not None:
        shot = Screenshot(screenshot, args.view, args.size, args.as_of, args.search, args.select)
    # The app opens the record itself: it holds the lock while it runs, and asks the
    # member what to do when the record is in use or cannot be opened.
    return start(resolve_url(args.db), shot, settings)


def pdf_writer() -> PdfWriter:
    """Qt's PDF writer (ui.pdf), which lays out an exported list's HTML."""
    from ui.pdf import write_pdf

    return write_pdf


def write_brief_pdf(
    sessions: Sessions, brief: Brief, target: Path, *, paper: str, with_papers: bool = False
) -> int:
    """The brief as a PDF with its slip charts, laid out by Qt; the number of pages."""
    from ui.briefs import write_brief_pdf as write

    return write(sessions, brief, target, paper=paper, with_papers=with_papers)


COMMANDS = {"gui": cmd_gui}
