"""CSV import of meetings and of commitments: what a secretary's spreadsheet brings in.

Every refusal names its line and leaves the database byte for byte as it was.
"""

from __future__ import annotations

import datetime as dt
import tracemalloc
from pathlib import Path

import pytest
from sqlalchemy import select

from app.core.errors import DomainError
from app.core.settings import Settings
from app.ledger.standings import overdue
from app.record.bodies import BodyFields, create_body
from app.safety.opening import Database, open_database
from app.transfer.csv_import import CsvImportPlan, CsvRefused, import_csv
from app.transfer.interchange import ImportRefused
from app.transfer.record_io import export_json, import_file, load_sample
from db.engine import resolve_url
from db.models import Commitment, Meeting, Owner, Promise
from tests.builders import count, snapshot

COMMITMENT_HEADER = "key,title,body,owner,recorded_on,target,by,reason,source,status,status_on\n"


def write(tmp_path: Path, content: str | bytes, name: str = "file.csv") -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", newline="")
    else:
        path.write_bytes(content)
    return path


def refused(db: Database, path: Path, **kwargs: object) -> CsvRefused | ImportRefused:
    """Import `path`, expecting a refusal; the database must not have changed at all."""
    before = snapshot(db)
    with pytest.raises(ImportRefused) as caught:
        import_csv(db.sessions, path, **kwargs)  # type: ignore[arg-type]
    assert snapshot(db) == before
    return caught.value


# --- meetings -------------------------------------------------------------------------------


def test_meetings_come_in_with_their_times_and_keys(sample_db: Database, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Body,Date,Time,Title,Status,Location,Notes,Chair's remarks\n"
        "NEC,2022-09-20,10:00,NEC,,Southside,,ignored\n"
        'nec,27/09/2022,9:30,Away day,Held,"Room 1, floor 2","Two\nlines",\n'
        "National Executive Committee,2022-09-20 00:00:00,,Second that day,cancelled,,,\n",
    )
    plan = import_csv(sample_db.sessions, path)
    assert plan.kind == "meetings"
    assert plan.new_meetings == 3
    assert plan.ignored_columns == ["Chair's remarks"]
    with sample_db.sessions() as s:
        rows = s.execute(
            select(Meeting.key, Meeting.date, Meeting.time, Meeting.title, Meeting.status,
                   Meeting.location, Meeting.notes)
            .where(Meeting.date >= dt.date(2022, 9, 1))
            .order_by(Meeting.id)
        ).all()  # fmt: skip
    assert [tuple(r) for r in rows] == [
        ("nec-2022-09-20", dt.date(2022, 9, 20), dt.time(10, 0), "NEC", "scheduled", "Southside", ""),
        ("nec-2022-09-27", dt.date(2022, 9, 27), dt.time(9, 30), "Away day", "held", "Room 1, floor 2", "Two\nlines"),
        ("nec-2022-09-20-2", dt.date(2022, 9, 20), None, "Second that day", "cancelled", "", ""),
    ]  # fmt: skip


def test_a_body_is_named_in_any_case_beyond_ascii(db: Database, tmp_path: Path) -> None:
    create_body(db.sessions, BodyFields(name="Comité exécutif", short_name="Außenausschuß"))
    path = write(tmp_path, "Body,Date\nCOMITÉ EXÉCUTIF,2022-09-20\nAUSSENAUSSCHUSS,2022-10-20\n")
    # As the command line and the app match names: casefold, so "ß" is "ss".
    assert import_csv(db.sessions, path).new_meetings == 2


def test_month_first_dates_follow_the_setting(sample_db: Database, tmp_path: Path) -> None:
    path = write(tmp_path, "body,date\nnec,09/27/2022\n")
    assert refused(sample_db, path).problems == ["line 2, date: '09/27/2022' is not a real date"]
    import_csv(sample_db.sessions, path, dayfirst=False)
    with sample_db.sessions() as s:
        assert s.scalar(select(Meeting.date).where(Meeting.key == "nec-2022-09-27"))


