"""The as-of statement's shape: its columns line up with LedgerRow, and it stays one query."""

from __future__ import annotations

import datetime as dt
from dataclasses import fields

from sqlalchemy import event

from app.core.settings import Settings
from app.ledger.standings import standings
from app.safety.opening import Database
from db.status import Filters, LedgerRow, as_of_statement


def test_selected_columns_are_the_ledger_row_fields_in_order() -> None:
    names = [
        column.name for column in as_of_statement(dt.date(2022, 3, 29), Filters()).selected_columns
    ]
    assert names == [f.name for f in fields(LedgerRow)]


def test_a_list_costs_a_bounded_number_of_queries(sample_db: Database) -> None:
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(sample_db.engine, "before_cursor_execute", count)
    try:
        found = standings(sample_db.sessions, dt.date(2022, 7, 20), Settings())
    finally:
        event.remove(sample_db.engine, "before_cursor_execute", count)
    assert len(found) == 3
    selects = [s for s in statements if s.lstrip().upper().startswith(("SELECT", "WITH"))]
    assert len(selects) == 1, selects


def test_names_match_in_any_case_beyond_ascii(db: Database) -> None:
    from app.ledger.standings import overdue
    from app.record.bodies import BodyFields, create_body
    from app.record.commitments import CommitmentFields, PromiseFields, create_commitment

    body = create_body(db.sessions, BodyFields("Comité exécutif national", "CÉN"))
    create_commitment(
        db.sessions,
        CommitmentFields("Rapport annuel", body, "Élodie Martin"),
        PromiseFields(dt.date(2022, 1, 1), dt.date(2022, 2, 1)),
    )
    day = dt.date(2022, 3, 1)
    for body_name in ("CÉN", "cén", "comité exécutif national"):
        assert [s.key for s in overdue(db.sessions, day, Settings(), body=body_name)] == [
            "rapport-annuel"
        ]
    for owner in ("Élodie Martin", "ÉLODIE MARTIN", "élodie martin"):
        assert [s.row.owner for s in overdue(db.sessions, day, Settings(), owner=owner)] == [
            "Élodie Martin"
        ]
