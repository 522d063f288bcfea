"""Matters arising are one computation: the Meetings pane, the app's brief and `docket brief`
list the same matters for the same reasons, as of the same day (the meeting's, unless an
earlier day is viewed), and the pane says which day that is."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from app.reads.browse import bodies
from app.record.commitments import CommitmentFields, PromiseFields
from tests.builders import db_arg
from ui import edits
from ui.brief_actions import _gather
from ui.store import Store
from ui.views.meetings import MeetingsView

MEETING = "nec-2022-03-29"
MARCH_29 = dt.date(2022, 3, 29)


def record_on_the_meeting_day(store: Store) -> None:
    """Two commitments first promised, and a note, on the meeting's own day."""
    s = store.sessions
    nec = next(b.id for b in bodies(s) if b.key == "nec")
    for title in ("Alpha report", "Beta report"):
        edits.perform(
            store,
            "New commitment",
            edits.create_commitment(
                s,
                CommitmentFields(title=title, body_id=nec),
                PromiseFields(MARCH_29, dt.date(2022, 4, 30)),
            ),
        )
    edits.perform(store, "Add note", edits.add_note(s, "forde-report", MARCH_29, "A letter", ""))


def cli_matters(run_cli: Any, db: Path, tmp_path: Path, *extra: str) -> list[tuple[str, ...]]:
    out = tmp_path / "brief.json"
    done = run_cli("--db", str(db), "brief", MEETING, *extra, "-o", str(out))
    assert done.returncode == 0, done.stderr
    brief = json.loads(out.read_text())
    return [(m["key"], *m["reasons"]) for m in brief["matters_arising"]]


def pane_matters(qtbot: Any, view: MeetingsView) -> list[tuple[str, ...]]:
    view.detail = None
    view.set_when("all")
    assert view.select_key(MEETING)
    qtbot.waitUntil(lambda: view.detail is not None and view.detail.key == MEETING)
    assert view.detail is not None
    return [(m.key, *m.reasons) for m in view.detail.arising.matters]


def app_brief_matters(view: MeetingsView) -> list[tuple[str, ...]]:
    """What Print brief… (Ctrl+Shift+P) and Brief as PDF… gather for the selected meeting."""
    meeting = view.selected()
    assert meeting is not None
    brief = _gather(view.store, meeting, view.store.as_of, view.store.settings)
    return [(m.key, *m.reasons) for m in brief.arising.matters]


@pytest.mark.parametrize("viewing", ["today", "2022-03-29", "2022-03-20"])
def test_the_pane_the_app_brief_and_the_command_line_agree(
    qtbot: Any, store: Store, db_path: Path, tmp_path: Path, run_cli: Any, viewing: str
) -> None:
    record_on_the_meeting_day(store)
    day = store.today() if viewing == "today" else dt.date.fromisoformat(viewing)
    store.set_as_of(day)
    view = MeetingsView(store)
    qtbot.addWidget(view)
    view.resize(1200, 760)
    view.show()
    view.reload()
    qtbot.waitUntil(lambda: view.is_loaded, timeout=10_000)
    pane = pane_matters(qtbot, view)
    brief = app_brief_matters(view)
    # `docket brief` as of the meeting's day (its default), or as of the earlier day viewed.
    extra = ("--as-of", viewing) if day < MARCH_29 else ()
    cli = cli_matters(run_cli, db_arg(store.db), tmp_path, *extra)
    assert pane == brief == cli
    if day >= MARCH_29:
        assert ("alpha-report", "new") in pane
        assert ("forde-report", "overdue", "slipped") in pane
        assert view.pane.arising_title.text() == (
            "Matters arising as of 29 Mar 2022, the meeting's day"
        )
    else:
        assert not any(key == "alpha-report" for key, *_ in pane)
        assert view.pane.arising_title.text() == "Matters arising as of 20 Mar 2022"


def test_the_brief_summary_counts_what_it_leaves_out(store: Store) -> None:
    from app.documents.briefs import brief_data, render_html
    from app.reads.browse import meetings

    record_on_the_meeting_day(store)
    s = store.sessions
    meeting = next(m.id for m in meetings(s) if m.key == MEETING)
    page = render_html(brief_data(s, meeting, store.settings), with_charts=False)
    assert "4 matters arising" in page or "matters arising" in page
    assert "and 1 more" in page  # three named, and the fourth counted
    assert "Not recorded," not in page
