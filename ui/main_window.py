"""Docket's main window. For now a plain summary of the record; the full app is its own issue."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow

from app.database import Database
from app.stats import record_counts


class MainWindow(QMainWindow):
    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        self.setWindowTitle(self.tr("Docket"))
        self.resize(960, 640)
        self.summary = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.summary.setObjectName("summary")
        self.setCentralWidget(self.summary)
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        self.menuBar().addMenu(self.tr("&File")).addAction(quit_action)
        self.refresh()

    def refresh(self) -> None:
        counts = record_counts(self.db.sessions)
        self.summary.setText(
            self.tr(
                "{bodies} bodies · {meetings} meetings · {commitments} commitments ({open} open)"
            ).format(**counts)
        )
        self.statusBar().showMessage(self.tr("Database: {0}").format(self.db.location))