def test_a_semicolon_file_from_a_continental_spreadsheet(
    sample_db: Database, tmp_path: Path
) -> None:
    path = write(tmp_path, "body;date;title\nnec;2022-10-04;NEC, special\n")
    assert import_csv(sample_db.sessions, path).new_meetings == 1


# --- commitments and their targets ----------------------------------------------------------------


def test_commitments_with_phrases_read_on_the_day_promised(
    sample_db: Database, tmp_path: Path
) -> None:
    path = write(
        tmp_path,
        COMMITMENT_HEADER
        + ",Publish the code of conduct,NEC,General Secretary,2022-01-25,next month,David Evans,,Minutes,,\n"
        + "brief,Leader's brief,nec,Leader's office,25/01/2022,the March meeting,,,,,\n"
        + "brief,,,,2022-03-29,next meeting,Chair,Missed March,Letter,,\n"
        + "brief,Leader's brief,NEC,Leader's office,2022-05-01,,,,,delivered,2022-07-19\n"
        + ",'=SUM(1) neutralised by an export,NEC,,2022-01-25,end of June,,,,,\n"
        + ",Open-ended,NEC,,2022-01-25,,,,,,\n",
    )
    plan = import_csv(sample_db.sessions, path)
    assert (plan.new_commitments, plan.new_promises, plan.new_owners) == (4, 6, 2)
    doc = export_json(sample_db.sessions)
    import json

    data = json.loads(doc)
    promises = [p for p in data["promises"] if p["commitment"] == "brief"]
    assert [(p["recorded_on"], p["target"]) for p in promises] == [
        ("2022-01-25", {"meeting": "nec-2022-03-29"}),  # the March meeting, as of 25 January
        ("2022-03-29", {"meeting": "nec-2022-07-19"}),  # the next meeting after the 29th
        ("2022-05-01", None),
    ]
    assert promises[1]["by"] == "Chair"
    assert promises[1]["reason"] == "Missed March"
    brief = next(c for c in data["commitments"] if c["key"] == "brief")
    assert (brief["status"], brief["status_on"]) == ("delivered", "2022-07-19")
    coc = next(c for c in data["commitments"] if c["key"] == "publish-the-code-of-conduct")
    assert coc["owner"] == "General Secretary"
    coc_promise = next(p for p in data["promises"] if p["commitment"] == coc["key"])
    assert coc_promise["target"] == {"date": "2022-02-28"}  # next month, from 25 January
    titles = {c["title"] for c in data["commitments"]}
    assert "=SUM(1) neutralised by an export" in titles
    # The engine sees them: on 29 March the code of conduct is overdue beside the Forde Report.
    late = overdue(sample_db.sessions, dt.date(2022, 3, 29), Settings())
    assert {s.key for s in late} == {"publish-the-code-of-conduct", "forde-report"}


def test_a_meeting_target_follows_the_meeting(sample_db: Database, tmp_path: Path) -> None:
    path = write(tmp_path, COMMITMENT_HEADER + "m,Report,NEC,,2022-01-25,the March meeting,,,,,\n")
    import_csv(sample_db.sessions, path)
    with sample_db.sessions.begin() as s:
        s.execute(
            Meeting.__table__.update()
            .where(Meeting.key == "nec-2022-03-29")
            .values(date=dt.date(2022, 4, 5))
        )
    late = overdue(sample_db.sessions, dt.date(2022, 4, 1), Settings())
    assert "m" not in [s.key for s in late]


def test_dry_run_shows_what_would_change_and_writes_nothing(
    sample_db: Database, tmp_path: Path
) -> None:
    path = write(
        tmp_path,
        COMMITMENT_HEADER + "x,Report,NEC,Someone,2022-01-25,next month,,,,,\n"
        "x,,,,2022-02-20,in 3 weeks,,,,,\n",
    )
    before = snapshot(sample_db)
    plan = import_csv(sample_db.sessions, path, dry_run=True)
    assert snapshot(sample_db) == before
    assert plan.summary() == ("1 commitment with 2 promises (1 new owner) from 2 rows of file.csv")
    assert plan.preview == [
        "line 2: commitment 'Report' (Someone) to nec, promised 2022-01-25 for 2022-02-28"
        " ('next month')",
        "line 3: new promise for 'x', promised 2022-02-20 for 2022-03-13 ('in 3 weeks')",
    ]


