"""Export overdue list… and Import CSV… in the app: every format, filters, progress, cancel."""

from __future__ import annotations

import csv
import datetime as dt
import json
import threading
from pathlib import Path

import icalendar
import openpyxl
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QMainWindow, QPushButton

from app.core.errors import DomainError
from app.transfer.record_io import export_json
from ui import exporting
from ui.exporting import FILE_TYPES, chosen_format, export_overdue_dialog
from ui.importing import ImportJob, import_csv_dialog
from ui.store import Store
from ui.views.commitments import CommitmentsView

MARCH_29 = dt.date(2022, 3, 29)


@pytest.fixture
def window(qtbot, store: Store):  # type: ignore[no-untyped-def]
    window = QMainWindow()
    view = CommitmentsView(store)
    window.setCentralWidget(view)
    qtbot.addWidget(window)
    window.show()
    view.reload()
    qtbot.waitUntil(lambda: view.is_loaded and not store.busy, timeout=10_000)
    yield window
    store.tasks.wait()


def save_as(monkeypatch: pytest.MonkeyPatch, path: Path, file_type: str) -> list[tuple]:  # type: ignore[type-arg]
    asked: list[tuple] = []  # type: ignore[type-arg]

    def answer(*args: object) -> tuple[str, str]:
        asked.append(args)
        return str(path), file_type

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    return asked


def test_the_file_type_or_suffix_chooses_the_format() -> None:
    assert chosen_format("/x/list.xlsx", FILE_TYPES["csv"]) == (Path("/x/list.xlsx"), "xlsx")
    assert chosen_format("/x/list", FILE_TYPES["pdf"]) == (Path("/x/list.pdf"), "pdf")
    assert chosen_format("/x/list.txt", FILE_TYPES["ics"]) == (Path("/x/list.txt.ics"), "ics")


@pytest.mark.parametrize("fmt", list(FILE_TYPES))
def test_export_overdue_list_in_every_format(  # type: ignore[no-untyped-def]
    qtbot, window, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    target = tmp_path / "overdue"  # no suffix: the chosen file type adds it
    asked = save_as(monkeypatch, target, FILE_TYPES[fmt])
    job = export_overdue_dialog(window, store, window.centralWidget())
    assert job is not None
    qtbot.waitUntil(lambda: job.finished, timeout=20_000)
    written = tmp_path / f"overdue.{fmt}"
    assert written.exists()
    assert "Exported 1 overdue commitment to" in window.statusBar().currentMessage()
    assert asked[0][2] == "overdue-2022-03-29.csv"  # the default name, as of the app's date
    if fmt == "csv":
        (row,) = csv.DictReader(written.read_text(encoding="utf-8-sig").splitlines())
        assert row["Key"] == "forde-report"  # the form for people, as in the workbook
        assert (row["Body"], row["Due"]) == ("NEC", "29 days late")
    elif fmt == "xlsx":
        assert openpyxl.load_workbook(written).active["A2"].value == "forde-report"
    elif fmt == "ics":
        (event,) = icalendar.Calendar.from_ical(written.read_bytes()).walk("VEVENT")
        assert str(event["uid"]) == "commitment-forde-report@docket"
    elif fmt == "json":
        assert [r["key"] for r in json.loads(written.read_text())] == ["forde-report"]
    else:
        assert written.read_bytes().startswith(b"%PDF")
    # The next export offers the same format again.
    assert QSettings().value("export/overdue_format") == fmt


def test_the_export_honours_the_views_filters(  # type: ignore[no-untyped-def]
    qtbot, window, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = window.centralWidget()
    view.owner_combo.setCurrentIndex(view.owner_combo.findData("Labour Party"))
    target = tmp_path / "labour.json"
    save_as(monkeypatch, target, FILE_TYPES["csv"])
    job = export_overdue_dialog(window, store, view)
    assert job is not None
    qtbot.waitUntil(lambda: job.finished, timeout=10_000)
    assert json.loads(target.read_text()) == []  # the Forde Report is not Labour's to deliver


def test_cancel_writes_nothing(  # type: ignore[no-untyped-def]
    qtbot, window, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "overdue.xlsx"
    target.write_bytes(b"last month's list")
    gate = threading.Event()
    real = exporting.overdue

    def slow(*args, **kwargs):  # type: ignore[no-untyped-def]
        gate.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(exporting, "overdue", slow)
    save_as(monkeypatch, target, FILE_TYPES["xlsx"])
    job = export_overdue_dialog(window, store, window.centralWidget())
    assert job is not None
    job.dialog.findChild(QPushButton).click()  # the progress dialog's Cancel button
    gate.set()
    qtbot.waitUntil(lambda: job.finished, timeout=10_000)
    assert target.read_bytes() == b"last month's list"
    assert "cancelled" in window.statusBar().currentMessage()


def test_a_failed_export_is_reported_and_keeps_the_old_file(  # type: ignore[no-untyped-def]
    qtbot, window, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "missing-folder" / "overdue.csv"
    save_as(monkeypatch, target, FILE_TYPES["csv"])
    with qtbot.waitSignal(store.failed, timeout=10_000) as failure:
        job = export_overdue_dialog(window, store, window.centralWidget())
    assert isinstance(failure.args[0], DomainError)
    assert job is not None
    assert job.finished
    assert not target.parent.exists()


# --- CSV import from the app --------------------------------------------------------------------


def test_import_csv_checks_then_writes(  # type: ignore[no-untyped-def]
    qtbot, window, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "meetings.csv"
    path.write_text("body,date,title\nnec,2022-09-20,NEC\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a: (str(path), ""))
    shown = []
    monkeypatch.setattr(ImportJob, "confirm", lambda self, plan: shown.append(plan) or True)
    with qtbot.waitSignal(store.changed, timeout=10_000):
        job = import_csv_dialog(window, store)
    assert job is not None
    qtbot.waitUntil(lambda: job.finished, timeout=10_000)
    assert job.imported
    assert shown[0].preview == ["line 2: meeting of nec on 2022-09-20 'NEC' (scheduled)"]
    assert "Imported 1 meeting" in window.statusBar().currentMessage()


def test_import_csv_refused_shows_every_line_and_writes_nothing(  # type: ignore[no-untyped-def]
    qtbot, window, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "meetings.csv"
    path.write_text("body,date\nnec,2022-09-20\nnec,soon\nnowhere,2022-10-01\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a: (str(path), ""))
    reported = []
    monkeypatch.setattr(ImportJob, "report", lambda self, error: reported.append(error))
    monkeypatch.setattr(ImportJob, "confirm", lambda self, plan: pytest.fail("not to be asked"))
    job = import_csv_dialog(window, store)
    assert job is not None
    qtbot.waitUntil(lambda: job.finished, timeout=10_000)
    assert not job.imported
    (error,) = reported
    assert [p.split(",")[0] for p in error.problems] == ["line 3", "line 4"]


def test_import_csv_declined_writes_nothing(  # type: ignore[no-untyped-def]
    qtbot, window, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "meetings.csv"
    path.write_text("body,date\nnec,2022-09-20\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a: (str(path), ""))
    monkeypatch.setattr(ImportJob, "confirm", lambda self, plan: False)
    before = export_json(store.sessions)
    job = import_csv_dialog(window, store)
    assert job is not None
    qtbot.waitUntil(lambda: job.finished, timeout=10_000)
    assert not job.imported
    assert job.plan is not None
    assert job.plan.new_meetings == 1
    # The check ran as a dry run and the member said no: the record is as it was.
    assert export_json(store.sessions) == before
    assert "nec-2022-09-20" not in before
