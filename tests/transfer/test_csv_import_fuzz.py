"""Fuzzing the CSV import: a mutated file of meetings or commitments is imported, or refused in
one line with the record untouched; either way the record passes the full verdict after.

Mutations are those a spreadsheet, a careless edit or a hostile sender produce: cells
replaced by awkward text (dates, target phrases, formulas, controls, quotes, separators,
huge values), cells and columns dropped or added, header names changed, rows repeated,
then the bytes: another encoding, a byte-order mark, cut short, other separators and line
ends, NUL bytes, an invalid UTF-8 byte, a never-closed quote, a very long line.
"""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core.errors import DomainError
from app.safety.checks import check_file
from app.safety.opening import Database, open_database
from app.transfer.csv_import import import_csv
from app.transfer.record_io import load_sample
from db.engine import resolve_url
from tests.transfer.test_import_fuzz import _one_line, _snapshot, hang_guard

MEETINGS = [
    ["body", "date", "time", "title", "status", "location", "notes", "key"],
    ["nec", "2022-09-20", "10:00", "NEC", "scheduled", "Southside", "", ""],
    ["NEC", "27/09/2022", "9:30", "Away day", "held", "Room 1", "Two\nlines", "away-day"],
    ["dfp", "2022-10-04", "", "", "cancelled", "", "", ""],
]
COMMITMENTS = [
    [
        "key",
        "title",
        "body",
        "owner",
        "recorded_on",
        "target",
        "by",
        "reason",
        "source",
        "status",
        "status_on",
    ],
    [
        "ledger-1",
        "Report to the NEC",
        "nec",
        "General Secretary",
        "2022-01-25",
        "next month",
        "Chair",
        "",
        "Minutes",
        "",
        "",
    ],
    ["ledger-1", "", "", "", "2022-03-01", "end of April", "Chair", "Delayed", "Letter", "", ""],
    [
        "ledger-2",
        "Attend the panel",
        "dfp",
        "",
        "2022-02-01",
        "the March meeting",
        "",
        "",
        "",
        "delivered",
        "2022-03-30",
    ],
    ["", "No key given", "nec", "", "01/02/2022", "", "", "", "", "", ""],
]
AWKWARD = [
    "",
    " ",
    "nec",
    "NCE",
    "2022-02-30",
    "31/02/2022",
    "1/2/22",
    "2022-01-25 00:00:00",
    "9999-12-31",
    "0001-01-01",
    "24:00",
    "25:61",
    "next month",
    "next meeting",
    "the March meeting",
    "in 99999999 days",
    "soonish",
    "open",
    "delivered",
    "dropped",
    "held",
    '=HYPERLINK("x")',
    "'=1+1",
    "\ufeff=2",
    "a\x00b",
    "bell\x07",
    "line\nbreak",
    "carriage\rreturn",
    'say "hi"',
    "semi;colon",
    "tab\there",
    "x" * 401,
    "y" * 20_000,
    "ledger-1",
    "forde-report",
    "nec-2022-01-25",
    "Доклад 報告書",
]
TEXT = st.sampled_from(AWKWARD) | st.text(max_size=12)
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"])
BYTE_DAMAGE = st.sampled_from(
    [
        "none",
        "none",
        "truncate",
        "semicolons",
        "tabs",
        "cr",
        "nul",
        "bad utf-8",
        "open quote",
        "long line",
        "blank lines",
        "only header",
        "empty",
    ]
)


@st.composite
def table(draw: st.DrawFn) -> list[list[str]]:
    """One of the two kinds of file, with one to four mutations of its cells."""
    rows = [list(r) for r in draw(st.sampled_from([MEETINGS, COMMITMENTS]))]
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        how = draw(
            st.sampled_from(
                ["cell", "cell", "cell", "drop", "add", "repeat", "header", "drop column"]
            )
        )
        r = draw(st.integers(min_value=0, max_value=len(rows) - 1))
        row = rows[r]
        if how == "cell" and row:
            row[draw(st.integers(0, len(row) - 1))] = draw(TEXT)
        elif how == "drop" and row:
            del row[draw(st.integers(0, len(row) - 1))]
        elif how == "add":
            row.insert(draw(st.integers(0, len(row))), draw(TEXT))
        elif how == "repeat":
            rows.insert(r, list(row))
        elif how == "header":
            rows[0][draw(st.integers(0, len(rows[0]) - 1))] = draw(
                st.sampled_from(["Date", "TARGET", "recorded on", "Recorded-On", "", "key", "x"])
            )
        elif how == "drop column":
            column = draw(st.integers(0, len(rows[0]) - 1))
            rows = [[c for i, c in enumerate(row) if i != column] for row in rows]
    return rows


def _bytes(rows: list[list[str]], encoding: str, damage: str) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    text = out.getvalue()
    if damage == "semicolons":
        text = text.replace(",", ";")
    elif damage == "tabs":
        text = text.replace(",", "\t")
    elif damage == "cr":
        text = text.replace("\r\n", "\r")
    elif damage == "open quote":
        text = text.replace(",", ',"', 1)
    elif damage == "long line":
        text += "z" * 300_000 + "\r\n"
    elif damage == "blank lines":
        text = text.replace("\r\n", "\r\n\r\n,,,\r\n")
    elif damage == "only header":
        text = text.split("\r\n", 1)[0]
    elif damage == "empty":
        text = ""
    data = text.encode(encoding, errors="replace")
    if damage == "truncate":
        data = data[: len(data) // 2]
    elif damage == "nul":
        data = data.replace(b",", b",\x00", 2)
    elif damage == "bad utf-8":
        data = data.replace(b"e", b"\xff", 1)
    return data


@pytest.fixture(scope="module")
def sample_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("csv-template") / "record.db"
    db = open_database(resolve_url(str(path)))
    load_sample(db)
    db.close()
    return path


def _verdict_is_clean(db: Database, path: Path) -> None:
    db.engine.dispose()
    assert check_file(path).problems == [], "the import left the record unsound"


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(rows=table(), encoding=ENCODINGS, damage=BYTE_DAMAGE, dayfirst=st.booleans())
def test_a_mutated_csv_is_imported_or_refused_in_one_line(
    sample_template: Path, rows: list[list[str]], encoding: str, damage: str, dayfirst: bool
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        file, record = Path(folder) / "mutated.csv", Path(folder) / "docket.db"
        file.write_bytes(_bytes(rows, encoding, damage))
        shutil.copy(sample_template, record)
        db = open_database(resolve_url(str(record)))
        try:
            before = _snapshot(db, record)
            try:
                with hang_guard():
                    plan = import_csv(db.sessions, file, dayfirst=dayfirst)
            except DomainError as exc:  # CsvRefused among them; anything else fails the test
                _one_line(exc)
                assert _snapshot(db, record) == before
            else:
                assert plan.kind in ("meetings", "commitments")
            _verdict_is_clean(db, record)
        finally:
            db.close()
