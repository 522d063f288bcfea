"""The Papers box as a member uses it: a file dropped on a commitment, opened, removed and
put back with Ctrl+Z; an agenda item's papers; a private note; nothing to do read-only."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from sqlalchemy import func, select

from app.papers.search import run
from db.models import Attachment
from tests.papers.files import write_pdf
from ui.main_window import MainWindow
from ui.store import Store


@pytest.fixture
def window(qtbot: Any, store: Store) -> Any:
    window = MainWindow(store, restore=False)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitUntil(
        lambda: all(v.is_loaded for v in window.views) and not store.busy, timeout=10_000
    )
    return window


def settle(qtbot: Any, store: Store) -> None:
    qtbot.waitUntil(lambda: not store.busy, timeout=10_000)


def drop(box: Any, *paths: Path) -> None:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(
        QPointF(5, 5),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    box.dropEvent(event)


def stored(store: Store) -> int:
    with store.sessions() as s:
        return (
            s.scalar(
                select(func.count()).select_from(Attachment).where(Attachment.removed_at.is_(None))
            )
            or 0
        )


def test_a_file_dropped_on_a_commitment_is_kept_found_and_removed_undoably(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    store = window.store
    window.show_view("commitments")
    assert window.commitments.select_key("forde-report")
    box = window.commitments.pane.papers
    qtbot.waitUntil(
        lambda: box.subject is not None and box.subject.kind == "commitment", timeout=5_000
    )
    pdf = write_pdf(tmp_path / "letter.pdf", ["The chair's quillfeather letter of January"])
    drop(box, pdf)
    settle(qtbot, store)
    qtbot.waitUntil(lambda: len(box.rows) == 1, timeout=5_000)
    assert box.list.item(0).text().startswith("letter.pdf (")
    assert window.statusBar().currentMessage().startswith("Attached letter.pdf (")
    assert window.statusBar().currentMessage().endswith("its text is searchable).")
    assert [r.kind for r in run(store.sessions, "quillfeather")] == ["attachment"]
    box.list.setCurrentRow(0)
    assert box.remove_button.isEnabled()
    box.remove_button.click()
    settle(qtbot, store)
    qtbot.waitUntil(lambda: box.rows == [], timeout=5_000)
    assert stored(store) == 0
    assert window.undo_action.isEnabled()
    window.undo_action.trigger()
    settle(qtbot, store)
    qtbot.waitUntil(lambda: len(box.rows) == 1, timeout=5_000)
    window.undo_action.trigger()  # and the attaching itself can be undone
    settle(qtbot, store)
    qtbot.waitUntil(lambda: box.rows == [], timeout=5_000)
    window.redo_action.trigger()
    settle(qtbot, store)
    qtbot.waitUntil(lambda: len(box.rows) == 1, timeout=5_000)


def test_an_agenda_items_papers_and_the_meetings_own(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    store = window.store
    meetings = window.show_view("meetings")
    assert meetings.select_key("nec-2022-03-29")
    pane = meetings.pane
    settle(qtbot, store)
    assert pane.papers.subject is not None
    assert pane.papers.subject.kind == "meeting"
    meetings.agenda.table.selectRow(3)  # item 4, the Forde Inquiry
    qtbot.waitUntil(lambda: pane.papers.subject.kind == "agenda_item", timeout=5_000)
    drop(pane.papers, write_pdf(tmp_path / "update.pdf", ["Update from the inquiry"]))
    settle(qtbot, store)
    qtbot.waitUntil(lambda: len(pane.papers.rows) == 1, timeout=5_000)
    assert pane.sheets.tabText(1) == "Item 4 papers (1)"
    meetings.agenda.table.clearSelection()
    qtbot.waitUntil(lambda: pane.papers.subject.kind == "meeting", timeout=5_000)
    settle(qtbot, store)
    assert pane.papers.rows == []
    assert pane.sheets.tabText(1) == "Meeting papers"


def test_a_private_note_is_kept_shown_and_undone(qtbot: Any, window: Any) -> None:
    from ui import papers_actions

    store = window.store
    window.show_view("commitments")
    window.commitments.select_key("forde-report")
    box = window.commitments.pane.papers
    qtbot.waitUntil(lambda: box.subject is not None, timeout=5_000)
    papers_actions.write_note(store, box.subject, "Ask who signed the letter")
    settle(qtbot, store)
    qtbot.waitUntil(lambda: box.note.isVisible(), timeout=5_000)
    assert box.note.text() == "My private note: Ask who signed the letter"
    window.undo_action.trigger()
    settle(qtbot, store)
    qtbot.waitUntil(lambda: not box.note.isVisible(), timeout=5_000)


def test_a_read_only_window_offers_no_way_to_attach(
    qtbot: Any, sample_db: Any, tmp_path: Path
) -> None:
    from app.safety.opening import Database

    read_only = Database(sample_db.url, sample_db.engine, sample_db.sessions, read_only=True)
    store = Store(read_only)
    store.set_as_of(dt.date(2022, 3, 29))
    window = MainWindow(store, restore=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(
        lambda: all(v.is_loaded for v in window.views) and not store.busy, timeout=10_000
    )
    window.show_view("commitments")
    window.commitments.select_key("forde-report")
    box = window.commitments.pane.papers
    qtbot.waitUntil(lambda: box.subject is not None, timeout=5_000)
    assert not box.attach_button.isEnabled()
    assert not box.note_button.isEnabled()
    assert box.attach_button.toolTip() == "This record is open read-only"
    drop(box, write_pdf(tmp_path / "x.pdf", ["x"]))
    settle(qtbot, store)
    assert stored(store) == 0
    store.close()


def test_brief_as_pdf_offers_to_append_the_papers(
    qtbot: Any, window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pypdf import PdfReader
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from app.papers import attachments as files
    from app.papers.intake import take_in
    from app.papers.naming import subject_named
    from tests.builders import pdf_text

    store = window.store
    with store.sessions() as s:
        item = subject_named(s, "agenda:nec-2022-03-29#1")
    paper = write_pdf(tmp_path / "awl.pdf", ["AWL evidence one", "AWL evidence two"])
    files.attach(store.sessions, item, take_in(paper, 200))
    asked: list[str] = []

    def answer(_parent: Any, _title: str, text: str, *_a: Any) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    target = tmp_path / "brief.pdf"
    monkeypatch.setattr(QMessageBox, "question", answer)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    meetings = window.show_view("meetings")
    assert meetings.select_key("nec-2022-03-29")
    meetings.export_brief_action.trigger()
    qtbot.waitUntil(lambda: target.exists() and not store.busy, timeout=20_000)
    assert asked == [
        "This meeting has 1 PDF paper. Append it to the brief, so one file prints"
        " everything with its pages numbered through?"
    ]
    pages = len(PdfReader(target).pages)
    assert "AWL evidence two" in pdf_text(target, pages)
    assert f"Page {pages} of {pages}" in pdf_text(target, pages)
