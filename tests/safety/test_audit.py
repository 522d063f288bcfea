"""The audit log: every change is kept — when, by which OS user, what, before and after."""

from __future__ import annotations

import datetime as dt
import getpass
import json
from dataclasses import replace

import pytest
from sqlalchemy import func, select

from app.core.errors import Conflict
from app.reads import history
from app.reads.browse import agenda as agenda_rows
from app.record import agenda, commitments, meetings, snapshots
from app.record.commitments import PromiseFields
from app.safety.opening import Database
from db.audit import member_of
from db.models import AuditEntry, Commitment, Meeting
from tests.builders import SAMPLE_COUNTS


def _entries(db: Database) -> list[AuditEntry]:
    with db.sessions.begin() as s:
        return list(s.scalars(select(AuditEntry).order_by(AuditEntry.id)))


def _id(db: Database, model: type[Commitment] | type[Meeting], key: str) -> int:
    with db.sessions.begin() as s:
        found = s.scalar(select(model.id).where(model.key == key))
    assert found is not None
    return found


def test_the_import_logs_one_created_entry_per_record(sample_db: Database) -> None:
    entries = _entries(sample_db)
    counts: dict[str, int] = {}
    for e in entries:
        assert e.action == "created"
        assert e.field is None
        assert e.os_user == getpass.getuser()
        counts[e.table_name] = counts.get(e.table_name, 0) + 1
    assert counts == SAMPLE_COUNTS
    forde = next(e for e in entries if e.record_key == "forde-report")
    assert json.loads(forde.new_value or "")["title"] == "Forde Report shared with the NEC"


def test_an_edit_logs_each_field_with_its_old_and_new_value(sample_db: Database) -> None:
    cid = _id(sample_db, Commitment, "forde-report")
    before = commitments.commitment_fields(sample_db.sessions, cid)
    start = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    commitments.update_commitment(
        sample_db.sessions, cid, replace(before, title="The Forde Report", owner="Martin Forde")
    )
    changed = [e for e in _entries(sample_db) if e.action == "changed"]
    assert {e.field for e in changed} == {"title", "owner_id"}
    title = next(e for e in changed if e.field == "title")
    assert json.loads(title.old_value or "") == "Forde Report shared with the NEC"
    assert json.loads(title.new_value or "") == "The Forde Report"
    assert title.record_label == "Forde Report shared with the NEC"  # named as it was
    assert (title.subject_table, title.subject_id) == ("commitments", cid)
    assert start <= title.at <= dt.datetime.now(dt.UTC).replace(tzinfo=None)

    rows = history.commitment_history(sample_db.sessions, cid)
    owner = next(r for r in rows if r.field == "owner")
    assert (owner.before, owner.after) == ("Forde Inquiry", "Martin Forde")  # names, not ids
    assert rows[0].action == "changed"  # newest first
    with sample_db.sessions() as s:  # the member: the OS account, or on a server the role
        assert rows[0].user == member_of(s)


def test_promises_notes_and_closing_show_in_the_commitments_history(sample_db: Database) -> None:
    cid = _id(sample_db, Commitment, "forde-chair-visit")
    commitments.record_promise(
        sample_db.sessions,
        cid,
        PromiseFields(dt.date(2022, 8, 1), target_date=dt.date(2022, 9, 27), given_by="Chair"),
    )
    commitments.add_note(sample_db.sessions, cid, dt.date(2022, 8, 2), "Diary checked")
    commitments.mark_dropped(sample_db.sessions, cid, dt.date(2022, 10, 1))
    rows = history.commitment_history(sample_db.sessions, cid)
    words = [(r.action, r.record, r.field) for r in rows]
    assert ("created", "promise", "") in words
    assert ("created", "note", "") in words
    assert ("changed", "commitment", "status") in words
    assert ("changed", "commitment", "status date") in words
    status = next(r for r in rows if r.field == "status")
    assert (status.before, status.after) == ("open", "dropped")
    promise = next(r for r in rows if r.record == "promise" and "27 Sep 2022" in r.after)
    assert "given by: Chair" in promise.after


