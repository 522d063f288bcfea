"""The interchange JSON of DESIGN.md: round trips, the sample's content, refused files, dry runs."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from app.core.errors import DomainError
from app.safety.opening import Database
from app.transfer.interchange import ImportRefused
from app.transfer.record_io import export_json, import_document, import_file, sample_path
from db.models import AuditEntry, Note
from tests.builders import RECORD_SECTIONS, SAMPLE_COUNTS, open_fresh, row_counts, snapshot

# --- round trip and the sample's content ------------------------------------------------


def test_export_import_export_gives_the_same_text(sample_db: Database, tmp_path: Path) -> None:
    first = export_json(sample_db.sessions)
    other = open_fresh(tmp_path / "other.db")
    try:
        plan = import_document(other.sessions, json.loads(first))
        assert plan.counts() == SAMPLE_COUNTS
        assert row_counts(other) == SAMPLE_COUNTS
        second = export_json(other.sessions)
    finally:
        other.close()
    assert second == first
    # The sample file is itself in exported form.
    assert first == sample_path().read_text(encoding="utf-8")


def test_round_trip_through_a_file(sample_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text(export_json(sample_db.sessions), encoding="utf-8")
    other = open_fresh(tmp_path / "other.db")
    try:
        import_file(other.sessions, path)
        assert export_json(other.sessions) == path.read_text(encoding="utf-8")
    finally:
        other.close()


def test_sample_export_holds_the_forde_report_ledger(sample_db: Database) -> None:
    text = export_json(sample_db.sessions)
    assert text.endswith("}\n")
    doc = json.loads(text)
    assert doc["docket"] == 1
    assert {k: len(v) for k, v in doc.items() if k != "docket"} == SAMPLE_COUNTS

    [forde] = [c for c in doc["commitments"] if c["key"] == "forde-report"]
    assert forde["title"] == "Forde Report shared with the NEC"
    assert forde["owner"] == "Forde Inquiry"
    assert forde["body"] == "nec"
    assert forde["status"] == "delivered"
    assert forde["status_on"] == "2022-07-19"

    promises = [p for p in doc["promises"] if p["commitment"] == "forde-report"]
    assert [(p["recorded_on"], p["target"]) for p in promises] == [
        ("2020-05-01", {"date": "2020-07-15"}),
        ("2021-11-16", {"meeting": "nec-2022-01-25"}),
        ("2022-01-25", {"date": "2022-02-28"}),
    ]
    assert [p["by"] for p in promises] == ["Forde Inquiry", "NEC officers", "Martin Forde QC"]

    notes = [n for n in doc["notes"] if n["commitment"] == "forde-report"]
    assert [n["recorded_on"] for n in notes] == [
        "2022-01-25",
        "2022-02-28",
        "2022-03-20",
        "2022-03-30",
        "2022-07-19",
    ]
    assert "largely completed" in notes[0]["text"]
    assert "delivered its final report" in notes[-1]["text"]
    # The meeting it pointed at exists, with its date.
    [january] = [m for m in doc["meetings"] if m["key"] == "nec-2022-01-25"]
    assert january["date"] == "2022-01-25"


def test_promises_are_exported_in_ledger_order(db: Database) -> None:
    doc = {
        "docket": 1,
        "bodies": [{"key": "b", "name": "Board"}],
        "commitments": [{"key": "c", "title": "Thing", "body": "b", "status": "open"}],
        "promises": [
            {"commitment": "c", "recorded_on": "2022-03-01", "target": {"date": "2022-04-01"}},
            {"commitment": "c", "recorded_on": "2022-01-01", "target": {"date": "2022-02-01"}},
            {"commitment": "c", "recorded_on": "2022-03-01", "target": None},
        ],
    }
    import_document(db.sessions, doc)
    out = json.loads(export_json(db.sessions))
    assert [(p["recorded_on"], p["target"]) for p in out["promises"]] == [
        ("2022-01-01", {"date": "2022-02-01"}),
        ("2022-03-01", {"date": "2022-04-01"}),  # same day: the file's order is kept
        ("2022-03-01", None),
    ]


# --- property: random small documents round-trip ----------------------------------------

KEY = st.text(alphabet="abcxyz019-_.é", min_size=1, max_size=12)
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=30,
).map(str.strip)
NAME = TEXT.filter(bool)
DAY = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31))
CLOCK = st.none() | st.times().map(lambda t: t.strftime("%H:%M"))
COUNT = st.none() | st.integers(min_value=0, max_value=500)


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    """A small valid interchange document, every field given, in canonical (stripped) form."""
    body_keys = draw(st.lists(KEY, min_size=1, max_size=3, unique=True))
    bodies = [
        {
            "key": k,
            "name": draw(NAME),
            "short_name": draw(TEXT.map(lambda s: s[:40].strip())),
            "schedule": draw(st.sampled_from([None, "FREQ=MONTHLY;BYDAY=-1TU", "FREQ=WEEKLY"])),
        }
        for k in body_keys
    ]
    meeting_keys = draw(st.lists(KEY, max_size=4, unique=True))
    meetings = [
        {
            "key": k,
            "body": draw(st.sampled_from(body_keys)),
            "date": draw(DAY).isoformat(),
            "time": draw(CLOCK),
            "title": draw(TEXT),
            "status": draw(st.sampled_from(["scheduled", "held", "postponed", "cancelled"])),
            "location": draw(TEXT),
            "notes": draw(TEXT),
        }
        for k in meeting_keys
    ]
    agenda_items = []
    for m in meeting_keys:
        for position in draw(st.lists(st.integers(1, 9), max_size=3, unique=True)):
            agenda_items.append(
                {
                    "meeting": m,
                    "position": position,
                    "title": draw(NAME),
                    "lead": draw(TEXT),
                    "details": draw(TEXT),
                    "outcome": draw(TEXT),
                    "decision": draw(TEXT),
                    "votes_for": draw(COUNT),
                    "votes_against": draw(COUNT),
                    "votes_abstaining": draw(COUNT),
                    "status": draw(
                        st.sampled_from(["pending", "taken", "noted", "deferred", "withdrawn"])
                    ),
                }
            )
    owner_names = draw(st.lists(NAME, max_size=3, unique=True))
    owners = [
        {"name": n, "kind": draw(st.sampled_from([None, "person", "organisation"]))}
        for n in owner_names
    ]
    target = st.none() | DAY.map(lambda d: {"date": d.isoformat()})
    if meeting_keys:
        target |= st.sampled_from(meeting_keys).map(lambda k: {"meeting": k})
    commitments, promises, notes = [], [], []
    for k in draw(st.lists(KEY, max_size=3, unique=True)):
        days = sorted(draw(st.lists(DAY, min_size=1, max_size=3)))
        status = draw(st.sampled_from(["open", "delivered", "dropped"]))
        status_on = None
        if status != "open":
            status_on = (days[-1] + dt.timedelta(days=draw(st.integers(0, 400)))).isoformat()
        commitments.append(
            {
                "key": k,
                "title": draw(NAME),
                # an owner from the list, none, or one the list does not name
                "owner": draw(st.sampled_from([None, "Unlisted owner", *owner_names])),
                "body": draw(st.sampled_from(body_keys)),
                "status": status,
                "status_on": status_on,
                "details": draw(TEXT),
                "source": draw(TEXT),
            }
        )
        promises += [
            {
                "commitment": k,
                "recorded_on": d.isoformat(),
                "target": draw(target),
                "by": draw(TEXT),
                "reason": draw(TEXT),
                "source": draw(TEXT),
            }
            for d in days
        ]
        notes += [
            {"commitment": k, "recorded_on": d.isoformat(), "text": draw(NAME), "source": ""}
            for d in sorted(draw(st.lists(DAY, max_size=2)))
        ]
    return {
        "docket": 1,
        "bodies": bodies,
        "meetings": meetings,
        "agenda_items": agenda_items,
        "owners": owners,
        "commitments": commitments,
        "promises": promises,
        "notes": notes,
    }


def _canonical(doc: dict[str, Any]) -> dict[str, Any]:
    """Order-insensitive view, except that each commitment's ledger keeps its order."""

    def bag(entries: list[dict[str, Any]]) -> list[str]:
        return sorted(json.dumps(e, sort_keys=True) for e in entries)

    def ledgers(entries: list[dict[str, Any]]) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for e in entries:
            out.setdefault(e["commitment"], []).append(json.dumps(e, sort_keys=True))
        return out

    return {
        "bodies": bag(doc["bodies"]),
        "meetings": bag(doc["meetings"]),
        "agenda_items": bag(doc["agenda_items"]),
        "owners": bag(doc["owners"]),
        "commitments": bag(doc["commitments"]),
        "promises": ledgers(doc["promises"]),
        "notes": ledgers(doc["notes"]),
    }


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=documents())
def test_random_documents_round_trip(doc: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        first_db = open_fresh(Path(folder) / "a.db")
        second_db = open_fresh(Path(folder) / "b.db")
        try:
            import_document(first_db.sessions, json.loads(json.dumps(doc)))
            first = export_json(first_db.sessions)
            import_document(second_db.sessions, json.loads(first))
            second = export_json(second_db.sessions)
        finally:
            first_db.close()
            second_db.close()
    assert second == first
    # Nothing was lost or changed on the way in: the export says what the file said.
    expected = dict(doc)
    listed = {o["name"] for o in doc["owners"]}
    unlisted = {c["owner"] for c in doc["commitments"] if c["owner"]} - listed
    expected["owners"] = doc["owners"] + [{"name": n, "kind": None} for n in unlisted]
    assert _canonical(json.loads(first)) == _canonical(expected)


# --- refused files: the place is named and the database file is untouched --------------


def _meeting(**kw: Any) -> dict[str, Any]:
    return {"key": "nec-2023-01-24", "body": "nec", "date": "2023-01-24", **kw}


def _item(**kw: Any) -> dict[str, Any]:
    return {"meeting": "nec-2022-03-29", "position": 7, "title": "Any other business", **kw}


def _commitment(**kw: Any) -> dict[str, Any]:
    return {"key": "new-report", "title": "A new report", "body": "nec", "status": "open", **kw}


def _promise(**kw: Any) -> dict[str, Any]:
    return {"commitment": "new-report", "recorded_on": "2023-01-01", "target": None, **kw}


def _doc(**sections: Any) -> dict[str, Any]:
    return {"docket": 1, **sections}


def _without(entry: dict[str, Any], name: str) -> dict[str, Any]:
    return {k: v for k, v in entry.items() if k != name}


def _with_commitment(**kw: Any) -> dict[str, Any]:
    return _doc(commitments=[_commitment(**kw)], promises=[_promise()])


MALFORMED = [
    pytest.param(b'{"docket": 1, "bodies": [', "not valid JSON (line 1", id="not-json"),
    pytest.param(
        _doc(promises=[_promise(commitment="forde-report", recorded_on="2022-08-01")]),
        "promises[0].commitment: 'forde-report' was delivered on 2022-07-19;"
        " reopen it before recording a new promise",
        id="promise-for-a-delivered-commitment",
    ),
    pytest.param(
        b'{"docket": 1, "bodies": [{"key": "a", "name": "A", "key": "b"}]}',
        "the field 'key' appears twice in one object",
        id="repeated-field-name",
    ),
    pytest.param(
        b'{"docket": 1, "bodies": [{"key": "caf\xe9", "name": "Caf\xe9"}]}',
        "not UTF-8 text",
        id="not-utf8",
    ),
    pytest.param(b"[" * 100_000, "nested too deeply", id="nested-too-deeply"),
    pytest.param([], "the file must hold a JSON object", id="top-level-list"),
    pytest.param("docket", "the file must hold a JSON object", id="top-level-string"),
    pytest.param({"bodies": []}, "docket: missing", id="missing-docket"),
    pytest.param(_doc(docket=2), "docket: version 2 is not supported", id="version-2"),
    pytest.param(
        {"docket": True},
        "docket: version True is not supported",
        id="version-true",
    ),
    pytest.param(
        _doc(meetings=[_meeting(date="2022-02-30")]),
        "meetings[0].date: '2022-02-30' is not a real date",
        id="date-not-real",
    ),
    pytest.param(
        _doc(meetings=[_meeting(date="25/01/2022")]),
        "meetings[0].date: '25/01/2022' is not a date in the form YYYY-MM-DD",
        id="date-wrong-form",
    ),
    pytest.param(
        _doc(meetings=[_meeting(time="25:00")]),
        "meetings[0].time: '25:00' is not a time in the form HH:MM",
        id="time-wrong",
    ),
    pytest.param(
        _doc(meetings=[_without(_meeting(), "date")]),
        "meetings[0].date: missing",
        id="meeting-without-date",
    ),
    pytest.param(
        _doc(meetings=[_meeting(status="adjourned")]),
        "meetings[0].status: 'adjourned' is not one of scheduled, held, postponed, cancelled",
        id="meeting-bad-status",
    ),
    pytest.param(
        _doc(commitments=[_without(_commitment(), "body")], promises=[_promise()]),
        "commitments[0].body: missing",
        id="commitment-without-body",
    ),
    pytest.param(
        _doc(commitments=[_commitment()], promises=[_without(_promise(), "target")]),
        "promises[0].target: missing (use null for no date promised)",
        id="promise-without-target-key",
    ),
    pytest.param(
        _doc(notes=[{"commitment": "forde-report", "recorded_on": "2023-01-01", "text": "  "}]),
        "notes[0].text: must not be empty",
        id="note-empty-text",
    ),
    pytest.param(
        _doc(
            meeting_changes=[
                {"meeting": "nec-1999", "recorded_on": "2023-01-01", "previous_date": "2023-01-17"}
            ]
        ),
        "meeting_changes[0].meeting: no meeting 'nec-1999'",
        id="change-of-unknown-meeting",
    ),
    pytest.param(
        _doc(
            meetings=[_meeting()],
            meeting_changes=[
                {
                    "meeting": "nec-2023-01-24",
                    "recorded_on": "2023-01-10",
                    "previous_date": "2023-01-17",
                },
                {
                    "meeting": "nec-2023-01-24",
                    "recorded_on": "2023-01-05",
                    "previous_status": "postponed",
                },
            ],
        ),
        "meeting_changes[1].recorded_on: 2023-01-05 is before an earlier-listed change of"
        " 'nec-2023-01-24' (2023-01-10); list each meeting's changes in date order",
        id="changes-out-of-order",
    ),
    pytest.param(
        _doc(
            meetings=[_meeting()],
            meeting_changes=[{"meeting": "nec-2023-01-24", "recorded_on": "2023-01-10"}],
        ),
        "meeting_changes[0]: give previous_date or previous_status (what the meeting was before this change)",
        id="change-that-says-nothing",
    ),
    pytest.param(
        _doc(
            meetings=[_meeting()],
            meeting_changes=[
                {
                    "meeting": "nec-2023-01-24",
                    "recorded_on": "2023-01-10",
                    "previous_status": "adjourned",
                }
            ],
        ),
        "meeting_changes[0].previous_status: 'adjourned' is not one of scheduled, held, postponed, cancelled",
        id="change-unknown-status",
    ),
    pytest.param(
        _doc(
            meetings=[_meeting()],
            meeting_changes=[
                {
                    "meeting": "nec-2023-01-24",
                    "recorded_on": "2023-01-10",
                    "previous_date": "2023-02-30",
                }
            ],
        ),
        "meeting_changes[0].previous_date: '2023-02-30' is not a real date",
        id="change-date-not-real",
    ),
    pytest.param(
        _doc(meetings=[_meeting(), _meeting(date="2023-01-31")]),
        "meetings[1].key: meeting 'nec-2023-01-24' appears twice in the file",
        id="duplicate-key-in-file",
    ),
    pytest.param(
        _doc(bodies=[{"key": "nec", "name": "Another NEC"}]),
        "bodies[0].key: body 'nec' is already in the database",
        id="body-key-in-database",
    ),
    pytest.param(
        _doc(
            commitments=[_commitment(key="forde-report")],
            promises=[_promise(commitment="forde-report")],
        ),
        "commitments[0].key: commitment 'forde-report' is already in the database",
        id="commitment-key-in-database",
    ),
    pytest.param(
        _doc(meetings=[_meeting(key="new meeting")]),
        "meetings[0].key: 'new meeting' must not contain spaces",
        id="key-with-space",
    ),
    pytest.param(
        _doc(meetings=[_meeting(body="pac")]),
        "meetings[0].body: no body 'pac'",
        id="unknown-body",
    ),
    pytest.param(
        _doc(agenda_items=[_item(meeting="nec-2023-13-01")]),
        "agenda_items[0].meeting: no meeting 'nec-2023-13-01'",
        id="unknown-meeting",
    ),
    pytest.param(
        _doc(
            commitments=[_commitment()],
            promises=[_promise(target={"meeting": "nec-2099-01-01"})],
        ),
        "promises[0].target.meeting: no meeting 'nec-2099-01-01'",
        id="unknown-target-meeting",
    ),
    pytest.param(
        _doc(
            promises=[
                _promise(commitment="forde-chair-visit", recorded_on=f"2022-08-0{i}")
                for i in (1, 2, 3)
            ]
            + [_promise(commitment="forde")]
        ),
        "promises[3].commitment: no commitment 'forde'",
        id="unknown-commitment",
    ),
    pytest.param(
        _with_commitment(status="done"),
        "commitments[0].status: 'done' is not one of open, delivered, dropped",
        id="bad-status",
    ),
    pytest.param(
        _with_commitment(status="delivered"),
        "commitments[0].status_on: required when the status is delivered",
        id="delivered-without-status-on",
    ),
    pytest.param(
        _with_commitment(status_on="2023-02-01"),
        "commitments[0].status_on: an open commitment has no status date",
        id="open-with-status-on",
    ),
    pytest.param(
        _with_commitment(status="dropped", status_on="2022-12-31"),
        "commitments[0].status_on: 2022-12-31 is before its",
        id="status-on-before-first-promise",
    ),
    pytest.param(
        _doc(commitments=[_commitment()]),
        "commitments[0]: 'new-report' has no promise",
        id="commitment-without-promise",
    ),
    pytest.param(
        _doc(agenda_items=[_item(votes_against=-3)]),
        "agenda_items[0].votes_against: must not be negative",
        id="negative-votes",
    ),
    pytest.param(
        _doc(agenda_items=[_item(votes_for=True)]),
        "agenda_items[0].votes_for: True is not a whole number",
        id="votes-true",
    ),
    pytest.param(
        _doc(agenda_items=[_item(votes_for=12.5)]),
        "agenda_items[0].votes_for: 12.5 is not a whole number",
        id="votes-fraction",
    ),
    pytest.param(
        _doc(agenda_items=[_item(votes_for=2**63)]),
        "agenda_items[0].votes_for",
        id="votes-beyond-64-bit",
    ),
    pytest.param(
        _doc(agenda_items=[_item(position=0)]),
        "agenda_items[0].position: 0 is not a position",
        id="position-zero",
    ),
    pytest.param(
        _doc(agenda_items=[_item(), _item(title="Again")]),
        "agenda_items[1].position: 'nec-2022-03-29' already has an item at position 7",
        id="agenda-position-clash-in-file",
    ),
    pytest.param(
        _doc(agenda_items=[_item(meeting="nec-2021-07-20", position=1)]),
        "agenda_items[0].position",
        id="agenda-position-clash-with-database",
    ),
    pytest.param(
        {**_with_commitment(), "promises": [_promise(target={"date": "x", "meeting": "y"})]},
        'promises[0].target: must be {"date": "YYYY-MM-DD"}, {"meeting": KEY} or null',
        id="target-date-and-meeting",
    ),
    pytest.param(
        {**_with_commitment(), "promises": [_promise(target="2023-02-01")]},
        "promises[0].target: must be",
        id="target-bare-string",
    ),
    pytest.param(
        _doc(meetings={"key": "nec-2023-01-24"}), "meetings: must be a list", id="section-not-list"
    ),
    pytest.param(_doc(bodies=["nec"]), "bodies[0]: must be an object", id="entry-not-object"),
    pytest.param(
        _doc(bodies=[{"key": "pac", "name": "Panel", "schedule": "FREQ=SOMETIMES"}]),
        "bodies[0].schedule: 'FREQ=SOMETIMES' is not an iCalendar RRULE",
        id="bad-schedule",
    ),
]


@pytest.mark.parametrize(("content", "expected"), MALFORMED)
def test_a_malformed_file_is_refused_and_changes_nothing(
    sample_db: Database, db_path: Path, tmp_path: Path, content: Any, expected: str
) -> None:
    path = tmp_path / "incoming.json"
    path.write_bytes(content if isinstance(content, bytes) else json.dumps(content).encode())
    before = snapshot(sample_db)

    with pytest.raises(DomainError) as caught:
        import_file(sample_db.sessions, path)

    message = str(caught.value)
    assert expected in message
    if isinstance(caught.value, ImportRefused):
        # Each case isolates one problem, so the message is about exactly that problem.
        assert len(caught.value.problems) == 1, caught.value.problems
    assert snapshot(sample_db) == before
    assert row_counts(sample_db) == SAMPLE_COUNTS


def test_the_snapshot_does_see_a_committed_import(
    sample_db: Database, db_path: Path, tmp_path: Path
) -> None:
    """Control for the test above: an import that succeeds does change the snapshot."""
    before = snapshot(sample_db)
    import_document(sample_db.sessions, _doc(meetings=[_meeting()]))
    assert snapshot(sample_db) != before


def test_every_problem_is_listed(sample_db: Database) -> None:
    doc = _doc(
        meetings=[_meeting(date="2022-02-30", body="pac")],
        agenda_items=[_item(votes_for=-1, status="maybe")],
    )
    with pytest.raises(ImportRefused) as caught:
        import_document(sample_db.sessions, doc)
    assert caught.value.problems == [
        "meetings[0].body: no body 'pac'",
        "meetings[0].date: '2022-02-30' is not a real date",
        "agenda_items[0].votes_for: must not be negative",
        "agenda_items[0].status: 'maybe' is not one of pending, taken, noted, deferred, withdrawn",
    ]
    assert str(caught.value) == "meetings[0].body: no body 'pac' (and 3 more problems)"


def test_a_missing_file_is_refused(db: Database, tmp_path: Path) -> None:
    with pytest.raises(DomainError, match="no such file"):
        import_file(db.sessions, tmp_path / "absent.json")


# --- dry run -------------------------------------------------------------------------------


def test_dry_run_counts_and_writes_nothing(db: Database, db_path: Path) -> None:
    doc = json.loads(sample_path().read_text(encoding="utf-8"))
    before = snapshot(db)

    plan = import_document(db.sessions, doc, dry_run=True)

    assert plan.counts() == SAMPLE_COUNTS
    assert plan.summary() == (
        "2 bodies, 7 meetings, 13 agenda items, 3 owners, 3 commitments, 5 promises, 7 notes,"
        " 1 meeting change"
    )
    assert snapshot(db) == before
    assert row_counts(db) == dict.fromkeys(RECORD_SECTIONS, 0)

    # The same document then imports for real, with the counts the dry run gave.
    real = import_document(db.sessions, doc)
    assert real.counts() == plan.counts() == row_counts(db)


def test_dry_run_of_a_file_writes_nothing(
    sample_db: Database, db_path: Path, tmp_path: Path
) -> None:
    path = tmp_path / "more.json"
    path.write_text(
        json.dumps(_doc(meetings=[_meeting()], agenda_items=[_item(meeting="nec-2023-01-24")])),
        encoding="utf-8",
    )
    before = snapshot(sample_db)
    plan = import_file(sample_db.sessions, path, dry_run=True)
    assert plan.counts() == {**dict.fromkeys(RECORD_SECTIONS, 0), "meetings": 1, "agenda_items": 1}
    assert snapshot(sample_db) == before
    assert row_counts(sample_db) == SAMPLE_COUNTS


def test_dry_run_refuses_what_the_import_refuses(sample_db: Database) -> None:
    with pytest.raises(ImportRefused, match=r"bodies\[0\]\.key: body 'nec' is already"):
        import_document(
            sample_db.sessions, _doc(bodies=[{"key": "nec", "name": "x"}]), dry_run=True
        )


def test_dry_run_refuses_an_agenda_position_taken_in_the_database(sample_db: Database) -> None:
    # nec-2021-07-20 already has items 1-4 in the sample.
    doc = _doc(agenda_items=[_item(meeting="nec-2021-07-20", position=2)])
    with pytest.raises(ImportRefused, match=r"agenda_items\[0\]\.position"):
        import_document(sample_db.sessions, doc, dry_run=True)


# --- leniency: unknown fields, optional fields, BOM ----------------------------------------


def test_unknown_fields_are_ignored(db: Database, tmp_path: Path) -> None:
    doc = json.loads(sample_path().read_text(encoding="utf-8"))
    noisy = json.loads(json.dumps(doc))
    noisy["generator"] = "some other tool"
    noisy["comments"] = [{"file": "minutes.pdf"}]  # a section Docket does not know
    for section in RECORD_SECTIONS:
        for entry in noisy[section]:
            entry["colour"] = "red"
            entry["x-id"] = 17
    import_document(db.sessions, noisy)
    assert export_json(db.sessions) == sample_path().read_text(encoding="utf-8")


def test_missing_optional_fields_take_their_defaults(db: Database) -> None:
    doc = _doc(
        bodies=[{"key": "nec", "name": "National Executive Committee"}],
        meetings=[_meeting()],
        agenda_items=[{"meeting": "nec-2023-01-24", "position": 1, "title": "Minutes"}],
        commitments=[_commitment()],
        promises=[_promise()],
        notes=[{"commitment": "new-report", "recorded_on": "2023-01-02", "text": "Begun"}],
    )
    plan = import_document(db.sessions, doc)
    assert plan.counts()["owners"] == 0
    out = json.loads(export_json(db.sessions))
    assert out == {
        "docket": 1,
        "bodies": [
            {
                "key": "nec",
                "name": "National Executive Committee",
                "short_name": "",
                "schedule": None,
            }
        ],
        "meetings": [
            {
                "key": "nec-2023-01-24",
                "body": "nec",
                "date": "2023-01-24",
                "time": None,
                "title": "",
                "status": "scheduled",
                "location": "",
                "notes": "",
            }
        ],
        "agenda_items": [
            {
                "meeting": "nec-2023-01-24",
                "position": 1,
                "title": "Minutes",
                "lead": "",
                "details": "",
                "outcome": "",
                "decision": "",
                "votes_for": None,
                "votes_against": None,
                "votes_abstaining": None,
                "status": "pending",
            }
        ],
        "owners": [],
        "commitments": [
            {
                "key": "new-report",
                "title": "A new report",
                "owner": None,
                "body": "nec",
                "status": "open",
                "status_on": None,
                "details": "",
                "source": "",
            }
        ],
        "promises": [
            {
                "commitment": "new-report",
                "recorded_on": "2023-01-01",
                "target": None,
                "by": "",
                "reason": "",
                "source": "",
            }
        ],
        "notes": [
            {"commitment": "new-report", "recorded_on": "2023-01-02", "text": "Begun", "source": ""}
        ],
        "meeting_changes": [],
    }


def test_a_file_with_only_the_version_imports_nothing(db: Database) -> None:
    plan = import_document(db.sessions, {"docket": 1})
    assert plan.counts() == dict.fromkeys(RECORD_SECTIONS, 0)


def test_a_utf8_bom_is_accepted(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    doc = _doc(bodies=[{"key": "nec", "name": "Comité exécutif"}])
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(doc, ensure_ascii=False).encode("utf-8"))
    import_file(db.sessions, path)
    assert json.loads(export_json(db.sessions))["bodies"][0]["name"] == "Comité exécutif"


def test_an_import_can_add_to_an_existing_record(sample_db: Database) -> None:
    """References may point at what the database already holds."""
    doc = _doc(
        meetings=[_meeting()],
        agenda_items=[_item()],
        commitments=[_commitment(owner="Forde Inquiry")],
        promises=[
            _promise(target={"meeting": "nec-2023-01-24"}),
            _promise(commitment="forde-chair-visit", recorded_on="2022-08-01"),
        ],
    )
    import_document(sample_db.sessions, doc)
    counts = row_counts(sample_db)
    assert counts == {
        **SAMPLE_COUNTS,
        "meetings": 8,
        "agenda_items": 14,
        "commitments": 4,
        "promises": 7,
    }
    out = json.loads(export_json(sample_db.sessions))
    [new] = [c for c in out["commitments"] if c["key"] == "new-report"]
    assert new["owner"] == "Forde Inquiry"


# --- inputs that once ran for minutes ------------------------------------------------------


SECONDLY_FILE = {
    "docket": 1,
    "bodies": [{"key": "b", "name": "B", "schedule": "FREQ=SECONDLY"}],
    "meetings": [{"key": "m", "body": "b", "date": "2022-01-01"}],
}


def test_a_schedule_finer_than_daily_is_refused_at_once_by_the_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # This file kept `docket import` busy for over 40 s: checking it walked every second.
    from app.cli.main import main

    path = tmp_path / "f.json"
    path.write_text(json.dumps(SECONDLY_FILE), encoding="utf-8")
    record = tmp_path / "x.db"

    assert main(["--db", str(record), "import", str(path)]) == 1

    said = capsys.readouterr().err
    assert said.count("\n") == 1
    assert "bodies[0].schedule: FREQ=SECONDLY is more often than daily" in said
    assert not record.exists()


def test_a_schedule_finer_than_daily_leaves_a_record_as_it_was(
    sample_db: Database, db_path: Path
) -> None:
    before = snapshot(sample_db)
    with pytest.raises(ImportRefused, match="FREQ=SECONDLY is more often than daily"):
        import_document(sample_db.sessions, SECONDLY_FILE)
    assert snapshot(sample_db) == before


def test_two_hundred_thousand_notes_import(db: Database) -> None:
    # Not timed (machines are shared): it must finish, all of it, with its audit entries.
    # tests/benchmarks/bench_json_import.py prints how the time grows with the notes.
    doc = json.loads(sample_path().read_text(encoding="utf-8"))
    first = doc["notes"][0]
    doc["notes"] = [{**first, "text": f"Note {i}"} for i in range(200_000)]

    plan = import_document(db.sessions, doc)

    assert plan.counts()["notes"] == 200_000
    assert row_counts(db) == {**SAMPLE_COUNTS, "notes": 200_000}
    with db.sessions() as s:
        logged = s.scalar(
            select(func.count()).select_from(AuditEntry).where(AuditEntry.table_name == "notes")
        )
        last = s.scalars(select(Note.text).order_by(Note.id.desc()).limit(1)).one()
    assert logged == 200_000
    assert last == "Note 199999"


def test_a_change_before_one_already_recorded_is_refused(sample_db: Database) -> None:
    before = snapshot(sample_db)
    doc = {
        "docket": 1,
        "meeting_changes": [
            {
                "meeting": "nec-2022-01-25",
                "recorded_on": "2022-01-01",
                "previous_date": "2022-01-11",
            }
        ],
    }
    with pytest.raises(ImportRefused, match="before an earlier-listed change of 'nec-2022-01-25'"):
        import_document(sample_db.sessions, doc)
    assert snapshot(sample_db) == before


def test_meeting_changes_round_trip_through_export(db: Database, tmp_path: Path) -> None:
    doc = json.loads(sample_path().read_text(encoding="utf-8"))
    doc["meeting_changes"].append(
        {
            "meeting": "nec-2022-07-19",
            "recorded_on": "2022-06-01",
            "previous_date": None,
            "previous_status": "postponed",
            "reason": "Back on the calendar",
            "source": "",
        }
    )
    import_document(db.sessions, doc)
    first = export_json(db.sessions)
    copy = open_fresh(tmp_path / "copy.db")
    import_document(copy.sessions, json.loads(first))
    assert export_json(copy.sessions) == first
    assert json.loads(first)["meeting_changes"][-1]["previous_status"] == "postponed"
    copy.close()
