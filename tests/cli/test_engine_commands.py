"""`docket overdue`, `docket due` and `docket schedule` as scripts see them: real subprocesses."""

from __future__ import annotations

import calendar
import datetime as dt
import json
from pathlib import Path

import pytest

CONTRACT_KEYS = {
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
}


def json_of(result) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    data = json.loads(result.stdout)
    assert isinstance(data, list)
    return data


def test_overdue_json_on_the_day_of_the_march_meeting(demo) -> None:  # type: ignore[no-untyped-def]
    rows = json_of(demo("overdue", "--as-of", "2022-03-29", "--format", "json"))
    assert [r["key"] for r in rows] == ["forde-report"]
    (forde,) = rows
    assert forde.keys() >= CONTRACT_KEYS
    assert forde["title"] == "Forde Report shared with the NEC"
    assert forde["owner"] == "Forde Inquiry"
    assert forde["body"] == "nec"
    assert forde["target"] == "2022-02-28"
    assert forde["target_meeting"] is None
    assert forde["first_target"] == "2020-07-15"
    assert forde["days_overdue"] == 29
    assert type(forde["days_overdue"]) is int
    assert forde["slips"] == 2
    assert type(forde["slips"]) is int
    assert forde["rag"] == "red"
    assert forde["last_promised_on"] == "2022-01-25"
    assert forde["last_promised_by"] == "Martin Forde QC"
    assert forde["source"] == "Letter from the inquiry chair to the NEC, 25 January 2022"


def test_overdue_table(demo) -> None:  # type: ignore[no-untyped-def]
    result = demo("overdue", "--as-of", "2022-03-29")
    assert result.returncode == 0, result.stderr
    assert "Forde Report" in result.stdout
    assert "29 days late" in result.stdout
    lines = result.stdout.splitlines()
    assert len(lines) == 3  # header, rule, one row
    assert lines[0].split()[:3] == ["Due", "Slips", "RAG"]
    row = lines[2]
    for cell in ("RED", "28 Feb 2022", "15 Jul 2020", "Forde Inquiry", "NEC"):
        assert cell in row


def test_overdue_while_the_meeting_target_is_still_ahead(demo) -> None:  # type: ignore[no-untyped-def]
    # On 26 January the newest promise (recorded on the 25th) is "by 28 February".
    result = demo("overdue", "--as-of", "2022-01-26")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Nothing overdue as of 26 Jan 2022.\n"


def test_overdue_after_delivery_is_empty(demo) -> None:  # type: ignore[no-untyped-def]
    result = demo("overdue", "--as-of", "2022-07-20", "--format", "json")
    assert json_of(result) == []
    assert result.stdout.strip() == "[]"


def test_overdue_and_due_earlier_in_the_ledger(demo) -> None:  # type: ignore[no-untyped-def]
    # Before November 2021 the only promise was mid-July 2020: long overdue, no slips yet.
    rows = json_of(demo("overdue", "--as-of", "2021-11-01", "--format", "json"))
    assert [(r["key"], r["slips"], r["days_overdue"]) for r in rows] == [("forde-report", 0, 474)]
    assert rows[0]["target"] == rows[0]["first_target"] == "2020-07-15"
    # From 16 November the promise is "by the January meeting": a meeting target, not late.
    assert json_of(demo("overdue", "--as-of", "2021-12-01", "--format", "json")) == []
    due = json_of(demo("due", "--as-of", "2022-01-20", "--within", "14", "--format", "json"))
    assert [(r["key"], r["target"], r["target_meeting"]) for r in due] == [
        ("forde-report", "2022-01-25", "nec-2022-01-25")
    ]
    assert due[0]["days_left"] == 5
    assert due[0]["slips"] == 1


@pytest.mark.parametrize(
    ("body", "expected"),
    [("nec", ["forde-report"]), ("NEC", ["forde-report"]), ("dfp", []), ("DFP", [])],
)
def test_overdue_by_body(demo, body: str, expected: list[str]) -> None:  # type: ignore[no-untyped-def]
    args = ("overdue", "--as-of", "2022-03-29", "--body", body, "--format", "json")
    assert [r["key"] for r in json_of(demo(*args))] == expected


def test_overdue_by_body_table_says_when_nothing_is_late(demo) -> None:  # type: ignore[no-untyped-def]
    result = demo("overdue", "--as-of", "2022-03-29", "--body", "dfp")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Nothing overdue as of 29 Mar 2022.\n"


def test_overdue_by_owner(demo) -> None:  # type: ignore[no-untyped-def]
    args = ("overdue", "--as-of", "2022-03-29", "--format", "json", "--owner")
    assert [r["key"] for r in json_of(demo(*args, "Forde Inquiry"))] == ["forde-report"]
    assert json_of(demo(*args, "Labour Party")) == []


