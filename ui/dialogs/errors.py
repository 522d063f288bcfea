"""How a failure reaches a member: a refusal as a plain warning, a bug as a logged report.

No traceback is ever printed at a member: `install_excepthook` routes every uncaught
exception here.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from app.core.errors import DomainError
from app.core.logs import log_unexpected

_showing = [False]  # an error raised while an error box is open is logged, not stacked


def one_line_reason(exc: BaseException) -> str:
    message = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {message[0]}" if message else type(exc).__name__


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """A DomainError as a warning with its own message; anything else logged and reported."""
    if isinstance(exc, DomainError):
        QMessageBox.warning(parent, QCoreApplication.translate("errors", "Docket"), str(exc))
        return
    path = log_unexpected(exc)
    if _showing[0]:
        return
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(QCoreApplication.translate("errors", "Docket"))
    box.setText(QCoreApplication.translate("errors", "Something went wrong"))
    box.setInformativeText(
        QCoreApplication.translate(
            "errors", "{reason}\n\nThe details were written to {path}."
        ).format(reason=one_line_reason(exc), path=path)
    )
    box.setDetailedText("".join(traceback.format_exception(exc)))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    _showing[0] = True
    try:
        box.exec()
    finally:
        _showing[0] = False


def install_excepthook(parent_getter: Callable[[], QWidget | None]) -> None:
    """Send every uncaught exception to `show_error`, over the window `parent_getter` gives."""

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        if exc.__traceback__ is None and tb is not None:
            exc = exc.with_traceback(tb)
        try:
            show_error(parent_getter(), exc)
        except Exception:  # the error dialog itself failed: fall back to the log only
            log_unexpected(exc)

    sys.excepthook = hook
