"""What the Papers box does with files: attach (dropped or chosen), open, save a copy,
remove and put back (undoable), and a member's private note.

Reading a file (its hash, and the words inside a PDF) and storing it run off the UI
thread; the undo step is pushed when the file is in the record. Removing only hides a
file, so undo puts it back; the window drops removed files' bytes when it closes.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from app.core.sessions import Sessions
from app.papers import attachments as files
from app.papers.attachments import AttachmentRow
from app.papers.intake import size_words, take_in
from app.papers.private_notes import write_private_note
from app.papers.subjects import Subject
from ui.edits import Edit, perform
from ui.store import Store

_OPENED: list[Path] = []  # folders of read-only copies handed to viewers, gone at exit


def _viewer_folder() -> Path:
    if not _OPENED:
        _OPENED.append(Path(tempfile.mkdtemp(prefix="docket-open-")))
        atexit.register(lambda: shutil.rmtree(_OPENED[0], ignore_errors=True))
    return _OPENED[0]


def attach_files(
    store: Store,
    subject: Subject,
    paths: list[Path],
    role: str,
    done: Callable[[str], None],
    owner: QWidget,
) -> None:
    """Attach each file in the background; `done` gets a line saying what happened."""
    limit = store.settings.attachment_limit_mb
    sessions = store.sessions

    def work() -> list[tuple[int, str, str]]:
        made = []
        for path in paths:
            intake = take_in(path, limit)
            new_id = files.attach(sessions, subject, intake, role=role)
            made.append(
                (new_id, intake.name, f"{size_words(intake.size)}; {intake.extracted.words()}")
            )
        return made

    def finished(made: list[tuple[int, str, str]]) -> None:
        for new_id, name, words in made:
            store.undo_stack.push(_attached(store, sessions, new_id, name))
            done(f"Attached {name} ({words}).")

    store.load(work, finished, owner=owner)


def _attached(store: Store, sessions: Sessions, attachment_id: int, name: str) -> Edit:
    """The undo step of a file already stored: undo removes it, redo puts it back."""

    def again() -> tuple[Callable[[], None], Any]:
        files.restore(sessions, attachment_id)
        return (lambda: files.remove(sessions, attachment_id)), attachment_id

    return Edit(store, f"Attach {name}", again, lambda: files.remove(sessions, attachment_id))


def remove_file(store: Store, row: AttachmentRow) -> None:
    sessions = store.sessions

    def apply() -> tuple[Callable[[], None], Any]:
        files.remove(sessions, row.id)
        return (lambda: files.restore(sessions, row.id)), None

    perform(store, f"Remove {row.name}", apply)


def open_file(store: Store, row: AttachmentRow, owner: QWidget) -> None:
    """A read-only copy opened in the system's viewer (edits there never reach the record)."""
    sessions, folder = store.sessions, _viewer_folder()

    def show(path: Path) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    store.load(lambda: files.open_copy(sessions, row.id, folder), show, owner=owner)


def save_file(
    store: Store, row: AttachmentRow, target: Path, done: Callable[[str], None], owner: QWidget
) -> None:
    sessions = store.sessions
    store.load(
        lambda: files.save_copy(sessions, row.id, target),
        lambda path: done(f"Saved a copy of {row.name} as {path}."),
        owner=owner,
    )


def write_note(store: Store, subject: Subject, text: str) -> None:
    """Keep (or, empty, remove) the private note on `subject`; undo writes back the old one."""
    sessions = store.sessions

    def apply() -> tuple[Callable[[], None], Any]:
        before = write_private_note(sessions, subject, text)

        def back() -> None:
            write_private_note(sessions, subject, before or "")

        return back, None

    perform(store, "Private note", apply)


def purge(store: Store) -> None:
    """Drop removed files' bytes (the window closes: their undo steps go with it)."""
    if not store.read_only:
        files.purge_removed(store.sessions)
