"""`docket attach` and `docket search` as a member's scripts run them: real processes."""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

from tests.papers.files import write_pdf


def test_attach_then_find_a_phrase_from_inside_the_report(demo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pdf = write_pdf(tmp_path / "forde.pdf", ["The Forde Report", "Hostility between factions"])
    done = demo("attach", str(pdf), "--to", "commitment:forde-report", "--evidence")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Attached forde.pdf (")
    assert "its text is searchable" in done.stdout
    found = demo("search", "hostility factions", "--format", "json")
    assert found.returncode == 0, found.stderr
    (hit,) = json.loads(found.stdout)
    assert (hit["kind"], hit["title"], hit["commitment"]) == (
        "attachment",
        "forde.pdf",
        "forde-report",
    )
    table = demo("search", "hostility")
    assert "[Hostility] between factions" in table.stdout


def test_search_refusals_are_one_line(demo) -> None:  # type: ignore[no-untyped-def]
    for args, words in (
        (("search", "* - ("), "type a word to search for"),
        (("search", "forde", "--limit", "0"), "--limit must be between 1 and 1000"),
        (("attach", "nothing.pdf", "--to", "commitment:forde-report"), "nothing.pdf: no such file"),
        (("attach", __file__, "--to", "meeting:nope"), "no meeting with key 'nope'"),
        (("attach", __file__, "--to", "agenda:nec-2022-03-29"), "say which one with #N"),
    ):
        done = demo(*args)
        assert done.returncode in (1, 2), args
        assert words in done.stderr, (args, done.stderr)
        assert done.stderr.count("\n") == 1
        assert "Traceback" not in done.stderr
    assert "Nothing found for 'zzzzqqq'." in demo("search", "zzzzqqq").stdout


def test_a_disk_that_fills_mid_copy_leaves_the_record_as_it_was(demo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    record = tmp_path / "demo.db"
    before = demo("export").stdout
    big = tmp_path / "big.bin"
    big.write_bytes(os.urandom(6 * 1024 * 1024))
    limit = record.stat().st_size + 2 * 1024 * 1024  # room for the record, not for the file

    def small_disk() -> None:
        signal.signal(
            signal.SIGXFSZ, signal.SIG_IGN
        )  # a write past the limit fails, as on a full disk
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "xdg")}
    done = subprocess.run(
        [sys.executable, "-m", "app.cli", "--db", str(record), "attach", str(big), "--to", "meeting:nec-2022-03-29"],
        capture_output=True, text=True, env=env, preexec_fn=small_disk, timeout=120,
    )  # fmt: skip
    assert done.returncode == 1, done.stdout
    assert done.stderr.startswith("docket: big.bin could not be stored: the disk is full")
    assert done.stderr.rstrip().endswith("nothing was attached")
    assert done.stderr.count("\n") == 1
    assert "Traceback" not in done.stderr
    assert demo("export").stdout == before
    assert demo("check").returncode == 0
    assert demo("search", "anything").returncode == 0


def test_check_repair_index_rebuilds_a_damaged_index(demo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import sqlite3

    assert "forde-report" in demo("search", "Forde").stdout
    with sqlite3.connect(tmp_path / "demo.db") as conn:
        conn.execute("DELETE FROM search_index")
    assert "Nothing found" in demo("search", "Forde").stdout
    done = demo("check", "--repair-index")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Rebuilt the search index: ")
    assert "forde-report" in demo("search", "Forde").stdout


def test_a_record_with_papers_round_trips_through_a_file(demo, run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pdf = write_pdf(tmp_path / "forde.pdf", ["The Forde Report"])
    assert demo("attach", str(pdf), "--to", "commitment:forde-report", "--evidence").returncode == 0
    first = tmp_path / "first.json"
    assert demo("export", "-o", str(first)).returncode == 0
    other = tmp_path / "other.db"
    done = run_cli("--db", str(other), "import", str(first))
    assert done.returncode == 0, done.stderr
    assert "1 attached file" in done.stdout
    again = run_cli("--db", str(other), "export").stdout
    assert again == first.read_text(encoding="utf-8")
    found = json.loads(
        run_cli("--db", str(other), "search", "Forde Report", "--format", "json").stdout
    )
    assert "forde.pdf" in [hit["title"] for hit in found]
