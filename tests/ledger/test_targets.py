"""Typed targets resolved against a body's real meetings, ready to record as a promise."""

from __future__ import annotations

import datetime as dt

import pytest

from app.core.errors import Invalid
from app.core.settings import Settings
from app.ledger.standings import standings
from app.ledger.targets import read_target, read_target_for
from app.record.commitments import PromiseFields, record_promise
from app.record.meetings import set_meeting_status
from app.safety.opening import Database
from db import queries
from db.models import Body, Commitment, Meeting

JAN_25 = dt.date(2022, 1, 25)


def test_the_march_meeting_resolves_to_that_meeting(sample_db: Database) -> None:
    with sample_db.sessions() as s:
        nec = queries.id_by_key(s, Body, "nec")
        march = queries.id_by_key(s, Meeting, "nec-2022-03-29")
    assert nec is not None
    typed = read_target(sample_db.sessions, nec, "the March meeting", today=JAN_25)
    assert (typed.target_date, typed.target_meeting_id) == (None, march)
    assert typed.describe() == "Tue 29 Mar 2022, the meeting that day"


def test_a_cancelled_meeting_is_not_a_target(sample_db: Database) -> None:
    with sample_db.sessions() as s:
        nec = queries.id_by_key(s, Body, "nec")
        march = queries.id_by_key(s, Meeting, "nec-2022-03-29")
    assert nec is not None
    assert march is not None
    set_meeting_status(sample_db.sessions, march, "cancelled")
    with pytest.raises(Invalid, match="no March meeting on or after 25 Jan 2022"):
        read_target(sample_db.sessions, nec, "March meeting", today=JAN_25)


def test_next_month_typed_at_the_january_meeting_dates_a_dateless_promise(
    sample_db: Database,
) -> None:
    with sample_db.sessions() as s:
        visit = queries.id_by_key(s, Commitment, "forde-chair-visit")
    assert visit is not None
    typed = read_target_for(sample_db.sessions, visit, "next month", today=JAN_25)
    assert typed.target_date == dt.date(2022, 2, 28)
    record_promise(
        sample_db.sessions,
        visit,
        PromiseFields(JAN_25, typed.target_date, typed.target_meeting_id, "Chair"),
    )
    [row] = [
        s
        for s in standings(sample_db.sessions, dt.date(2022, 3, 1), Settings())
        if s.key == "forde-chair-visit"
    ]
    # A date given where none was: "dated", not a slip; a day late on 1 March all the same.
    assert (row.slips, row.days_overdue, row.rag) == (0, 1, "red")


def test_month_first_setting_reads_american_dates(sample_db: Database) -> None:
    with sample_db.sessions() as s:
        nec = queries.id_by_key(s, Body, "nec")
    assert nec is not None
    typed = read_target(sample_db.sessions, nec, "03/15/2022", today=JAN_25, dayfirst=False)
    assert typed.target_date == dt.date(2022, 3, 15)
    with pytest.raises(Invalid, match="not a real date"):
        read_target(sample_db.sessions, nec, "03/15/2022", today=JAN_25)
