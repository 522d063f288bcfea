"""A form saved over a change made meanwhile (another member, or a command) is refused
and both sides are shown: on every database, for commitments and meetings alike."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from app.record import commitments, meetings
from db.models import Commitment, Meeting
from tests.builders import id_of
from ui.dialogs import conflict_dialog
from ui.main_window import MainWindow
from ui.store import Store


@pytest.fixture
def window(qtbot: Any, store: Store) -> Any:
    window = MainWindow(store, restore=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(
        lambda: all(v.is_loaded for v in window.views) and not store.busy, timeout=10_000
    )
    return window


def answering(monkeypatch: pytest.MonkeyPatch, mine: bool) -> list[Any]:
    asked: list[Any] = []

    def answer(_parent: Any, conflict: Any, fields: dict[str, str]) -> bool:
        asked.append((conflict, fields))
        return mine

    monkeypatch.setattr(conflict_dialog, "save_mine", answer)
    return asked


@pytest.mark.parametrize("save_mine", [False, True])
def test_a_meeting_form_saved_over_a_newer_meeting(
    qtbot: Any, window: Any, monkeypatch: pytest.MonkeyPatch, save_mine: bool
) -> None:
    store = window.store
    view = window.show_view("meetings")
    assert view.select_key("nec-2022-03-29")
    view.meeting_actions.edit_meeting()
    dialog = view.dialog
    meeting = id_of(store.db, Meeting, "nec-2022-03-29")
    theirs = replace(meetings.meeting_fields(store.sessions, meeting), location="Southside")
    meetings.update_meeting(store.sessions, meeting, theirs)  # someone else, meanwhile
    asked = answering(monkeypatch, save_mine)
    dialog.location.setText("Brighton")
    dialog.accept()
    qtbot.waitUntil(lambda: not store.busy, timeout=5_000)
    ((conflict, mine),) = asked
    assert (conflict.theirs["Location"], mine["Location"]) == ("Southside", "Brighton")
    now = meetings.meeting_fields(store.sessions, meeting).location
    assert now == ("Brighton" if save_mine else "Southside")


def test_a_commitment_form_saved_over_a_newer_commitment(
    qtbot: Any, window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = window.store
    view = window.show_view("commitments")
    assert view.select_key("forde-report")
    view.commitment_actions.edit()
    dialog = view.dialog
    forde = id_of(store.db, Commitment, "forde-report")
    theirs = replace(commitments.commitment_fields(store.sessions, forde), source="The minutes")
    commitments.update_commitment(store.sessions, forde, theirs)
    asked = answering(monkeypatch, False)
    dialog.title.setText("Forde Report, revised")
    dialog.accept()
    ((conflict, mine),) = asked
    assert conflict.theirs["Source"] == "The minutes"
    assert mine["Title"] == "Forde Report, revised"
    assert commitments.commitment_fields(store.sessions, forde).title != "Forde Report, revised"
