"""A long session in one process: many As-of changes and dialog open/close cycles.

`python -m tests.ui.soak_app DB AS_OF_CHANGES DIALOG_CYCLES` opens the real main window on
the sample record (in the file DB, made afresh) and prints one JSON line with what it
measured: Python objects alive before and after (after a full collection), and the
reference counts of True and None. Run by tests/test_soak.py in a child process, so a
crash of Qt or of Python fails that test instead of killing the test run.
"""

from __future__ import annotations

import datetime as dt
import faulthandler
import gc
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialog

from app.core.settings import Settings
from app.safety.opening import APP, open_database
from app.transfer.record_io import load_sample
from db.engine import resolve_url
from ui.application import make_application
from ui.main_window import MainWindow
from ui.store import Store

FIRST_DAY = dt.date(2020, 6, 1)
# Each dialog's action, and the record selected before it is triggered.
RECORDS = {
    "New commitment": ("commitments", "forde-chair-visit"),
    "Add agenda item": ("meetings", "nec-2022-03-29"),
    "New meeting": ("meetings", "nec-2022-03-29"),
    "Record new promise": ("commitments", "forde-chair-visit"),
}
DIALOG_ACTIONS = tuple(RECORDS)


def spin(app: QApplication, done: Callable[[], bool], timeout: float = 20.0) -> None:
    """Let the event loop run until `done()` holds."""
    end = time.monotonic() + timeout
    while not done():
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        if time.monotonic() > end:
            raise SystemExit("soak: the window stopped answering")


def plain(text: str) -> str:
    return text.replace("&", "").rstrip(".…")


def open_and_close(app: QApplication, action: QAction) -> None:
    """Trigger an action that opens a dialog, then close the dialog as Escape would."""
    closed: list[bool] = []

    def close_it() -> None:
        dialog = app.activeModalWidget() or next(
            (w for w in app.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()), None
        )
        if isinstance(dialog, QDialog):
            dialog.reject()
            closed.append(True)
        else:
            QTimer.singleShot(10, close_it)

    if not action.isEnabled():
        raise SystemExit(f"soak: {plain(action.text())!r} is disabled")
    QTimer.singleShot(0, close_it)  # fires inside exec() too, for a modal dialog
    action.trigger()
    spin(app, lambda: bool(closed))


def measure() -> dict[str, int]:
    gc.collect()
    return {
        "objects": len(gc.get_objects()),
        "true_refs": sys.getrefcount(True),
        "none_refs": sys.getrefcount(None),
    }


def main(argv: list[str]) -> int:
    faulthandler.enable()
    path, changes, cycles = Path(argv[0]), int(argv[1]), int(argv[2])
    app = make_application()
    db = open_database(resolve_url(str(path)), access=APP)
    load_sample(db)
    store = Store(db, settings=Settings())
    window = MainWindow(store, restore=False)
    window.show()
    spin(app, lambda: all(v.is_loaded for v in window.views) and not store.busy)
    actions = {plain(a.text()): a for a in window.findChildren(QAction)}
    missing = [name for name in DIALOG_ACTIONS if name not in actions]
    if missing:
        raise SystemExit(f"soak: no action named {missing}")

    before = measure()
    for i in range(changes):
        window.set_as_of(FIRST_DAY + dt.timedelta(days=i % 800))
        spin(app, lambda: not store.busy)
    window.set_as_of(dt.date(2022, 3, 29))  # the Forde Report open, the March meeting ahead
    spin(app, lambda: not store.busy)
    middle = measure()
    for i in range(cycles):
        name = DIALOG_ACTIONS[i % len(DIALOG_ACTIONS)]
        view, key = RECORDS[name]
        shown = window.show_view(view)
        spin(app, lambda: not store.busy)
        if not shown.select_key(key):
            raise SystemExit(f"soak: cannot select {key} in {view}")
        spin(app, lambda: not store.busy)
        open_and_close(app, actions[name])
        spin(app, lambda: not store.busy)
    after = measure()
    store.tasks.wait()
    window.close()
    db.close()
    print(json.dumps({"before": before, "after_as_of": middle, "after_dialogs": after}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
