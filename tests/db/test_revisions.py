"""The revisions read cheaply from the migration files are Alembic's own, and cost no Alembic."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from db import migrate


def test_the_files_give_alembic_s_chain_and_head() -> None:
    alembic = migrate._alembic_chain()
    assert migrate.known_revisions() == list(alembic)
    assert migrate.head_revision() == migrate._scripts().get_current_head()
    assert migrate.is_known(alembic[0])
    assert not migrate.is_known("9999")


def test_a_branch_is_left_to_alembic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    versions = tmp_path / "versions"
    versions.mkdir()
    for name, revision, down in (("a", "1", None), ("b", "2", "1"), ("c", "3", "1")):
        (versions / f"{name}.py").write_text(
            f'revision: str = "{revision}"\ndown_revision: str | None = '
            + ("None" if down is None else f'"{down}"')
            + "\n",
            encoding="utf-8",
        )
    monkeypatch.setattr(migrate, "MIGRATIONS", tmp_path)
    monkeypatch.setattr(migrate, "_alembic_chain", lambda: ("from", "alembic"))
    migrate._chain.cache_clear()
    try:
        assert migrate._chain() == ("from", "alembic")
    finally:
        migrate._chain.cache_clear()


def test_knowing_the_head_imports_no_alembic() -> None:
    code = (
        "import sys; from db import migrate; migrate.head_revision(); migrate.is_known('0001');"
        " print('alembic' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
