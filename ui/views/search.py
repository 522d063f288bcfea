"""The Search view: everything in the record that matches, best first, words marked.

The window's search box filters the view in front as the member types; Enter (or this
view, Ctrl+5) searches the whole record: commitments, promises, notes, meetings, agenda
items, decisions, the text of attached files and the member's private notes. Each
result is one click (or Enter) from the record it belongs to.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import DomainError
from app.core.wording import plural, short_date
from app.papers.search import Result, run
from ui.languages import QT_TRANSLATE_NOOP
from ui.store import Store
from ui.views.base import View
from ui.views.widgets import heading, muted

RICH_ROLE = Qt.ItemDataRole.UserRole + 1
MARK = '<span style="background-color:#fde68a; color:#1b1b1b; font-weight:600;">{0}</span>'
DELAY_MS = 250  # wait for a pause in typing before searching


def marked(pieces: tuple[tuple[str, bool], ...]) -> str:
    """Rich text with the matched words highlighted; everything typed is escaped."""
    return "".join(MARK.format(html.escape(t)) if hit else html.escape(t) for t, hit in pieces)


class RichTextDelegate(QStyledItemDelegate):
    """Draws a row's rich text (RICH_ROLE), wrapped to the list's width, in the row's colours."""

    PAD = 8

    def _document(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QTextDocument:
        document = QTextDocument()
        document.setDocumentMargin(self.PAD)
        document.setDefaultFont(option.font)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        text = option.palette.color(role).name()
        grey = text if selected else option.palette.color(QPalette.ColorRole.PlaceholderText).name()
        document.setDefaultStyleSheet(f"body {{ color: {text}; }} .where {{ color: {grey}; }}")
        document.setHtml(f"<body>{index.data(RICH_ROLE) or ''}</body>")
        document.setTextWidth(max(100, option.rect.width()))
        return document

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        options = QStyleOptionViewItem(option)
        self.initStyleOption(options, index)
        options.text = ""
        style = options.widget.style() if options.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, options, painter, options.widget)
        document = self._document(option, index)
        painter.save()
        painter.translate(option.rect.topLeft())
        document.drawContents(painter)
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        width = option.rect.width()
        if width <= 0 and isinstance(self.parent(), QListWidget):
            width = self.parent().viewport().width()  # type: ignore[union-attr]
        sized = QStyleOptionViewItem(option)
        sized.rect.setWidth(width)
        document = self._document(sized, index)
        return QSize(int(document.idealWidth()), int(document.size().height()) + 2)


class SearchView(View):
    title = QT_TRANSLATE_NOOP("View", "Search")
    open_record = Signal(str, str)  # "commitment" or "meeting", and its key

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(store, parent)
        self.setObjectName("searchView")
        self.text = ""
        self.results: list[Result] = []
        self.heading = heading(self.tr("Search"))
        self.summary = muted(QLabel())
        self.summary.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("searchResults")
        self.list.setAccessibleName(self.tr("Search results"))
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)  # rewrap when the width changes
        self.list.setItemDelegate(RichTextDelegate(self.list))
        self.list.setAlternatingRowColors(True)
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        self.table = None  # no table: Ctrl+5 puts the keyboard in the results list
        self._delay = QTimer(self)
        self._delay.setSingleShot(True)
        self._delay.setInterval(DELAY_MS)
        self._delay.timeout.connect(self.reload)
        self._show_hint()

    def take_focus(self) -> None:
        self.list.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def set_search(self, text: str) -> None:
        if text.strip() != self.text:
            self.text = text.strip()
            self._delay.start()

    def search_now(self, text: str) -> None:
        self.text = text.strip()
        self._delay.stop()
        self.reload()

    def reload(self) -> None:
        if not self.text:
            self._show_hint()
            return
        store, text = self.store, self.text
        as_of = store.as_of if store.as_of != store.today() else None

        def work() -> list[Result] | str:
            try:
                return run(store.sessions, text, as_of=as_of)
            except DomainError as refusal:  # nothing to search for: said in words
                return str(refusal).removeprefix("search: ")

        self.load_latest("search", work, self._loaded)

    def _show_hint(self) -> None:
        self.results = []
        self.list.clear()
        self.summary.setText(
            self.tr(
                "Type in the search box (Ctrl+F) and press Enter to search the whole record:"
                " commitments, promises, notes, meetings, agenda items, decisions, the text of"
                ' attached files and your private notes. Put "quotes" round a phrase.'
            )
        )
        self.status_text.emit("")
        self.mark_loaded()

    def _loaded(self, found: list[Result] | str) -> None:
        self.list.clear()
        if isinstance(found, str):
            self.results = []
            self.summary.setText(found[:1].upper() + found[1:] + ".")
            self.mark_loaded()
            return
        self.results = found
        when = ""
        if self.store.as_of != self.store.today():
            when = self.tr(", as known on {0}").format(short_date(self.store.as_of))
        if found:
            self.summary.setText(
                self.tr("{0} for “{1}”{2}, best first. Enter or a click opens it.").format(
                    plural(len(found), "result"), self.text, when
                )
            )
        else:
            self.summary.setText(self.tr("Nothing found for “{0}”{1}.").format(self.text, when))
        for result in found:
            self._add(result)
        if found:
            self.list.setCurrentRow(0)
        self.status_text.emit(plural(len(found), "result"))
        self.mark_loaded()

    def _add(self, result: Result) -> None:
        item = QListWidgetItem(self.list)
        title, snippet = result.plain()
        item.setText(f"{result.heading}: {title} — {snippet}")  # what a screen reader says
        item.setData(Qt.ItemDataRole.UserRole, result)
        item.setData(RICH_ROLE, self._rich(result))

    def _rich(self, result: Result) -> str:
        title = marked(result.marked_title)
        snippet = marked(result.snippet)
        parts = [f'<span class="where">{html.escape(result.heading)}</span>']
        if title:
            parts.append(f"<b>{title}</b>")
        if snippet:
            parts.append(snippet)
        return "<br>".join(parts)

    @Slot(QListWidgetItem)
    def _activated(self, item: QListWidgetItem) -> None:
        result = item.data(Qt.ItemDataRole.UserRole)
        if not isinstance(result, Result):
            return
        if result.commitment_key:
            self.open_record.emit("commitment", result.commitment_key)
        elif result.meeting_key:
            self.open_record.emit("meeting", result.meeting_key)
