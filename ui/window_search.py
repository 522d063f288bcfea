"""The main window's search box: filtering the view in front as the member types, the
whole record on Enter (the Search view), and going to what was found."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Slot

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLineEdit

    from ui.views.base import View
    from ui.views.commitments import CommitmentsView
    from ui.views.meetings import MeetingsView
    from ui.views.search import SearchView


class WindowSearch:
    """Mixed into MainWindow, which provides these."""

    search: QLineEdit
    search_view: SearchView
    commitments: CommitmentsView
    meetings: MeetingsView

    def current_view(self) -> View:
        raise NotImplementedError

    def show_view(self, name: str) -> View:
        raise NotImplementedError

    @Slot(str)
    def _search_changed(self, text: str) -> None:
        self.current_view().set_search(text)

    @Slot()
    def search_everything(self) -> None:
        """Enter in the search box: the whole record, in the Search view."""
        self.show_view("search")
        self.search_view.search_now(self.search.text())
        self.search_view.take_focus()

    @Slot(str, str)
    def open_record(self, kind: str, key: str) -> None:
        """Go to a commitment or a meeting found by search, with nothing hiding it."""
        self.search.blockSignals(True)  # the query must not filter the view it opens
        self.search.clear()
        self.search.blockSignals(False)
        if kind == "commitment":
            view = self.show_view("commitments")
            self.commitments.reveal(key)
        else:
            view = self.show_view("meetings")
            self.meetings.reveal(key)
        view.take_focus()

    @Slot()
    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()
