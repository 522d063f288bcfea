"""A body's schedule typed in words, as Docket writes schedules back: read into the rule
it keeps, shown as understood, and refused in words when it cannot be read."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from app.core import fields
from app.reads.browse import bodies
from app.record.bodies import BodyFields
from ui.dialogs.bodies_dialog import BodiesDialog, BodyFormDialog
from ui.dialogs.schedule_phrases import rule_from_words
from ui.dialogs.schedule_words import rule_in_words
from ui.store import Store

START, END = dt.date(2022, 1, 1), dt.date(2025, 12, 31)


def days_of(rule: str) -> list[dt.date]:
    parsed = fields.schedule_rule(rule, "schedule", anchor=START)
    return list(fields.schedule_days(parsed, START, END))


@pytest.mark.parametrize(
    ("words", "rule"),
    [
        ("every month", "FREQ=MONTHLY"),
        ("every other month", "FREQ=MONTHLY;INTERVAL=2"),
        ("the last Tuesday of every other month", "FREQ=MONTHLY;INTERVAL=2;BYDAY=-1TU"),
        ("last Tuesday of every other month", "FREQ=MONTHLY;INTERVAL=2;BYDAY=-1TU"),
        ("The first Monday of every month.", "FREQ=MONTHLY;BYDAY=1MO"),
        ("every week on Tuesday", "FREQ=WEEKLY;BYDAY=TU"),
        ("fortnightly on Thursdays", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH"),
        (
            "the third Thursday of each month at 18:30",
            "FREQ=MONTHLY;BYDAY=3TH;BYHOUR=18;BYMINUTE=30",
        ),
        ("the 1st and last day of every month", "FREQ=MONTHLY;BYMONTHDAY=1,-1"),
        ("the 15th of June, every year", "FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=15"),
        ("the last Tuesday of March and September", "FREQ=MONTHLY;BYMONTH=3,9;BYDAY=-1TU"),
        (
            "the last Tuesday of every month, until 31 Dec 2022",
            "FREQ=MONTHLY;BYDAY=-1TU;UNTIL=20221231",
        ),
        ("the second Wednesday of every month, 6 times", "FREQ=MONTHLY;BYDAY=2WE;COUNT=6"),
        ("soonish", None),
        ("every blue moon", None),
        ("the 32nd of every month", None),
        ("the last Tuesday of Smarch", None),
    ],
)
def test_a_schedule_said_in_words_is_read_as_its_rule(words: str, rule: str | None) -> None:
    assert rule_from_words(words) == rule


# Rules in the shapes Docket puts into words (ui/dialogs/schedule_words.py).
NTH = st.sampled_from([1, 2, 3, 4, -1, -2])
DAY = st.sampled_from(["MO", "TU", "WE", "TH", "FR", "SA", "SU"])
INTERVAL = st.integers(min_value=1, max_value=4)


@st.composite
def rules(draw: Any) -> str:
    shape = draw(st.sampled_from(["nth", "monthday", "weekly", "plain", "yearly"]))
    interval = draw(INTERVAL)
    every = f";INTERVAL={interval}" if interval > 1 else ""
    if shape == "nth":
        days = draw(st.lists(st.tuples(NTH, DAY), min_size=1, max_size=2, unique=True))
        rule = f"FREQ=MONTHLY{every};BYDAY=" + ",".join(f"{n}{d}" for n, d in days)
    elif shape == "monthday":
        monthdays = draw(st.lists(st.sampled_from([1, 2, 15, 28, -1]), min_size=1, max_size=2))
        rule = f"FREQ=MONTHLY{every};BYMONTHDAY=" + ",".join(map(str, dict.fromkeys(monthdays)))
    elif shape == "weekly":
        days = draw(st.lists(DAY, min_size=1, max_size=3, unique=True))
        rule = f"FREQ=WEEKLY{every};BYDAY=" + ",".join(days)
    elif shape == "plain":
        rule = f"FREQ={draw(st.sampled_from(['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY']))}{every}"
    else:
        month = draw(st.integers(min_value=1, max_value=12))
        nth, day = draw(NTH), draw(DAY)
        rule = f"FREQ=YEARLY{every};BYMONTH={month};BYDAY={nth}{day}"
    if draw(st.booleans()):
        rule += f";BYHOUR={draw(st.integers(0, 23))}"
    end = draw(st.sampled_from(["", ";COUNT=1", ";COUNT=6", ";UNTIL=20241231"]))
    return rule + end


@settings(max_examples=150, deadline=None)
@given(rules())
def test_every_schedule_docket_writes_in_words_reads_back_as_the_same_days(rule: str) -> None:
    words = rule_in_words(rule)
    assert words is not None, rule
    read = rule_from_words(words)
    assert read is not None, words
    assert rule_in_words(read) == words
    assert days_of(read) == days_of(rule)


# --- in the body form, with real widgets ---------------------------------------------------


def shown(qtbot: Any, widget: QWidget) -> Any:
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_the_body_form_takes_a_schedule_in_words_and_shows_what_it_read(qtbot: Any) -> None:
    saved: list[BodyFields] = []
    form = shown(qtbot, BodyFormDialog(saved.append))
    assert form.schedule.placeholderText() == "e.g. the last Tuesday of every other month"
    qtbot.keyClicks(form.name, "Organisation Committee")
    qtbot.keyClicks(form.schedule, "last Tuesday of every other month")
    assert form.schedule_hint.text() == "Meets the last Tuesday of every other month."
    assert form.schedule_hint.toolTip() == (
        "As an iCalendar rule: FREQ=MONTHLY;INTERVAL=2;BYDAY=-1TU"
    )
    form.schedule.clear()
    qtbot.keyClicks(form.schedule, "every week on Tuesday")
    assert form.schedule_hint.text() == "Meets every Tuesday."  # what it understood
    assert form.ok_button.isEnabled()
    qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)
    assert [b.schedule for b in saved] == ["FREQ=WEEKLY;BYDAY=TU"]


@pytest.mark.parametrize("typed", ["soonish", "last Tuesday every month-ish", "FREQ=MONTHLY;BYDAY"])
def test_a_schedule_it_cannot_read_is_refused_in_words(qtbot: Any, typed: str) -> None:
    form = shown(qtbot, BodyFormDialog(lambda _v: None))
    qtbot.keyClicks(form.name, "Panel")
    qtbot.keyClicks(form.schedule, typed)
    hint = form.schedule_hint.text()
    assert typed in hint
    for internal in ("unpack", "expected", "RRULE", "Traceback", "ValueError"):
        assert internal not in hint
    assert not form.ok_button.isEnabled()
    assert form.ok_button.toolTip() == "Mend the schedule, or leave it empty."
    if "=" not in typed:
        assert "the last Tuesday of every other month" in hint  # what it would take


def test_a_body_added_with_words_keeps_its_rule_and_edits_show_words(
    qtbot: Any, store: Store
) -> None:
    listing = shown(qtbot, BodiesDialog(store))
    qtbot.mouseClick(listing.add_button, Qt.MouseButton.LeftButton)
    form = listing.findChild(BodyFormDialog)
    assert form is not None
    qtbot.keyClicks(form.name, "Organisation Committee")
    qtbot.keyClicks(form.schedule, "the first Monday of every month")
    qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)
    [added] = [b for b in bodies(store.sessions) if b.name == "Organisation Committee"]
    assert added.schedule == "FREQ=MONTHLY;BYDAY=1MO"

    # Edited again, the form shows the words; saved untouched, the rule is as it was.
    edit = shown(
        qtbot,
        BodyFormDialog(lambda _v: None, existing=BodyFields(added.name, "", added.schedule)),
    )
    assert edit.schedule.text() == "the first Monday of every month"
    assert edit.value().schedule == "FREQ=MONTHLY;BYDAY=1MO"
    # A rule whose words would read back differently is shown as written.
    other = shown(
        qtbot,
        BodyFormDialog(
            lambda _v: None, existing=BodyFields("X", "", "FREQ=MONTHLY;BYDAY=TU;BYSETPOS=-1")
        ),
    )
    assert other.schedule.text() == "FREQ=MONTHLY;BYDAY=TU;BYSETPOS=-1"
    assert other.value().schedule == "FREQ=MONTHLY;BYDAY=TU;BYSETPOS=-1"
