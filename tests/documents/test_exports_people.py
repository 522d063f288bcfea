"""Lists for people and lists for machines, through the real `docket` command.

The CSV is for people by default (the workbook's headers, names and words; ISO dates,
which spreadsheets read as dates); `--columns keys` is the machine form scripts rely on.
The PDF reads "29 Mar 2022" and "29 days late", never ISO dates or "29d late".
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

MARCH_29 = "2022-03-29"
# The machine form, as documented (docs/command-line.md): the keys of `--format json`.
KEYS = [
    "key",
    "title",
    "owner",
    "body",
    "target",
    "target_meeting",
    "first_target",
    "days_overdue",
    "slips",
    "rag",
    "last_promised_on",
    "last_promised_by",
    "source",
    "as_of",
    "state",
    "days_left",
    "first_promised_on",
    "last_note_on",
    "last_note",
]
ISO_DATE = re.compile(r"\b\d{4}-\d\d-\d\d\b")


def read_csv(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")  # so spreadsheet programs read it as UTF-8
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_the_csv_is_for_people_by_default(demo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = demo("overdue", "--as-of", MARCH_29, "--format", "csv")
    assert result.returncode == 0, result.stderr
    header, row = read_csv(result.stdout)
    assert header[:5] == ["Key", "Commitment", "Owner", "Body", "Due"]
    shown = dict(zip(header, row, strict=True))
    assert shown["Commitment"] == "Forde Report shared with the NEC"
    assert shown["Body"] == "NEC"  # the body by name, not its key
    assert shown["Owner"] == "Forde Inquiry"
    assert shown["Due"] == "29 days late"
    assert (shown["RAG"], shown["State"]) == ("RED", "Open")
    assert (shown["Days overdue"], shown["Slips"]) == ("29", "2")
    assert shown["Target"] == "2022-02-28"  # a date column: ISO, read as a date
    assert shown["First target"] == "2020-07-15"
    # The same headers as the workbook: one definition of the columns.
    out = tmp_path / "list.xlsx"
    assert demo("overdue", "--as-of", MARCH_29, "-o", str(out)).returncode == 0
    sheet = openpyxl.load_workbook(out).active
    assert [c.value for c in sheet[1]] == header
    assert [c.value for c in sheet[2]][:5] == row[:5]
    # Asked for by name, it is the same file.
    again = demo("overdue", "--as-of", MARCH_29, "--format", "csv", "--columns", "people")
    assert again.stdout == result.stdout


def test_columns_keys_is_the_machine_form(demo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "list.csv"
    result = demo("overdue", "--as-of", MARCH_29, "--columns", "keys", "-o", str(out))
    assert result.returncode == 0, result.stderr
    header, row = read_csv(out.read_text(encoding="utf-8"))
    assert header == KEYS
    shown = dict(zip(header, row, strict=True))
    assert (shown["key"], shown["body"], shown["rag"], shown["state"]) == (
        "forde-report",
        "nec",
        "red",
        "open",
    )
    assert (shown["days_overdue"], shown["days_left"]) == ("29", "-29")
    assert shown["target"] == "2022-02-28"


def test_a_due_list_for_people_names_its_meeting(demo) -> None:  # type: ignore[no-untyped-def]
    result = demo("due", "--as-of", "2022-01-10", "--within", "60", "--format", "csv")
    assert result.returncode == 0, result.stderr
    header, row = read_csv(result.stdout)
    shown = dict(zip(header, row, strict=True))
    assert shown["Due"] == "in 15 days"
    assert shown["Target"] == "2022-01-25"
    assert shown["Target meeting"] == "Meeting of 25 Jan 2022"
    keys = demo(
        "due", "--as-of", "2022-01-10", "--within", "60", "--format", "csv", "--columns", "keys"
    )
    header, row = read_csv(keys.stdout)
    assert dict(zip(header, row, strict=True))["target_meeting"] == "nec-2022-01-25"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--columns", "machine"), "argument --columns: invalid choice: 'machine'"),
        (("--columns", "keys", "--format", "xlsx"), "--columns is for CSV, not xlsx"),
        (("--columns", "people", "--format", "json"), "--columns is for CSV, not json"),
    ],
)
def test_a_wrong_columns_is_refused_in_one_line(demo, tmp_path: Path, args, message) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "list.csv"
    result = demo("overdue", "--as-of", MARCH_29, *args, "-o", str(out))
    assert result.returncode == 2
    assert result.stderr.startswith("docket: ")
    assert result.stderr.count("\n") == 1
    assert message in result.stderr
    assert result.stdout == ""
    assert list(tmp_path.glob("list.*")) == []  # nothing written


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_the_printed_list_reads_as_people_write(demo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    late = tmp_path / "overdue.pdf"
    assert demo("overdue", "--as-of", MARCH_29, "-o", str(late)).returncode == 0
    shown = pdf_text(late)
    assert "29 days late" in shown
    assert "28 Feb 2022" in shown  # the target
    assert "15 Jul 2020" in shown  # the first target
    assert "Last promised 25 Jan 2022 by Martin Forde QC" in shown
    assert "Note 20 Mar 2022:" in shown
    assert "as it stood on 29 Mar 2022" in shown
    assert "Overdue commitments as of Tuesday 29 March 2022" in shown  # the footer
    assert ISO_DATE.search(shown) is None
    assert "d late" not in shown

    one = tmp_path / "one.pdf"
    assert demo("overdue", "--as-of", "2022-03-01", "-o", str(one)).returncode == 0
    shown = pdf_text(one)
    assert "1 day late" in shown
    assert "1 days" not in shown

    due = tmp_path / "due.pdf"
    result = demo("due", "--as-of", "2022-01-10", "--within", "60", "-o", str(due))
    assert result.returncode == 0, result.stderr
    shown = pdf_text(due)
    assert "Commitments due within 60 days" in shown
    assert "in 15 days" in shown
    assert "25 Jan 2022" in shown
    assert "at the meeting" in shown
    assert ISO_DATE.search(shown) is None

    day = tmp_path / "day.pdf"
    assert demo("due", "--as-of", "2022-01-24", "--within", "1", "-o", str(day)).returncode == 0
    shown = pdf_text(day)
    assert re.search(r"Commitments due within 1 day\b", shown)
    assert "in 1 day" in shown
    assert "1 days" not in shown
