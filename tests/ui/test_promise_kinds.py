"""The Record promise dialog says, as the target is typed, whether the promise is a slip;
and a promise with no date yet is green, but not called "On track".

The store is the sample record as of the morning of 29 March 2022: the Forde Report was
last promised (25 Jan 2022) for 28 Feb 2022; the trainee organisers were promised on
25 Mar 2022 with no date.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from app.ledger.standings import standings
from app.reads.browse import bodies
from app.record.commitments import CommitmentFields, PromiseFields, create_commitment
from ui.dialogs.promise_dialog import PromiseDialog
from ui.icons import RAG_FILES, rag_key
from ui.models.table import ROW_ROLE
from ui.store import Store
from ui.views.commitments import CommitmentsView

FORDE = "Forde Report shared with the NEC"


def nec(store: Store) -> int:
    return next(row.id for row in bodies(store.sessions) if row.key == "nec")


@pytest.mark.parametrize(
    ("typed", "said", "tone"),
    [
        ("30/04/2022", "A slip: 61 days later than the last promise, Mon 28 Feb 2022.", "error"),
        (
            "",
            "Left empty, it withdraws the date: a slip (the last promise was for Mon 28 Feb 2022).",
            "error",
        ),
        (
            "28/02/2022",
            "Reaffirmed: the same date as the last promise, Mon 28 Feb 2022. Not a slip.",
            "normal",
        ),
        (
            "14/02/2022",
            "Brought forward: 14 days earlier than the last promise, Mon 28 Feb 2022. Not a slip.",
            "normal",
        ),
    ],
)
def test_the_dialog_tells_a_slip_from_a_promise_that_is_not_one(
    qtbot: Any, store: Store, typed: str, said: str, tone: str
) -> None:
    dialog = PromiseDialog(
        store,
        lambda _v: None,
        commitment_title=FORDE,
        body_id=nec(store),
        commitment_key="forde-report",
    )
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.target.edit.clear()
    qtbot.keyClicks(dialog.target.edit, typed)
    assert dialog.kind.isVisible()
    assert dialog.kind.text() == said
    assert dialog.kind.tone() == tone


def test_a_date_where_none_was_promised_is_dated_and_a_meeting_counts_by_its_day(
    qtbot: Any, store: Store
) -> None:
    dialog = PromiseDialog(
        store,
        lambda _v: None,
        commitment_title="Inquiry chair to attend the NEC",
        body_id=nec(store),
        commitment_key="forde-chair-visit",
    )
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.kind.text() == "Reaffirmed: still no date, as last promised. Not a slip."
    qtbot.keyClicks(dialog.target.edit, "next meeting")
    assert dialog.kind.text() == "Dated: a date where none had been promised. Not a slip."
    assert dialog.kind.tone() == "normal"


def test_the_kind_follows_the_day_the_promise_is_recorded(qtbot: Any, store: Store) -> None:
    dialog = PromiseDialog(
        store,
        lambda _v: None,
        commitment_title=FORDE,
        body_id=nec(store),
        commitment_key="forde-report",
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.target.edit, "25/01/2022")
    # Recorded on 20 January, the promise before it was for the January meeting (25 Jan).
    dialog.recorded_on.setDate(dt.date(2022, 1, 20))
    assert dialog.kind.text() == (
        "Reaffirmed: the same date as the last promise, Tue 25 Jan 2022. Not a slip."
    )


def test_from_the_view_the_dialog_knows_its_commitment(qtbot: Any, store: Store) -> None:
    view = CommitmentsView(store)
    qtbot.addWidget(view)
    view.show()
    view.reload()
    qtbot.waitUntil(lambda: view.is_loaded, timeout=10_000)
    view.set_show("all")
    assert view.select_key("trainee-organisers")
    qtbot.waitUntil(lambda: view.detail is not None, timeout=10_000)
    summary = view.pane.summary.text()
    assert "no date promised" in summary
    assert "promised for no date" not in summary
    view.promise_action.trigger()
    dialog = view.dialog
    assert isinstance(dialog, PromiseDialog)
    qtbot.keyClicks(dialog.target.edit, "30/04/2022")
    assert dialog.kind.text() == "Dated: a date where none had been promised. Not a slip."


def test_a_promise_with_no_date_yet_is_green_but_not_on_track(qtbot: Any, store: Store) -> None:
    rows = {s.key: s for s in standings(store.sessions, store.as_of, store.settings)}
    trainees = rows["trainee-organisers"]  # promised 4 days ago, with no date
    assert trainees.rag == "green"  # DESIGN: green is the rest that is open
    assert rag_key(trainees) == "undated"
    assert RAG_FILES["undated"] == RAG_FILES["green"]  # the same green mark
    assert rag_key(rows["forde-chair-visit"]) == "open_ended"  # no date for 133 days: amber

    view = CommitmentsView(store)
    qtbot.addWidget(view)
    view.show()
    view.reload()
    qtbot.waitUntil(lambda: view.is_loaded, timeout=10_000)
    view.set_show("all")
    proxy = view.proxy
    qtbot.waitUntil(lambda: proxy.rowCount() == 3, timeout=10_000)
    words = {
        proxy.index(r, 0).data(ROW_ROLE).key: proxy.index(r, 0).data()
        for r in range(proxy.rowCount())
    }
    assert words == {
        "forde-report": "Overdue",
        "forde-chair-visit": "No date",
        "trainee-organisers": "No date yet",
    }

    # A promise with a date ahead is on track.
    create_commitment(
        store.sessions,
        CommitmentFields("Publish the minutes", nec(store), "General Secretary"),
        PromiseFields(dt.date(2022, 3, 1), dt.date(2022, 6, 30)),
    )
    view.reload()
    qtbot.waitUntil(lambda: proxy.rowCount() == 4, timeout=10_000)
    titles = {proxy.index(r, 1).data(): proxy.index(r, 0).data() for r in range(4)}
    assert titles["Publish the minutes"] == "On track"


def test_the_ledger_says_no_date_promised_not_promised_for_no_date(store: Store) -> None:
    from app.reads.ledger import commitment_detail
    from ui.views.ledger_timeline import promised

    rows = {s.key: s for s in standings(store.sessions, store.as_of, store.settings)}
    chair = commitment_detail(store.sessions, rows["forde-chair-visit"].row.id, store.as_of)
    forde = commitment_detail(store.sessions, rows["forde-report"].row.id, store.as_of)
    assert chair is not None
    assert forde is not None
    assert promised(chair.entries[0]) == "No date promised · NEC officers"
    assert promised(forde.entries[1]) == "Promised for 25 Jan 2022 (the meeting) · NEC officers"
