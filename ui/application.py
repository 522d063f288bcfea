"""Starting the desktop app: the QApplication, first run, the overdue notice, screenshots."""

from __future__ import annotations

import atexit
import datetime as dt
import json
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy.engine import URL

from app import __version__
from app.core.errors import DomainError
from app.core.settings import Settings
from app.reads import counts as stats
from app.safety.lock import LockUnavailable, RecordInUse
from app.safety.opening import APP, COMMAND, READ_ONLY, Database, open_database
from app.safety.refusals import RecordRefused
from ui.collector import collect_on_ui_thread
from ui.store import Store
from ui.theme import apply_theme

SCREENSHOT_TIMEOUT_MS = 30_000
POLL_MS = 10  # how often a screenshot looks whether the view's data is on screen
# The reverse-DNS id of the .desktop file, icon and AppStream metainfo (resources/linux/).
APP_ID = "org.docketapp.Docket"


@dataclass(frozen=True)
class Screenshot:
    path: Path
    view: str = "overview"
    size: tuple[int, int] = (1280, 800)
    as_of: dt.date | None = None
    search: str = ""  # typed in the search box and searched (Enter), for the Search view
    select: str = ""  # a commitment's or meeting's key, shown chosen whatever the filters


def make_application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("Docket")
    app.setOrganizationName("Docket")
    app.setApplicationVersion(__version__)
    # Wayland's app id and the .desktop file's name: the taskbar shows Docket and its icon.
    app.setDesktopFileName(APP_ID)
    from ui.icons import app_icon
    from ui.languages import install_translations

    app.setWindowIcon(app_icon())  # before any dialog, the lock and first-run ones too
    install_translations(app)
    collect_on_ui_thread(app)
    apply_theme(app)
    return app


def _headless_screen(size: tuple[int, int]) -> None:
    """Give the headless platform a screen big enough for the picture (its default is 800x600)."""
    headless = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    platform = os.environ.get("QT_QPA_PLATFORM", "offscreen" if headless else "")
    if platform != "offscreen" or QApplication.instance() is not None:
        return
    screen = {"name": "docket", "x": 0, "y": 0, "logicalDpi": 96, "dpr": 1}
    screen |= {"width": size[0] + 64, "height": size[1] + 64}
    handle, path = tempfile.mkstemp(prefix="docket-screen-", suffix=".json")
    with os.fdopen(handle, "w") as file:
        json.dump({"screens": [screen]}, file)
    atexit.register(os.unlink, path)
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={path}"


def start(url: URL, screenshot: Screenshot | None = None, settings: Settings | None = None) -> int:
    """Open the record as the app does (see `open_for_app`), then run the app on it."""
    if screenshot is not None:  # a picture changes nothing: no lock, no questions
        return run(open_database(url, access=COMMAND), screenshot, settings)
    make_application()
    db = open_for_app(url)
    return 1 if db is None else run(db, None, settings)


def open_for_app(url: URL, attempts: int = 3) -> Database | None:
    """Take the record's lock and open it, asking the member when that cannot be done.

    In use by another Docket: open it read-only, or quit. Damaged or not Docket's: restore
    the newest good backup (the file is set aside, not deleted), or quit. None means quit.
    """
    from app.safety.restore import restore_record
    from ui.dialogs.lock_dialog import LockDialog
    from ui.dialogs.recovery_dialog import RecoveryDialog

    for _attempt in range(attempts):
        try:
            return open_database(url, access=APP)
        except (RecordInUse, LockUnavailable) as exc:
            if isinstance(exc, RecordInUse):
                dialog = LockDialog(exc)
                dialog.exec()
                wanted = dialog.read_only
            else:
                wanted = _ask_read_only(exc)
            if not wanted:
                return None
            try:
                return open_database(url, access=READ_ONLY)
            except DomainError as again:
                _cannot_open(again)
                return None
        except RecordRefused as exc:
            recovery = RecoveryDialog(exc)
            recovery.exec()
            if not recovery.restore or exc.backup is None:
                return None
            try:
                restore_record(url, exc.backup.path)
            except DomainError as failed:
                _cannot_open(failed)
                return None
        except DomainError as exc:
            _cannot_open(exc)
            return None
    return None


def _ask_read_only(exc: DomainError) -> bool:
    answer = QMessageBox.question(
        None,
        QCoreApplication.translate("MainWindow", "Docket"),
        QCoreApplication.translate("MainWindow", "{0}.\n\nOpen the record read-only?").format(exc),
        QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Open


def _cannot_open(exc: DomainError) -> None:
    QMessageBox.critical(None, QCoreApplication.translate("MainWindow", "Docket"), str(exc))


def run(
    db: Database, screenshot: Screenshot | None = None, settings: Settings | None = None
) -> int:
    if screenshot is not None:
        _headless_screen(screenshot.size)
    app = make_application()
    from ui.dialogs.errors import install_excepthook
    from ui.icons import app_icon
    from ui.main_window import MainWindow

    app.setWindowIcon(app_icon())
    store = Store(db, settings)
    try:
        if screenshot is not None:
            return _screenshot(app, store, screenshot)
        window = MainWindow(store)
        install_excepthook(lambda: window)
        if db.read_only:
            # The desktop adds " — Docket" itself (the application's name): say it once.
            window.setWindowTitle(QCoreApplication.translate("MainWindow", "Read-only — Docket"))
        elif stats.record_counts(db.sessions)["bodies"] == 0:
            _first_run(window, store)
        window.show()
        for warning in db.warnings:  # a record on a network share, a failed daily backup
            if warning != db.broken_warning:
                QMessageBox.warning(
                    window, QCoreApplication.translate("MainWindow", "Docket"), warning
                )
        if db.broken:  # broken references: say which, and offer to repair them
            window.backups.offer_repair()
        window.show_overdue_notice()
        return app.exec()
    finally:
        store.tasks.wait(5000)
        db.close()


def _first_run(window: QApplication | object, store: Store) -> None:
    from ui.dialogs.first_run import FirstRunDialog

    dialog = FirstRunDialog()
    dialog.exec()
    if dialog.choice == "sample":
        from app.transfer.record_io import load_sample  # the sample only on a first run

        load_sample(store.db)
        store.changed.emit()


def _screenshot(app: QApplication, store: Store, shot: Screenshot) -> int:
    """Open the window on the record, wait until its data is shown, save a picture, exit."""
    from ui.main_window import MainWindow

    if shot.as_of is not None:
        store.set_as_of(shot.as_of)  # before the views first load
    window = MainWindow(store, restore=False, first=shot.view)
    window.resize(*shot.size)
    view = window.show_view(shot.view)
    if shot.search:
        window.search.setText(shot.search)
        window.search_everything()
    if shot.select:
        window.open_record("meeting" if shot.view == "meetings" else "commitment", shot.select)
    window.show()
    clock = QElapsedTimer()
    clock.start()
    result = {"code": 1}

    def poll() -> None:
        if view.is_loaded and not store.busy:
            app.processEvents()
            ok = window.grab().save(str(shot.path))
            if not ok:
                print(f"docket: cannot save a picture to {shot.path}", file=sys.stderr)
            result["code"] = 0 if ok else 1
            app.quit()
        elif clock.elapsed() > SCREENSHOT_TIMEOUT_MS:
            print("docket: the window did not finish loading in time", file=sys.stderr)
            app.quit()
        else:
            QTimer.singleShot(POLL_MS, poll)

    QTimer.singleShot(0, poll)  # as soon as the window is up: a picture waits for no more
    app.exec()
    window.close()
    return result["code"]
