"""Connect to a Shared Database…: the address is tried first, kept without a password, and
then every command and the app use it unless --db or DOCKET_DB says otherwise."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from app.core.errors import DomainError, Invalid
from app.core.settings import Settings, load_settings, save_settings
from app.safety.opening import open_database
from app.transfer.record_io import load_sample
from tests import postgres
from ui.dialogs.connect_dialog import ConnectDialog, shared_url
from ui.store import Store


def test_an_address_is_never_kept_with_a_password(tmp_path: Path) -> None:
    with pytest.raises(Invalid, match="never keeps a password"):
        save_settings(Settings(shared_url="postgresql+psycopg://alice:secret@db/docket"))
    with pytest.raises(Invalid, match="postgresql"):
        save_settings(Settings(shared_url="mysql://db/docket"))
    with pytest.raises(DomainError, match="give the server, the database and your role"):
        shared_url("", 5432, "docket", "alice", "prefer")
    url = shared_url("db.example.org", 5433, "docket", "alice", "require")
    assert url.render_as_string(hide_password=False) == (
        "postgresql+psycopg://alice@db.example.org:5433/docket?sslmode=require"
    )


def test_an_unreachable_server_is_said_and_nothing_kept(qtbot: Any, store: Store) -> None:
    dialog = ConnectDialog(store)
    qtbot.addWidget(dialog)
    dialog.host.setText("127.0.0.1")
    dialog.port.setValue(1)  # nothing listens there
    dialog.database.setText("docket")
    dialog.role.setText("alice")
    dialog.connect_button.click()
    qtbot.waitUntil(lambda: dialog.message.text().startswith("Cannot connect:"), timeout=15_000)
    assert load_settings().shared_url == ""
    assert dialog.kept is None


@pytest.mark.skipif(postgres.server_url() is None, reason="DOCKET_TEST_POSTGRES names no server")
def test_a_kept_address_is_the_record_for_every_command(
    qtbot: Any, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = postgres.server_url()
    assert server is not None
    pgpass = tmp_path / "pgpass"  # the password lives here, never in Docket's settings
    pgpass.write_text(
        f"{server.host}:{server.port or 5432}:*:{server.username}:{server.password}\n"
    )
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    with postgres.empty_database() as url:
        owner = open_database(url)
        load_sample(owner)
        owner.close()
        dialog = ConnectDialog(store)
        qtbot.addWidget(dialog)
        dialog.host.setText(str(server.host))
        dialog.port.setValue(server.port or 5432)
        dialog.database.setText(str(url.database))
        dialog.role.setText(str(server.username))
        dialog.connect_button.click()
        qtbot.waitUntil(lambda: dialog.kept is not None, timeout=15_000)
        kept = json.loads(Path(os.environ["DOCKET_CONFIG"]).read_text())["shared_url"]
        assert kept.startswith(f"postgresql+psycopg://{server.username}@")
        assert f":{server.password}@" not in Path(os.environ["DOCKET_CONFIG"]).read_text()
        env = {k: v for k, v in os.environ.items() if k != "DOCKET_DB"}
        listed = subprocess.run(
            [sys.executable, "-m", "app.cli", "overdue", "--as-of", "2022-03-29", "--format", "json"],
            capture_output=True, text=True, env=env, timeout=120,
        )  # fmt: skip
        assert listed.returncode == 0, listed.stderr
        assert json.loads(listed.stdout)[0]["key"] == "forde-report"
