"""The as-of query walks the ledger through its indexes (EXPLAIN QUERY PLAN, on a real record).

A plan that scans a table or a ranked list once per listed commitment was what made the
overdue list take seconds at 100,000 commitments; these keep the plans SQLite chooses.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Select

from app.safety.opening import Database, open_database
from app.transfer.record_io import import_file
from db.engine import resolve_url
from db.status import Filters, as_of_statement
from tests.perf.generate import generate

AS_OF = dt.date(2026, 11, 30)


@pytest.fixture(scope="module")
def record(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    folder = tmp_path_factory.mktemp("plans")
    source = folder / "record.json"
    generate(600, source)
    db = open_database(resolve_url(str(folder / "record.db")))
    import_file(db.sessions, Path(source))
    yield db
    db.close()


def plan(db: Database, stmt: Select[tuple[object, ...]]) -> list[str]:
    compiled = stmt.compile(db.engine, compile_kwargs={"literal_binds": True})
    with db.engine.connect() as connection:
        rows = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}").all()
    return [str(row[3]) for row in rows]


FILTERS = {
    "every commitment": Filters(),
    "overdue": Filters(states=("open",), target_before=AS_OF),
    "one body": Filters(body_id=1),
    "some commitments": Filters(commitment_ids=(1, 2, 3)),
}


@pytest.mark.parametrize("name", FILTERS)
def test_the_as_of_query_uses_the_ledger_s_indexes(record: Database, name: str) -> None:
    steps = plan(record, as_of_statement(AS_OF, FILTERS[name]))
    text = "\n".join(steps)
    # Each commitment's promises in order, through (commitment_id, recorded_on).
    assert "promises USING INDEX ix_promises_commitment_id_recorded_on" in text, text
    # Its latest note through (commitment_id, recorded_on), one look-up per commitment.
    assert "notes USING COVERING INDEX ix_notes_commitment_id_recorded_on" in text, text
    # Meetings moved later than the day, through (meeting_id, recorded_on).
    assert "meeting_changes USING INDEX ix_meeting_changes_meeting_id_recorded_on" in text
    # The listed commitment, its latest promise, body and owner: by primary key.
    for table in ("commitments", "last_promise", "bodies", "owners"):
        assert f"SEARCH {table} USING INTEGER PRIMARY KEY" in text, (table, text)
    # Notes are never read whole, and promises only once, in the index's order.
    scans = [s for s in steps if s.startswith("SCAN")]
    assert not [s for s in scans if "notes" in s], scans
    assert [s for s in scans if s.startswith("SCAN promises")] in (
        [],
        ["SCAN promises USING INDEX ix_promises_commitment_id_recorded_on"],
    ), scans


@pytest.mark.parametrize("name", ["overdue", "one body", "some commitments"])
def test_a_narrowed_list_walks_only_its_commitments_ledgers(record: Database, name: str) -> None:
    text = "\n".join(plan(record, as_of_statement(AS_OF, FILTERS[name])))
    assert (
        "SEARCH promises USING INDEX ix_promises_commitment_id_recorded_on (commitment_id=?" in text
    )
