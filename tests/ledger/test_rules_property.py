"""Property: the engine agrees with a plain statement of the rules (tests/plain_rules.py).

Random records — meetings moved, postponed and cancelled on dated changes; ledgers that
slip, reaffirm, bring forward, withdraw and give dates; deliveries and drops — are
imported through the real import into a real file, then every list, count and matter
arising is compared with the plain statement on boundary days and random ones.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from app.core.settings import Settings
from app.documents.briefs import brief_data, find_meeting
from app.ledger.standings import due_within, overdue, standings
from app.safety.opening import open_database
from app.transfer.record_io import import_document
from db.engine import resolve_url
from tests.ledger import plain_rules as plain

D = dt.date
DAY = dt.timedelta(days=1)
DEFAULTS = Settings()
START, END = D(2020, 1, 1), D(2023, 12, 31)
STATUSES = ("scheduled", "held", "postponed", "cancelled")

dates = st.dates(START, END)


@st.composite
def records(draw: st.DrawFn) -> dict[str, Any]:
    """An interchange document with the shapes the rules care about."""
    shared = draw(st.lists(dates, min_size=1, max_size=3))
    some_day = st.one_of(dates, st.sampled_from(shared))
    meetings: list[dict[str, Any]] = []
    changes: list[dict[str, Any]] = []
    for i in range(draw(st.integers(0, 5))):
        body = draw(st.sampled_from(["nec", "panel"]))
        key = f"m{i}"
        date = draw(some_day)
        status = draw(st.sampled_from(STATUSES))
        # Walk back through its changes: each says what the meeting was before it.
        history: list[dict[str, Any]] = []
        on = draw(some_day)
        for _ in range(draw(st.integers(0, 3))):
            previous_date = draw(st.one_of(st.none(), some_day))
            previous_status = draw(st.one_of(st.none(), st.sampled_from(STATUSES)))
            if previous_date is None and previous_status is None:
                previous_date = date - 7 * DAY
            history.append(
                {
                    "meeting": key,
                    "recorded_on": on.isoformat(),
                    "previous_date": previous_date.isoformat() if previous_date else None,
                    "previous_status": previous_status,
                    "reason": "",
                    "source": "",
                }
            )
            on = on - draw(st.sampled_from([0, 1, 5, 40])) * DAY
        changes.extend(reversed(history))  # oldest first, as the file orders them
        meetings.append({"key": key, "body": body, "date": date.isoformat(), "status": status})
    meeting_keys = [m["key"] for m in meetings]
    names = draw(st.permutations(["alpha", "bravo", "charlie", "delta", "echo"]))
    steps = st.one_of(st.sampled_from([-1, 0, 0, 1]), st.integers(-60, 300))
    commitments: list[dict[str, Any]] = []
    promises: list[dict[str, Any]] = []
    notes: list[dict[str, Any]] = []
    for ci in range(draw(st.integers(1, 5))):
        key = names[ci]
        days = [draw(dates)]
        for _ in range(draw(st.integers(0, 4))):
            days.append(draw(st.sampled_from(days)) + draw(steps) * DAY)
        previous: dict[str, str] | None = None
        for pi, on in enumerate(days):
            choices: list[st.SearchStrategy[Any]] = [
                st.none(),
                dates.map(lambda d: {"date": d.isoformat()}),
                st.sampled_from(shared).map(lambda d: {"date": d.isoformat()}),
                st.integers(-30, 60).map(lambda k, on=on: {"date": (on + k * DAY).isoformat()}),
                st.just(previous),  # the same target again: a reaffirmation
            ]
            if meeting_keys:
                choices.append(st.sampled_from(meeting_keys).map(lambda k: {"meeting": k}))
            target = draw(st.one_of(*choices))
            previous = target
            promises.append(
                {
                    "commitment": key,
                    "recorded_on": on.isoformat(),
                    "target": target,
                    "by": f"{key} promise {pi}",
                }
            )
        status = draw(st.sampled_from(["open", "open", "delivered", "dropped"]))
        status_on = None
        if status != "open":
            status_on = (max(days) + draw(st.sampled_from([0, 1, 30, 400])) * DAY).isoformat()
        commitments.append(
            {
                "key": key,
                "title": f"Commitment {key}",
                "body": draw(st.sampled_from(["nec", "panel"])),
                "status": status,
                "status_on": status_on,
            }
        )
        for ni in range(draw(st.integers(0, 2))):
            on = draw(st.one_of(dates, st.sampled_from(days)))
            notes.append({"commitment": key, "recorded_on": on.isoformat(), "text": f"n{ni}"})
    # File order need not follow the dates (promises of one commitment: by recorded_on).
    promises.sort(key=lambda p: (p["commitment"], p["recorded_on"]))
    return {
        "docket": 1,
        "bodies": [
            {"key": "nec", "name": "National Executive Committee", "short_name": "NEC"},
            {"key": "panel", "name": "Development Fund Panel", "short_name": "DFP"},
        ],
        "meetings": meetings,
        "meeting_changes": changes,
        "commitments": commitments,
        "promises": promises,
        "notes": notes,
    }


def boundary_days(doc: dict[str, Any]) -> list[D]:
    days: set[D] = set()
    for p in doc["promises"]:
        on = D.fromisoformat(p["recorded_on"])
        days.update({on, on + 90 * DAY})
        if p["target"] and "date" in p["target"]:
            t = D.fromisoformat(p["target"]["date"])
            days.update({t, t - 14 * DAY})
    for m in doc["meetings"]:
        days.add(D.fromisoformat(m["date"]))
    for change in doc["meeting_changes"]:
        days.add(D.fromisoformat(change["recorded_on"]))
        if change["previous_date"]:
            days.add(D.fromisoformat(change["previous_date"]))
    for c in doc["commitments"]:
        if c["status_on"]:
            days.add(D.fromisoformat(c["status_on"]))
    return sorted({d + k * DAY for d in days for k in (-1, 0, 1)})


def expected_order(found: dict[str, plain.Plain]) -> list[str]:
    """Target ascending, no target last, then key."""
    return sorted(found, key=lambda k: (found[k].target is None, found[k].target or D.min, k))


@hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=records(), data=st.data())
def test_engine_agrees_with_a_plain_statement_of_the_rules(
    doc: dict[str, Any], data: st.DataObject
) -> None:
    boundaries = boundary_days(doc)
    days = data.draw(
        st.lists(st.sampled_from(boundaries), min_size=min(6, len(boundaries)), max_size=10),
        label="boundary days",
    ) + data.draw(st.lists(st.dates(D(2019, 6, 1), D(2025, 6, 1)), max_size=2), label="random")
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(resolve_url(str(Path(folder) / "prop.db")))
        try:
            import_document(db.sessions, doc)
            for on in days:
                found = {
                    c["key"]: s
                    for c in doc["commitments"]
                    if (s := plain.standing(doc, c["key"], on)) is not None
                }
                got = standings(db.sessions, on, DEFAULTS)
                assert [s.key for s in got] == expected_order(found), on
                for s in got:
                    want = found[s.key]
                    assert (s.row.state, s.row.target, s.row.first_target) == (
                        want.state,
                        want.target,
                        want.first_target,
                    ), (on, s.key)
                    assert (s.slips, s.overdue, s.days_overdue, s.due_soon) == (
                        want.slips,
                        want.overdue,
                        want.days_overdue,
                        want.due_soon,
                    ), (on, s.key)
                    assert (s.open_ended, s.rag) == (want.open_ended, want.rag), (on, s.key)
                assert [s.key for s in overdue(db.sessions, on, DEFAULTS)] == [
                    k for k in expected_order(found) if found[k].overdue
                ], on
                assert [s.key for s in due_within(db.sessions, on, 14, DEFAULTS)] == [
                    k for k in expected_order(found) if found[k].due_soon
                ], on
            for meeting in doc["meetings"]:
                on = data.draw(st.sampled_from([None, *days]), label="brief as of")
                meeting_id = find_meeting(db.sessions, meeting["key"])
                brief = brief_data(db.sessions, meeting_id, DEFAULTS, as_of=on)
                assert [(m.key, list(m.reasons)) for m in brief.matters_arising] == (
                    plain.matters_arising(doc, meeting["key"], on)
                ), (meeting["key"], on)
                prior = plain.previous_meeting(doc, meeting["key"], brief.as_of)
                assert brief.previous_key == prior, (meeting["key"], on)
        finally:
            db.close()
