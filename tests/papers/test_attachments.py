"""Files kept in the record: attached whole or not at all, read back byte for byte, removed
undoably, carried by backups, and refused (changing nothing) when they should be."""

from __future__ import annotations

import datetime as dt
import hashlib
import stat
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.core.errors import DomainError, Invalid
from app.papers import attachments as files
from app.papers.intake import take_in
from app.papers.private_notes import private_note, write_private_note
from app.papers.search import run
from app.papers.subjects import Subject
from app.record import snapshots
from app.record.commitments import delete_commitment
from app.safety.opening import Database, back_up
from app.safety.restore import restore_record
from db.models import Attachment, AttachmentChunk, Meeting
from tests.builders import forde_report, id_of, new_meeting, new_nec, open_fresh, snapshot
from tests.papers.files import write_damaged_pdf, write_encrypted_pdf, write_pdf

LIMIT_MB = 200


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def stored(db: Database) -> tuple[int, int]:
    with db.sessions() as s:
        return (
            s.scalar(select(func.count()).select_from(Attachment)) or 0,
            s.scalar(select(func.count()).select_from(AttachmentChunk)) or 0,
        )


@pytest.fixture
def report(tmp_path: Path) -> Path:
    return write_pdf(
        tmp_path / "forde-report.pdf",
        ["The Forde Report", "Findings on the factionalism of staff", "Annex: résumé"],
    )


def test_a_pdf_is_attached_as_evidence_and_read_back_byte_for_byte(
    sample_db: Database, report: Path, tmp_path: Path
) -> None:
    forde = Subject("commitment", forde_report(sample_db))
    new_id = files.attach(
        sample_db.sessions, forde, take_in(report, LIMIT_MB), role="evidence",
        description="the report, 130 pages",
    )  # fmt: skip
    with sample_db.sessions() as s:
        (row,) = files.attachments_of(s, forde)
    assert (row.id, row.name, row.role, row.media_type) == (
        new_id, "forde-report.pdf", "evidence", "application/pdf",
    )  # fmt: skip
    assert (row.size, row.sha256, row.text_status) == (
        report.stat().st_size,
        sha(report),
        "indexed",
    )
    out = files.save_copy(sample_db.sessions, new_id, tmp_path / "copy.pdf")
    assert out.read_bytes() == report.read_bytes()
    viewer = files.open_copy(sample_db.sessions, new_id, tmp_path)
    assert viewer.name == "forde-report.pdf"
    assert sha(viewer) == sha(report)
    assert stat.S_IMODE(viewer.stat().st_mode) == stat.S_IRUSR  # the viewer cannot change it


def test_a_large_file_is_stored_in_chunks_and_streamed_back(db: Database, tmp_path: Path) -> None:
    meeting = Subject("meeting", new_meeting(db, new_nec(db), dt.date(2022, 3, 29)))
    big = tmp_path / "papers.bin"
    big.write_bytes(bytes(range(256)) * (4096 * 3 + 7))  # 3 MiB and a bit
    new_id = files.attach(db.sessions, meeting, take_in(big, LIMIT_MB))
    assert stored(db) == (1, 4)
    with db.sessions() as s:
        sizes = [len(part) for part in files.chunks(s, new_id)]
    assert sizes == [1024 * 1024] * 3 + [256 * 7]
    assert sha(files.save_copy(db.sessions, new_id, tmp_path)) == sha(big)


def test_removing_hides_the_file_and_undo_puts_it_back(sample_db: Database, report: Path) -> None:
    forde = Subject("commitment", forde_report(sample_db))
    new_id = files.attach(sample_db.sessions, forde, take_in(report, LIMIT_MB))
    assert [r.kind for r in run(sample_db.sessions, "factionalism")] == ["attachment"]
    files.remove(sample_db.sessions, new_id)
    with sample_db.sessions() as s:
        assert files.attachments_of(s, forde) == []
    assert run(sample_db.sessions, "factionalism") == []
    files.restore(sample_db.sessions, new_id)
    with sample_db.sessions() as s:
        assert [r.id for r in files.attachments_of(s, forde)] == [new_id]
    assert [r.kind for r in run(sample_db.sessions, "factionalism")] == ["attachment"]
    files.remove(sample_db.sessions, new_id)
    assert files.purge_removed(sample_db.sessions) == 1
    assert stored(sample_db) == (0, 0)


def test_the_log_keeps_who_attached_and_removed_a_file(sample_db: Database, report: Path) -> None:
    from db.models import AuditEntry

    forde_id = forde_report(sample_db)
    new_id = files.attach(
        sample_db.sessions, Subject("commitment", forde_id), take_in(report, LIMIT_MB)
    )
    files.remove(sample_db.sessions, new_id)
    with sample_db.sessions() as s:
        logged = s.execute(
            select(AuditEntry.action, AuditEntry.field, AuditEntry.subject_id, AuditEntry.os_user)
            .where(AuditEntry.table_name == "attachments")
            .order_by(AuditEntry.id)
        ).all()
    assert [(a, f, subject) for a, f, subject, _who in logged] == [
        ("created", None, forde_id), ("changed", "removed_at", forde_id),
    ]  # fmt: skip
    assert all(who for *_rest, who in logged)
    with sample_db.sessions() as s:
        created = s.scalar(
            select(AuditEntry.new_value).where(
                AuditEntry.table_name == "attachments", AuditEntry.action == "created"
            )
        )
    assert '"sha256"' in created
    assert '"text"' not in created  # the PDF's words are not copied into the log