# --- encodings ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("cp1252", b""), ("utf-16", b"")],
)
def test_spreadsheet_encodings_are_read_right(  # type: ignore[no-untyped-def]
    sample_db: Database, tmp_path: Path, encoding: str, prefix: bytes
) -> None:
    title = "Café report – £5 “quoted” résumé"
    content = COMMITMENT_HEADER + f"e,{title},NEC,Zoë Brontë,2022-01-25,2022-02-01,,,,,\n"
    path = write(tmp_path, prefix + content.encode(encoding))
    plan = import_csv(sample_db.sessions, path)
    assert plan.new_commitments == 1
    with sample_db.sessions() as s:
        assert s.scalar(select(Commitment.title).where(Commitment.key == "e")) == title
        assert "Zoë Brontë" in set(s.scalars(select(Owner.name)))


def test_a_file_in_no_known_encoding_is_refused(sample_db: Database, tmp_path: Path) -> None:
    path = write(tmp_path, COMMITMENT_HEADER.encode() + b"k,Bad \x81 byte,NEC,,2022-01-25,,,,,,\n")
    before = snapshot(sample_db)
    with pytest.raises(DomainError, match="neither UTF-8 nor Windows-1252"):
        import_csv(sample_db.sessions, path)
    assert snapshot(sample_db) == before


# --- refusals: each with its line, and nothing written ------------------------------------------------


@pytest.mark.parametrize(
    ("rows", "problem"),
    [
        (",Report,NEC,,2022-01-25,whenever,,,,,\n", "line 2, target: Cannot read 'whenever'"),
        (",Report,Nowhere,,2022-01-25,,,,,,\n", "line 2, body: no body 'Nowhere' (bodies: dfp, nec)"),
        (",Report,NEC,,31/02/2022,,,,,,\n", "line 2, recorded_on: '31/02/2022' is not a real date"),
        (",Report,NEC,,1/2/22,,,,,,\n", "line 2, recorded_on: '1/2/22': write the year in full"),
        (",Report,NEC,,,,,,,,\n", "line 2, recorded_on: must not be empty"),
        (",,NEC,,2022-01-25,,,,,,\n", "line 2, title: must not be empty"),
        (",Report,NEC,,2022-01-25,,,,,delivered,\n", "line 2, status_on: required when"),
        (",Report,NEC,,2022-01-25,,,,,finished,\n", "line 2, status: 'finished' is not one of"),
        (",Report,NEC,,2022-01-25,,,,,,2022-02-01\n", "line 2, status_on: give it only with"),
        (",Report,NEC,,2022-01-25,the May meeting,,,,,\n", "line 2, target: There is no May meeting"),
        ("forde-report,Again,NEC,,2022-01-25,,,,,,\n", "line 2, key: commitment 'forde-report' is already in the database"),
        ("has space,Report,NEC,,2022-01-25,,,,,,\n", "line 2, key: 'has space' must not contain spaces"),
        (",Report,NEC,,2022-01-25,,,,,,,extra\n", "line 2, has 12 cells but the header has 11"),
        (",Report,NEC,,2022-01-25,next meeting,,,,,\n,\"unterminated,NEC\n", "line 3, cannot be read as CSV (unexpected end of data)"),
        ("k,Report,NEC,,2022-01-25,,,,,delivered,2022-02-01\nk,,,,2022-03-01,,,,,,\n", "line 2, status_on: 2022-02-01 is before the latest promise of 'k' (2022-03-01)"),
        ("k,Report,NEC,,2022-01-25,,,,,,\nk,Other title,NEC,,2022-03-01,,,,,,\n", "line 3, key: 'k' was described differently on line 2"),
        ("k,Report,NEC,,2022-01-25,,,,,delivered,2022-04-01\nk,,,,2022-03-01,,,,,dropped,2022-04-01\n", "line 3, status: dropped here, but delivered on line 2"),
    ],
)  # fmt: skip
def test_a_bad_commitment_row_is_refused_with_its_line(  # type: ignore[no-untyped-def]
    sample_db: Database, tmp_path: Path, rows: str, problem: str
) -> None:
    good = ",Fine,NEC,,2022-01-25,next month,,,,,\n"
    path = write(tmp_path, COMMITMENT_HEADER + rows + good)
    error = refused(sample_db, path)
    assert error.problems[0].startswith(problem), error.problems
    assert str(error).startswith(problem)


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("", "line 1, the file is empty"),
        ("body,date\n", "line 1, the file has a header but no rows"),
        ("body,title\nnec,x\n", "line 1, header: no date column (a meetings file) or target column"),
        ("body,date,target\nnec,2022-01-01,\n", "line 1, header: a file holds meetings"),
        ("date,title\n2022-01-01,x\n", "line 1, header: a meetings file needs the column(s) body"),
        ("title,body,target\nx,nec,\n", "line 1, header: a commitments file needs the column(s) recorded_on"),
        ("body,date,Date\nnec,2022-01-01,\n", "line 1, header: column(s) date appear twice"),
        ("\n\nbody,date\nnec,2022-02-30\n", "line 4, date: '2022-02-30' is not a real date"),
        ("body,date,time\nnec,2022-10-01,25:00\n", "line 2, time: '25:00' is not a time"),
        ("key,body,date\nm,nec,2022-10-01\nm,nec,2022-10-02\n", "line 3, key: 'm' is already on line 2"),
        ("key,body,date\nnec-2022-03-29,nec,2022-10-01\n", "line 2, key: meeting 'nec-2022-03-29' is already in the database"),
        ("body,date,notes\nnec,2022-10-01,\"one\ntwo\nthree\"\nnec,soon\n", "line 5, date: 'soon' is not a date"),
        ("body,date,status\nnec,2022-10-01,adjourned\n", "line 2, status: 'adjourned' is not one of"),
    ],
)  # fmt: skip
def test_a_bad_meetings_file_is_refused_with_its_line(  # type: ignore[no-untyped-def]
    sample_db: Database, tmp_path: Path, content: str, problem: str
) -> None:
    error = refused(sample_db, write(tmp_path, content))
    assert error.problems[0].startswith(problem), error.problems


