"""Meeting briefs: content, layout, safety against hostile text, printing, and the CLI."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from app.core.errors import DomainError, NotFound
from app.core.settings import Settings
from app.documents.briefs import brief_data, find_meeting, render_html
from app.record.commitments import CommitmentFields, PromiseFields, create_commitment
from app.record.meetings import MeetingFields, create_meeting
from app.safety.opening import Database
from db import queries
from db.models import Body
from tests.builders import pdf_info, pdf_text
from tests.print_queue import printed_pdfs, require_pdf_printer, wait_for_printed

MARCH = "nec-2022-03-29"


DEFAULTS = Settings()


def write(
    db: Database, tmp_path: Path, settings: Settings = DEFAULTS, name: str = "brief.pdf"
) -> Path:
    from ui.briefs import write_brief_pdf

    brief = brief_data(db.sessions, find_meeting(db.sessions, MARCH), settings)
    path = tmp_path / name
    write_brief_pdf(db.sessions, brief, path, paper=settings.paper)
    return path


def test_the_march_brief_puts_the_forde_report_in_front(
    sample_db: Database, tmp_path: Path
) -> None:
    path = write(sample_db, tmp_path)
    info = pdf_info(path)
    assert "A4" in info["Page size"]
    assert info["Pages"] == "2"
    first, second = pdf_text(path, 1), pdf_text(path, 2)
    for item in (
        "Proscription: Alliance for Workers' Liberty",
        "Proscription: Labour Left Alliance",
        "Proscription: Socialist Labour Network",
        "Calls to proscribe the Stop the War Coalition",
    ):
        assert item in first
    # Written before the meeting: its agenda, never its own outcomes, decisions or votes.
    assert "20 for" not in first
    assert "20–11" not in first
    assert "Decision:" not in first
    assert "Tuesday 29 March 2022, time to be confirmed" in first
    assert "1 overdue" in first
    # Matters arising starts its own page, grouped by reason, the Forde Report in front.
    assert second.lstrip().startswith("Matters arising")
    assert "Overdue (1)" in second
    assert "No date promised (1)" in second
    assert second.index("Forde Report shared with the NEC") < second.index("No date promised")
    assert "Overdue; slipped since the last meeting" in second
    assert "Slips: the date was put back 2 times" in second
    assert "2: the date was put back" not in second
    assert "622 days late against the first promise" in second
    assert "29 days late" in second
    assert "Martin Forde QC, 25 Jan 2022" in second
    assert "15 Jul 2020" in second
    for page, text in ((1, first), (2, second)):
        assert f"Page {page} of 2" in text
        assert "National Executive Committee · Tuesday 29 March 2022" in text


def test_what_falls_due_next_and_the_previous_decisions(sample_db: Database) -> None:
    nec = _body(sample_db, "nec")
    create_commitment(
        sample_db.sessions,
        CommitmentFields("Digital strategy paper", nec, "General Secretary"),
        PromiseFields(dt.date(2022, 3, 1), dt.date(2022, 5, 31)),
    )
    brief = brief_data(
        sample_db.sessions, find_meeting(sample_db.sessions, MARCH), Settings(),
        as_of=dt.date(2022, 3, 29),
    )  # fmt: skip
    assert [s.key for s in brief.due_next] == ["digital-strategy-paper"]
    july = brief_data(
        sample_db.sessions, find_meeting(sample_db.sessions, "nec-2022-07-19"), Settings()
    )
    assert [d.title for d in july.previous_decisions] == [
        "Proscription: Alliance for Workers' Liberty",
        "Proscription: Labour Left Alliance",
        "Proscription: Socialist Labour Network",
    ]
    assert [d.votes for d in july.previous_decisions] == ["20–11", "20–11", "19–11"]
    # By July the report was delivered: still arising, to be noted, with the paper due in
    # May and the visit that never had a date.
    assert [(m.key, m.reasons) for m in july.matters_arising] == [
        ("digital-strategy-paper", ("overdue",)),
        ("forde-chair-visit", ("open_ended",)),
        ("forde-report", ("closed",)),
    ]


def test_hostile_titles_appear_literally_and_load_nothing(
    sample_db: Database, tmp_path: Path
) -> None:
    nec = _body(sample_db, "nec")
    hostile = ['<img src="file:///etc/passwd">', "<b>bold</b> & <script>x</script>"]
    for title in hostile:
        create_commitment(
            sample_db.sessions,
            CommitmentFields(title, nec, "<i>owner</i>"),
            PromiseFields(
                dt.date(2022, 1, 1), dt.date(2022, 2, 1), source='<a href="http://x">s</a>'
            ),
        )
    brief = brief_data(sample_db.sessions, find_meeting(sample_db.sessions, MARCH), Settings())
    html = render_html(brief)
    assert "&lt;img src=&#34;file:///etc/passwd&#34;&gt;" in html
    assert '<img src="file' not in html
    assert "<script>" not in html
    requested: list[str] = []
    from ui import pdf

    original = pdf.SafeDocument.loadResource

    def spy(self, kind, name):  # type: ignore[no-untyped-def]
        requested.append(name.toString() if hasattr(name, "toString") else str(name))
        return original(self, kind, name)

    pdf.SafeDocument.loadResource = spy  # type: ignore[method-assign]
    try:
        path = write(sample_db, tmp_path)
    finally:
        pdf.SafeDocument.loadResource = original  # type: ignore[method-assign]
    text = pdf_text(path)
    for title in hostile:
        assert title in text
    assert "<i>owner</i>" in text
    assert all(name.startswith("docket-chart:/") for name in requested), requested


def test_the_document_refuses_files_and_urls() -> None:
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QTextDocument

    from ui.pdf import make_document

    document = make_document('<p>x</p><img src="file:///etc/hostname">')
    kind = QTextDocument.ResourceType.ImageResource.value
    for url in ("file:///etc/hostname", "http://example.org/x.png", "qrc:/x.png"):
        assert document.loadResource(kind, QUrl(url)) is None


def test_letter_paper_from_the_settings(sample_db: Database, tmp_path: Path) -> None:
    path = write(sample_db, tmp_path, Settings(paper="Letter"))
    assert "letter" in pdf_info(path)["Page size"].lower()


def test_meeting_found_by_key_or_date(sample_db: Database) -> None:
    march = find_meeting(sample_db.sessions, MARCH)
    assert find_meeting(sample_db.sessions, "2022-03-29") == march
    create_meeting(sample_db.sessions, MeetingFields(_body(sample_db, "dfp"), dt.date(2022, 3, 29)))
    with pytest.raises(DomainError, match=r"2 meetings on 29 Mar 2022 \(DFP, NEC\); add --body"):
        find_meeting(sample_db.sessions, "2022-03-29")
    assert find_meeting(sample_db.sessions, "2022-03-29", "NEC") == march
    with pytest.raises(NotFound, match="no meeting 'march'"):
        find_meeting(sample_db.sessions, "march")
    with pytest.raises(NotFound, match="no meeting on 30 Mar 2022"):
        find_meeting(sample_db.sessions, "2022-03-30")


def test_cli_writes_pdf_and_html(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "x.db"
    assert run_cli("--db", str(db), "demo").returncode == 0
    result = run_cli("--db", str(db), "brief", MARCH, "-o", str(tmp_path / "b.pdf"))
    assert result.returncode == 0, result.stderr
    assert "Matters arising" in pdf_text(tmp_path / "b.pdf")
    result = run_cli("--db", str(db), "brief", "2022-03-29", "-o", str(tmp_path / "b.html"))
    assert result.returncode == 0, result.stderr
    assert "<h2" in (tmp_path / "b.html").read_text(encoding="utf-8")


def test_cli_refusals_are_one_line_and_leave_no_file(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "x.db"
    assert run_cli("--db", str(db), "demo").returncode == 0
    # A second body meeting the same day makes the date ambiguous.
    doc = tmp_path / "dfp.json"
    doc.write_text(
        '{"docket": 1, "meetings": [{"key": "dfp-2022-03-29", "body": "dfp", "date": "2022-03-29"}]}'
    )
    assert run_cli("--db", str(db), "import", str(doc)).returncode == 0
    out = tmp_path / "b.pdf"
    cases = [
        (("brief", "nec-1999-01-01", "-o", str(out)), 1, "no meeting 'nec-1999-01-01'"),
        (("brief", "2022-03-29", "-o", str(out)), 1, "add --body"),
        (("brief", MARCH, "-o", str(tmp_path / "missing" / "b.pdf")), 1, "cannot write"),
        (("brief", MARCH, "-o", str(tmp_path / "b.docx")), 2, ".pdf, .html or .json"),
    ]
    for args, code, message in cases:
        result = run_cli("--db", str(db), *args)
        assert result.returncode == code, (args, result.stderr)
        assert result.stderr.count("\n") == 1, result.stderr
        assert message in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
    assert not out.exists()
    assert list(tmp_path.rglob("*.tmp")) == []
    ok = run_cli("--db", str(db), "brief", "2022-03-29", "--body", "NEC", "-o", str(out))
    assert ok.returncode == 0, ok.stderr


def test_a_brief_through_a_real_print_queue(sample_db: Database, qapp) -> None:  # type: ignore[no-untyped-def]
    require_pdf_printer()
    from PySide6.QtPrintSupport import QPrinter

    from ui.briefs import print_brief

    before = printed_pdfs()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPrinterName("PDF")
    assert printer.isValid()
    brief = brief_data(sample_db.sessions, find_meeting(sample_db.sessions, MARCH), Settings())
    assert print_brief(sample_db.sessions, brief, printer) == 2
    del printer  # ends the job
    printed = wait_for_printed(before)
    try:
        assert pdf_info(printed)["Pages"] == "2"
    finally:
        printed.unlink()  # the queue writes into the login home: leave nothing behind


def _body(db: Database, key: str) -> int:
    with db.sessions() as s:
        found = queries.id_by_key(s, Body, key)
    assert found is not None
    return found


def test_export_and_print_a_brief_from_the_meetings_view(
    qtbot, sample_db: Database, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QFileDialog

    from ui.store import Store
    from ui.views.meetings import MeetingsView

    store = Store(sample_db, settings=Settings())
    store.set_as_of(dt.date(2022, 3, 29))
    view = MeetingsView(store)
    qtbot.addWidget(view)
    view.reload()
    qtbot.waitUntil(lambda: view.is_loaded, timeout=10_000)
    assert view.select_key(MARCH)
    target = tmp_path / "march brief.pdf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF (*.pdf)")
    )
    assert view.export_brief_action.isEnabled()
    view.export_brief_action.trigger()
    qtbot.waitUntil(lambda: target.exists() and not store.busy, timeout=20_000)
    assert "Matters arising" in pdf_text(target)

    view.print_brief_action.trigger()
    preview = view.dialog
    assert preview is not None
    qtbot.waitUntil(preview.isVisible, timeout=10_000)
    preview.close()
    store.tasks.wait()


def test_slip_charts_for_any_key(db: Database, tmp_path: Path) -> None:
    """Keys with capitals and accents still get their chart (not a broken image)."""
    from app.record.bodies import BodyFields, create_body
    from app.record.commitments import record_promise
    from ui.briefs import chart_images

    body = create_body(db.sessions, BodyFields("Board", "B"))
    create_meeting(db.sessions, MeetingFields(body, dt.date(2022, 6, 1)), key="m")
    for key in ("Upper-Key", "café"):
        cid = create_commitment(
            db.sessions,
            CommitmentFields(key, body),
            PromiseFields(dt.date(2022, 1, 1), dt.date(2022, 2, 1)),
            key=key,
        )
        for month in (2, 3):
            record_promise(
                db.sessions,
                cid,
                PromiseFields(dt.date(2022, month, 2), dt.date(2022, month + 1, 1)),
            )
    brief = brief_data(db.sessions, find_meeting(db.sessions, "m"), Settings())
    images = chart_images(db.sessions, brief)
    from ui.pdf import make_document

    document = make_document(render_html(brief), images)
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QTextDocument

    kind = QTextDocument.ResourceType.ImageResource.value
    for key in ("Upper-Key", "café"):
        from app.documents.briefs import chart_name

        assert document.loadResource(kind, QUrl(chart_name(key))) is not None


def test_the_brief_as_json_for_scripts(demo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "march.json"
    result = demo("brief", MARCH, "-o", str(out))
    assert result.returncode == 0, result.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert (doc["meeting"], doc["date"], doc["status"], doc["as_of"]) == (
        MARCH,
        "2022-03-29",
        "scheduled",  # on its morning it had not sat yet
        "2022-03-29",
    )
    assert doc["previous_meeting"] == "nec-2022-01-25"
    forde = doc["matters_arising"][0]
    assert (forde["key"], forde["reasons"], forde["slips"], forde["days_overdue"]) == (
        "forde-report",
        ["overdue", "slipped"],
        2,
        29,
    )
    assert forde["target"] == "2022-02-28"
    assert doc["counts"]["overdue"] == 1
    # As of the day after the January meeting was moved, it still lay ahead.
    early = tmp_path / "jan.json"
    assert (
        demo("brief", "nec-2022-01-25", "--as-of", "2022-01-05", "-o", str(early)).returncode == 0
    )
    jan = json.loads(early.read_text(encoding="utf-8"))
    assert (jan["date"], jan["previous_meeting"]) == ("2022-01-18", "nec-2021-11-16")
