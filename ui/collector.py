"""Python's garbage collector, run on the UI thread only.

Left to itself, the collector runs on whichever thread happens to allocate when a
threshold is crossed — often a background read. If the garbage it finds holds a Qt
object (a closed dialog caught in a reference cycle, say), that object is destroyed on
the wrong thread, and Qt may crash. So automatic collection is switched off while the
app runs, and a timer on the UI thread collects instead, by the same thresholds
(Anki does the same).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer, Slot

INTERVAL_MS = 500


class UiThreadCollector(QObject):
    """Collect garbage from a timer on the UI thread; `stop()` gives collection back."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    @Slot()
    def check(self) -> None:
        """Collect the oldest generation whose count passed its threshold, as gc would."""
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self._thresholds[generation]:
                gc.collect(generation)
                return

    def stop(self) -> None:
        self._timer.stop()
        if self._was_enabled:
            gc.enable()


def collect_on_ui_thread(app: QObject) -> UiThreadCollector:
    """The app's collector, made on first call (the app and the tests both ask for it)."""
    found = app.findChild(UiThreadCollector)
    return found if isinstance(found, UiThreadCollector) else UiThreadCollector(app)
