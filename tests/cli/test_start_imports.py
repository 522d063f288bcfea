"""A command imports only what it needs: no Qt, openpyxl, icalendar, Jinja2 or Alembic to start."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("PySide6", "shiboken6", "openpyxl", "icalendar", "jinja2", "alembic", "mako")


def _imported(tmp_path: Path, *argv: str) -> list[str]:
    code = (
        "import json, sys\n"
        "from app.cli.main import main\n"
        f"code = main({list(argv)!r})\n"
        f"heavy = sorted({{m.split('.')[0] for m in sys.modules}} & set({list(HEAVY)!r}))\n"
        "print(json.dumps([code, heavy]), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, cwd=tmp_path
    )
    code_and_heavy = json.loads(done.stderr.strip().splitlines()[-1])
    assert code_and_heavy[0] == 0, done.stderr
    return list(code_and_heavy[1])


def test_reading_a_command_line_imports_no_database_code_and_nothing_heavy() -> None:
    code = (
        "import json, sys; from app.cli.main import build_parser; build_parser()\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(json.loads(done.stdout))
    assert loaded.isdisjoint(HEAVY), loaded & set(HEAVY)
    assert "sqlalchemy" not in loaded  # `docket --version` needs none of it


@pytest.mark.parametrize("fmt", ["csv", "json", "table"])
def test_the_overdue_list_of_a_current_record_imports_nothing_heavy(
    tmp_path: Path, fmt: str
) -> None:
    record = str(tmp_path / "record.db")
    subprocess.run(
        [sys.executable, "-m", "app.cli", "--db", record, "init"], check=True, capture_output=True
    )
    assert (
        _imported(tmp_path, "--db", record, "overdue", "--as-of", "2022-03-29", "--format", fmt)
        == []
    )
