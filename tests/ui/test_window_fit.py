"""The window on a small screen and as it narrows: it fits the screen, the titles keep their
room at every width (not only the first), and the Overview keeps days late against the
first promise at 1024 px."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QHeaderView

from app.safety.opening import Database
from ui.main_window import MainWindow
from ui.store import Store

MARCH_29 = dt.date(2022, 3, 29)

SMALL_SCREEN = """
import sys
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv)
QCoreApplication.setOrganizationName("DocketTests")
QCoreApplication.setApplicationName("Docket")
from app.core.settings import Settings
from app.safety.opening import open_database
from db.engine import resolve_url
from ui.main_window import MainWindow
from ui.store import Store
store = Store(open_database(resolve_url(sys.argv[1])), settings=Settings())
window = MainWindow(store, restore=sys.argv[2] == "restore")
window.show()
app.processEvents()
frame = window.frameGeometry()
print(frame.left(), frame.top(), frame.right(), frame.bottom())
if sys.argv[2] == "save":  # as a bigger screen left it
    window.setGeometry(300, 200, 1500, 950)
    window.save_state()
store.tasks.wait(5000)
"""


def open_on_a_small_screen(tmp_path: Path, db: Path, how: str) -> list[int]:
    config = tmp_path / "small.json"
    screen = {"name": "small", "x": 0, "y": 0, "width": 1024, "height": 700}
    config.write_text(json.dumps({"screens": [{**screen, "logicalDpi": 96, "dpr": 1}]}))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    done = subprocess.run(
        [sys.executable, "-c", SMALL_SCREEN, str(db), how],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return [int(part) for part in done.stdout.split()[-4:]]


@pytest.mark.parametrize("how", ["first", "restore"])
@pytest.mark.sqlite_only  # the app opens the record file in another process
def test_the_window_fits_a_1024_by_700_screen(
    tmp_path: Path, sample_db: Database, db_path: Path, how: str
) -> None:
    if how == "restore":
        open_on_a_small_screen(tmp_path, db_path, "save")
    left, top, right, bottom = open_on_a_small_screen(tmp_path, db_path, how)
    assert left >= 0
    assert top >= 0
    assert right < 1024
    assert bottom < 700


@pytest.fixture
def window(qtbot: Any, store: Store) -> Any:
    window = MainWindow(store, restore=False)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitUntil(
        lambda: all(v.is_loaded for v in window.views) and not store.busy, timeout=10_000
    )
    return window


def title_share(view: Any) -> float:
    table = view.table
    return table.columnWidth(1) / table.viewport().width()


def test_the_title_keeps_its_room_at_every_width(qtbot: Any, window: Any) -> None:
    view = window.show_view("commitments")
    view.set_show("all")
    qtbot.waitUntil(lambda: view.model.rowCount() > 2)
    shares = []
    for width in (1280, 1024, 960, 1280, 960):
        window.resize(width, 700)
        qtbot.waitUntil(lambda width=width: window.width() == width)
        qtbot.wait(20)
        shares.append(title_share(view))
    assert all(share >= 0.29 for share in shares), shares
    assert view.table.columnWidth(1) > 150


def test_a_width_the_member_sets_is_kept(qtbot: Any, window: Any) -> None:
    view = window.show_view("commitments")
    header: QHeaderView = view.table.horizontalHeader()
    edge = header.sectionViewportPosition(2) + header.sectionSize(2) - 1
    qtbot.mousePress(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(edge, 5))
    header.resizeSection(2, 300)  # what the drag does
    qtbot.mouseRelease(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(edge + 80, 5))
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.width() == 1024)
    qtbot.wait(20)
    assert view.table.columnWidth(2) == 300


def test_the_overview_shows_days_late_against_the_first_promise_at_1024(
    qtbot: Any, window: Any
) -> None:
    view = window.show_view("overview")
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.width() == 1024)
    qtbot.waitUntil(lambda: view.overdue_model.rowCount() == 1)
    table, model = view.overdue_table, view.overdue_model
    late = next(
        c
        for c in range(model.columnCount())
        if "first promise" in model.headerData(c, Qt.Orientation.Horizontal)
    )
    assert not table.isColumnHidden(late)
    assert model.index(0, late).data() == "622 days late"
    needed = table.fontMetrics().horizontalAdvance("622 days late")
    assert table.columnWidth(late) > needed
    assert table.columnWidth(0) > table.fontMetrics().horizontalAdvance("Forde Report shared")