def test_deleting_keeps_the_history_with_every_field(sample_db: Database) -> None:
    cid = _id(sample_db, Commitment, "forde-report")
    snapshot = snapshots.commitment(sample_db.sessions, cid)
    commitments.delete_commitment(sample_db.sessions, cid)
    deleted = [e for e in _entries(sample_db) if e.action == "deleted"]
    assert {e.table_name for e in deleted} == {"commitments", "promises", "notes"}
    gone = next(e for e in deleted if e.table_name == "commitments")
    values = json.loads(gone.old_value or "")
    assert values["key"] == "forde-report"
    assert values["status"] == "delivered"
    assert values["status_on"] == "2022-07-19"
    assert len([e for e in deleted if e.table_name == "promises"]) == 3

    # Undo (app/snapshots) brings it back under its key and its id: one history.
    snapshots.restore(sample_db.sessions, snapshot)
    new_id = _id(sample_db, Commitment, "forde-report")
    assert new_id == cid
    rows = history.commitment_history(sample_db.sessions, new_id)
    actions = [(r.action, r.record) for r in rows]
    assert ("deleted", "commitment") in actions
    assert actions.count(("created", "commitment")) == 2
    assert ("deleted", "note") in actions


def test_meeting_history_holds_its_agenda_moves_made_without_the_orm(sample_db: Database) -> None:
    mid = _id(sample_db, Meeting, "nec-2022-03-29")
    items = agenda_rows(sample_db.sessions, mid)
    assert len(items) >= 3
    agenda.move_item(sample_db.sessions, items[0].id, 2)  # a Core UPDATE of positions
    meetings.reschedule_meeting(sample_db.sessions, mid, dt.date(2022, 3, 30))
    rows = history.meeting_history(sample_db.sessions, mid)
    moved = [r for r in rows if r.field == "position"]
    assert {(r.label, r.before, r.after) for r in moved} == {
        (items[0].title, "1", "3"),
        (items[1].title, "2", "1"),
        (items[2].title, "3", "2"),
    }
    date = next(r for r in rows if r.field == "date")
    assert (date.before, date.after) == ("29 Mar 2022", "30 Mar 2022")  # as people read dates
    agenda.delete_item(sample_db.sessions, items[1].id)
    rows = history.meeting_history(sample_db.sessions, mid)
    assert rows[0].action in ("deleted", "changed")
    assert any(r.action == "deleted" and r.label == items[1].title for r in rows)


def test_a_refused_change_leaves_no_entry(sample_db: Database) -> None:
    cid = _id(sample_db, Commitment, "forde-report")  # delivered: new promises are refused
    count = len(_entries(sample_db))
    with pytest.raises(Conflict):
        commitments.record_promise(sample_db.sessions, cid, PromiseFields(dt.date(2022, 8, 1)))
    assert len(_entries(sample_db)) == count


@pytest.mark.sqlite_only  # the refusing trigger is written in SQLite's dialect
def test_a_change_and_its_entry_are_one_transaction(sample_db: Database) -> None:
    """If writing the entry fails, the change is not written either."""
    cid = _id(sample_db, Commitment, "forde-report")
    with sample_db.engine.begin() as connection:  # a trigger that refuses audit entries
        connection.exec_driver_sql(
            "CREATE TRIGGER no_audit BEFORE INSERT ON audit_log"
            " BEGIN SELECT RAISE(ABORT, 'audit refused'); END"
        )
    with pytest.raises(Exception, match="audit refused"):
        commitments.add_note(sample_db.sessions, cid, dt.date(2022, 8, 1), "never kept")
    with sample_db.sessions.begin() as s:
        from db.models import Note

        assert s.scalar(select(func.count()).where(Note.text == "never kept")) == 0
