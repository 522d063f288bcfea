"""Bringing a database to the schema this Docket knows (Alembic, driven from code).

Alembic is imported only when a migration runs: opening a current record needs just the
revisions this Docket knows, which are read from the migration files' own
`revision = …` / `down_revision = …` lines (a command's start must not pay for Alembic).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

MIGRATIONS = Path(__file__).parent / "migrations"
_REVISION = re.compile(r"^revision\b[^=\n]*=\s*['\"]([^'\"]+)['\"]", re.MULTILINE)
_DOWN = re.compile(r"^down_revision\b[^=\n]*=\s*(?:None|['\"]([^'\"]+)['\"])\s*$", re.MULTILINE)


def alembic_config(url: str = "") -> Config:
    """Alembic's configuration, built in code so no alembic.ini has to be found on disk."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if url:
        config.set_main_option("sqlalchemy.url", url)
    return config


@cache
def _scripts() -> ScriptDirectory:
    # Read once per process: a command opening the record many times must stay quick.
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


@cache
def _chain() -> tuple[str, ...]:
    """Every revision, oldest first, from the files' own lines; Alembic's walk if they branch."""
    parents: dict[str, str | None] = {}
    for path in sorted((MIGRATIONS / "versions").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        revision, down = _REVISION.search(text), _DOWN.search(text)
        if revision is None:
            continue
        if down is None:
            return _alembic_chain()
        parents[revision[1]] = down[1]
    after = {parent: child for child, parent in parents.items()}
    chain: list[str] = []
    node = after.get(None)
    while node is not None and node not in chain:
        chain.append(node)
        node = after.get(node)
    if len(chain) != len(parents) or len(after) != len(parents):
        return _alembic_chain()  # a branch or merge: let Alembic walk it
    return tuple(chain)


def _alembic_chain() -> tuple[str, ...]:
    return tuple(rev.revision for rev in reversed(list(_scripts().walk_revisions())))


def head_revision() -> str | None:
    chain = _chain()
    return chain[-1] if chain else None


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate to `revision` in one transaction, on the engine's own connection settings."""
    from alembic import command

    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)


def is_known(revision: str) -> bool:
    """Whether this Docket has a migration with that id (a newer Docket may not)."""
    return revision in known_revisions()


def known_revisions() -> list[str]:
    """Every revision this Docket knows, oldest first."""
    return list(_chain())


def next_revision_id() -> str:
    """Revisions are numbered 0001, 0002, …: their order reads off the file names."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    numbers = [int(rev.revision) for rev in script.walk_revisions() if rev.revision.isdigit()]
    return f"{max(numbers, default=0) + 1:04d}"


def new_revision(message: str) -> None:
    """Autogenerate a migration by diffing the models against a scratch database at head."""
    import tempfile

    from alembic import command

    from db.engine import make_engine

    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{folder}/scratch.db")
        upgrade(engine)
        config = alembic_config()
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.revision(config, message=message, autogenerate=True, rev_id=next_revision_id())
        engine.dispose()


if __name__ == "__main__":
    import sys

    if len(sys.argv) != 2:
        sys.exit('usage: python -m db.migrate "what the migration does"')
    new_revision(sys.argv[1])
