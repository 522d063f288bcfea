"""Time the Commitments view in a real window: first rows, scroll to the last, an As-of change.

Run: `python -m tests.perf.probe_view RECORD.db AS_OF OTHER_AS_OF` (headless). Prints one
JSON line: seconds from building the main window (on the Commitments view, as of AS_OF)
until its first rows are on screen; then, once every view has been read, from asking the
table to scroll to its end until the last row's text is there, and from setting the
As-of day to OTHER_AS_OF until the view shows its rows again; the number of rows; and the process's
peak memory in MB.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import resource
import sys
import time
from collections.abc import Callable

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TIMEOUT_S = 300.0


def wait_until(app: object, done: Callable[[], bool]) -> None:
    from PySide6.QtCore import QCoreApplication, QEventLoop

    began = time.perf_counter()
    while not done():
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        if time.perf_counter() - began > TIMEOUT_S:
            raise SystemExit("probe: the view did not finish loading in time")
        time.sleep(0.001)
    QCoreApplication.processEvents()  # paint what arrived


def main(path: str, as_of: str, other: str) -> None:
    from app.safety.opening import open_database
    from db.engine import resolve_url
    from ui.application import make_application
    from ui.main_window import MainWindow
    from ui.store import Store

    app = make_application()
    db = open_database(resolve_url(path))
    store = Store(db)
    store.set_as_of(dt.date.fromisoformat(as_of))
    began = time.perf_counter()
    window = MainWindow(store, restore=False, first="commitments")
    window.resize(1280, 800)
    view = window.show_view("commitments")
    window.show()
    loads = {"n": 0}
    view.loaded.connect(lambda: loads.__setitem__("n", loads["n"] + 1))
    wait_until(app, lambda: view.is_loaded and loads["n"] >= 1)
    first_rows = time.perf_counter() - began

    # The scroll and the As-of change are timed in a settled window (every view read once).
    wait_until(app, lambda: not store.busy)
    table = view.table
    model = table.model()
    rows = model.rowCount()
    began = time.perf_counter()
    table.scrollToBottom()

    def last_row_shown() -> bool:
        if model.rowCount() == 0:
            return True
        text = model.index(model.rowCount() - 1, 1).data()
        return bool(text)

    wait_until(app, last_row_shown)
    scroll_last = time.perf_counter() - began

    wait_until(app, lambda: not store.busy)
    seen = loads["n"]
    began = time.perf_counter()
    store.set_as_of(dt.date.fromisoformat(other))
    wait_until(app, lambda: loads["n"] > seen)
    as_of_change = time.perf_counter() - began
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "first_rows_s": round(first_rows, 4),
                "scroll_last_s": round(scroll_last, 4),
                "as_of_change_s": round(as_of_change, 4),
                "rows": rows,
                "rows_after": model.rowCount(),
                "peak_mb": round(peak_mb, 1),
            }
        ),
        flush=True,
    )
    store.tasks.wait(60_000)
    window.close()
    db.close()


if __name__ == "__main__":
    main(*sys.argv[1:4])
