"""The brief names its papers under each agenda item, and with --with-papers the PDF papers
follow it in one file, every page numbered in the whole."""

from __future__ import annotations

import subprocess
from pathlib import Path

from pypdf import PdfReader

from app.core.settings import Settings
from app.documents.briefs import brief_data, find_meeting, render_html
from app.papers import attachments as files
from app.papers.intake import size_words, take_in
from app.papers.naming import subject_named
from app.safety.opening import Database
from tests.builders import pdf_text
from tests.papers.files import write_encrypted_pdf, write_pdf


def attach(db: Database, path: Path, to: str, description: str = "") -> int:
    with db.sessions() as s:
        subject = subject_named(s, to)
    return files.attach(db.sessions, subject, take_in(path, 200), description=description)


def test_the_brief_names_each_items_papers(sample_db: Database, tmp_path: Path) -> None:
    attach(
        sample_db,
        write_pdf(tmp_path / "awl.pdf", ["Evidence"]),
        "agenda:nec-2022-03-29#1",
        "the case",
    )
    order = tmp_path / "agenda.txt"
    order.write_text("Order of business")
    attach(sample_db, order, "meeting:nec-2022-03-29")
    meeting = find_meeting(sample_db.sessions, "nec-2022-03-29")
    html = render_html(brief_data(sample_db.sessions, meeting, Settings()), with_charts=False)
    assert "Paper: awl.pdf (" in html
    assert "the case" in html
    assert "Meeting paper: agenda.txt (17 bytes)" in html


def test_papers_are_appended_with_page_numbers_running_through(demo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first = write_pdf(
        tmp_path / "awl.pdf", ["AWL paper page one", "AWL paper page two", "AWL paper page three"]
    )
    second = write_pdf(tmp_path / "forde.pdf", ["Letter from the inquiry chair"])
    locked = write_encrypted_pdf(tmp_path / "locked.pdf", "secret")
    for path, to in (
        (first, "agenda:nec-2022-03-29#1"),
        (second, "agenda:nec-2022-03-29#4"),
        (locked, "agenda:nec-2022-03-29#4"),
    ):
        assert demo("attach", str(path), "--to", to).returncode == 0
    alone, whole = tmp_path / "alone.pdf", tmp_path / "whole.pdf"
    assert demo("brief", "nec-2022-03-29", "-o", str(alone)).returncode == 0
    done = demo("brief", "nec-2022-03-29", "--with-papers", "-o", str(whole))
    assert done.returncode == 0, done.stderr
    brief_pages = len(PdfReader(alone).pages)
    total = brief_pages + 4
    assert len(PdfReader(whole).pages) == total
    assert done.stdout.strip() == f"Wrote {whole} ({total} pages)"
    text = " ".join(pdf_text(whole).split())
    awl, forde = size_words(first.stat().st_size), size_words(second.stat().st_size)
    assert f"Paper: awl.pdf ({awl}) — pages {brief_pages + 1}–{brief_pages + 3}" in text
    assert f"Paper: forde.pdf ({forde}) — page {brief_pages + 4}" in text
    assert "Paper: locked.pdf (" in text
    assert "— not appended: it is encrypted" in text
    assert f"Page 1 of {total}" in pdf_text(whole, 1)
    last = pdf_text(whole, total)
    assert "Letter from the inquiry chair" in last
    assert f"Page {total} of {total}" in last
    assert f"Page {brief_pages + 2} of {total}" in pdf_text(whole, brief_pages + 2)
    assert "AWL paper page two" in pdf_text(whole, brief_pages + 2)


def test_with_papers_needs_a_pdf_and_a_brief_without_papers_is_unchanged(
    demo, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    done = demo("brief", "nec-2022-03-29", "--with-papers", "-o", str(tmp_path / "b.html"))
    assert done.returncode == 2
    assert "--with-papers needs -o FILE.pdf" in done.stderr
    plain, asked = tmp_path / "plain.pdf", tmp_path / "asked.pdf"
    demo("brief", "nec-2022-03-29", "-o", str(plain))
    demo("brief", "nec-2022-03-29", "--with-papers", "-o", str(asked))
    assert len(PdfReader(asked).pages) == len(PdfReader(plain).pages)
    assert subprocess.run(
        ["pdftotext", str(asked), "-"], capture_output=True, text=True
    ).stdout == (
        subprocess.run(["pdftotext", str(plain), "-"], capture_output=True, text=True).stdout
    )
