"""Clean text in files for people: no control character survives, no invisible mark hides a formula.

The overdue list is written by the command line as CSV, XLSX and ICS from a record whose
titles and owners hold DEL, C1 controls, and formulas behind a byte-order mark, zero-width
characters and bidi controls, then read back with the csv module, openpyxl and icalendar.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import icalendar
import openpyxl
import pytest
from sqlalchemy import text

from app.cli.main import main as docket
from app.core.cells import csv_text, ics_text, is_formula_like, unneutralise, xlsx_text
from app.safety.opening import Database
from app.transfer.record_io import import_document
from tests.builders import db_arg

# Each hides a formula behind something a reader does not see.
HIDDEN_FORMULAS = {
    "bom": '\ufeff=HYPERLINK("http://evil.example","x")',
    "zwsp": "\u200b=1+1",
    "zwj": "\u200d\u200c+2",
    "word joiner": "\u2060@SUM(A1:A9)",
    "lrm": "\u200e-3+4",
    "rlo": "\u202e=cmd|'/C calc'!A0",
    "isolate": "\u2066\u2069=2+2",
    "nbsp and bom": "\u00a0\ufeff=3",
    "fullwidth": "\uff1dSUM(A1)",
}
CONTROLS = {
    "del": "before\x7fafter",
    "c1": "csi\x9b31m nel\x85 end",
    "c0": "bell\x07 esc\x1b vt\x0b",
}
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
AS_OF = "2022-03-29"


@pytest.fixture
def hostile(db: Database) -> Database:
    """Typed text is trimmed, but a record shared with other tools may hold anything."""
    titles = [*HIDDEN_FORMULAS.values(), *CONTROLS.values()]
    keys = [f"c{i:02d}" for i in range(len(titles))]
    import_document(
        db.sessions,
        {
            "docket": 1,
            "bodies": [{"key": "nec", "name": "National Executive Committee"}],
            "owners": [{"name": "placeholder", "kind": "person"}],
            "commitments": [
                {"key": k, "title": k, "owner": "placeholder", "body": "nec", "status": "open"}
                for k in keys
            ],
            "promises": [
                {"commitment": k, "recorded_on": "2021-11-01", "target": {"date": "2022-01-10"}}
                for k in keys
            ],
        },
    )
    with db.sessions.begin() as s:
        for key, title in zip(keys, titles, strict=True):
            s.execute(
                text("UPDATE commitments SET title = :t WHERE key = :k"), {"t": title, "k": key}
            )
        s.execute(text("UPDATE owners SET name = :n"), {"n": "\ufeff=owner()"})
        s.execute(
            text("UPDATE promises SET given_by = :b, source = :s"),
            {"b": "\u200f@by", "s": "src\x9f"},
        )
    return db


def _export(db: Database, tmp_path: Path, fmt: str) -> Path:
    out = tmp_path / f"overdue.{fmt}"
    assert docket(["--db", db_arg(db), "overdue", "--as-of", AS_OF, "-o", str(out)]) == 0
    return out


def test_the_csv_has_no_control_character_and_every_hidden_formula_quoted(
    hostile: Database, tmp_path: Path
) -> None:
    out = _export(hostile, tmp_path, "csv")
    text = out.read_text(encoding="utf-8-sig")
    assert not CONTROL.search(text.replace("\r\n", "")), "a control character got through"
    rows = list(csv.DictReader(text.splitlines()))
    titles = {row["Commitment"] for row in rows}
    for hidden in HIDDEN_FORMULAS.values():
        assert "'" + hidden in titles  # the apostrophe comes before the invisible mark
    assert "before\ufffdafter" in titles
    assert "csi\ufffd31m nel\ufffd end" in titles
    for row in rows:
        for value in row.values():
            if not re.fullmatch(r"-?\d+", value):  # numbers are numbers
                assert not is_formula_like(value), value  # nothing for a spreadsheet to run
        assert row["Owner"] == "'\ufeff=owner()"


def test_the_workbook_holds_no_control_and_marks_hidden_formulas_as_text(
    hostile: Database, tmp_path: Path
) -> None:
    sheet = openpyxl.load_workbook(_export(hostile, tmp_path, "xlsx")).active
    assert sheet is not None
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row]
    texts = [c for c in cells if isinstance(c.value, str)]
    assert texts
    for cell in texts:
        assert not CONTROL.search(cell.value.replace("\n", "")), repr(cell.value)
        assert cell.data_type == "s"
        assert cell.quotePrefix == is_formula_like(cell.value), repr(cell.value)
    values = {c.value for c in texts}
    for hidden in HIDDEN_FORMULAS.values():
        assert hidden in values  # kept as typed, shown as text
    assert "before\ufffdafter" in values
    quoted = {c.value for c in texts if c.quotePrefix}
    assert set(HIDDEN_FORMULAS.values()) <= quoted


def test_the_calendar_holds_no_control_character(hostile: Database, tmp_path: Path) -> None:
    raw = _export(hostile, tmp_path, "ics").read_bytes().decode("utf-8")
    assert not CONTROL.search(raw.replace("\r\n", "")), "a control character got through"
    calendar = icalendar.Calendar.from_ical(raw)
    summaries = {str(e["summary"]) for e in calendar.walk("VEVENT")}
    assert "before\ufffdafter" in summaries
    assert "bell\ufffd esc\ufffd vt\ufffd" in summaries


@pytest.mark.parametrize("text", [*HIDDEN_FORMULAS.values(), " \t=x", "\u3000+1"])
def test_an_invisible_start_never_hides_a_formula(text: str) -> None:
    assert is_formula_like(text)
    assert csv_text(text).startswith("'")
    assert unneutralise(csv_text(text)) == text  # the CSV import takes the apostrophe off


@pytest.mark.parametrize("char", ["\x7f", "\x80", "\x85", "\x9b", "\x9f", "\x0c", "\ufffe"])
def test_every_control_becomes_the_replacement_character(char: str) -> None:
    for made in (csv_text, xlsx_text, ics_text):
        assert made(f"a{char}b") == "a\ufffdb"


def test_ordinary_text_is_left_alone() -> None:
    for plain in ("Forde Report", "a=b", "Доклад — 報告書", "Café\u200bau lait", "x-1"):
        assert not is_formula_like(plain)
        assert csv_text(plain) == plain