def test_undoing_a_deleted_commitment_brings_back_its_files_and_private_note(
    sample_db: Database, report: Path, tmp_path: Path
) -> None:
    forde = Subject("commitment", forde_report(sample_db))
    new_id = files.attach(sample_db.sessions, forde, take_in(report, LIMIT_MB))
    write_private_note(sample_db.sessions, forde, "Ask the chair about the annex")
    kept = snapshots.commitment(sample_db.sessions, forde.id)
    delete_commitment(sample_db.sessions, forde.id)
    assert stored(sample_db) == (0, 0)
    snapshots.restore(sample_db.sessions, kept)
    assert sha(files.save_copy(sample_db.sessions, new_id, tmp_path / "back.pdf")) == sha(report)
    with sample_db.sessions() as s:
        assert private_note(s, forde) == "Ask the chair about the annex"
    assert {r.kind for r in run(sample_db.sessions, "annex")} == {"attachment", "private_note"}


@pytest.mark.sqlite_only  # a server keeps its own backups
def test_a_backup_holds_the_files_and_restoring_it_gives_them_back(
    sample_db: Database, report: Path, tmp_path: Path
) -> None:
    forde = Subject("commitment", forde_report(sample_db))
    new_id = files.attach(sample_db.sessions, forde, take_in(report, LIMIT_MB))
    path = Path(str(sample_db.engine.url.database))
    backup = back_up(sample_db.engine.url, tmp_path / "kept.db")
    files.remove(sample_db.sessions, new_id)
    files.purge_removed(sample_db.sessions)
    url = sample_db.engine.url
    sample_db.close()
    restore_record(url, backup)
    again = open_fresh(path)
    try:
        out = files.save_copy(again.sessions, new_id, tmp_path / "restored.pdf")
        assert sha(out) == sha(report)
    finally:
        again.close()


def test_unreadable_pdfs_are_attached_but_say_why_their_text_is_not_searched(
    sample_db: Database, tmp_path: Path
) -> None:
    forde = Subject("commitment", forde_report(sample_db))
    for path, status in (
        (write_encrypted_pdf(tmp_path / "locked.pdf", "hidden words"), "encrypted"),
        (write_damaged_pdf(tmp_path / "broken.pdf"), "damaged"),
    ):
        intake = take_in(path, LIMIT_MB)
        assert intake.extracted.status == status
        files.attach(sample_db.sessions, forde, intake)
    with sample_db.sessions() as s:
        assert [r.text_status for r in files.attachments_of(s, forde)] == ["encrypted", "damaged"]
    assert run(sample_db.sessions, "hidden") == []


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("../../etc/passwd", "path separator"),
        ("minutes\\march.pdf", "path separator"),
        ("minutes\x07.pdf", "control characters"),
        ("evil\u202egpj.pdf", "control characters"),
        ("", "needs a name"),
    ],
)
def test_a_bad_name_is_refused_before_anything_is_read(
    tmp_path: Path, report: Path, name: str, words: str
) -> None:
    with pytest.raises(Invalid, match=words):
        take_in(report, LIMIT_MB, name=name)


def test_refusals_leave_the_record_exactly_as_it_was(
    sample_db: Database, report: Path, tmp_path: Path
) -> None:
    forde = Subject("commitment", forde_report(sample_db))
    big = tmp_path / "big.bin"
    big.write_bytes(b"\0" * (1024 * 1024 + 1))
    before = snapshot(sample_db)
    with pytest.raises(DomainError, match="files over 1 MB are not attached"):
        take_in(big, 1)
    with pytest.raises(DomainError, match="no such file"):
        take_in(tmp_path / "missing.pdf", LIMIT_MB)
    with pytest.raises(DomainError, match="is a folder"):
        take_in(tmp_path, LIMIT_MB)
    changing = take_in(report, LIMIT_MB)
    report.write_bytes(report.read_bytes() + b"% a later edit\n")
    with pytest.raises(DomainError, match="changed while it was being attached"):
        files.attach(sample_db.sessions, forde, changing)
    meeting = Subject("meeting", id_of(sample_db, Meeting, "nec-2022-03-29"))
    fresh = take_in(report, LIMIT_MB)
    with pytest.raises(Invalid, match="only a commitment's delivery takes evidence"):
        files.attach(sample_db.sessions, meeting, fresh, role="evidence")
    with pytest.raises(DomainError, match="no commitment with id 9999"):
        files.attach(sample_db.sessions, Subject("commitment", 9999), fresh)
    assert snapshot(sample_db) == before


def test_private_notes_are_written_replaced_and_removed(sample_db: Database) -> None:
    forde = Subject("commitment", forde_report(sample_db))
    assert write_private_note(sample_db.sessions, forde, "  Chase in March ") is None
    assert write_private_note(sample_db.sessions, forde, "Chase in April") == "Chase in March"
    with sample_db.sessions() as s:
        assert private_note(s, forde) == "Chase in April"
    write_private_note(sample_db.sessions, forde, "")
    with sample_db.sessions() as s:
        assert private_note(s, forde) is None
