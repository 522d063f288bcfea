"""Matters arising (docs/rules.md): each reason on its own, a meeting with no previous one,
moved and cancelled meetings, and the Forde Report at every NEC meeting until delivered."""

from __future__ import annotations

import datetime as dt
from typing import Any

from app.core.settings import Settings
from app.documents.briefs import find_meeting
from app.ledger.arising import matters_arising
from app.safety.opening import Database
from app.transfer.record_io import import_document

D = dt.date
NEC = {"key": "nec", "name": "National Executive Committee", "short_name": "NEC"}
MEETINGS = {"jan": "2022-01-25", "mar": "2022-03-29", "may": "2022-05-24", "jul": "2022-07-19"}


def record(
    db: Database,
    *commitments: dict[str, Any],
    changes: list[Any] | None = None,
    statuses: dict[str, str] | None = None,
) -> None:
    """The NEC with three meetings and the given commitments (each with its promises)."""
    import_document(
        db.sessions,
        {
            "docket": 1,
            "bodies": [NEC, {"key": "dfp", "name": "Development Fund Panel"}],
            "meetings": [
                {"key": k, "body": "nec", "date": d, "status": (statuses or {}).get(k, "held")}
                for k, d in MEETINGS.items()
            ],
            "meeting_changes": changes or [],
            "commitments": [
                {
                    "key": x["key"],
                    "title": x["key"],
                    "body": x.get("body", "nec"),
                    "status": x.get("status", "open"),
                    "status_on": x.get("status_on"),
                }
                for x in commitments
            ],
            "promises": [
                {"commitment": x["key"], "recorded_on": on, "target": target}
                for x in commitments
                for on, target in x["promises"]
            ],
        },
    )


def arising(
    db: Database, meeting: str, as_of: D | None = None
) -> list[tuple[str, tuple[str, ...]]]:
    found = matters_arising(db.sessions, find_meeting(db.sessions, meeting), Settings(), as_of)
    return [(m.key, m.reasons) for m in found.matters]


def day(text: str) -> dict[str, str]:
    return {"date": text}


def test_each_reason_on_its_own(db: Database) -> None:
    record(
        db,
        {"key": "late", "promises": [("2021-12-01", day("2022-03-01"))]},
        {"key": "due", "promises": [("2021-12-01", day("2022-03-29"))]},
        {"key": "slipped", "promises": [("2021-12-01", day("2022-01-31")), ("2022-02-01", day("2022-09-01"))]},
        {"key": "undated", "promises": [("2021-09-01", None)]},
        {"key": "new", "promises": [("2022-02-10", day("2022-12-01"))]},
        {"key": "closed", "status": "delivered", "status_on": "2022-02-15", "promises": [("2021-12-01", day("2022-06-01"))]},
        {"key": "quiet", "promises": [("2021-12-01", day("2022-12-01"))]},
        {"key": "elsewhere", "body": "dfp", "promises": [("2021-12-01", day("2022-01-01"))]},
    )  # fmt: skip
    assert arising(db, "mar") == [
        ("late", ("overdue",)),
        ("due", ("due",)),
        ("slipped", ("slipped",)),
        ("undated", ("open_ended",)),
        ("new", ("new",)),
        ("closed", ("closed",)),
    ]


def test_the_first_meeting_has_no_new_or_closed_and_counts_any_slip(db: Database) -> None:
    record(
        db,
        {"key": "slipped", "promises": [("2021-10-01", day("2021-12-01")), ("2021-11-01", day("2022-06-01"))]},
        {"key": "new", "promises": [("2022-01-10", day("2022-12-01"))]},
        {"key": "closed", "status": "dropped", "status_on": "2022-01-20", "promises": [("2021-12-01", day("2022-06-01"))]},
    )  # fmt: skip
    assert arising(db, "jan") == [("slipped", ("slipped",))]


def test_a_serial_slipper_never_drops_off_by_slipping_again(db: Database) -> None:
    """Re-promised on the morning of the meeting: it is still there, and says why."""
    record(
        db,
        {"key": "forde", "promises": [
            ("2021-11-16", day("2022-01-25")),
            ("2022-01-25", day("2022-02-28")),
            ("2022-03-29", day("2022-05-31")),
        ]},
    )  # fmt: skip
    assert arising(db, "mar") == [("forde", ("slipped",))]
    assert arising(db, "mar", D(2022, 3, 28)) == [("forde", ("overdue", "slipped"))]


def test_a_moved_or_cancelled_meeting_as_of_the_day(db: Database) -> None:
    """The March meeting was moved from 15 March on 1 March; May's was cancelled on 1 May."""
    changes = [
        {"meeting": "mar", "recorded_on": "2022-03-01", "previous_date": "2022-03-15"},
        {"meeting": "may", "recorded_on": "2022-05-01", "previous_status": "scheduled"},
    ]
    record(
        db,
        {"key": "for-march", "promises": [("2022-01-26", {"meeting": "mar"})]},
        {"key": "april", "promises": [("2022-01-26", day("2022-04-01"))]},
        changes=changes,
        statuses={"may": "cancelled"},
    )
    # Early February, March's meeting was still on the 15th: its target then.
    early = matters_arising(
        db.sessions, find_meeting(db.sessions, "mar"), Settings(), D(2022, 2, 1)
    )
    assert early.meeting.date == D(2022, 3, 15)
    targets = {m.key: (m.standing.row.target, m.reasons) for m in early.matters}
    assert targets == {
        "for-march": (D(2022, 3, 15), ("due", "new")),
        "april": (D(2022, 4, 1), ("new",)),
    }
    # After the move: due on the 29th, the April one not yet.
    assert arising(db, "mar") == [("for-march", ("due", "new")), ("april", ("new",))]
    # June: May's meeting cancelled, so the previous meeting of a June one is March's.
    late = matters_arising(
        db.sessions, find_meeting(db.sessions, "may"), Settings(), D(2022, 5, 24)
    )
    assert late.meeting.status == "cancelled"
    assert late.previous is not None
    assert late.previous.key == "mar"


def test_the_forde_report_at_every_nec_meeting_until_delivered(sample_db: Database) -> None:
    expected = {
        "nec-2022-01-25": ("slipped",),
        "nec-2022-03-29": ("overdue", "slipped"),
        "nec-2022-07-19": ("closed",),
    }
    for meeting, reasons in expected.items():
        found = dict(arising(sample_db, meeting))
        assert found.get("forde-report") == reasons, meeting
