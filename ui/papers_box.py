"""The Papers box: the files kept with a record, and the member's private note on it.

It sits in a commitment's pane (its files, its evidence of delivery, and the letters on
its promises and notes) and in a meeting's (the meeting's papers, or the chosen agenda
item's). Files are dropped onto it or chosen with Attach…; a double-click opens a
read-only copy in the system's viewer.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.wording import short_date
from app.papers.attachments import AttachmentRow, attachments_of
from app.papers.intake import size_words
from app.papers.private_notes import private_note
from app.papers.subjects import Subject
from app.papers.text import STATUS_WORDS
from ui import papers_actions as act
from ui.store import Store
from ui.views.widgets import heading, muted

Papers = tuple[list[tuple[AttachmentRow, str]], str | None]


def describe(row: AttachmentRow, where: str) -> str:
    kind = "Evidence: " if row.role == "evidence" else ""
    said = f", {row.description}" if row.description else ""
    on = f" — {where}" if where else ""
    added = short_date(row.added_at.date())
    return f"{kind}{row.name}{said} ({size_words(row.size)}, added {added}){on}"


class PapersBox(QFrame):
    """Files and a private note on one record (with, for a commitment, its ledger's files)."""

    message = Signal(str)  # what happened, for the status bar
    counted = Signal(int)  # how many files it shows

    def __init__(
        self, store: Store, title: str, *, rows: int = 4, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("papersBox")
        self.store = store
        self.subject: Subject | None = None
        self.others: list[tuple[Subject, str]] = []  # (a promise or note, how to name it)
        self.evidence_allowed = False
        self.rows: list[AttachmentRow] = []
        self.setAcceptDrops(True)
        self.heading = heading(title)
        self.list = QListWidget()
        self.list.setObjectName("papersList")
        self.list.setAccessibleName(title)
        self.list.setToolTip(self.tr("Drop files here to attach them; double-click to open one"))
        self.list.setMaximumHeight(8 + rows * self.list.fontMetrics().height() * 5 // 4)
        self.list.itemActivated.connect(lambda _item: self.open_selected())
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.attach_button = self._button(self.tr("Attach…"), self.choose_files)
        self.evidence_button = self._button(self.tr("Evidence…"), self.choose_evidence)
        self.evidence_button.setToolTip(self.tr("Attach the evidence of its delivery"))
        self.open_button = self._button(self.tr("Open"), self.open_selected)
        self.save_button = self._button(self.tr("Save copy…"), self.save_selected)
        self.remove_button = self._button(self.tr("Remove"), self.remove_selected)
        self.note_button = self._button(self.tr("My note…"), self.edit_note)
        self.note_button.setToolTip(
            self.tr("Your own note on this record: kept and backed up, never exported or shared")
        )
        self.note = muted(QLabel())
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QHBoxLayout()
        buttons.setSpacing(4)
        for button in (
            self.attach_button, self.evidence_button, self.open_button, self.save_button,
            self.remove_button, self.note_button,
        ):  # fmt: skip
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.heading)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        layout.addWidget(self.note)
        store.changed.connect(self.reload)
        self.message.connect(self._say)
        self._update_buttons()

    def _button(self, text: str, slot: object) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(slot)
        return button

    # --- what it shows -------------------------------------------------------------------

    def show_subject(
        self,
        subject: Subject | None,
        others: list[tuple[Subject, str]] | None = None,
        *,
        evidence: bool = False,
    ) -> None:
        self.subject, self.others, self.evidence_allowed = subject, others or [], evidence
        self.reload()

    @Slot()
    def reload(self) -> None:
        subject, others, sessions = self.subject, list(self.others), self.store.sessions
        if subject is None:
            self._shown(([], None))
            return

        def work() -> Papers:
            with sessions() as s:
                shown = [(row, "") for row in attachments_of(s, subject)]
                for other, where in others:
                    shown += [(row, where) for row in attachments_of(s, other)]
                return shown, private_note(s, subject)

        self.store.load(work, self._shown, owner=self)

    def _shown(self, papers: Papers) -> None:
        rows, note = papers
        self.rows = [row for row, _where in rows]
        self.list.clear()
        for row, where in rows:
            item = QListWidgetItem(describe(row, where), self.list)
            words = STATUS_WORDS[row.text_status].format(kind=row.media_type)
            item.setToolTip(f"{row.media_type}; {words}. SHA-256 {row.sha256[:16]}…")
        if not rows:
            QListWidgetItem(self.tr("No files yet: drop one here, or Attach…"), self.list).setFlags(
                Qt.ItemFlag.NoItemFlags
            )
        self.note.setText(self.tr("My private note: {0}").format(note) if note else "")
        self.note.setVisible(bool(note))
        self._update_buttons()
        self.counted.emit(len(rows))

    def selected(self) -> AttachmentRow | None:
        row = self.list.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def _update_buttons(self) -> None:
        writable = self.subject is not None and not self.store.read_only
        chosen = self.selected() is not None
        self.attach_button.setEnabled(writable)
        self.evidence_button.setVisible(self.evidence_allowed)
        self.evidence_button.setEnabled(writable and self.evidence_allowed)
        self.open_button.setEnabled(chosen)
        self.save_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen and writable)
        own_file = self.store.db.path is not None  # on a shared record others could read it
        self.note_button.setEnabled(writable and own_file)
        if not own_file:
            self.note_button.setToolTip(
                self.tr("Private notes are kept in your own file, never on a shared record")
            )
        if self.store.read_only:
            reason = self.tr("This record is open read-only")
            for button in (self.attach_button, self.remove_button, self.note_button):
                button.setToolTip(reason)

    @Slot(str)
    def _say(self, text: str) -> None:
        """What happened, in the window's status bar ("…its text cannot be searched")."""
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, 10_000)

    # --- what it does --------------------------------------------------------------------

    def attach(self, paths: list[Path], role: str = "paper") -> None:
        if self.subject is not None and paths and not self.store.read_only:
            act.attach_files(self.store, self.subject, paths, role, self.message.emit, self)

    @Slot()
    def choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, self.tr("Attach files"))
        self.attach([Path(n) for n in names])

    @Slot()
    def choose_evidence(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Attach the evidence of delivery"))
        if name:
            self.attach([Path(name)], "evidence")

    @Slot()
    def open_selected(self) -> None:
        row = self.selected()
        if row is not None:
            act.open_file(self.store, row, self)

    @Slot()
    def save_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save a copy"), str(Path.home() / row.name)
        )
        if name:
            act.save_file(self.store, row, Path(name), self.message.emit, self)

    @Slot()
    def remove_selected(self) -> None:
        row = self.selected()
        if row is not None:
            act.remove_file(self.store, row)
            self.message.emit(self.tr("Removed {0} (Ctrl+Z puts it back).").format(row.name))

    @Slot()
    def edit_note(self) -> None:
        if self.subject is None:
            return
        current = self.note.text().removeprefix(self.tr("My private note: "))
        text, ok = QInputDialog.getMultiLineText(
            self,
            self.tr("My private note"),
            self.tr("Your own note on this record. It is kept and backed up with the record,"
                    " but never exported, printed or shared. Leave it empty to remove it."),
            current,
        )  # fmt: skip
        if ok:
            act.write_note(self.store, self.subject, text)

    # --- drag and drop -------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        local = [u for u in event.mimeData().urls() if u.isLocalFile()]
        if local and self.subject is not None and not self.store.read_only:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        self.attach([p for p in paths if p.is_file()])
        event.acceptProposedAction()
