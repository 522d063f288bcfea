"""The use cases for a meeting's agenda: items, order, outcomes and votes, as a committee member would meet them.

Every refusal is checked three ways: the kind of error, its words, and that the record
is exactly as it was (tests/builders.py: `refused`).
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from app.core.errors import Invalid, NotFound
from app.record.agenda import (
    AgendaFields,
    add_item,
    delete_item,
    item_fields,
    move_item,
    reorder_items,
    update_item,
)
from app.safety.opening import Database
from db.models import AgendaItem, Body, Meeting
from tests.builders import (
    MISSING_ID,
    D,
    agenda,
    id_of,
    new_agenda,
    new_meeting,
    new_nec,
    refused,
    titles,
)

# --- agenda items ------------------------------------------------------------------------


@pytest.fixture
def september(db: Database) -> int:
    """An NEC meeting with no agenda yet."""
    return new_meeting(db, new_nec(db), D(2022, 9, 27))


def test_items_are_appended_to_the_agenda_in_turn(db: Database, september: int) -> None:
    new_agenda(db, september, "Apologies", "Minutes", "Forde Report")

    assert agenda(db, september) == [(1, "Apologies"), (2, "Minutes"), (3, "Forde Report")]


def test_an_item_keeps_its_outcome_and_vote(db: Database, september: int) -> None:
    item = add_item(
        db.sessions,
        september,
        AgendaFields(
            "Proscription",
            decision="Proscribed",
            votes_for=20,
            votes_against=11,
            votes_abstaining=0,
            status="taken",
        ),
    )

    stored = item_fields(db.sessions, item)
    assert (stored.votes_for, stored.votes_against, stored.votes_abstaining) == (20, 11, 0)
    assert (stored.decision, stored.status) == ("Proscribed", "taken")


def test_moving_an_item_up_and_down_stops_at_either_end(db: Database, september: int) -> None:
    apologies, _, report = new_agenda(db, september, "Apologies", "Minutes", "Report")

    move_item(db.sessions, report, -1)
    assert titles(db, september) == ["Apologies", "Report", "Minutes"]

    move_item(db.sessions, report, -5)
    assert titles(db, september) == ["Report", "Apologies", "Minutes"]

    move_item(db.sessions, report, -1)  # already first: stays put
    assert titles(db, september) == ["Report", "Apologies", "Minutes"]

    move_item(db.sessions, apologies, +1)
    assert titles(db, september) == ["Report", "Minutes", "Apologies"]

    move_item(db.sessions, apologies, +1)  # already last: stays put
    assert agenda(db, september) == [(1, "Report"), (2, "Minutes"), (3, "Apologies")]


def test_the_agenda_can_be_put_in_any_order(db: Database, september: int) -> None:
    apologies, minutes, report = new_agenda(db, september, "Apologies", "Minutes", "Report")

    reorder_items(db.sessions, september, [report, apologies, minutes])

    assert agenda(db, september) == [(1, "Report"), (2, "Apologies"), (3, "Minutes")]


def test_reordering_the_sample_agenda_of_march(sample_db: Database) -> None:
    march = id_of(sample_db, Meeting, "nec-2022-03-29")
    with sample_db.sessions() as s:
        ids = list(
            s.scalars(
                select(AgendaItem.id)
                .where(AgendaItem.meeting_id == march)
                .order_by(AgendaItem.position)
            )
        )

    reorder_items(sample_db.sessions, march, list(reversed(ids)))

    assert titles(sample_db, march)[0] == "Calls to proscribe the Stop the War Coalition"
    assert titles(sample_db, march)[-1] == "Proscription: Alliance for Workers' Liberty"
    assert [p for p, _ in agenda(sample_db, march)] == [1, 2, 3, 4, 5]


@pytest.mark.parametrize(
    "order",
    [
        pytest.param(lambda a, b, c, other: [a, b], id="one missing"),
        pytest.param(lambda a, b, c, other: [a, b, b], id="one twice"),
        pytest.param(lambda a, b, c, other: [a, b, c, c], id="all plus a repeat"),
        pytest.param(lambda a, b, c, other: [a, b, other], id="an item of another meeting"),
        pytest.param(lambda a, b, c, other: [a, b, c, MISSING_ID], id="an unknown id"),
    ],
)
def test_an_order_that_does_not_name_every_item_once_is_refused(
    db: Database, september: int, order: Any
) -> None:
    a, b, c = new_agenda(db, september, "Apologies", "Minutes", "Report")
    october = new_meeting(db, id_of(db, Body, "nec"), D(2022, 10, 25))
    (other,) = new_agenda(db, october, "Apologies")

    with refused(db, Invalid, "order: must list every item of the meeting exactly once"):
        reorder_items(db.sessions, september, order(a, b, c, other))


def test_deleting_an_item_closes_the_gap(db: Database, september: int) -> None:
    _, minutes, _, _ = new_agenda(db, september, "Apologies", "Minutes", "Report", "AOB")

    delete_item(db.sessions, minutes)

    assert agenda(db, september) == [(1, "Apologies"), (2, "Report"), (3, "AOB")]
    new_agenda(db, september, "Close")
    assert agenda(db, september)[-1] == (4, "Close")


@pytest.mark.parametrize(
    ("votes", "words"),
    [
        ({"votes_for": -1}, "votes for: must not be negative"),
        ({"votes_against": -3}, "votes against: must not be negative"),
        ({"votes_abstaining": True}, "votes abstaining: True is not a whole number"),
        ({"votes_for": False}, "votes for: False is not a whole number"),
        ({"votes_for": 2.5}, "votes for: 2.5 is not a whole number"),
        ({"votes_against": "11"}, "votes against: '11' is not a whole number"),
    ],
)
def test_votes_must_be_whole_numbers_of_zero_or_more(
    db: Database, september: int, votes: dict[str, Any], words: str
) -> None:
    (item,) = new_agenda(db, september, "Proscription")

    with refused(db, Invalid, words):
        add_item(db.sessions, september, AgendaFields("Another vote", **votes))
    with refused(db, Invalid, words):
        update_item(db.sessions, item, AgendaFields("Proscription", **votes))


def test_an_agenda_item_needs_a_title_and_a_known_status(db: Database, september: int) -> None:
    with refused(db, Invalid, "title: must not be empty"):
        add_item(db.sessions, september, AgendaFields(""))
    with refused(db, Invalid, "status: 'tabled' is not one of pending, taken"):
        add_item(db.sessions, september, AgendaFields("Report", status="tabled"))


def test_items_cannot_be_added_to_a_meeting_that_is_gone(db: Database) -> None:
    with refused(db, NotFound, f"no meeting with id {MISSING_ID}"):
        add_item(db.sessions, MISSING_ID, AgendaFields("Apologies"))
