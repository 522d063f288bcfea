"""Attached files travel in the interchange JSON and come back byte for byte; private notes
and removed files never leave the record; a damaged entry refuses the whole file."""

from __future__ import annotations

import base64
import copy
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from app.papers import attachments as files
from app.papers.intake import take_in
from app.papers.naming import subject_named
from app.papers.private_notes import write_private_note
from app.safety.opening import Database
from app.transfer.interchange import ImportRefused
from app.transfer.record_io import export_json, import_document
from tests.builders import open_fresh, snapshot
from tests.papers.files import write_pdf


def attach(db: Database, path: Path, to: str, role: str = "paper") -> int:
    with db.sessions() as s:
        subject = subject_named(s, to)
    return files.attach(db.sessions, subject, take_in(path, 200), role=role)


@pytest.fixture
def papered(sample_db: Database, tmp_path: Path) -> Database:
    report = write_pdf(tmp_path / "forde-report.pdf", ["The Forde Report", "Chapter two"])
    letter = tmp_path / "letter.txt"
    letter.write_text("Dear members, the report is largely completed.\n", encoding="utf-8")
    binary = tmp_path / "photo.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 5000)
    attach(sample_db, report, "commitment:forde-report", "evidence")
    attach(sample_db, letter, "promise:forde-report#3")
    attach(sample_db, binary, "agenda:nec-2022-03-29#4")
    attach(sample_db, letter, "note:forde-report#1")
    gone = attach(sample_db, letter, "meeting:nec-2022-03-29")
    files.remove(sample_db.sessions, gone)
    with sample_db.sessions() as s:
        forde = subject_named(s, "commitment:forde-report")
    write_private_note(sample_db.sessions, forde, "My own view: chase the general secretary")
    return sample_db


def test_export_import_export_gives_the_same_file_and_the_same_bytes(
    papered: Database, tmp_path: Path
) -> None:
    first = export_json(papered.sessions)
    doc = json.loads(first)
    assert [(a["to"], a["name"], a["role"]) for a in doc["attachments"]] == [
        ("commitment:forde-report", "forde-report.pdf", "evidence"),
        ("promise:forde-report#3", "letter.txt", "paper"),
        ("agenda:nec-2022-03-29#4", "photo.png", "paper"),
        ("note:forde-report#1", "letter.txt", "paper"),
    ]
    assert "chase the general secretary" not in first  # private notes stay home
    for entry in doc["attachments"]:
        raw = base64.b64decode(entry["content"])
        assert (len(raw), hashlib.sha256(raw).hexdigest()) == (entry["size"], entry["sha256"])
    other = open_fresh(tmp_path / "other.db")
    try:
        import_document(other.sessions, doc)
        assert export_json(other.sessions) == first
        with other.sessions() as s:
            report = files.attachments_of(s, subject_named(s, "commitment:forde-report"))
        assert report[0].text_status == "indexed"  # the text was read again from the bytes
    finally:
        other.close()


def bad(doc: dict[str, Any], change: dict[str, Any]) -> dict[str, Any]:
    broken = copy.deepcopy(doc)
    broken["attachments"][0].update(change)
    return broken


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"content": "not base64!!"}, "attachments[0].content: not base64"),
        ({"sha256": "0" * 64}, "attachments[0].sha256: the content's hash is"),
        ({"size": 1}, "attachments[0].size: 1, but the content holds"),
        (
            {"name": "../../report.pdf"},
            "attachments[0].name: '../../report.pdf' holds a path separator",
        ),
        (
            {"to": "commitment:no-such"},
            "attachments[0].to: no commitment 'no-such'",
        ),
        ({"to": "meeting:nec-2022-03-29"}, "attachments[0].role: only a commitment takes evidence"),
        ({"role": "trophy"}, "attachments[0].role: 'trophy' is not one of paper, evidence"),
        (
            {"to": "promise:forde-report#99", "role": "paper"},
            "attachments[0].to: commitment forde-report has 3 promises, not 99",
        ),
    ],
)
def test_a_damaged_attachment_refuses_the_whole_file(
    papered: Database, tmp_path: Path, change: dict[str, Any], words: str
) -> None:
    doc = bad(json.loads(export_json(papered.sessions)), change)
    other = open_fresh(tmp_path / "other.db")
    try:
        before = snapshot(other)
        with pytest.raises(ImportRefused) as refused:
            import_document(other.sessions, doc)
        assert words in str(refused.value)
        assert snapshot(other) == before
    finally:
        other.close()


def test_a_record_without_papers_exports_as_it_always_did(sample_db: Database) -> None:
    assert "attachments" not in json.loads(export_json(sample_db.sessions))
