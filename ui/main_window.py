"""Docket's main window: navigation, the views, the as-of date, search, status and commands.

Its actions, menu bar and toolbar are laid out in `ui.window_actions`.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDate, QSettings, Slot
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QProgressBar,
    QStackedWidget,
    QWidget,
)

from app.reads.standing_counts import open_counts
from ui.as_of_field import AsOfBanner
from ui.dialogs.errors import show_error
from ui.dialogs.form import from_qdate, to_qdate
from ui.dialogs.preferences import PreferencesDialog
from ui.icons import app_icon
from ui.layouts import column
from ui.overdue_notice import OverdueNotice
from ui.store import Store
from ui.views.base import View
from ui.views.commitments import CommitmentsView
from ui.views.decisions import DecisionsView
from ui.views.meetings import MeetingsView
from ui.views.overview import OverviewView
from ui.views.search import SearchView
from ui.window_actions import WindowActions, add_toolbar, fill_menu_bar
from ui.window_fit import fit_to_screen
from ui.window_keys import FocusMark, WindowKeys
from ui.window_search import WindowSearch

VIEW_NAMES = ("overview", "meetings", "commitments", "decisions", "search")
# The smallest window every view still reads in (checked at 1024×700 by the tests).
MIN_WIDTH, MIN_HEIGHT = 960, 620


class MainWindow(WindowSearch, QMainWindow):
    def __init__(self, store: Store, *, restore: bool = True, first: str | None = None) -> None:
        """`first` names the view to show (and read) first, instead of the last one used."""
        super().__init__()
        self.store = store
        self._counts_asked = 0
        self._view_texts: dict[View, str] = {}  # each view's last status line
        self._import_job: object | None = None  # the CSV import under way, if any
        self.setWindowTitle(self.tr("Docket"))
        self.setWindowIcon(app_icon())
        self.setObjectName("mainWindow")
        self.resize(1280, 800)
        self.setMinimumSize(MIN_WIDTH, MIN_HEIGHT)

        self.overview = OverviewView(store)
        self.meetings = MeetingsView(store)
        self.commitments = CommitmentsView(store)
        self.decisions = DecisionsView(store)
        self.search_view = SearchView(store)
        self.views: list[View] = [
            self.overview, self.meetings, self.commitments, self.decisions, self.search_view,
        ]  # fmt: skip

        self._build_central()
        self.window_actions = WindowActions(self)
        # The names the tests reach them by.
        self.undo_action = self.window_actions.undo_action
        self.redo_action = self.window_actions.redo_action
        self.import_csv_action = self.window_actions.import_csv_action
        self.backups = self.window_actions.backups
        fill_menu_bar(self, self.window_actions)
        self.as_of_edit, self.search = add_toolbar(self, self.window_actions)
        self.window_keys = WindowKeys(self)
        self.window_keys.watch(self.as_of_edit.edit, self.search)
        self.as_of_edit.dateChanged.connect(self._as_of_edited)
        store.as_of_changed.connect(lambda day: self.as_of_edit.setDate(to_qdate(day)))
        self.search.textChanged.connect(self._search_changed)
        self.search.returnPressed.connect(self.search_everything)
        self.search_view.open_record.connect(self.open_record)
        for view in self.views:
            view.search_cleared.connect(self.search.clear)
        self._build_status_bar()
        self.overview.show_commitments.connect(self._show_commitments)
        self.overview.next_step.bind(  # a new record's first commitment, from the Overview
            "commitment", self.commitments.new_action, lambda: self.show_view("commitments")
        )
        store.failed.connect(lambda exc: show_error(self, exc))
        # The status bar's counts wait for the view in front to be read (they are a second
        # query over the ledger, and on a record of decades they would halve its speed).
        self._counts_stale = False
        store.changed.connect(self._counts_later)
        store.as_of_changed.connect(lambda _d: self._counts_later())
        store.busy_changed.connect(self.busy.setVisible)
        store.busy_changed.connect(self._counts_when_idle)
        if restore:
            self._restore()
        if first is not None:
            self.show_view(first)
        fit_to_screen(self)
        for view in self.views:
            view.refresh()  # the view in front at once; the others once it is read
        self._counts_later()

    # --- building ------------------------------------------------------------------------

    def _build_central(self) -> None:
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setAccessibleName(self.tr("Views"))
        for view in self.views:
            QListWidgetItem(QCoreApplication.translate("View", view.title), self.nav)
        self.nav.setFixedWidth(160)
        nav_font = self.nav.font()
        nav_font.setPointSizeF(nav_font.pointSizeF() * 1.1)
        self.nav.setFont(nav_font)
        self.nav.setFrameShape(QFrame.Shape.NoFrame)
        FocusMark(self.nav)
        self.stack = QStackedWidget()
        for view in self.views:
            self.stack.addWidget(view)
            view.status_text.connect(self._view_status)
        self.nav.currentRowChanged.connect(self._switch)

        self.banner = OverdueNotice(self.store)
        self.banner_text = self.banner.text
        self.banner.show_them.connect(lambda: self._show_commitments("overdue"))

        self.as_of_banner = AsOfBanner(self.store)
        right = QWidget()
        column(right, self.as_of_banner, self.banner, self.stack, spacing=0)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(right, 1)
        self.setCentralWidget(central)
        self.nav.setCurrentRow(0)

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        self.db_label = QLabel(self.tr("Database: {0}").format(self.store.db.location))
        self.counts_label = QLabel()
        self.view_label = QLabel()
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(90)
        self.busy.setMaximumHeight(14)
        self.busy.hide()
        status.addWidget(self.db_label, 1)
        status.addPermanentWidget(self.view_label)
        status.addPermanentWidget(self.counts_label)
        status.addPermanentWidget(self.busy)

    # --- behaviour -----------------------------------------------------------------------

    @Slot(int)
    def _switch(self, row: int) -> None:
        if 0 <= row < len(self.views):
            self.stack.setCurrentIndex(row)
            view = self.views[row]
            # Each view's own line: the Overview never says "7 meetings shown".
            if hasattr(self, "view_label"):
                self.view_label.setText(self._view_texts.get(view, ""))
            view.set_search(self.search.text() if hasattr(self, "search") else "")

    def current_view(self) -> View:
        return self.views[self.stack.currentIndex()]

    def go_to_view(self, index: int) -> None:
        """Ctrl+1…4: show the view and put the keyboard in it."""
        self.nav.setCurrentRow(index)
        self.views[index].take_focus()

    def show_view(self, name: str) -> View:
        index = VIEW_NAMES.index(name)
        self.nav.setCurrentRow(index)
        return self.views[index]

    def _show_commitments(self, show: str) -> None:
        self.show_view("commitments")
        self.commitments.set_show(show)

    @Slot(str)
    def _view_status(self, text: str) -> None:
        view = self.sender()
        if isinstance(view, View):
            self._view_texts[view] = text
        if view is self.current_view():
            self.view_label.setText(text)

    @Slot(QDate)
    def _as_of_edited(self, day: QDate) -> None:
        self.store.set_as_of(from_qdate(day))

    def set_as_of(self, day: dt.date) -> None:
        self.as_of_edit.setDate(to_qdate(day))

    @Slot()
    def as_of_today(self) -> None:
        self.set_as_of(self.store.today())

    def _counts_later(self) -> None:
        if self.store.busy:
            self._counts_stale = True
        else:
            self._refresh_counts()

    @Slot(bool)
    def _counts_when_idle(self, busy: bool) -> None:
        if not busy and self._counts_stale:
            self._counts_stale = False
            self._refresh_counts()

    def _refresh_counts(self) -> None:
        store = self.store
        as_of, settings = store.as_of, store.settings

        def work() -> tuple[int, int, int]:
            # Counted by the database over the open commitments alone (at any size).
            counts = open_counts(store.sessions, as_of, settings)
            return counts.overdue, counts.due_soon, counts.open

        self._counts_asked += 1
        asked = self._counts_asked

        def show(counts: tuple[int, int, int]) -> None:
            if asked == self._counts_asked:  # an older answer arriving late is dropped
                self._show_counts(counts)

        store.load(work, show, owner=self)

    def _show_counts(self, counts: tuple[int, int, int]) -> None:
        late, soon, open_ = counts
        self.counts_label.setText(
            self.tr("{0} overdue · {1} due soon · {2} open").format(late, soon, open_)
        )

    def show_overdue_notice(self) -> None:
        """The bar at start when promises are overdue today (ui/overdue_notice.py)."""
        self.banner.want()

    @Slot()
    def preferences(self) -> None:
        PreferencesDialog(self.store, self).exec()

    @Slot()
    def print_current(self) -> None:
        from ui.printing import print_view

        print_view(self, self.current_view(), self.store)

    @Slot()
    def export_record(self) -> None:
        from ui.exporting import export_record_dialog

        export_record_dialog(self, self.store)

    @Slot()
    def import_csv(self) -> None:
        from ui.importing import import_csv_dialog

        self._import_job = import_csv_dialog(self, self.store)

    @Slot()
    def export_overdue(self) -> None:
        from ui.exporting import export_overdue_dialog

        export_overdue_dialog(self, self.store, self.commitments)

    @Slot()
    def show_help(self) -> None:
        from ui.help import HelpDialog, guide_html

        HelpDialog(self.tr("Docket help"), guide_html(), self).exec()

    @Slot()
    def show_shortcuts(self) -> None:
        from ui.help import HelpDialog, shortcuts_html

        HelpDialog(
            self.tr("Keyboard shortcuts"), shortcuts_html(self.findChildren(QAction)), self
        ).exec()

    @Slot()
    def about(self) -> None:
        from ui.dialogs.about_dialog import AboutDialog

        AboutDialog(self.store.db.location, self.store.db.read_only, self).exec()

    # --- window state --------------------------------------------------------------------

    def _restore(self) -> None:
        settings = QSettings()
        geometry = settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = settings.value("window/state")
        if state is not None:
            self.restoreState(state)
        splitter = settings.value("commitments/splitter")
        if splitter is not None:
            self.commitments.splitter.restoreState(splitter)
        view = settings.value("window/view", 0)
        try:
            self.nav.setCurrentRow(int(view))  # type: ignore[call-overload]
        except (TypeError, ValueError):
            self.nav.setCurrentRow(0)

    def save_state(self) -> None:
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        settings.setValue("window/view", self.nav.currentRow())
        settings.setValue("commitments/splitter", self.commitments.splitter.saveState())

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        self.store.tasks.wait(5000)
        from ui.papers_actions import purge

        purge(self.store)  # removed files' undo steps close with the window: drop their bytes
        super().closeEvent(event)
