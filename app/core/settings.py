"""A member's preferences (thresholds, date order, paper), kept in a small JSON file.

Plain JSON rather than QSettings so the command line and the app read the same values
without Qt. `DOCKET_CONFIG` points at another file (tests use it).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

import platformdirs

from app.core.errors import Invalid
from app.core.files import write_atomic

ENV_VAR = "DOCKET_CONFIG"
PAPER_SIZES = ("A4", "Letter")


@dataclass(frozen=True)
class Settings:
    due_soon_days: int = 14  # "due soon": open, not overdue, target within this many days
    amber_slips: int = 2  # slipped this often or more: amber even when not yet due
    open_ended_days: int = 90  # no target for this long: listed as open-ended
    dayfirst: bool = True  # 01/02/2022 is 1 February (UK); False reads it as January 2
    paper: str = "A4"
    attachment_limit_mb: int = 200  # a larger file is refused before anything is written
    # A shared record's address (File ▸ Connect to a Shared Database…), used when no --db
    # or DOCKET_DB names one. Never a password: the server's sign-in or ~/.pgpass holds it.
    shared_url: str = ""

    def checked(self) -> Settings:
        for name in ("due_soon_days", "amber_slips", "open_ended_days"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 3650:
                raise Invalid(name, f"{value!r} is not a number of days between 0 and 3650")
        limit = self.attachment_limit_mb
        if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= 4096:
            raise Invalid("attachment_limit_mb", f"{limit!r} is not a size between 1 and 4096 MB")
        check_shared_url(self.shared_url)
        if not isinstance(self.dayfirst, bool):
            raise Invalid("dayfirst", "must be true or false")
        if self.paper not in PAPER_SIZES:
            raise Invalid("paper", f"{self.paper!r} is not one of {', '.join(PAPER_SIZES)}")
        return self


def settings_path() -> Path:
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override)
    return Path(platformdirs.user_config_dir("Docket", appauthor=False)) / "settings.json"


def load_settings(path: Path | None = None) -> Settings:
    """The saved settings; defaults for anything missing. A damaged file raises Invalid."""
    path = path or settings_path()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise Invalid(str(path), f"cannot read the settings ({exc})") from None
    if not isinstance(raw, dict):
        raise Invalid(str(path), "the settings must be a JSON object")
    known = {f.name for f in fields(Settings)}
    try:
        return replace(Settings(), **{k: v for k, v in raw.items() if k in known}).checked()
    except Invalid as exc:
        raise Invalid(f"{path}: {exc.field}", exc.reason) from None


def save_settings(settings: Settings, path: Path | None = None) -> None:
    path = path or settings_path()
    settings.checked()
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, (json.dumps(asdict(settings), indent=2) + "\n").encode("utf-8"))


def check_shared_url(url: object) -> None:
    """A shared record's address fit to keep: a PostgreSQL URL with no password in it."""
    if url == "":
        return
    if not isinstance(url, str) or not url.startswith(("postgresql://", "postgresql+psycopg://")):
        raise Invalid("shared_url", "a shared record is a postgresql+psycopg:// address")
    from sqlalchemy.engine import make_url

    try:
        parsed = make_url(url)
    except Exception:  # sqlalchemy.exc.ArgumentError, ValueError: an address it cannot read
        raise Invalid("shared_url", "not an address Docket can read") from None
    if parsed.password:
        raise Invalid(
            "shared_url",
            "Docket never keeps a password; put it in ~/.pgpass (or PGPASSFILE) instead",
        )