def test_an_unknown_body_is_one_line_naming_the_bodies(demo) -> None:  # type: ignore[no-untyped-def]
    result = demo("overdue", "--body", "nope")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("docket: ")
    assert "'nope'" in result.stderr
    assert "dfp" in result.stderr
    assert "nec" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_impossible_as_of_is_a_usage_error(demo) -> None:  # type: ignore[no-untyped-def]
    result = demo("overdue", "--as-of", "2022-02-30")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "2022-02-30" in result.stderr
    assert "not a real date" in result.stderr


@pytest.mark.parametrize("bad", ["30/01/2022", "next month", "2022-1-5"])
def test_as_of_must_be_iso(demo, bad: str) -> None:  # type: ignore[no-untyped-def]
    result = demo("overdue", "--as-of", bad)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1


def test_output_to_a_file(demo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "overdue.json"
    result = demo("overdue", "--as-of", "2022-03-29", "--format", "json", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    rows = json.loads(out.read_text(encoding="utf-8"))
    assert [(r["key"], r["days_overdue"]) for r in rows] == [("forde-report", 29)]
    table = tmp_path / "overdue.txt"
    assert demo("overdue", "--as-of", "2022-03-29", "-o", str(table)).returncode == 0
    assert "29 days late" in table.read_text(encoding="utf-8")


def test_due_within(demo) -> None:  # type: ignore[no-untyped-def]
    rows = json_of(demo("due", "--as-of", "2022-02-20", "--within", "14", "--format", "json"))
    assert [r["key"] for r in rows] == ["forde-report"]
    (forde,) = rows
    assert forde.keys() >= CONTRACT_KEYS
    assert forde["days_left"] == 8
    assert forde["days_overdue"] == 0
    assert forde["target"] == "2022-02-28"
    assert forde["rag"] == "amber"


def test_due_within_a_shorter_window(demo) -> None:  # type: ignore[no-untyped-def]
    assert json_of(demo("due", "--as-of", "2022-02-20", "--within", "7", "--format", "json")) == []
    rows = json_of(demo("due", "--as-of", "2022-02-20", "--within", "8", "--format", "json"))
    assert [r["days_left"] for r in rows] == [8]
    table = demo("due", "--as-of", "2022-02-20", "--within", "7")
    assert table.stdout == "Nothing falls due within 7 days of 20 Feb 2022.\n"


def test_due_refuses_a_bad_window(demo) -> None:  # type: ignore[no-untyped-def]
    for bad in ("-1", "two", "99999"):
        result = demo("due", "--within", bad)
        assert result.returncode == 2, bad
        assert result.stderr.count("\n") == 1


def nec_schedule(start: dt.date, until: dt.date) -> list[dt.date]:
    """Last Tuesdays of odd months in [start, until], reckoned without dateutil."""
    days = (start + dt.timedelta(days=n) for n in range((until - start).days + 1))
    return [
        d
        for d in days
        if d.weekday() == calendar.TUESDAY and d.month % 2 == 1 and (d + dt.timedelta(7)).day <= 7
    ]


def test_schedule_creates_the_next_meetings(demo) -> None:  # type: ignore[no-untyped-def]
    today = dt.date.today()
    until = today + dt.timedelta(days=365)
    result = demo("schedule", "nec", "--until", until.isoformat())
    assert result.returncode == 0, result.stderr
    expected = nec_schedule(today, until)
    assert len(expected) >= 5
    made = f"{len(expected)} scheduled meeting{'s' if len(expected) != 1 else ''}"
    assert result.stdout.startswith(f"Created {made}: ")
    exported = demo("export")
    assert exported.returncode == 0, exported.stderr
    meetings = json.loads(exported.stdout)["meetings"]
    scheduled = [m for m in meetings if m["status"] == "scheduled"]
    assert [m["date"] for m in scheduled] == [d.isoformat() for d in expected]
    assert [m["key"] for m in scheduled] == [f"nec-{d.isoformat()}" for d in expected]
    assert {m["body"] for m in scheduled} == {"nec"}
    assert len(meetings) == 7 + len(expected)  # the sample's seven are untouched

    again = demo("schedule", "nec", "--until", until.isoformat())
    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith("No new meetings")
    assert len(json.loads(demo("export").stdout)["meetings"]) == len(meetings)


def test_schedule_for_a_body_without_one_is_refused(demo) -> None:  # type: ignore[no-untyped-def]
    until = dt.date.today() + dt.timedelta(days=365)
    result = demo("schedule", "dfp", "--until", until.isoformat())
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "no schedule" in result.stderr
    meetings = json.loads(demo("export").stdout)["meetings"]
    assert len(meetings) == 7


def test_schedule_refuses_an_unknown_body_and_a_past_until(demo) -> None:  # type: ignore[no-untyped-def]
    unknown = demo("schedule", "nope", "--until", "2099-01-01")
    assert unknown.returncode == 1
    assert "bodies: dfp, nec" in unknown.stderr
    past = demo("schedule", "nec", "--until", "2022-01-01")
    assert past.returncode == 1
    assert past.stderr.count("\n") == 1
    assert "until" in past.stderr
    missing = demo("schedule", "nec")
    assert missing.returncode == 2