def test_every_bad_row_is_counted_and_the_first_ones_listed(
    sample_db: Database, tmp_path: Path
) -> None:
    rows = "".join(f"nec,not-a-date-{i}\n" for i in range(120))
    error = refused(sample_db, write(tmp_path, "body,date\n" + rows))
    assert isinstance(error, CsvRefused)
    assert error.total == 120
    assert len(error.problems) == 50
    assert error.problems[1].startswith("line 3, date:")
    assert str(error).endswith("(and 119 more problems)")


def test_a_bad_row_after_thousands_of_good_ones_writes_nothing(  # type: ignore[no-untyped-def]
    sample_db: Database, tmp_path: Path
) -> None:
    good = "".join(
        f"k{i},Item {i},NEC,Owner {i % 7},2022-01-25,next month,,,,,\n" for i in range(2500)
    )
    path = write(tmp_path, COMMITMENT_HEADER + good + ",Late,NEC,,2022-01-25,someday,,,,,\n")
    before = (count(sample_db, Commitment), count(sample_db, Promise), count(sample_db, Owner))
    error = refused(sample_db, path)
    assert error.problems == [
        "line 2502, target: Cannot read 'someday' as a target. Accepted: 2022-03-15, 15/03/2022,"
        " 15 March 2022, March 15 2022, March 2022, end of March, next month, this month,"
        " in 10 days / 3 weeks / 2 months, next week, end of the year, today, tomorrow,"
        " next meeting, the March meeting"
    ]
    assert (
        count(sample_db, Commitment),
        count(sample_db, Promise),
        count(sample_db, Owner),
    ) == before


