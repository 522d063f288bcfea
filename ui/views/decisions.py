"""The Decisions view: a searchable log of every decision the record holds, newest first."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QCoreApplication, QItemSelection, Qt, Slot
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from app.core.wording import long_date, plural, short_date
from app.reads import browse
from app.reads.browse import DecisionRow
from ui.languages import QT_TRANSLATE_NOOP
from ui.models.table import RIGHT, ROW_ROLE, Column, RowFilterProxy, RowTableModel
from ui.store import Store
from ui.views.base import View, selected_row
from ui.views.widgets import ListTable, muted, own_title, reading_pane

DECISION_COLUMN = 4


def decision_columns() -> list[Column[DecisionRow]]:
    return [
        Column(
            "Date",
            lambda d: short_date(d.date),
            # Sorting is stable, so a meeting's decisions keep their agenda order.
            sort=lambda d: (d.date, d.meeting_id),
        ),
        Column("Body", lambda d: d.body),
        Column("Meeting", lambda d: own_title(d.meeting, d.body), tooltip=lambda d: d.meeting),
        Column("Item", lambda d: d.title, tooltip=lambda d: d.title),
        Column("Decision", lambda d: d.decision, tooltip=lambda d: d.decision),
        Column(
            "Votes",
            lambda d: d.votes,
            sort=lambda d: (-1 if d.votes_for is None else d.votes_for, d.votes_against or 0),
            align=RIGHT,
            tooltip=lambda d: "for–against–abstaining" if d.votes else "",
        ),
    ]


def decision_html(d: DecisionRow) -> str:
    """One decision in full, for the text area under the log."""
    meeting = d.meeting if d.meeting in ("", d.body) else f"{d.body} · {d.meeting}"
    lines = [
        f"<h3 style='margin-top:0'>{html.escape(d.title)}</h3>"
        f"<p>{html.escape(meeting or d.body)}, {html.escape(long_date(d.date))}</p>",
        f"<p>{html.escape(d.decision)}</p>",
    ]
    if d.votes:
        counts = [
            QCoreApplication.translate("DecisionsView", "{0} for").format(
                "?" if d.votes_for is None else d.votes_for
            ),
            QCoreApplication.translate("DecisionsView", "{0} against").format(
                "?" if d.votes_against is None else d.votes_against
            ),
        ]
        if d.votes_abstaining is not None:
            counts.append(
                QCoreApplication.translate("DecisionsView", "{0} abstaining").format(
                    d.votes_abstaining
                )
            )
        votes = QCoreApplication.translate("DecisionsView", "Votes")
        lines.append(f"<p>{votes}: {', '.join(counts)}</p>")
    return "".join(lines)


class DecisionsView(View):
    title = QT_TRANSLATE_NOOP("View", "Decisions")

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(store, parent)
        self._selected: int | None = None  # agenda item id, kept across reloads
        self.model: RowTableModel[DecisionRow] = RowTableModel(decision_columns(), self)
        self.proxy = RowFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self._build()

    def _build(self) -> None:
        self.table = ListTable(
            self.proxy,
            "decisionsTable",
            label=self.tr("Decisions"),
            stretch=DECISION_COLUMN,
            placeholder=self.tr("No decisions recorded. Add one to an agenda item in Meetings."),
        )
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.wrap_rows(3)  # a decision is read whole, not cut in the middle
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        self.count_label = muted(QLabel())
        self.text = reading_pane("decisionText", self.tr("Select a decision to read it in full."))
        self.text.document().setDocumentMargin(10)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("decisionsSplitter")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.text)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([520, 180])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.count_label)
        layout.addWidget(self.splitter, 1)

    # --- data --------------------------------------------------------------------------

    def reload(self) -> None:
        store, as_of = self.store, self.store.as_of
        # As every list: the decisions taken by the as-of day.
        self.load_latest("list", lambda: browse.decisions(store.sessions, as_of), self._loaded)

    def _loaded(self, rows: list[DecisionRow]) -> None:
        keep = self._selected
        self.model.set_rows(rows)
        self.table.fit_columns()
        self.table.resizeColumnToContents(3)
        header = self.table.horizontalHeader()
        header.resizeSection(3, min(header.sectionSize(3), 300))
        self._show_count()
        if keep is not None:
            self.select_item(keep)
        self._selection_changed()
        self.mark_loaded()

    def _show_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        text = (
            plural(total, "decision")
            if shown == total
            else self.tr("{0} of {1}").format(f"{shown:,}", plural(total, "decision"))
        )
        self.count_label.setText(text)
        self.status_text.emit(text)

    @Slot(str)
    def set_search(self, text: str) -> None:
        self.proxy.setFilterFixedString(text)
        self._show_count()
        self._selection_changed()

    def select_item(self, item_id: int) -> bool:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(ROW_ROLE).item_id == item_id:
                self.table.selectRow(row)
                self.table.scrollTo(index)
                return True
        return False

    def selected(self) -> DecisionRow | None:
        return selected_row(self.table, DecisionRow)

    @Slot(QItemSelection, QItemSelection)
    def _selection_changed(self, *_args: Any) -> None:
        current = self.selected()
        if current is not None:
            self._selected = current.item_id
        self.text.setHtml(decision_html(current) if current else "")
