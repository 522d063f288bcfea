"""The command line as scripts see it: a real `docket` subprocess on a real file."""

from __future__ import annotations

import json
from pathlib import Path


def test_version_and_help(run_cli) -> None:  # type: ignore[no-untyped-def]
    version = run_cli("--version")
    assert version.returncode == 0
    assert version.stdout.startswith("docket 0.")
    helped = run_cli("--help")
    assert helped.returncode == 0
    for command in ("init", "demo", "import", "export"):
        assert command in helped.stdout


def test_init_creates_the_database(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "fresh.db"
    result = run_cli("--db", str(path), "init")
    assert result.returncode == 0, result.stderr
    assert path.exists()
    assert str(path) in result.stdout
    again = run_cli("--db", str(path), "init")
    assert again.returncode == 0, again.stderr


def test_demo_then_export_prints_the_forde_story(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "x.db"
    demo = run_cli("--db", str(path), "demo")
    assert demo.returncode == 0, demo.stderr
    assert "3 commitments" in demo.stdout
    exported = run_cli("--db", str(path), "export", "--format", "json")
    assert exported.returncode == 0, exported.stderr
    doc = json.loads(exported.stdout)
    assert doc["docket"] == 1
    forde = [p for p in doc["promises"] if p["commitment"] == "forde-report"]
    assert [p["target"] for p in forde] == [
        {"date": "2020-07-15"},
        {"meeting": "nec-2022-01-25"},
        {"date": "2022-02-28"},
    ]
    notes = [n for n in doc["notes"] if n["commitment"] == "forde-report"]
    assert any("largely completed" in n["text"] for n in notes)
    report = next(c for c in doc["commitments"] if c["key"] == "forde-report")
    assert (report["status"], report["status_on"]) == ("delivered", "2022-07-19")


def test_demo_twice_is_refused_cleanly(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "x.db"
    assert run_cli("--db", str(path), "demo").returncode == 0
    again = run_cli("--db", str(path), "demo")
    assert again.returncode == 1
    assert again.stderr.count("\n") == 1
    assert "already loaded" in again.stderr


def test_export_to_a_file_and_import_elsewhere(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source, copy, out, out2 = (tmp_path / n for n in ("a.db", "b.db", "a.json", "b.json"))
    assert run_cli("--db", str(source), "demo").returncode == 0
    assert run_cli("--db", str(source), "export", "-o", str(out)).returncode == 0
    dry = run_cli("--db", str(copy), "import", str(out), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "Would import" in dry.stdout
    assert not copy.exists()
    imported = run_cli("--db", str(copy), "import", str(out))
    assert imported.returncode == 0, imported.stderr
    assert run_cli("--db", str(copy), "export", "-o", str(out2)).returncode == 0
    assert out.read_bytes() == out2.read_bytes()


def test_db_from_environment_variable(run_cli, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import os
    import subprocess
    import sys

    path = tmp_path / "env.db"
    env = {**os.environ, "DOCKET_DB": str(path)}
    result = subprocess.run(
        [sys.executable, "-m", "app.cli", "init"], capture_output=True, text=True, env=env
    )
    assert result.returncode == 0, result.stderr
    assert path.exists()


def test_bad_import_changes_nothing(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "x.db"
    assert run_cli("--db", str(path), "demo").returncode == 0
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps(
            {
                "docket": 1,
                "notes": [{"commitment": "forde", "recorded_on": "2022-03-01", "text": "x"}],
            }
        )
    )
    before = path.read_bytes()
    result = run_cli("--db", str(path), "import", str(bad))
    assert result.returncode == 1
    assert result.stderr == "docket: import refused: notes[0].commitment: no commitment 'forde'\n"
    assert "Traceback" not in result.stderr
    assert path.read_bytes() == before


def test_refused_import_into_a_new_path_creates_no_database(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "new.db"
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    result = run_cli("--db", str(path), "import", str(bad))
    assert result.returncode == 1
    assert "not valid JSON (line 1" in result.stderr
    assert not path.exists()


def test_usage_errors_exit_2_with_one_line(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for args in (("frobnicate",), ("export", "--format", "yaml"), ("import",)):
        result = run_cli("--db", str(tmp_path / "x.db"), *args)
        assert result.returncode == 2, args
        assert result.stderr.count("\n") == 1, result.stderr
        assert result.stderr.startswith("docket: ")


def test_failures_exit_1_with_one_line(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    missing_db = run_cli("--db", str(tmp_path / "none.db"), "export")
    assert missing_db.returncode == 1
    assert "no database at" in missing_db.stderr
    missing_file = run_cli("--db", str(tmp_path / "x.db"), "import", str(tmp_path / "nope.json"))
    assert missing_file.returncode == 1
    assert "no such file" in missing_file.stderr
    not_a_db = tmp_path / "text.db"
    not_a_db.write_text("hello\n" * 1000)
    refused = run_cli("--db", str(not_a_db), "export")
    assert refused.returncode == 1
    assert "cannot be opened" in refused.stderr
    assert not_a_db.read_text() == "hello\n" * 1000
    for result in (missing_db, missing_file, refused):
        assert result.stderr.count("\n") == 1
        assert "Traceback" not in result.stderr


def test_export_to_an_unwritable_place_keeps_the_old_file(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "x.db"
    assert run_cli("--db", str(path), "demo").returncode == 0
    result = run_cli("--db", str(path), "export", "-o", str(tmp_path / "no" / "such" / "dir.json"))
    assert result.returncode == 1
    assert "cannot write" in result.stderr
    assert list(tmp_path.glob("**/.*.tmp")) == []


def test_no_display_and_missing_driver_are_one_line_failures(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    db = str(tmp_path / "x.db")
    for args, message in (
        (["--db", db], "no display"),
        # pg8000 is a PostgreSQL driver Docket does not install (it uses psycopg).
        (["--db", "postgresql+pg8000://user@localhost/docket", "init"], "driver is not installed"),
    ):
        result = subprocess.run(
            [sys.executable, "-m", "app.cli", *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
        assert result.returncode == 1, result.stderr
        assert result.stderr.count("\n") == 1
        assert message in result.stderr


def test_no_output_may_overwrite_the_record(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "x.db"
    assert run_cli("--db", str(db), "demo").returncode == 0
    before = db.read_bytes()
    link = tmp_path / "link.db"
    link.hardlink_to(db)
    for args in (
        ("overdue", "-o", str(db)),
        ("overdue", "--format", "csv", "-o", str(link)),
        ("export", "-o", str(tmp_path / "x.db-wal")),
        ("export", "-o", str(tmp_path / "x.db.lock")),
        ("brief", "nec-2022-03-29", "-o", str(tmp_path / "x.db-shm")),
        ("backup", "-o", str(db)),
    ):
        result = run_cli("--db", str(db), *args)
        assert result.returncode == 1, (args, result.stderr)
        assert "is part of the record itself" in result.stderr
    assert db.read_bytes() == before
    assert run_cli("--db", str(db), "check").returncode == 0


def test_restoring_todays_backup_keeps_that_backup(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt
    import os

    db = tmp_path / "r.db"
    assert run_cli("--db", str(db), "demo").returncode == 0
    assert run_cli("--db", str(db), "backup").returncode == 0
    backups = Path(os.environ["DOCKET_BACKUP_DIR"])
    [taken] = list(backups.rglob("r-*-manual.db"))
    # Make it the day's earliest, as a morning backup would be.
    earlier = taken.with_name(f"r-{dt.date.today():%Y%m%d}-000001-daily.db")
    taken.rename(earlier)
    result = run_cli("--db", str(db), "restore", str(earlier))
    assert result.returncode == 0, result.stderr
    assert earlier.exists()
    assert any(p.name.endswith("-before-restore.db") for p in backups.rglob("*.db"))


def test_every_command_has_a_help_page_that_says_what_it_does(run_cli) -> None:  # type: ignore[no-untyped-def]
    for command in ("init", "demo", "import", "export", "overdue", "due", "brief", "check"):
        page = run_cli(command, "--help")
        assert page.returncode == 0, page.stderr
        lines = page.stdout.splitlines()
        # usage line(s), a blank line, then the one-line description
        description = lines[lines.index("") + 1]
        assert description, (command, page.stdout)
        assert description[0].isupper(), (command, page.stdout)


def test_db_may_follow_the_command(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "x.db"
    assert run_cli("demo", "--db", str(path)).returncode == 0
    after = run_cli("overdue", "--as-of", "2022-03-29", "--db", str(path), "--format", "json")
    before = run_cli("--db", str(path), "overdue", "--as-of", "2022-03-29", "--format", "json")
    assert after.returncode == 0, after.stderr
    assert after.stdout == before.stdout
    assert "forde-report" in after.stdout


def test_an_unknown_output_suffix_is_refused_and_nothing_is_written(
    run_cli, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "x.db"
    assert run_cli("--db", str(path), "demo").returncode == 0
    for name in ("list.docx", "list"):
        out = tmp_path / name
        result = run_cli("--db", str(path), "overdue", "--as-of", "2022-03-29", "-o", str(out))
        assert result.returncode == 2
        assert result.stderr.count("\n") == 1
        assert "cannot write" in result.stderr
        assert not out.exists()
    text = tmp_path / "list.txt"
    result = run_cli("--db", str(path), "overdue", "--as-of", "2022-03-29", "-o", str(text))
    assert result.returncode == 0, result.stderr
    assert "Forde Report" in text.read_text(encoding="utf-8")
