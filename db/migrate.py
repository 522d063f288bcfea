"""Bringing a database to the schema this Docket knows (Alembic, driven from code)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(url: str = "") -> Config:
    """Alembic's configuration, built in code so no alembic.ini has to be found on disk."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if url:
        config.set_main_option("sqlalchemy.url", url)
    return config


@cache
def _scripts() -> ScriptDirectory:
    # Read once per process: a command opening the record many times must stay quick.
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str | None:
    return _scripts().get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate to `revision` in one transaction, on the engine's own connection settings."""
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)


def is_known(revision: str) -> bool:
    """Whether this Docket has a migration with that id (a newer Docket may not)."""
    return revision in known_revisions()


def known_revisions() -> list[str]:
    """Every revision this Docket knows, oldest first."""
    return [rev.revision for rev in reversed(list(_scripts().walk_revisions()))]


def next_revision_id() -> str:
    """Revisions are numbered 0001, 0002, …: their order reads off the file names."""
    script = ScriptDirectory.from_config(alembic_config())
    numbers = [int(rev.revision) for rev in script.walk_revisions() if rev.revision.isdigit()]
    return f"{max(numbers, default=0) + 1:04d}"


def new_revision(message: str) -> None:
    """Autogenerate a migration by diffing the models against a scratch database at head."""
    import tempfile

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
