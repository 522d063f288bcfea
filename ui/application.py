"""Starting the desktop app: the QApplication, its identity, and the main window."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from app import __version__
from app.database import Database
from ui.main_window import MainWindow


def run(db: Database) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("Docket")
    app.setOrganizationName("Docket")
    app.setApplicationVersion(__version__)
    window = MainWindow(db)
    window.show()
    try:
        return app.exec()
    finally:
        db.close()
