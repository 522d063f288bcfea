"""The (for now plain) main window opens on a real database and shows what it holds."""

from __future__ import annotations

from app.database import Database
from ui.main_window import MainWindow


def test_main_window_shows_the_record(qtbot, sample_db: Database) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(sample_db)
    qtbot.addWidget(window)
    window.show()
    assert "7 meetings" in window.summary.text()
    assert "3 commitments" in window.summary.text()
    assert sample_db.location in window.statusBar().currentMessage()
