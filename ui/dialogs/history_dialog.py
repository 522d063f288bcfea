"""History: every change to a commitment (with its promises and notes) or a meeting (with its agenda).

Read from the audit log in the background; the rows are plain and immutable.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Slot
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from app.core.wording import short_date
from app.reads.history import HistoryRow
from ui.dialogs.access import name_controls
from ui.languages import QT_TRANSLATE_NOOP
from ui.models.table import Column, RowTableModel
from ui.store import Store
from ui.views.widgets import ListTable

ACTION_WORDS = {
    "created": QT_TRANSLATE_NOOP("HistoryDialog", "Added"),
    "changed": QT_TRANSLATE_NOOP("HistoryDialog", "Changed"),
    "deleted": QT_TRANSLATE_NOOP("HistoryDialog", "Deleted"),
}


def history_columns() -> list[Column[HistoryRow]]:
    def what(r: HistoryRow) -> str:
        word = ACTION_WORDS.get(r.action)
        return (
            f"{QCoreApplication.translate('HistoryDialog', word) if word else r.action} {r.record}"
        )

    def field(r: HistoryRow) -> str:
        whole = QCoreApplication.translate("HistoryDialog", "the whole record")
        return r.field or (whole if r.action == "deleted" else "")

    return [
        Column(
            "When",
            lambda r: f"{short_date(r.at.date())} {r.at:%H:%M:%S}",
            sort=lambda r: r.at,
        ),
        Column("Who", lambda r: r.user),
        Column("What", what),
        Column("Record", lambda r: r.label, tooltip=lambda r: r.label),
        Column("Field", field),
        Column("Before", lambda r: r.before, tooltip=lambda r: r.before),
        Column("After", lambda r: r.after, tooltip=lambda r: r.after),
    ]


class HistoryDialog(QDialog):
    """Shows the rows `load` returns (run in the background), newest first."""

    def __init__(
        self,
        store: Store,
        title: str,
        load: Callable[[], list[HistoryRow]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("historyDialog")
        self.setWindowTitle(self.tr("History — {0}").format(title))
        self.resize(1000, 460)
        self.model: RowTableModel[HistoryRow] = RowTableModel(history_columns(), self)
        self.table = ListTable(
            self.model,
            "historyTable",
            stretch=6,
            sortable=False,
            placeholder=self.tr("Loading…"),
            label=self.tr("Changes, newest first"),
        )
        intro = QLabel(
            self.tr(
                "Every change, newest first: when it was made, by whom (the member's name, or on"
                " a shared database the role they sign in with), and the value before and"
                " after. Kept even after a record is deleted."
            )
        )
        intro.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        name_controls(self)
        self.loaded = False
        store.load(load, self._show)

    @Slot(object)
    def _show(self, rows: list[HistoryRow]) -> None:
        self.table.placeholder = self.tr("No changes recorded yet.")
        self.model.set_rows(rows)
        self.table.fit_columns()
        for column, widest in ((3, 260), (5, 200)):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), widest))
        self.loaded = True
