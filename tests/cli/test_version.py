"""`docket --version` says the version and where the record and the log live (a bug report's first lines)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app import __version__
from app.cli.version import record_location
from db.engine import resolve_url, sqlite_path


def test_version_names_the_default_record_and_says_it_is_not_made_yet(
    run_cli, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("--version")
    assert result.returncode == 0, result.stderr
    first, record, log = result.stdout.splitlines()
    assert first == f"docket {__version__}"
    # run_cli points the user data folder at tmp_path/xdg.
    assert record == f"record: {tmp_path / 'xdg' / 'Docket' / 'docket.db'} (not created yet)"
    assert log.startswith("log:")
    assert log.endswith("docket.log")
    assert not (tmp_path / "xdg" / "Docket").exists()  # asking changes nothing


def test_version_follows_db_before_or_after_it(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    record = tmp_path / "nec.db"
    assert run_cli("--db", str(record), "init").returncode == 0
    for args in (("--db", str(record), "--version"), ("--version", "--db", str(record))):
        lines = run_cli(*args).stdout.splitlines()
        assert lines[1] == f"record: {record}"


def test_version_never_prints_a_password(run_cli) -> None:  # type: ignore[no-untyped-def]
    out = run_cli("--db", "postgresql://clerk:s3cret@db.example/docket", "--version").stdout
    assert "s3cret" not in out
    assert "record: postgresql://clerk:***@db.example/docket" in out


@pytest.mark.parametrize("given", [None, "rel/record.db", "~/x.db", "/abs/y.db"])
def test_the_place_it_prints_is_the_place_docket_opens(
    given: str | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("DOCKET_DB", raising=False)
    assert record_location(given) == str(sqlite_path(resolve_url(given)))
    monkeypatch.setenv("DOCKET_DB", str(tmp_path / "env.db"))
    assert record_location(None) == str(sqlite_path(resolve_url(None)))