def test_a_file_changed_while_it_is_written_is_rolled_back(  # type: ignore[no-untyped-def]
    sample_db: Database, tmp_path: Path
) -> None:
    rows = "".join(f"nec,2023-01-{1 + i % 28:02d}\n" for i in range(5000))
    path = write(tmp_path, "body,date\n" + rows)
    size = path.stat().st_size

    def meddle(done: int, total: int) -> None:
        # Once the writing pass is under way, someone saves a broken last row over the file.
        if done > total // 2 + 1000 and not meddled:
            with path.open("r+b") as handle:
                handle.seek(size - len("2023-01-01\n"))
                handle.write(b"2023-13-01\n")
            meddled.append(True)

    meddled: list[bool] = []
    error = refused(sample_db, path, progress=meddle)
    assert meddled
    assert error.problems == ["line 5001, date: '2023-13-01' is not a real date"]


def test_the_import_streams_the_file(tmp_path: Path) -> None:
    """Memory follows the batch, not the file: three times the rows, about the same peak."""
    notes = "A long minute of the meeting. " * 40  # 1,200 characters a row

    def peak_for(rows: int) -> tuple[int, int]:
        lines = "".join(
            f"nec,2023-{1 + i % 12:02d}-{1 + i % 28:02d},{notes}\n" for i in range(rows)
        )
        path = write(tmp_path, "body,date,notes\n" + lines, name=f"{rows}.csv")
        db = open_database(resolve_url(str(tmp_path / f"{rows}.db")))  # the same record each time
        load_sample(db)
        tracemalloc.start()
        try:
            plan = import_csv(db.sessions, path)
            _current, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
            db.close()
        assert plan.new_meetings == rows
        return peak, path.stat().st_size

    small, _ = peak_for(3_000)
    large, size = peak_for(9_000)
    assert size > 10_000_000
    assert large < size / 3, f"peak {large:,} bytes for a {size:,}-byte file"
    # Three times the rows must not cost three times the memory (caches and batches vary
    # a little from run to run, so the margin is generous; loading the file would be 3x).
    assert large < small * 2.2, f"peak {large:,} bytes for 9,000 rows, {small:,} for 3,000"


# --- through transfer and the command line ----------------------------------------------------


def test_import_file_takes_csv(sample_db: Database, tmp_path: Path) -> None:
    path = write(tmp_path, "body,date\nnec,2022-10-04\n", name="meetings.CSV")
    plan = import_file(sample_db.sessions, path)
    assert isinstance(plan, CsvImportPlan)
    assert plan.counts()["meetings"] == 1


def test_the_command_line_dry_run_and_import(demo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path, "body,date,title\nnec,2022-09-20,NEC\nnec,2022-11-22,NEC\n")
    result = demo("import", str(path), "--dry-run")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Would import 2 meetings from 2 rows of file.csv (nothing written)",
        "  line 2: meeting of nec on 2022-09-20 'NEC' (scheduled)",
        "  line 3: meeting of nec on 2022-11-22 'NEC' (scheduled)",
    ]
    result = demo("import", str(path))
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Imported 2 meetings from 2 rows of file.csv\n"
    again = demo("import", str(path))  # no keys given: new keys, so the same rows again
    assert again.returncode == 0


def test_the_command_line_refusal_is_one_line_with_the_line_number(demo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write(
        tmp_path,
        COMMITMENT_HEADER + ",Fine,NEC,,2022-01-25,,,,,,\n,Bad,NEC,,2022-01-25,whenever,,,,,\n",
    )
    result = demo("import", str(path))
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith(
        "docket: import refused: line 3, target: Cannot read 'whenever'"
    )
    assert result.stderr.count("\n") == 1


def test_a_csv_import_needs_a_record(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path, "body,date\nnec,2022-10-04\n")
    target = tmp_path / "none.db"
    result = run_cli("--db", str(target), "import", str(path))
    assert result.returncode == 1
    assert "no record yet" in result.stderr
    assert not target.exists()


def test_a_file_marked_utf8_with_foreign_bytes_is_refused(sample_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from app.core.errors import DomainError
    from app.transfer.record_io import import_file

    path = tmp_path / "mixed.csv"
    path.write_bytes(b"\xef\xbb\xbfbody,date,title\nnec,2022-09-20,Caf\xe9\n")
    with pytest.raises(DomainError, match="starts as UTF-8 but holds bytes that are not UTF-8"):
        import_file(sample_db.sessions, path, dry_run=True)
