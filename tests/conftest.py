"""Shared fixtures: a real SQLite file per test, migrated to head, optionally with the sample."""

from __future__ import annotations

import json
import os
import tempfile

# Qt must know it is headless before any QApplication exists (docs/architecture.md). Its
# headless screen is 800x600 by default, smaller than Docket's smallest window: give the
# tests a 1600x1000 one, as a laptop has.
if os.environ.setdefault("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    _screen = {"name": "tests", "x": 0, "y": 0, "width": 1600, "height": 1000,
               "logicalDpi": 96, "dpr": 1}  # fmt: skip
    _config = os.path.join(tempfile.mkdtemp(prefix="docket-tests-"), "screen.json")
    with open(_config, "w", encoding="utf-8") as _file:
        json.dump({"screens": [_screen]}, _file)
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_config}"

import datetime as dt
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import Engine

from app.core.settings import Settings
from app.safety.opening import Database, open_database
from app.transfer.record_io import load_sample
from db import migrate
from db.engine import make_engine, resolve_url
from tests import postgres

if TYPE_CHECKING:
    from ui.store import Store


@pytest.fixture(autouse=True)
def _private_folders(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Backups, settings and window state written by tests stay out of the user's folders."""
    from PySide6.QtCore import QCoreApplication, QSettings

    home = tmp_path_factory.mktemp("home")  # beside tmp_path, which tests expect empty
    monkeypatch.setenv("HOME", str(home))
    for name, folder in (
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_CACHE_HOME", ".cache"),
        ("XDG_STATE_HOME", ".local/state"),
    ):
        monkeypatch.setenv(name, str(home / folder))
    monkeypatch.setenv("DOCKET_BACKUP_DIR", str(tmp_path / "backups"))
    monkeypatch.setenv("DOCKET_CONFIG", str(tmp_path / "settings.json"))
    QCoreApplication.setOrganizationName("DocketTests")
    QCoreApplication.setApplicationName("Docket")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qs"))


@pytest.fixture(scope="session")
def qapp(qapp):  # type: ignore[no-untyped-def]
    """pytest-qt's QApplication, collecting garbage on the UI thread only, as the app does."""
    from ui.collector import collect_on_ui_thread

    collect_on_ui_thread(qapp)
    return qapp


@pytest.fixture(autouse=True)
def _background_work_done() -> Iterator[None]:
    """No background read may outlive its test: its callbacks would reach deleted widgets."""
    yield
    _wait_for_background_work()


def _wait_for_background_work() -> None:
    if "ui.store" in sys.modules:
        from PySide6.QtCore import QCoreApplication

        sys.modules["ui.store"].Store.wait_for_all()
        if QCoreApplication.instance() is not None:
            QCoreApplication.processEvents()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "docket.db"


BACKENDS = ["sqlite", *(["postgresql"] if postgres.server_url() else [])]


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """Which database the record is on: SQLite always, PostgreSQL too when
    DOCKET_TEST_POSTGRES names a server (tests/postgres.py). A test that is about the
    SQLite file itself says `@pytest.mark.sqlite_only`."""
    if request.param == "postgresql" and request.node.get_closest_marker("sqlite_only"):
        pytest.skip("about the SQLite file itself")
    return str(request.param)


@pytest.fixture
def db(db_path: Path, backend: str) -> Iterator[Database]:
    """An empty record at the current schema: in a real file, or a fresh server database."""
    if backend == "postgresql":
        with postgres.fresh_database() as url:
            database = open_database(url)
            yield database
            _wait_for_background_work()  # before its database is dropped under it
            database.close()
        return
    database = open_database(resolve_url(str(db_path)))
    yield database
    database.close()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    postgres.drop_template()


@pytest.fixture
def sample_db(db: Database) -> Database:
    """The NEC sample record, loaded through the import."""
    load_sample(db)
    return db


@pytest.fixture
def run_cli(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Run `docket` as a real subprocess, with its own data folder."""
    import subprocess

    def run(*args: str, input_text: str | None = None) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "xdg"), "DOCKET_DB": ""}
        env.pop("DOCKET_DB")
        return subprocess.run(
            [sys.executable, "-m", "app.cli", *args],
            capture_output=True,
            text=True,
            env=env,
            input=input_text,
            timeout=120,
        )

    return run


@pytest.fixture
def demo(run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """The sample record in a fresh file, with default settings; returns a runner for it."""
    monkeypatch.setenv("DOCKET_CONFIG", str(tmp_path / "settings.json"))
    path = tmp_path / "demo.db"
    loaded = run_cli("--db", str(path), "demo")
    assert loaded.returncode == 0, loaded.stderr

    def run(*args: str):  # type: ignore[no-untyped-def]
        return run_cli("--db", str(path), *args)

    return run


MORNING_OF_29_MARCH = dt.date(2022, 3, 29)


@pytest.fixture
def store(sample_db: Database) -> Iterator[Store]:
    """The app's store on the sample record, as of the morning of the 29 March 2022 meeting."""
    from ui.store import Store

    store = Store(sample_db, settings=Settings())
    store.set_as_of(MORNING_OF_29_MARCH)
    yield store
    store.tasks.wait(5000)


# pytest-alembic: run its built-in checks against a fresh file.
@pytest.fixture
def alembic_config():  # type: ignore[no-untyped-def]
    return migrate.alembic_config()


@pytest.fixture
def alembic_engine(tmp_path: Path, backend: str) -> Iterator[Engine]:
    """pytest-alembic's checks run on a fresh file, and on an empty server database."""
    if backend == "postgresql":
        with postgres.empty_database() as url:
            engine = make_engine(url)
            yield engine
            engine.dispose()
        return
    engine = make_engine(f"sqlite:///{tmp_path / 'alembic.db'}")
    yield engine
    engine.dispose()
