"""File ▸ Connect to a Shared Database…: point this Docket at the committee's record.

The address (server, port, database, the member's role, TLS) is kept in the settings
file; a password never is — the server's own sign-in, or ~/.pgpass (PGPASSFILE), holds
it. The connection is tried before anything is kept, off the UI thread.
"""

from __future__ import annotations

import dataclasses
import sys

from PySide6.QtCore import QCoreApplication, QProcess
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.engine import URL, make_url

from app.core.errors import DomainError
from ui.store import Store

SSLMODES = ("prefer", "require", "verify-full")


def _tr(text: str) -> str:
    return QCoreApplication.translate("ConnectDialog", text)


def shared_url(host: str, port: int, database: str, role: str, sslmode: str) -> URL:
    """The address to keep: no password, TLS as chosen."""
    if not host.strip() or not database.strip() or not role.strip():
        raise DomainError(_tr("give the server, the database and your role"))
    return URL.create(
        "postgresql+psycopg",
        username=role.strip(),
        host=host.strip(),
        port=port,
        database=database.strip(),
        query={"sslmode": sslmode},
    )


class ConnectDialog(QDialog):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(_tr("Connect to a shared database"))
        self.setMinimumWidth(480)
        current = make_url(store.settings.shared_url) if store.settings.shared_url else None
        self.host = QLineEdit(current.host or "" if current else "")
        self.host.setPlaceholderText("records.example.org")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(current.port or 5432 if current else 5432)
        self.database = QLineEdit(current.database or "" if current else "docket")
        self.role = QLineEdit(current.username or "" if current else "")
        self.role.setPlaceholderText(_tr("the name you sign in to the server with"))
        self.sslmode = QComboBox()
        self.sslmode.addItems(list(SSLMODES))
        if current is not None:
            self.sslmode.setCurrentText(str(current.query.get("sslmode", "prefer")))
        form = QFormLayout()
        for label, field in (
            (_tr("&Server:"), self.host),
            (_tr("&Port:"), self.port),
            (_tr("&Database:"), self.database),
            (_tr("Your &role:"), self.role),
            (_tr("&TLS:"), self.sslmode),
        ):
            form.addRow(label, field)
            field.setAccessibleName(label.replace("&", "").rstrip(":"))
        note = QLabel(
            _tr(
                "Docket never keeps a password. Put yours in ~/.pgpass (or the file PGPASSFILE"
                " names), or use your server's own sign-in. TLS “prefer” encrypts whenever the"
                " server offers it; “require” refuses a server that does not. Your preferences"
                " and the As-of day stay your own."
            )
        )
        note.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.connect_button = buttons.addButton(
            _tr("Connect"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.own_button = buttons.addButton(
            _tr("Use My Own File"), QDialogButtonBox.ButtonRole.ResetRole
        )
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.try_and_keep)
        buttons.rejected.connect(self.reject)
        self.own_button.clicked.connect(self.forget)
        self.own_button.setEnabled(bool(store.settings.shared_url))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.kept: str | None = None  # what was kept ("" for the member's own file again)

    def url(self) -> URL:
        return shared_url(
            self.host.text(), self.port.value(), self.database.text(), self.role.text(),
            self.sslmode.currentText(),
        )  # fmt: skip

    def try_and_keep(self) -> None:
        """Try the server first (off the UI thread); keep the address only if it answers."""
        try:
            url = self.url()
        except DomainError as exc:
            self.message.setText(str(exc))
            return
        self.message.setText(_tr("Trying {0}…").format(url.render_as_string()))
        self.connect_button.setEnabled(False)
        self.store.load(
            lambda: _reachable(url), lambda problem: self._tried(url, problem), owner=self
        )

    def _tried(self, url: URL, problem: str) -> None:
        self.connect_button.setEnabled(True)
        if problem:
            self.message.setText(_tr("Cannot connect: {0}").format(problem))
            return
        self._keep(url.render_as_string(hide_password=False))

    def forget(self) -> None:
        self._keep("")

    def _keep(self, address: str) -> None:
        settings = dataclasses.replace(self.store.settings, shared_url=address)
        self.store.update_settings(settings)
        self.kept = address
        self.accept()


def _reachable(url: URL) -> str:
    """'' when the record at `url` opens; else why not, in one line."""
    from app.safety.opening import open_database

    try:
        open_database(url, create=False).close()
    except DomainError as exc:
        return str(exc)
    except Exception as exc:  # a driver's error, said plainly
        return " ".join(str(getattr(exc, "orig", None) or exc).split())[:300]
    return ""


def connect_shared(window: QWidget) -> None:
    """Ask for the shared record's address; once kept, offer to restart on it."""
    store = getattr(window, "store", None)
    if not isinstance(store, Store):
        return
    dialog = ConnectDialog(store, window)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.kept is None:
        return
    where = make_url(dialog.kept).render_as_string() if dialog.kept else _tr("your own file")
    answer = QMessageBox.question(
        window,
        _tr("Connect to a shared database"),
        _tr("Docket opens {0} from its next start. Restart Docket now?").format(where),
    )
    if answer == QMessageBox.StandardButton.Yes:
        restart()


def restart() -> None:
    """Start Docket again as it was started (without a --db that would override the
    choice), then quit this one."""
    args = list(sys.orig_argv)
    cleaned: list[str] = []
    skip = False
    for arg in args[1:]:
        if skip:
            skip = False
            continue
        if arg == "--db":
            skip = True
            continue
        if arg.startswith("--db="):
            continue
        cleaned.append(arg)
    QProcess.startDetached(args[0], cleaned)
    QApplication.quit()
