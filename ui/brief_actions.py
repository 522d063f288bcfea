"""Print brief… and Export brief as PDF… for the selected meeting.

Gathering the brief and writing the PDF run off the UI thread; printing lays out in the
print preview, which Qt drives on the UI thread.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.core.settings import Settings
from app.core.wording import plural
from app.documents.briefs import Brief, brief_data
from app.ledger.arising import brief_as_of
from app.papers.attachments import papers_count
from app.reads.browse import MeetingRow
from ui.background_jobs import show_status
from ui.briefs import print_brief, write_brief_pdf
from ui.print_preview import open_preview
from ui.store import Store


def _gather(store: Store, meeting: MeetingRow, as_of: dt.date, settings: Settings) -> Brief:
    # A brief is made as of its meeting's day, unless the app looks at an earlier day:
    # the same day the Meetings pane and `docket brief` use (app.ledger.arising).
    day = brief_as_of(store.sessions, meeting.id, as_of)
    return brief_data(store.sessions, meeting.id, settings, as_of=day)


def _pdf_papers(store: Store, meeting: MeetingRow) -> int:
    """How many PDF papers the meeting and its agenda items hold."""
    with store.sessions() as s:
        return papers_count(s, meeting.id, "application/pdf")


def export_brief_pdf(parent: QWidget, store: Store, meeting: MeetingRow) -> None:
    suggested = f"brief-{meeting.key}.pdf"
    with_papers = False
    papers = _pdf_papers(store, meeting)
    if papers:
        answer = QMessageBox.question(
            parent,
            QCoreApplication.translate("BriefActions", "Brief as PDF"),
            QCoreApplication.translate(
                "BriefActions",
                "This meeting has {0}. Append {1} to the brief, so one file prints everything"
                " with its pages numbered through?",
            ).format(plural(papers, "PDF paper"), "it" if papers == 1 else "them"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        with_papers = answer == QMessageBox.StandardButton.Yes
    path, _ = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("BriefActions", "Export brief as PDF"),
        suggested,
        QCoreApplication.translate("BriefActions", "PDF (*.pdf)"),
    )
    if not path:
        return
    target = Path(path if path.lower().endswith(".pdf") else f"{path}.pdf")
    # Read on the UI thread: the worker must not see a date changed after the click.
    as_of, settings = store.as_of, store.settings

    def work() -> int:
        brief = _gather(store, meeting, as_of, settings)
        return write_brief_pdf(
            store.sessions, brief, target, paper=settings.paper, with_papers=with_papers
        )

    def done(pages: int) -> None:
        show_status(
            parent,
            QCoreApplication.translate("BriefActions", "Brief written to {0} ({1} pages)").format(
                target, pages
            ),
            6000,
        )

    store.load(work, done)


def print_brief_dialog(parent: QWidget, store: Store, meeting: MeetingRow) -> QPrintPreviewDialog:
    """A print preview of the brief; its Print button opens the system's print dialog."""
    brief = _gather(store, meeting, store.as_of, store.settings)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    return open_preview(
        parent,
        printer,
        lambda device: print_brief(store.sessions, brief, device, paper=store.settings.paper),
        QCoreApplication.translate("BriefActions", "Print brief — {0}").format(brief.title),
    )
