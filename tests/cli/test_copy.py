"""`docket copy`: a record moves between a file and a server exactly (both export the same
file), never into a record that already holds one, and leaves private notes behind."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.papers.naming import subject_named
from app.papers.private_notes import write_private_note
from db.models import PrivateNote
from tests import postgres
from tests.builders import count, open_fresh
from tests.papers.files import write_pdf

needs_server = pytest.mark.skipif(
    postgres.server_url() is None, reason="DOCKET_TEST_POSTGRES names no server"
)


def test_sqlite_to_sqlite_is_exact_and_refuses_a_full_target(demo, run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pdf = write_pdf(tmp_path / "forde.pdf", ["The Forde Report"])
    assert demo("attach", str(pdf), "--to", "commitment:forde-report", "--evidence").returncode == 0
    source, target = tmp_path / "demo.db", tmp_path / "copy.db"
    mine = open_fresh(source)
    with mine.sessions() as s:
        forde = subject_named(s, "commitment:forde-report")
    write_private_note(mine.sessions, forde, "My own view of the chair")
    mine.close()
    done = run_cli("copy", "--from", str(source), "--to", str(target))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Copied 2 bodies, 7 meetings")
    assert "1 attached file" in done.stdout
    assert run_cli("--db", str(target), "export").stdout == demo("export").stdout
    copied = open_fresh(target)
    assert count(copied, PrivateNote) == 0  # private notes stay with their member
    copied.close()
    again = run_cli("copy", "--from", str(source), "--to", str(target))
    assert again.returncode == 1
    assert "already holds a record; copy into an empty database" in again.stderr
    same = run_cli("copy", "--from", str(source), "--to", str(source))
    assert same.returncode == 1
    assert "name the same record" in same.stderr


@needs_server
def test_sqlite_to_postgresql_and_back_gives_an_identical_export(
    demo, run_cli, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    pdf = write_pdf(tmp_path / "forde.pdf", ["The Forde Report"])
    assert demo("attach", str(pdf), "--to", "commitment:forde-report", "--evidence").returncode == 0
    first = demo("export").stdout
    with postgres.empty_database() as url:
        server = url.render_as_string(hide_password=False)
        to_server = run_cli("copy", "--from", str(tmp_path / "demo.db"), "--to", server)
        assert to_server.returncode == 0, to_server.stderr
        assert "***" in to_server.stdout  # the password is never printed
        assert run_cli("--db", server, "export").stdout == first
        back = tmp_path / "back.db"
        home = run_cli("copy", "--from", server, "--to", str(back))
        assert home.returncode == 0, home.stderr
    assert run_cli("--db", str(back), "export").stdout == first


@needs_server
def test_every_list_and_the_brief_are_the_same_on_both(demo, run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with postgres.empty_database() as url:
        server = url.render_as_string(hide_password=False)
        assert run_cli("copy", "--from", str(tmp_path / "demo.db"), "--to", server).returncode == 0
        for args in (
            ("overdue", "--as-of", "2022-03-29", "--format", "json"),
            ("due", "--as-of", "2022-01-10", "--within", "30", "--format", "json"),
            ("overdue", "--as-of", "2022-03-29", "--format", "csv"),
            ("overdue", "--as-of", "2022-03-29"),
            ("search", "Forde report", "--format", "json"),
        ):
            on_file, on_server = demo(*args), run_cli("--db", server, *args)
            assert on_file.returncode == on_server.returncode == 0, (args, on_server.stderr)
            if args[0] == "search":  # the same records found; only FTS5 ranks them
                same = sorted(map(str, json.loads(on_file.stdout)))
                assert sorted(map(str, json.loads(on_server.stdout))) == same
            else:
                assert on_file.stdout == on_server.stdout, args
        for where, name in ((None, "file.json"), (server, "server.json")):
            runner = demo if where is None else (lambda *a, w=where: run_cli("--db", w, *a))
            done = runner("brief", "nec-2022-03-29", "-o", str(tmp_path / name))
            assert done.returncode == 0, done.stderr
        brief_file = (tmp_path / "file.json").read_text()
        assert (tmp_path / "server.json").read_text() == brief_file
