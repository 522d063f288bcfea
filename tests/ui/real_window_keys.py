"""Run in a real X window (tests/ui/test_real_window.py): the window's shortcuts from its
line edits, under the X11 key bindings a Linux desktop has (offscreen Qt uses others)."""

from __future__ import annotations

import subprocess
import sys

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

import ui.exporting
from app.core.settings import Settings
from app.safety.opening import open_database
from db.engine import resolve_url
from ui.application import make_application
from ui.main_window import MainWindow
from ui.store import Store


def main() -> None:
    app = make_application()  # as `docket` starts it: theme, translations, names
    asked: list[str] = []
    ui.exporting.export_overdue_dialog = lambda *_a: asked.append("export")  # type: ignore[assignment]
    store = Store(open_database(resolve_url(sys.argv[1])), settings=Settings())
    window = MainWindow(store, restore=False)
    window.resize(1000, 640)
    window.show()
    window.activateWindow()
    QTest.qWaitForWindowActive(window)
    for field in (window.as_of_edit.edit, window.search):
        field.setFocus()
        QTest.qWait(50)
        if QApplication.focusWidget() is not field:  # keys would go to the window instead
            raise SystemExit(f"{field.objectName()} does not have the keyboard")
        before = field.text()
        # Keys as the X server sends them (QTest's own key events skip what differs).
        subprocess.run(["xdotool", "key", "--clearmodifiers", "ctrl+e"], check=True)
        QTest.qWait(300)
        print(f"{field.objectName()}: text {'kept' if field.text() == before else 'changed'}")
    print(f"exports asked: {len(asked)}")
    store.tasks.wait(5000)
    window.close()
    app.processEvents()


if __name__ == "__main__":
    main()
