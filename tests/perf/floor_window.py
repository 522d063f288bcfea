"""The floor for the app's start: a process that shows an empty window and pictures it.

Run: `python tests/perf/floor_window.py PICTURE.png`. It imports PySide6.QtWidgets and
sqlalchemy.orm (what any SQLAlchemy desktop app must), shows an empty 1280×800 main window,
and saves a picture of it, as `docket gui --screenshot` does of its window with its data.
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import sqlalchemy.orm  # noqa: F401
from PySide6.QtWidgets import QApplication, QMainWindow


def main(picture: str) -> None:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    window.grab().save(picture)
    window.close()


if __name__ == "__main__":
    main(sys.argv[1])
