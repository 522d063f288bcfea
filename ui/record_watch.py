"""Noticing that another process changed the record on disk, so the views can reload.

A read-only Docket (the second one beside a writing one) would otherwise keep showing
what the record held when it was opened: a delivery since undone, a promise never seen.
A timer on the UI thread asks SQLite every second and a half whether another connection
has committed (`PRAGMA data_version` on one connection kept open for the purpose; for a
file without one, its size and modification time and those of its write-ahead log), and
the watch says `moved` when the answer changes. Reading the number takes microseconds.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from db.sqlite_safety import connect_read_only, data_version, shm_path, wal_path

log = logging.getLogger("docket")

INTERVAL_MS = 1500
Token = object


def file_token(path: Path) -> Token:
    """The record file's and its log's (size, modification time): they move on every commit."""
    stats: list[tuple[int, int] | None] = []
    for file in (path, wal_path(path), shm_path(path)):
        try:
            info = file.stat()
        except OSError:
            stats.append(None)
        else:
            stats.append((info.st_size, info.st_mtime_ns))
    return tuple(stats)


class PollingWatch(QObject):
    """Looks at the record on a timer; emits `moved` when the token `_read` gives changes."""

    moved = Signal()

    def start_polling(self, interval_ms: int) -> None:
        self._last = self._read()
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def _read(self) -> object | None:
        raise NotImplementedError

    @Slot()
    def check(self) -> bool:
        """Look now; True (and `moved`) if the record changed since the last look."""
        now = self._read()
        if now is None or now == self._last:
            return False
        self._last = now
        self.moved.emit()
        return True

    @Slot()
    def resync(self) -> None:
        """Take the record as it is now as seen (after a change this app made itself)."""
        now = self._read()
        if now is not None:
            self._last = now

    def stop(self) -> None:
        self.timer.stop()


class RecordWatch(PollingWatch):
    """Polls the record at `path`; emits `moved` when another connection has written to it."""

    def __init__(
        self, path: Path, parent: QObject | None = None, *, interval_ms: int = INTERVAL_MS
    ) -> None:
        super().__init__(parent)
        self.path = path
        self._connection: sqlite3.Connection | None = None
        self._probe: Callable[[], Token] = self._open_probe()
        self.start_polling(interval_ms)

    def _open_probe(self) -> Callable[[], Token]:
        try:
            self._connection = connect_read_only(self.path)
            data_version(self._connection)
        except sqlite3.Error as exc:  # cannot read it that way: watch the files instead
            log.info("watching %s by its files: %s", self.path, exc)
            self.close_connection()
            return lambda: file_token(self.path)
        connection = self._connection
        return lambda: data_version(connection)

    def _read(self) -> Token | None:
        try:
            return self._probe()
        except (sqlite3.Error, OSError) as exc:  # busy or gone for a moment: try next time
            log.info("cannot look at %s: %s", self.path, exc)
            return None

    def stop(self) -> None:
        super().stop()
        self.close_connection()

    def close_connection(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None
