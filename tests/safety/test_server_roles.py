"""Who may do what on a shared record is the server's to say: the roles of
resources/sql/roles.sql, as the README gives them, tried with real logins."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections.abc import Iterator
from importlib import resources

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL
from sqlalchemy.pool import NullPool

from app.core.errors import DomainError
from app.record.commitments import add_note
from app.safety.opening import open_database
from app.transfer.record_io import load_sample
from tests import postgres
from tests.builders import forde_report

pytestmark = pytest.mark.skipif(
    postgres.server_url() is None, reason="DOCKET_TEST_POSTGRES names no server"
)
SUFFIX = f"_{os.getpid()}"


def roles_sql(database: str) -> str:
    sql = (resources.files("resources") / "sql" / "roles.sql").read_text(encoding="utf-8")
    sql = sql.replace("docket_reader", f"docket_reader{SUFFIX}")
    sql = sql.replace("docket_editor", f"docket_editor{SUFFIX}")
    return sql.replace("DATABASE docket ", f'DATABASE "{database}" ')


@pytest.fixture
def shared() -> Iterator[tuple[URL, URL, URL]]:
    """A shared record with the sample, its roles, and an editor's and a reader's logins."""
    admin = create_engine(postgres.server_url(), poolclass=NullPool)  # type: ignore[arg-type]
    try:
        with postgres.empty_database() as owner:
            db = open_database(owner)
            load_sample(db)
            db.close()
            engine = create_engine(owner, poolclass=NullPool)
            with engine.begin() as conn:
                conn.execute(text(roles_sql(str(owner.database))))
                conn.execute(
                    text(
                        f"CREATE ROLE alice{SUFFIX} LOGIN PASSWORD 'a' IN ROLE docket_editor{SUFFIX}"
                    )
                )
                conn.execute(
                    text(
                        f"CREATE ROLE bob{SUFFIX} LOGIN PASSWORD 'b' IN ROLE docket_reader{SUFFIX}"
                    )
                )
            engine.dispose()
            yield (
                owner,
                owner.set(username=f"alice{SUFFIX}", password="a"),
                owner.set(username=f"bob{SUFFIX}", password="b"),
            )
    finally:  # the database is gone, and with it every right granted in it: the roles go
        with admin.begin() as conn:
            for role in ("alice", "bob", "docket_reader", "docket_editor"):
                conn.execute(text(f"DROP ROLE IF EXISTS {role}{SUFFIX}"))
        admin.dispose()


def test_a_reader_reads_everything_and_changes_nothing(shared: tuple[URL, URL, URL]) -> None:
    _owner, _alice, bob = shared
    db = open_database(bob)
    try:
        assert db.read_only  # the app disables every edit for this window
        forde = forde_report(db)
        with pytest.raises(DomainError, match="does not let your role change the record"):
            add_note(db.sessions, forde, dt.date(2022, 3, 30), "Chased", "")
    finally:
        db.close()
    url = bob.render_as_string(hide_password=False)
    listed = subprocess.run(
        [sys.executable, "-m", "app.cli", "--db", url, "overdue", "--as-of", "2022-03-29"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert listed.returncode == 0, listed.stderr
    assert "Forde Rep" in listed.stdout
    refused = subprocess.run(
        [sys.executable, "-m", "app.cli", "--db", url, "schedule", "NEC", "--until", "2030-12-31"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert refused.returncode == 1
    assert "does not let your role change the record" in refused.stderr
    assert refused.stderr.count("\n") == 1


def test_an_editor_records_and_is_named_for_it(shared: tuple[URL, URL, URL]) -> None:
    _owner, alice, _bob = shared
    db = open_database(alice)
    try:
        assert not db.read_only
        forde = forde_report(db)
        add_note(db.sessions, forde, dt.date(2022, 3, 30), "Chased by the secretary", "")
        with db.engine.connect() as conn:
            member = conn.execute(
                text("SELECT member FROM audit_log ORDER BY id DESC LIMIT 1")
            ).scalar()
            entered = conn.execute(
                text("SELECT entered_by FROM notes WHERE text = 'Chased by the secretary'")
            ).scalar()
        assert member == entered == f"alice{SUFFIX}"
    finally:
        db.close()


def test_only_the_owner_may_upgrade_the_schema(shared: tuple[URL, URL, URL]) -> None:
    owner, alice, _bob = shared
    from alembic import command

    from db import migrate

    engine = create_engine(owner, poolclass=NullPool)
    config = migrate.alembic_config()
    with engine.begin() as conn:  # as an older Docket left it
        config.attributes["connection"] = conn
        command.downgrade(config, "0004")
    engine.dispose()
    with pytest.raises(DomainError, match="only its owner may do; ask them to run `docket init`"):
        open_database(alice)
    db = open_database(owner)  # the owner brings it up to date
    db.close()
