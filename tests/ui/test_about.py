"""Help ▸ About: the version, Qt and Python, the record and the log folder, and Copy details."""

from __future__ import annotations

import platform

from PySide6.QtCore import Qt, QTimer, qVersion
from PySide6.QtWidgets import QApplication, QLabel

from app import __version__
from app.core.logs import log_path
from ui.dialogs.about_dialog import AboutDialog
from ui.store import Store


def test_about_is_reached_from_the_help_menu_and_names_the_record(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    from ui.main_window import MainWindow

    window = MainWindow(store, restore=False)
    qtbot.addWidget(window)
    help_menu = next(
        a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == "Help"
    )
    about = next(a for a in help_menu.actions() if a.text().replace("&", "") == "About Docket")
    seen: list[str] = []

    def read_and_close() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, AboutDialog)
        seen.extend(label.text() for label in dialog.findChildren(QLabel))
        dialog.reject()

    QTimer.singleShot(0, read_and_close)
    about.trigger()
    store.tasks.wait()
    assert store.db.location in seen
    assert str(log_path().parent) in seen
    assert any(__version__ in text for text in seen)


def test_copy_details_puts_a_bug_report_on_the_clipboard(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    dialog = AboutDialog(store.db.location, read_only=True)
    qtbot.addWidget(dialog)
    QApplication.clipboard().clear()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    copied = QApplication.clipboard().text().splitlines()
    assert f"Version: {__version__}" in copied
    assert f"Python: {platform.python_version()}" in copied
    assert any(line.startswith(f"Qt: {qVersion()} (PySide6 ") for line in copied)
    assert f"Record: {store.db.location} (read-only)" in copied
    assert f"Log folder: {log_path().parent}" in copied
    assert any(line.startswith("Installed as: Python package in ") for line in copied)
    assert dialog.copy_button.text() == "Copied"


def test_the_app_names_itself_docket_with_its_icon() -> None:
    """The taskbar and alt-tab show Docket and its icon, not "python3": the desktop file's
    id is Wayland's app id, and the window icon is set before any dialog opens. In a child
    process, so the app's theme never reaches the other tests' QApplication."""
    import json
    import subprocess
    import sys

    from ui.application import APP_ID

    code = (
        "import json; from ui.application import make_application; a = make_application(); "
        "i = a.windowIcon().pixmap(48, 48).toImage(); "
        "print(json.dumps([a.desktopFileName(), a.applicationName(), a.applicationVersion(), "
        "i.width(), i.pixelColor(24, 24).alpha()]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert json.loads(done.stdout.splitlines()[-1]) == [APP_ID, "Docket", __version__, 48, 255]
