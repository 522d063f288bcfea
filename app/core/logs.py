"""Where Docket writes what went wrong: a rotating log file in the user's log folder."""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

import platformdirs

LOGGER = "docket"


def log_path() -> Path:
    override = os.environ.get("DOCKET_LOG_DIR")
    folder = Path(override) if override else Path(platformdirs.user_log_dir("Docket", False))
    return folder / "docket.log"


def _file_logger() -> logging.Logger:
    logger = logging.getLogger(LOGGER)
    if not any(isinstance(h, logging.handlers.RotatingFileHandler) for h in logger.handlers):
        path = log_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
    return logger


def log_unexpected(exc: BaseException) -> Path:
    """Record an unexpected error with its traceback; return the log file to point the user at."""
    try:
        _file_logger().error("unexpected error", exc_info=exc)
        return log_path()
    except OSError:
        return Path("(the log could not be written)")
