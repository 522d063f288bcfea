"""One search over the record: every kind of thing found, accents folded, typed text never
read as FTS5 syntax, the index in step with every write, and the same answers without it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import text

from app.core.errors import Invalid
from app.papers import attachments as files
from app.papers.intake import take_in
from app.papers.private_notes import write_private_note
from app.papers.search import parse, run
from app.papers.subjects import Subject
from app.record.commitments import (
    CommitmentFields,
    PromiseFields,
    create_commitment,
    delete_commitment,
    update_commitment,
)
from app.safety.opening import Database
from db import search_sqlite
from tests.builders import forde_report, new_nec
from tests.papers.files import write_pdf

D = dt.date


def kinds(db: Database, words: str, **options: object) -> list[tuple[str, str]]:
    return [(r.kind, r.plain()[0]) for r in run(db.sessions, words, **options)]  # type: ignore[arg-type]


def add(db: Database, title: str, *, details: str = "") -> int:
    return create_commitment(
        db.sessions,
        CommitmentFields(title=title, body_id=new_nec(db), details=details),
        PromiseFields(recorded_on=D(2022, 1, 10), target_date=D(2022, 3, 1)),
    )


def test_every_kind_of_record_is_found_with_its_words_marked(sample_db: Database) -> None:
    results = run(sample_db.sessions, "proscribe")
    assert {"agenda_item", "decision"} <= {r.kind for r in results}
    decision = next(r for r in results if r.kind == "decision" and "Left Alliance" in r.plain()[0])
    assert decision.plain(("[", "]")) == (
        "Proscription: Labour Left Alliance",
        "Labour Left Alliance [proscribed].",
    )
    assert decision.meeting_key == "nec-2022-03-29"
    agenda = next(r for r in results if r.kind == "agenda_item" and "War" in r.plain()[0])
    assert agenda.plain(("[", "]"))[0] == "Calls to [proscribe] the Stop the War Coalition"
    promise = next(r for r in run(sample_db.sessions, "largely completed") if r.kind == "promise")
    assert promise.commitment_key == "forde-report"
    assert promise.plain(("<", ">"))[1].count("<") == 2  # both words marked, once each
    assert any(r.kind == "note" for r in run(sample_db.sessions, "February ended"))
    assert any(r.kind == "meeting" for r in run(sample_db.sessions, "mid-July"))


@pytest.mark.sqlite_only  # ranking is FTS5's bm25; a server lists commitments first anyway
def test_the_commitment_itself_comes_first(sample_db: Database) -> None:
    first = run(sample_db.sessions, "Forde")[0]
    assert (first.kind, first.commitment_key) == ("commitment", "forde-report")


def test_accents_and_case_are_folded_both_ways(db: Database) -> None:
    add(db, "Résumé of complaints procedures")
    add(db, "Review of the Naïve budget", details="CAFÉ costs")
    assert kinds(db, "resume") == [("commitment", "Résumé of complaints procedures")]
    assert kinds(db, "RÉSUMÉ") == [("commitment", "Résumé of complaints procedures")]
    assert kinds(db, "naive cafe") == [("commitment", "Review of the Naïve budget")]
    assert kinds(db, "resum") == [("commitment", "Résumé of complaints procedures")]  # a prefix


def test_a_phrase_in_quotes_is_searched_as_a_phrase(db: Database) -> None:
    add(db, "Report shared with the NEC")
    add(db, "The NEC shared a report")
    assert kinds(db, "report shared") != []
    assert len(kinds(db, "report shared")) == 2
    assert kinds(db, '"report shared"') == [("commitment", "Report shared with the NEC")]


@pytest.mark.parametrize(
    "typed",
    [
        "NEAR(",
        "NEAR(forde report, 3)",
        "forde*",
        "*",
        '"',
        '"forde',
        "-forde",
        "forde -report",
        "OR",
        "forde OR",
        "AND NOT",
        "title:forde",
        "^forde",
        "{title body}: forde",
        "forde + report",
        "'; DROP TABLE commitments; --",
        "col\x00umn",
        "(((((",
        "forde" * 200,
    ],
)
def test_hostile_queries_are_searched_as_text_never_an_sqlite_error(
    sample_db: Database, typed: str
) -> None:
    if not any(ch.isalnum() for ch in typed):  # no word left to search for: said so
        with pytest.raises(Invalid, match="type a word to search for"):
            run(sample_db.sessions, typed)
        return
    results = run(sample_db.sessions, typed)
    assert isinstance(results, list)
    if "forde" in typed.lower() and "forde" * 2 not in typed:
        assert results, typed
    assert run(sample_db.sessions, "Forde")  # and the record still answers


def test_the_query_handed_to_fts5_quotes_every_word() -> None:
    assert parse('NEAR( forde "largely completed" OR -x*').fts() == (
        '"near"* "forde"* "or"* "x"* "largely completed"'
    )
    with pytest.raises(Invalid, match="type a word"):
        parse(' * - " ( ) ')
    with pytest.raises(Invalid, match="at most 16 words"):
        parse(" ".join(f"w{i}" for i in range(17)))


def test_a_word_only_inside_an_attached_pdf_is_found(sample_db: Database, tmp_path: Path) -> None:
    pdf = write_pdf(tmp_path / "report.pdf", ["Cover", "The culture of the party was toxic"])
    forde = Subject("commitment", forde_report(sample_db))
    files.attach(sample_db.sessions, forde, take_in(pdf, 200), role="evidence")
    (hit,) = run(sample_db.sessions, "toxic culture")
    assert (hit.kind, hit.plain()[0], hit.commitment_key) == (
        "attachment",
        "report.pdf",
        "forde-report",
    )
    assert "The [culture] of the party was [toxic]" in hit.plain(("[", "]"))[1]


def test_as_of_a_day_only_what_was_known_then_is_found(sample_db: Database) -> None:
    assert any(r.kind == "promise" for r in run(sample_db.sessions, "largely"))
    before = run(sample_db.sessions, "largely", as_of=D(2022, 1, 1))
    assert [r.kind for r in before] == []  # the letter came on 25 January 2022
    on_the_day = run(sample_db.sessions, "largely", as_of=D(2022, 1, 25))
    assert "promise" in {r.kind for r in on_the_day}


def test_the_index_follows_every_write_in_the_same_transaction(db: Database) -> None:
    cid = add(db, "Hire trainee organisers")
    assert kinds(db, "trainee")
    update_commitment(
        db.sessions, cid, CommitmentFields(title="Hire regional organisers", body_id=new_nec(db))
    )
    assert kinds(db, "trainee") == []
    assert kinds(db, "regional") == [("commitment", "Hire regional organisers")]
    write_private_note(db.sessions, Subject("commitment", cid), "Ask about the pay grades")
    assert [k for k, _ in kinds(db, "grades")] == ["private_note"]
    delete_commitment(db.sessions, cid)
    assert kinds(db, "regional") == []
    assert kinds(db, "grades") == []


@pytest.mark.sqlite_only  # the FTS5 index is SQLite's
def test_a_damaged_index_is_rebuilt_to_the_same_answers(sample_db: Database) -> None:
    words = ["forde", "proscribe", "largely", "mid-July", "trainee"]
    before = {w: kinds(sample_db, w) for w in words}
    with sample_db.engine.begin() as conn:
        conn.execute(text("DELETE FROM search_index WHERE rowid % 16 IN (1, 5, 6)"))
    assert kinds(sample_db, "trainee") == []
    with sample_db.engine.begin() as conn:
        search_sqlite.rebuild(conn)
    assert {w: kinds(sample_db, w) for w in words} == before


@pytest.mark.sqlite_only
def test_without_the_index_the_portable_search_finds_the_same_records(sample_db: Database) -> None:
    words = ["Forde report", "proscribed", "largely completed", "organisers"]
    with_index = {w: sorted(kinds(sample_db, w)) for w in words}
    with sample_db.engine.begin() as conn:
        for statement in search_sqlite.drop_ddl():
            conn.exec_driver_sql(statement)
    assert {w: sorted(kinds(sample_db, w)) for w in words} == with_index
