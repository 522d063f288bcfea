"""The app's shared state: the open record, the settings, the as-of date, the undo stack.

Views read through it and listen to `changed`, emitted once after every write, and to
`as_of_changed`; every write goes through an `app/` use case, wrapped in an undo command.

A record opened read-only (a second Docket beside a writing one) says so in `read_only`,
which every edit action reads, and is watched on disk: when the other Docket (or a
command) writes, `changed` is emitted here too, and the views show the record as it is.
"""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Callable
from typing import Any, ClassVar

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication, QUndoStack

from app.core.sessions import Sessions
from app.core.settings import Settings, load_settings, save_settings
from app.safety.opening import Database
from ui.record_watch import INTERVAL_MS, RecordWatch
from ui.server_watch import ServerWatch
from ui.tasks import TaskRunner


class Store(QObject):
    changed = Signal()  # the record changed: views reload what they show
    changed_elsewhere = Signal()  # ... and it was another process (emitted before `changed`)
    as_of_changed = Signal(object)  # datetime.date
    settings_changed = Signal()
    failed = Signal(object)  # an exception from background work, for the error dialog
    busy_changed = Signal(bool)

    _live: ClassVar[weakref.WeakSet[Store]] = weakref.WeakSet()

    def __init__(self, db: Database, settings: Settings | None = None) -> None:
        super().__init__()
        Store._live.add(self)
        self.db = db
        self.settings = settings if settings is not None else load_settings()
        self._as_of = dt.date.today()
        self.undo_stack = QUndoStack(self)
        self.tasks = TaskRunner(self)
        self._pending = 0
        self.undo_stack.indexChanged.connect(self._undo_moved)
        self.watch: RecordWatch | ServerWatch | None = None
        if self.read_only or db.path is None:  # a second window, or a shared record
            self.watch_record()

    @property
    def read_only(self) -> bool:
        """Whether this record was opened read-only: every edit action is then disabled."""
        return self.db.read_only

    def watch_record(self, interval_ms: int = INTERVAL_MS) -> RecordWatch | ServerWatch | None:
        """Reload the views when another process or member writes to the record."""
        if self.watch is None:
            path = self.db.path
            if path is not None:
                self.watch = RecordWatch(path, self, interval_ms=interval_ms)
            else:
                self.watch = ServerWatch(self.db.engine, self)
            self.watch.moved.connect(self._moved_elsewhere)
            self.changed.connect(self.watch.resync)  # our own writes are not news
            app = QGuiApplication.instance()
            if isinstance(app, QGuiApplication):  # and look again when Docket comes to the front
                app.applicationStateChanged.connect(self._came_to_front)
        return self.watch

    @Slot(Qt.ApplicationState)
    def _came_to_front(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationActive and self.watch is not None:
            self.watch.check()

    @Slot()
    def _moved_elsewhere(self) -> None:
        self.changed_elsewhere.emit()
        self.changed.emit()

    def close(self) -> None:
        """Stop watching the record (before the database is closed)."""
        if self.watch is not None:
            self.watch.stop()

    @Slot(int)
    def _undo_moved(self, _index: int) -> None:
        # Every edit, undo and redo moves the stack: the one "data changed" signal.
        self.changed.emit()

    @property
    def sessions(self) -> Sessions:
        return self.db.sessions

    @property
    def as_of(self) -> dt.date:
        return self._as_of

    def set_as_of(self, day: dt.date) -> None:
        if day != self._as_of:
            self._as_of = day
            self.as_of_changed.emit(day)

    @staticmethod
    def today() -> dt.date:
        return dt.date.today()

    def update_settings(self, settings: Settings) -> None:
        save_settings(settings)
        self.settings = settings
        self.settings_changed.emit()

    def load(
        self,
        work: Callable[[], Any],
        on_done: Callable[[Any], None],
        owner: QObject | None = None,
    ) -> None:
        """Run a read in the background; `on_done` gets the rows on the UI thread.

        With an `owner` (the widget that asked), the answer is dropped if the widget was
        destroyed meanwhile: calling into a deleted widget can crash Qt.
        """
        if owner is None and isinstance(getattr(on_done, "__self__", None), QObject):
            owner = on_done.__self__  # type: ignore[attr-defined]
        self._pending += 1
        if self._pending == 1:
            self.busy_changed.emit(True)

        def done(result: Any) -> None:
            self._finish()
            if owner is None or shiboken6.isValid(owner):
                on_done(result)

        def failed(exc: BaseException) -> None:
            self._finish()
            self.failed.emit(exc)

        self.tasks.run(work, done, failed)

    @classmethod
    def wait_for_all(cls, msecs: int = 10_000) -> None:
        """Let every store's background work finish (at shutdown, and between tests)."""
        for store in list(cls._live):
            store.tasks.wait(msecs)

    @property
    def busy(self) -> bool:
        return self._pending > 0

    def _finish(self) -> None:
        self._pending -= 1
        if self._pending == 0:
            self.busy_changed.emit(False)
