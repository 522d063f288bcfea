"""The rules of docs/rules.md on a real database, at their boundary dates.

Each rule gets its own small test; the NEC sample checks the story the product grew from;
tests/ledger/test_rules_property.py compares the engine with a plain statement of the
rules over random records.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from app.core.errors import NotFound
from app.core.settings import Settings
from app.ledger.rules import AMBER, GREEN, RED, Standing
from app.ledger.standings import due_within, overdue, standings
from app.record.meetings import ChangeNote, reschedule_meeting
from app.safety.opening import Database
from app.transfer.interchange import ImportRefused
from app.transfer.record_io import import_document
from db.status import Filters

D = dt.date
DAY = dt.timedelta(days=1)
DEFAULTS = Settings()

NEC = {"key": "nec", "name": "National Executive Committee", "short_name": "NEC"}
# Its key differs from its short name, so a filter by short name is really tested.
DFP = {"key": "panel", "name": "Development Fund Panel", "short_name": "DFP"}

# A target as written in a test: a date, ("meeting", key), or None (no date promised).
Target = D | tuple[str, str] | None


def _target_json(target: Target) -> dict[str, str] | None:
    if target is None:
        return None
    if isinstance(target, tuple):
        return {"meeting": target[1]}
    return {"date": target.isoformat()}


def c(
    key: str,
    *promises: tuple[D, Target],
    body: str = "nec",
    owner: str | None = None,
    status: str = "open",
    status_on: D | None = None,
) -> dict[str, Any]:
    """A commitment with its ledger: each promise is (recorded_on, target)."""
    return {
        "key": key,
        "body": body,
        "owner": owner,
        "status": status,
        "status_on": status_on,
        "promises": promises,
    }


def load(
    db: Database,
    *commitments: dict[str, Any],
    meetings: dict[str, D] | None = None,
    bodies: tuple[dict[str, str], ...] = (NEC, DFP),
) -> None:
    """Write the commitments (and meetings, all of the NEC) through the interchange import."""
    doc: dict[str, Any] = {
        "docket": 1,
        "bodies": list(bodies),
        "meetings": [
            {"key": key, "body": "nec", "date": day.isoformat()}
            for key, day in (meetings or {}).items()
        ],
        "commitments": [
            {
                "key": x["key"],
                "title": f"Commitment {x['key']}",
                "body": x["body"],
                "owner": x["owner"],
                "status": x["status"],
                "status_on": x["status_on"].isoformat() if x["status_on"] else None,
            }
            for x in commitments
        ],
        "promises": [
            {
                "commitment": x["key"],
                "recorded_on": on.isoformat(),
                "target": _target_json(target),
                "by": f"{x['key']} promise {i}",
            }
            for x in commitments
            for i, (on, target) in enumerate(x["promises"])
        ],
    }
    import_document(db.sessions, doc)


def at(db: Database, as_of: D, settings: Settings = DEFAULTS) -> dict[str, Standing]:
    return {s.key: s for s in standings(db.sessions, as_of, settings)}


def one(db: Database, key: str, as_of: D, settings: Settings = DEFAULTS) -> Standing:
    return at(db, as_of, settings)[key]


def overdue_keys(db: Database, as_of: D, settings: Settings = DEFAULTS, **kw: str) -> list[str]:
    return [s.key for s in overdue(db.sessions, as_of, settings, **kw)]


def due_keys(db: Database, as_of: D, days: int, settings: Settings = DEFAULTS) -> list[str]:
    return [s.key for s in due_within(db.sessions, as_of, days, settings)]


# --- overdue: due on the day itself is not late ------------------------------------------


def test_due_on_the_day_is_not_overdue_and_the_day_after_is(db: Database) -> None:
    due = D(2022, 3, 29)
    load(db, c("report", (D(2022, 1, 10), due)))

    on_the_day = one(db, "report", due)
    assert on_the_day.row.state == "open"
    assert on_the_day.row.target == due
    assert not on_the_day.overdue
    assert on_the_day.days_overdue == 0
    assert on_the_day.days_left == 0
    assert on_the_day.due_soon
    assert on_the_day.rag == AMBER
    assert overdue_keys(db, due) == []

    day_after = one(db, "report", due + DAY)
    assert day_after.overdue
    assert day_after.days_overdue == 1
    assert day_after.days_left == -1
    assert not day_after.due_soon
    assert day_after.rag == RED
    assert overdue_keys(db, due + DAY) == ["report"]

    assert one(db, "report", due + 40 * DAY).days_overdue == 40


# --- delivered and dropped ----------------------------------------------------------------


def test_delivered_on_the_day_is_not_open_that_day_but_was_overdue_the_day_before(
    db: Database,
) -> None:
    target, delivered = D(2022, 3, 1), D(2022, 3, 10)
    load(db, c("report", (D(2022, 1, 1), target), status="delivered", status_on=delivered))

    on_delivery = one(db, "report", delivered)
    assert on_delivery.row.state == "delivered"
    assert on_delivery.row.state_on == delivered
    assert not on_delivery.overdue
    assert on_delivery.days_overdue == 0
    assert not on_delivery.due_soon
    assert on_delivery.rag is None
    assert overdue_keys(db, delivered) == []
    assert due_keys(db, delivered, 3650) == []

    day_before = one(db, "report", delivered - DAY)
    assert day_before.row.state == "open"
    assert day_before.row.state_on is None
    assert day_before.overdue
    assert day_before.days_overdue == 8
    assert day_before.rag == RED
    assert overdue_keys(db, delivered - DAY) == ["report"]

    # Long after: still delivered, never overdue again.
    later = one(db, "report", D(2024, 1, 1))
    assert (later.row.state, later.overdue, later.rag) == ("delivered", False, None)


def test_delivered_after_d_was_open_and_not_yet_due_on_d(db: Database) -> None:
    load(
        db,
        c("report", (D(2022, 1, 1), D(2022, 6, 1)), status="delivered", status_on=D(2022, 5, 20)),
    )
    before = one(db, "report", D(2022, 5, 19))
    assert before.row.state == "open"
    assert before.due_soon  # 13 days ahead
    assert due_keys(db, D(2022, 5, 19), 14) == ["report"]
    assert due_keys(db, D(2022, 5, 20), 14) == []


def test_dropped_on_or_before_d_is_never_overdue_but_was_overdue_before(db: Database) -> None:
    target, dropped = D(2021, 6, 30), D(2021, 9, 1)
    load(db, c("visit", (D(2021, 1, 5), target), status="dropped", status_on=dropped))

    for day in (dropped, dropped + DAY, D(2023, 12, 31)):
        s = one(db, "visit", day)
        assert s.row.state == "dropped", day
        assert not s.overdue, day
        assert s.days_overdue == 0, day
        assert s.rag is None, day
        assert overdue_keys(db, day) == [], day

    before = one(db, "visit", dropped - DAY)
    assert before.row.state == "open"
    assert before.overdue
    assert before.days_overdue == (dropped - DAY - target).days == 62
    assert overdue_keys(db, dropped - DAY) == ["visit"]
    assert not one(db, "visit", target).overdue
    assert one(db, "visit", target + DAY).days_overdue == 1


# --- the ledger as of D: slips -------------------------------------------------------------


def test_a_slip_recorded_after_d_does_not_count_on_d(db: Database) -> None:
    slip_on = D(2022, 3, 1)
    load(db, c("report", (D(2022, 1, 1), D(2022, 2, 1)), (slip_on, D(2022, 6, 1))))

    s = one(db, "report", slip_on - DAY)
    assert s.slips == 0
    assert s.row.promises == 1
    assert s.row.target == D(2022, 2, 1)
    assert s.row.first_target == D(2022, 2, 1)
    assert s.row.last_promised_on == D(2022, 1, 1)
    assert s.row.last_promised_by == "report promise 0"
    assert s.overdue
    assert s.days_overdue == 27
    assert overdue_keys(db, slip_on - DAY) == ["report"]


def test_a_slip_recorded_on_d_counts_on_d(db: Database) -> None:
    slip_on = D(2022, 3, 1)
    load(db, c("report", (D(2022, 1, 1), D(2022, 2, 1)), (slip_on, D(2022, 6, 1))))

    s = one(db, "report", slip_on)
    assert s.slips == 1
    assert s.row.target == D(2022, 6, 1)
    assert s.row.first_target == D(2022, 2, 1)
    assert s.row.last_promised_on == slip_on
    assert s.row.last_promised_by == "report promise 1"
    assert not s.overdue
    assert s.rag == GREEN  # one slip, target months away
    assert overdue_keys(db, slip_on) == []
    assert s.days_late_first == (slip_on - D(2022, 2, 1)).days


def test_same_day_promises_keep_the_file_order(db: Database) -> None:
    day = D(2022, 3, 1)
    load(db, c("report", (day, D(2022, 4, 1)), (day, D(2022, 5, 1)), (day, None)))
    s = one(db, "report", day)
    assert s.slips == 2
    assert s.row.first_target == D(2022, 4, 1)
    assert s.row.target is None  # the last entry of the day: no date promised
    assert s.row.last_promised_by == "report promise 2"


def test_a_commitment_promised_first_after_d_did_not_exist_on_d(db: Database) -> None:
    first = D(2022, 2, 1)
    load(db, c("late", (first, D(2021, 12, 1))), c("early", (D(2021, 1, 1), D(2021, 2, 1))))

    assert set(at(db, first - DAY)) == {"early"}
    assert overdue_keys(db, first - DAY) == ["early"]
    assert "late" not in due_keys(db, first - DAY, 3650)

    s = one(db, "late", first)
    assert s.slips == 0
    assert s.row.first_promised_on == first
    assert s.overdue  # promised on a day for a date already past
    assert overdue_keys(db, first) == ["early", "late"]


def test_import_refuses_a_promise_after_an_existing_commitment_was_closed(db: Database) -> None:
    load(db, c("r", (D(2022, 1, 1), D(2022, 2, 1)), status="delivered", status_on=D(2022, 3, 1)))
    late = {"commitment": "r", "recorded_on": "2022-06-01", "target": {"date": "2022-09-01"}}
    with pytest.raises(ImportRefused):
        import_document(db.sessions, {"docket": 1, "promises": [late]})
    # Otherwise the record says: delivered on 1 March, and re-promised for September in June.
    s = one(db, "r", D(2022, 6, 2))
    assert (s.row.state, s.row.target, s.slips) == ("delivered", D(2022, 2, 1), 0)


# --- what each re-made promise did ----------------------------------------------------------


def test_only_a_later_date_or_a_withdrawn_one_is_a_slip(db: Database) -> None:
    a, b, c_ = D(2022, 3, 1), D(2022, 4, 1), D(2022, 5, 1)
    load(
        db,
        c("reaffirmed", (D(2022, 1, 1), b), (D(2022, 2, 1), b)),
        c("brought-forward", (D(2022, 1, 1), b), (D(2022, 2, 1), a)),
        c("dated", (D(2022, 1, 1), None), (D(2022, 2, 1), b)),
        c("withdrawn", (D(2022, 1, 1), b), (D(2022, 2, 1), None)),
        c("slipped", (D(2022, 1, 1), a), (D(2022, 2, 1), b), (D(2022, 2, 10), c_)),
        c("back-and-forth", (D(2022, 1, 1), a), (D(2022, 2, 1), b), (D(2022, 2, 10), a)),
    )
    slips = {k: s.slips for k, s in at(db, D(2022, 2, 20)).items()}
    assert slips == {
        "reaffirmed": 0,
        "brought-forward": 0,
        "dated": 0,
        "withdrawn": 1,
        "slipped": 2,
        "back-and-forth": 1,
    }
    assert at(db, D(2022, 2, 20))["slipped"].rag == AMBER  # slipped twice
    assert at(db, D(2022, 2, 5))["slipped"].slips == 1  # the second slip came later


def test_a_meeting_target_compared_as_of_the_day(db: Database) -> None:
    """Re-promised "for the March meeting" after it moved later: a reaffirmation, not a slip."""
    doc_meetings = {"nec-mar": D(2022, 3, 29)}
    load(
        db,
        c("report", (D(2022, 1, 1), ("meeting", "nec-mar")), (D(2022, 2, 1), D(2022, 3, 29))),
        meetings=doc_meetings,
    )
    assert at(db, D(2022, 2, 2))["report"].slips == 0  # the same day, as a date


# --- no target: never overdue, open-ended after 90 days -----------------------------------


def test_no_target_is_never_overdue_and_open_ended_from_90_days(db: Database) -> None:
    first = D(2021, 11, 16)
    load(db, c("visit", (first, None)))

    assert not one(db, "visit", first).open_ended
    at_89 = one(db, "visit", first + 89 * DAY)
    assert not at_89.open_ended
    assert not at_89.overdue
    assert at_89.rag == GREEN
    at_90 = one(db, "visit", first + 90 * DAY)
    assert at_90.open_ended
    assert not at_90.overdue
    assert not at_90.due_soon
    assert at_90.days_left is None
    assert at_90.row.target is None
    assert at_90.row.first_target is None
    later = one(db, "visit", D(2025, 1, 1))
    assert later.open_ended
    assert not later.overdue
    assert overdue_keys(db, D(2025, 1, 1)) == []
    assert due_keys(db, D(2025, 1, 1), 3650) == []


def test_open_ended_counts_from_the_first_promise_not_the_dateless_one(db: Database) -> None:
    first = D(2022, 1, 1)
    withdrawn = D(2022, 3, 1)  # a date was given, then withdrawn: "no date promised"
    load(db, c("visit", (first, D(2022, 2, 1)), (withdrawn, None)))

    assert one(db, "visit", withdrawn - DAY).overdue
    s = one(db, "visit", withdrawn)
    assert s.row.target is None
    assert not s.overdue
    assert s.slips == 1
    assert s.row.first_target == D(2022, 2, 1)
    assert not one(db, "visit", first + 89 * DAY).open_ended
    assert one(db, "visit", first + 90 * DAY).open_ended


def test_a_closed_commitment_is_not_open_ended(db: Database) -> None:
    first = D(2022, 1, 1)
    load(db, c("visit", (first, None), status="dropped", status_on=D(2022, 2, 1)))
    s = one(db, "visit", first + 200 * DAY)
    assert s.row.state == "dropped"
    assert not s.open_ended


# --- meeting targets ------------------------------------------------------------------------


def test_a_meeting_target_resolves_to_the_meeting_date_and_follows_a_reschedule(
    db: Database,
) -> None:
    jan = D(2022, 1, 25)
    load(db, c("report", (D(2021, 11, 16), ("meeting", "nec-jan"))), meetings={"nec-jan": jan})

    s = one(db, "report", jan)
    assert s.row.target == jan
    assert s.row.target_meeting == "nec-jan"
    assert s.row.target_meeting_date == jan
    assert s.row.first_target == jan
    assert not s.overdue
    assert one(db, "report", jan + DAY).days_overdue == 1

    with db.sessions() as session:
        from db.models import Meeting

        meeting_id = session.query(Meeting.id).filter(Meeting.key == "nec-jan").scalar()
    moved = D(2022, 2, 15)
    # Moved on the day of the meeting itself, recorded that morning.
    reschedule_meeting(db.sessions, meeting_id, moved, note=ChangeNote(jan, "Postponed"))

    s = one(db, "report", jan + DAY)
    assert s.row.target == moved
    assert s.row.first_target == moved
    assert s.row.target_meeting == "nec-jan"
    assert not s.overdue
    assert s.slips == 0  # it moved with its meeting: nobody re-made the promise
    assert s.days_left == (moved - jan - DAY).days == 20
    assert overdue_keys(db, jan + DAY) == []
    assert not one(db, "report", moved).overdue
    assert one(db, "report", moved + DAY).days_overdue == 1
    assert overdue_keys(db, moved + DAY) == ["report"]
    # The day before the move was recorded, the meeting still had its old date.
    before = one(db, "report", jan - DAY)
    assert (before.row.target, before.row.target_meeting_date) == (jan, jan)


def test_a_move_recorded_after_the_day_does_not_count_on_the_day(db: Database) -> None:
    jan, feb = D(2022, 1, 25), D(2022, 2, 15)
    load(db, c("report", (D(2021, 11, 16), ("meeting", "nec-jan"))), meetings={"nec-jan": jan})
    with db.sessions() as session:
        from db.models import Meeting

        meeting_id = session.query(Meeting.id).filter(Meeting.key == "nec-jan").scalar()
    reschedule_meeting(db.sessions, meeting_id, feb, note=ChangeNote(D(2022, 2, 1)))
    assert one(db, "report", D(2022, 1, 31)).days_overdue == 6  # as it stood then
    assert one(db, "report", D(2022, 2, 1)).days_left == 14  # the move is known


def test_a_date_target_after_a_meeting_target_has_no_target_meeting(db: Database) -> None:
    load(
        db,
        c("report", (D(2021, 11, 16), ("meeting", "nec-jan")), (D(2022, 1, 25), D(2022, 2, 28))),
        meetings={"nec-jan": D(2022, 1, 25)},
    )
    s = one(db, "report", D(2022, 1, 26))
    assert s.row.target == D(2022, 2, 28)
    assert s.row.target_meeting is None
    assert s.row.first_target == D(2022, 1, 25)


# --- due soon -------------------------------------------------------------------------------


def test_due_soon_is_a_target_within_14_days(db: Database) -> None:
    day = D(2022, 5, 1)
    load(
        db,
        c("d-1", (D(2022, 1, 1), day - DAY)),
        c("d0", (D(2022, 1, 1), day)),
        c("d14", (D(2022, 1, 1), day + 14 * DAY)),
        c("d15", (D(2022, 1, 1), day + 15 * DAY)),
        c("none", (D(2022, 1, 1), None)),
        c("none-new", (day - 89 * DAY, None)),
    )
    got = at(db, day)
    assert {k for k, s in got.items() if s.due_soon} == {"d0", "d14"}
    assert got["d-1"].overdue
    assert not got["d-1"].due_soon
    assert got["d14"].rag == AMBER
    assert got["d15"].rag == GREEN
    assert got["none"].rag == AMBER  # no date for 90 days or more: open-ended, a warning
    assert got["none-new"].rag == GREEN
    assert due_keys(db, day, 14) == ["d0", "d14"]
    assert due_keys(db, day, 15) == ["d0", "d14", "d15"]
    assert due_keys(db, day, 0) == ["d0"]
    assert overdue_keys(db, day) == ["d-1"]


# --- RAG ------------------------------------------------------------------------------------


def test_rag_red_amber_green(db: Database) -> None:
    day = D(2022, 5, 1)
    far = D(2023, 1, 1)
    load(
        db,
        c("late", (D(2022, 1, 1), D(2022, 4, 1))),
        c("late-slipped", (D(2022, 1, 1), D(2022, 2, 1)), (D(2022, 2, 2), D(2022, 3, 1)),
          (D(2022, 3, 2), D(2022, 4, 1))),
        c("soon", (D(2022, 1, 1), day + 5 * DAY)),
        c("slipped-once", (D(2022, 1, 1), D(2022, 2, 1)), (D(2022, 2, 2), far)),
        c("slipped-twice", (D(2022, 1, 1), D(2022, 2, 1)), (D(2022, 2, 2), D(2022, 3, 1)),
          (D(2022, 3, 2), far)),
        c("fine", (D(2022, 1, 1), far)),
        c("done", (D(2022, 1, 1), D(2022, 2, 1)), status="delivered", status_on=D(2022, 3, 1)),
    )  # fmt: skip
    rag = {k: s.rag for k, s in at(db, day).items()}
    assert rag == {
        "late": RED,
        "late-slipped": RED,
        "soon": AMBER,
        "slipped-once": GREEN,
        "slipped-twice": AMBER,
        "fine": GREEN,
        "done": None,
    }
    assert at(db, day)["slipped-twice"].slips == 2


def test_thresholds_come_from_the_settings(db: Database) -> None:
    day = D(2022, 5, 1)
    first = D(2022, 1, 1)
    load(
        db,
        c("d3", (first, day + 3 * DAY)),
        c("d4", (first, day + 4 * DAY)),
        c("slipped-once", (first, D(2022, 2, 1)), (D(2022, 2, 2), D(2023, 1, 1))),
        c("slipped-twice", (first, D(2022, 2, 1)), (D(2022, 2, 2), D(2022, 3, 1)),
          (D(2022, 3, 2), D(2023, 1, 1))),
        c("dateless", (first, None)),
    )  # fmt: skip
    short = Settings(due_soon_days=3)
    got = at(db, day, short)
    assert got["d3"].due_soon
    assert got["d3"].rag == AMBER
    assert not got["d4"].due_soon
    assert got["d4"].rag == GREEN
    assert at(db, day)["d4"].due_soon  # 14 by default

    assert at(db, day, Settings(amber_slips=1))["slipped-once"].rag == AMBER
    assert at(db, day, Settings(amber_slips=3))["slipped-twice"].rag == GREEN
    assert at(db, day)["slipped-twice"].rag == AMBER

    age = (day - first).days  # 120
    assert at(db, day, Settings(open_ended_days=age))["dateless"].open_ended
    assert not at(db, day, Settings(open_ended_days=age + 1))["dateless"].open_ended


# --- filters, errors, order -----------------------------------------------------------------


def test_body_and_owner_filters(db: Database) -> None:
    day = D(2022, 5, 1)
    load(
        db,
        c("a", (D(2022, 1, 1), D(2022, 2, 1)), body="nec", owner="Party"),
        c("b", (D(2022, 1, 1), D(2022, 3, 1)), body="panel", owner="Party"),
        c("c", (D(2022, 1, 1), D(2022, 4, 1)), body="nec", owner="Inquiry"),
        c("d", (D(2022, 1, 1), day + DAY), body="panel", owner="Inquiry"),
    )
    assert overdue_keys(db, day) == ["a", "b", "c"]
    # A body by its key, short name or name, in any case.
    for name in ("nec", "NEC", "national executive committee"):
        assert overdue_keys(db, day, body=name) == ["a", "c"], name
    for name in ("panel", "dfp", "DFP", "development fund PANEL"):
        assert overdue_keys(db, day, body=name) == ["b"], name
    assert overdue_keys(db, day, owner="party") == ["a", "b"]
    assert overdue_keys(db, day, owner="Party", body="DFP") == ["b"]
    assert overdue_keys(db, day, owner="Inquiry", body="nec") == ["c"]
    assert [s.key for s in due_within(db.sessions, day, 14, DEFAULTS, body="dfp")] == ["d"]
    assert [s.key for s in due_within(db.sessions, day, 14, DEFAULTS, body="nec")] == []
    assert [s.key for s in standings(db.sessions, day, DEFAULTS, Filters(owner="INQUIRY"))] == [
        "c",
        "d",
    ]


def test_unknown_body_or_owner_is_reported(db: Database) -> None:
    load(db, c("a", (D(2022, 1, 1), D(2022, 2, 1)), owner="Party"))
    with pytest.raises(NotFound, match="no body 'pnc'"):
        overdue(db.sessions, D(2022, 5, 1), DEFAULTS, body="pnc")
    with pytest.raises(NotFound, match="no body"):
        standings(db.sessions, D(2022, 5, 1), DEFAULTS, Filters(body="nobody"))
    with pytest.raises(NotFound, match="no body"):
        due_within(db.sessions, D(2022, 5, 1), 14, DEFAULTS, body="nobody")
    with pytest.raises(NotFound, match="no owner 'Someone'"):
        overdue(db.sessions, D(2022, 5, 1), DEFAULTS, owner="Someone")


def test_most_days_overdue_first_then_by_key(db: Database) -> None:
    day = D(2022, 5, 1)
    load(
        db,
        c("m", (D(2022, 1, 1), D(2022, 4, 1))),
        c("z", (D(2022, 1, 1), D(2022, 2, 1))),
        c("b", (D(2022, 1, 1), D(2022, 4, 1))),
        c("a", (D(2022, 1, 1), D(2022, 4, 30))),
        c("open", (D(2022, 1, 1), None)),
        c("ahead", (D(2022, 1, 1), D(2022, 6, 1))),
    )
    got = overdue(db.sessions, day, DEFAULTS)
    assert [(s.key, s.days_overdue) for s in got] == [("z", 89), ("b", 30), ("m", 30), ("a", 1)]
    assert [s.key for s in standings(db.sessions, day, DEFAULTS)] == [
        "z",
        "b",
        "m",
        "a",
        "ahead",
        "open",
    ]


# --- the NEC sample: the Forde Report --------------------------------------------------------


def test_forde_report_overdue_at_the_march_2022_meeting(sample_db: Database) -> None:
    day = D(2022, 3, 29)
    forde = one(sample_db, "forde-report", day)
    assert forde.row.state == "open"
    assert forde.overdue
    assert forde.slips == 2
    assert forde.days_overdue == 29
    assert forde.row.target == D(2022, 2, 28)
    assert forde.row.first_target == D(2020, 7, 15)
    assert forde.row.first_promised_on == D(2020, 5, 1)
    assert forde.row.last_promised_by == "Martin Forde QC"
    assert forde.rag == RED
    assert forde.days_late_first == (day - D(2020, 7, 15)).days
    assert overdue_keys(sample_db, day) == ["forde-report"]


def test_forde_report_just_re_promised_in_january_2022(sample_db: Database) -> None:
    forde = one(sample_db, "forde-report", D(2022, 1, 26))
    assert forde.row.target == D(2022, 2, 28)
    assert forde.row.target_meeting is None
    assert not forde.overdue
    assert not forde.due_soon  # 33 days ahead
    assert forde.slips == 2
    assert forde.rag == AMBER  # slipped twice
    assert overdue_keys(sample_db, D(2022, 1, 26)) == []

    # The day of the January meeting, before the letter counted: the same day's slip counts.
    jan = one(sample_db, "forde-report", D(2022, 1, 25))
    assert jan.slips == 2
    assert not jan.overdue
    dec = one(sample_db, "forde-report", D(2021, 12, 1))
    assert dec.slips == 1
    # In December the January meeting was still set for the 18th; it moved on 10 January.
    assert dec.row.target == D(2022, 1, 18)
    assert dec.row.target_meeting == "nec-2022-01-25"
    moved = one(sample_db, "forde-report", D(2022, 1, 10))
    assert (moved.row.target, moved.slips) == (D(2022, 1, 25), 1)  # moved with its meeting


def test_forde_report_delivered_in_july_2022(sample_db: Database) -> None:
    day = D(2022, 7, 20)
    assert "forde-report" not in overdue_keys(sample_db, day)
    forde = one(sample_db, "forde-report", day)
    assert forde.row.state == "delivered"
    assert forde.row.state_on == D(2022, 7, 19)
    assert not forde.overdue
    assert forde.rag is None
    assert forde.delivered_late_by == (D(2022, 7, 19) - D(2022, 2, 28)).days
    # The day before delivery it was still open and overdue.
    assert "forde-report" in overdue_keys(sample_db, D(2022, 7, 18))


def test_forde_report_last_note_as_of_d(sample_db: Database) -> None:
    assert one(sample_db, "forde-report", D(2022, 3, 28)).row.last_note_on == D(2022, 3, 20)
    # On the morning of the meeting, the March letter is the latest word ...
    assert one(sample_db, "forde-report", D(2022, 3, 29)).row.last_note_on == D(2022, 3, 20)
    # ... and the day after, the report of the meeting itself.
    after = one(sample_db, "forde-report", D(2022, 3, 30)).row
    assert after.last_note_on == D(2022, 3, 30)
    assert after.last_note is not None
    assert after.last_note.startswith("Neither the report nor the inquiry chair")
    # Promised in 2020, but the first note is from January 2022.
    assert one(sample_db, "forde-report", D(2022, 1, 24)).row.last_note is None


def test_sample_chair_visit_is_open_ended(sample_db: Database) -> None:
    first = D(2021, 11, 16)
    assert not one(sample_db, "forde-chair-visit", first + 89 * DAY).open_ended
    assert one(sample_db, "forde-chair-visit", first + 90 * DAY).open_ended
    assert "forde-chair-visit" not in overdue_keys(sample_db, D(2022, 3, 29))
