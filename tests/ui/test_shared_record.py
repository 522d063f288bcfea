"""Two Docket windows on one shared PostgreSQL record, driven as two members would: what
one records shows in the other without a restart, and a save over the other's change is
refused with both sides shown — kept theirs, or saved mine knowingly, never lost."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest

from app.record.commitments import PromiseFields, commitment_fields
from app.safety.opening import Database, open_database
from app.transfer.record_io import load_sample
from tests import postgres
from tests.builders import forde_report
from ui import edits
from ui.main_window import MainWindow
from ui.store import Store

pytestmark = pytest.mark.skipif(
    postgres.server_url() is None, reason="DOCKET_TEST_POSTGRES names no server"
)


@pytest.fixture
def two_windows(qtbot: Any) -> Iterator[tuple[MainWindow, MainWindow]]:
    with postgres.empty_database() as url:
        owner = open_database(url)
        load_sample(owner)
        owner.close()
        dbs: list[Database] = [open_database(url), open_database(url)]
        windows = []
        for db in dbs:
            store = Store(db)
            store.set_as_of(dt.date(2022, 3, 29))
            window = MainWindow(store, restore=False)
            qtbot.addWidget(window)
            window.show()
            windows.append(window)
        for window in windows:
            qtbot.waitUntil(
                lambda w=window: all(v.is_loaded for v in w.views) and not w.store.busy,
                timeout=10_000,
            )
        yield windows[0], windows[1]
        for window in windows:
            window.store.close()
            Store.wait_for_all()
            window.close()
        for db in dbs:
            db.close()


def test_a_promise_recorded_in_one_window_shows_in_the_other(
    qtbot: Any, two_windows: tuple[MainWindow, MainWindow]
) -> None:
    alice, bob = two_windows
    for window in (alice, bob):
        window.show_view("commitments")
        assert window.commitments.select_key("forde-chair-visit")

    def visit_shown() -> bool:
        detail = bob.commitments.detail
        return detail is not None and detail.key == "forde-chair-visit"

    qtbot.waitUntil(visit_shown, timeout=5_000)
    before = len(bob.commitments.detail.entries)  # type: ignore[union-attr]
    promise = PromiseFields(dt.date(2022, 3, 29), dt.date(2022, 4, 30), given_by="chair")
    visit = edits.record_promise(alice.store.sessions, "forde-chair-visit", promise)
    edits.perform(alice.store, "Promise", visit)
    # Bob's window notices on its next look (a timer, or when it comes to the front).
    assert bob.store.watch is not None
    assert bob.store.watch.check()
    qtbot.waitUntil(
        lambda: (
            bob.commitments.detail is not None and len(bob.commitments.detail.entries) == before + 1
        ),
        timeout=10_000,
    )


@pytest.mark.parametrize("choice", ["keep theirs", "save mine"])
def test_a_save_over_the_other_members_change_is_refused_and_shown(
    qtbot: Any,
    two_windows: tuple[MainWindow, MainWindow],
    monkeypatch: pytest.MonkeyPatch,
    choice: str,
) -> None:
    from dataclasses import replace

    from ui.dialogs import conflict_dialog

    alice, bob = two_windows
    bob.show_view("commitments")
    assert bob.commitments.select_key("forde-report")
    bob.commitments.commitment_actions.edit()  # Bob opens the form …
    dialog = bob.commitments.dialog
    assert dialog is not None
    forde = forde_report(alice.store.db)
    theirs = replace(commitment_fields(alice.store.sessions, forde), title="Forde Report (Alice's)")
    edits.perform(
        alice.store, "Edit", edits.update_commitment(alice.store.sessions, "forde-report", theirs)
    )
    shown: list[Any] = []  # … Alice saves first; then Bob saves.

    def answer(_parent: Any, conflict: Any, mine: dict[str, str]) -> bool:
        shown.append((conflict, mine))
        return choice == "save mine"

    monkeypatch.setattr(conflict_dialog, "save_mine", answer)
    dialog.title.setText("Forde Report (Bob's)")
    dialog.accept()
    qtbot.waitUntil(lambda: not bob.store.busy, timeout=5_000)
    ((conflict, mine),) = shown
    assert conflict.theirs["Title"] == "Forde Report (Alice's)"
    assert mine["Title"] == "Forde Report (Bob's)"
    assert conflict.by  # the role Alice signs in with
    final = commitment_fields(alice.store.sessions, forde).title
    assert final == ("Forde Report (Bob's)" if choice == "save mine" else "Forde Report (Alice's)")
