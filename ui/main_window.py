"""Docket's main window: navigation, menus and toolbar, the as-of date, search and status."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QDate, QSettings, Qt, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDateEdit,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app import __version__
from app.ledger.standings import overdue, standings
from app.transfer import record_io as transfer
from ui.backup_actions import BackupActions
from ui.dialogs.bodies_dialog import BodiesDialog
from ui.dialogs.errors import show_error
from ui.dialogs.owners_dialog import OwnersDialog
from ui.dialogs.preferences import PreferencesDialog
from ui.icons import app_icon
from ui.store import Store
from ui.views.base import View
from ui.views.commitments import CommitmentsView
from ui.views.decisions import DecisionsView
from ui.views.meetings import MeetingsView
from ui.views.overview import OverviewView

VIEW_NAMES = ("overview", "meetings", "commitments", "decisions")


class MainWindow(QMainWindow):
    def __init__(self, store: Store, *, restore: bool = True) -> None:
        super().__init__()
        self.store = store
        self._counts_asked = 0
        self._import_job: object | None = None  # the CSV import under way, if any
        self.setWindowTitle(self.tr("Docket"))
        self.setWindowIcon(app_icon())
        self.setObjectName("mainWindow")
        self.resize(1280, 800)

        self.overview = OverviewView(store)
        self.meetings = MeetingsView(store)
        self.commitments = CommitmentsView(store)
        self.decisions = DecisionsView(store)
        self.views: list[View] = [self.overview, self.meetings, self.commitments, self.decisions]

        self._build_central()
        self._build_actions()
        self._build_menus_and_toolbar()
        self._build_status_bar()
        self.overview.show_commitments.connect(self._show_commitments)
        store.failed.connect(lambda exc: show_error(self, exc))
        store.changed.connect(self._refresh_counts)
        store.as_of_changed.connect(lambda _d: self._refresh_counts())
        store.busy_changed.connect(self.busy.setVisible)
        if restore:
            self._restore()
        for view in self.views:
            view.reload()
        self._refresh_counts()

    # --- building ------------------------------------------------------------------------

    def _build_central(self) -> None:
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setAccessibleName(self.tr("Views"))
        for view in self.views:
            QListWidgetItem(self.tr(view.title), self.nav)
        self.nav.setFixedWidth(160)
        # Padding only: colours stay the platform's, so the dark palette looks right.
        self.nav.setStyleSheet("QListWidget#navigation::item { padding: 9px 14px; }")
        nav_font = self.nav.font()
        nav_font.setPointSizeF(nav_font.pointSizeF() * 1.1)
        self.nav.setFont(nav_font)
        self.nav.setFrameShape(QFrame.Shape.NoFrame)
        self.stack = QStackedWidget()
        for view in self.views:
            self.stack.addWidget(view)
            view.status_text.connect(self._view_status)
        self.nav.currentRowChanged.connect(self._switch)

        self.banner = QFrame()
        self.banner.setObjectName("overdueBanner")
        self.banner.setFrameShape(QFrame.Shape.StyledPanel)
        banner_layout = QHBoxLayout(self.banner)
        banner_layout.setContentsMargins(10, 4, 4, 4)
        self.banner_text = QLabel()
        show = QPushButton(self.tr("Show them"))
        show.clicked.connect(self._show_overdue_from_banner)
        dismiss = QPushButton(self.tr("Dismiss"))
        dismiss.clicked.connect(self.banner.hide)
        banner_layout.addWidget(self.banner_text, 1)
        banner_layout.addWidget(show)
        banner_layout.addWidget(dismiss)
        self.banner.hide()

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.setSpacing(0)
        right_layout.addWidget(self.banner)
        right_layout.addWidget(self.stack)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(right, 1)
        self.setCentralWidget(central)
        self.nav.setCurrentRow(0)

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        act = QAction(self.tr(text), self)
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
        act.triggered.connect(lambda _checked=False: slot())
        return act

    def _build_actions(self) -> None:
        undo = self.store.undo_stack
        self.undo_action = undo.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = undo.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self.find_action = self._action("&Find…", self.focus_search, QKeySequence.StandardKey.Find)
        self.prefs_action = self._action(
            "&Preferences…", self.preferences, QKeySequence.StandardKey.Preferences
        )
        if self.prefs_action.shortcut().isEmpty():
            self.prefs_action.setShortcut(QKeySequence("Ctrl+,"))
        self.quit_action = self._action("&Quit", self.close, QKeySequence.StandardKey.Quit)
        self.print_action = self._action(
            "&Print…", self.print_current, QKeySequence.StandardKey.Print
        )
        self.export_action = self._action(
            "&Export record as JSON…", self.export_record, "Ctrl+Shift+E"
        )
        self.import_csv_action = self._action(
            "&Import meetings or commitments (CSV)…", self.import_csv
        )
        self.export_overdue_action = self._action(
            "Export &overdue list…", self.export_overdue, "Ctrl+E"
        )
        self.today_action = self._action("As of &today", self.as_of_today, "Ctrl+T")
        self.bodies_action = self._action("&Bodies…", lambda: BodiesDialog(self.store, self).exec())
        self.owners_action = self._action("&Owners…", lambda: OwnersDialog(self.store, self).exec())
        self.view_actions = [
            self._action(
                f"&{i + 1} {view.title}", partial(self.nav.setCurrentRow, i), f"Ctrl+{i + 1}"
            )
            for i, view in enumerate(self.views)
        ]
        self.about_action = self._action("&About Docket", self.about)
        self.backups = BackupActions(self, self.store)

    def _build_menus_and_toolbar(self) -> None:
        c, m = self.commitments, self.meetings
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addActions([c.new_action, m.new_action])
        file_menu.addSeparator()
        file_menu.addActions([self.print_action, self.export_overdue_action, self.export_action])
        file_menu.addAction(self.import_csv_action)
        file_menu.addSeparator()
        file_menu.addActions(self.backups.actions())
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu(self.tr("&Edit"))
        edit_menu.addActions([self.undo_action, self.redo_action])
        edit_menu.addSeparator()
        edit_menu.addAction(self.find_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.prefs_action)
        view_menu = bar.addMenu(self.tr("&View"))
        view_menu.addActions(self.view_actions)
        view_menu.addSeparator()
        view_menu.addAction(self.today_action)
        commitment_menu = bar.addMenu(self.tr("&Commitment"))
        commitment_menu.addActions(
            [c.new_action, c.promise_action, c.note_action, c.deliver_action, c.drop_action,
             c.reopen_action, c.edit_action, c.delete_action, c.history_action]
        )  # fmt: skip
        meeting_menu = bar.addMenu(self.tr("&Meeting"))
        meeting_menu.addActions(m.menu_actions())
        meeting_menu.addSeparator()
        meeting_menu.addAction(m.history_action)
        manage_menu = bar.addMenu(self.tr("M&anage"))
        manage_menu.addActions([self.bodies_action, self.owners_action])
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.about_action)

        # Commitment and meeting actions work from anywhere: they bring their view forward.
        for act in (c.new_action, c.promise_action, c.note_action, c.deliver_action, c.drop_action,
                    c.reopen_action, c.edit_action, c.delete_action):  # fmt: skip
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            act.triggered.connect(lambda *_: self.show_view("commitments"))
        for act in m.menu_actions():
            act.triggered.connect(lambda *_: self.show_view("meetings"))

        tools = QToolBar(self.tr("Main"))
        tools.setObjectName("mainToolbar")
        tools.setMovable(False)
        tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        tools.addActions([c.new_action, c.promise_action, m.new_action])
        tools.addSeparator()
        tools.addActions([self.undo_action, self.redo_action])
        tools.addSeparator()
        tools.addActions([self.print_action, self.export_overdue_action])
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        tools.addWidget(spacer)
        as_of_label = QLabel(self.tr("&As of "))
        self.as_of_edit = QDateEdit()
        self.as_of_edit.setObjectName("asOf")
        self.as_of_edit.setCalendarPopup(True)
        self.as_of_edit.setDisplayFormat("d MMM yyyy")
        self.as_of_edit.setDate(_qdate(self.store.as_of))
        self.as_of_edit.setToolTip(self.tr("See every list as it stood on this day"))
        as_of_label.setBuddy(self.as_of_edit)
        self.as_of_edit.dateChanged.connect(self._as_of_edited)
        tools.addWidget(as_of_label)
        tools.addWidget(self.as_of_edit)
        tools.addAction(self.today_action)
        tools.addSeparator()
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("Search (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.setFixedWidth(240)
        self.search.textChanged.connect(self._search_changed)
        tools.addWidget(self.search)
        self.addToolBar(tools)

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
            view.set_search(self.search.text() if hasattr(self, "search") else "")

    def current_view(self) -> View:
        return self.views[self.stack.currentIndex()]

    def show_view(self, name: str) -> View:
        index = VIEW_NAMES.index(name)
        self.nav.setCurrentRow(index)
        return self.views[index]

    @Slot()
    def _show_overdue_from_banner(self) -> None:
        self.banner.hide()
        self._show_commitments("overdue")

    def _show_commitments(self, show: str) -> None:
        self.show_view("commitments")
        self.commitments.set_show(show)

    @Slot(str)
    def _view_status(self, text: str) -> None:
        if self.sender() is self.current_view():
            self.view_label.setText(text)

    @Slot(str)
    def _search_changed(self, text: str) -> None:
        self.current_view().set_search(text)

    @Slot()
    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    @Slot(QDate)
    def _as_of_edited(self, day: QDate) -> None:
        self.store.set_as_of(dt.date(day.year(), day.month(), day.day()))

    def set_as_of(self, day: dt.date) -> None:
        self.as_of_edit.setDate(_qdate(day))

    @Slot()
    def as_of_today(self) -> None:
        self.set_as_of(self.store.today())

    def _refresh_counts(self) -> None:
        store = self.store
        as_of, settings = store.as_of, store.settings

        def work() -> tuple[int, int, int]:
            rows = standings(store.sessions, as_of, settings)
            return (
                sum(s.overdue for s in rows),
                sum(s.due_soon for s in rows),
                sum(s.row.state == "open" for s in rows),
            )

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
        """A non-modal banner at start when promises are overdue today."""
        store = self.store
        today, settings = store.today(), store.settings

        def shown(rows: list[object]) -> None:
            if rows:
                self.banner_text.setText(
                    self.tr("{0} commitment(s) overdue as of today.").format(len(rows))
                )
                self.banner.show()

        store.load(lambda: overdue(store.sessions, today, settings), shown, owner=self)

    @Slot()
    def preferences(self) -> None:
        PreferencesDialog(self.store, self).exec()

    @Slot()
    def print_current(self) -> None:
        from ui.printing import print_view

        print_view(self, self.current_view(), self.store)

    @Slot()
    def export_record(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export the record"),
            "docket-record.json",
            self.tr("Docket JSON (*.json)"),
        )
        if not path:
            return
        from pathlib import Path

        from app.core.files import write_atomic

        store = self.store
        store.load(
            lambda: write_atomic(Path(path), transfer.export_json(store.sessions).encode("utf-8")),
            lambda _r: self.statusBar().showMessage(self.tr("Exported to {0}").format(path), 5000),
            owner=self,
        )

    @Slot()
    def import_csv(self) -> None:
        from ui.importing import import_csv_dialog

        self._import_job = import_csv_dialog(self, self.store)

    @Slot()
    def export_overdue(self) -> None:
        from ui.exporting import export_overdue_dialog

        export_overdue_dialog(self, self.store, self.commitments)

    @Slot()
    def about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Docket"),
            self.tr(
                "<h3>Docket {0}</h3><p>A committee member's record of meetings, decisions and"
                " the promises made to the committee — and how often each has slipped.</p>"
                "<p>Database: {1}</p>"
            ).format(__version__, self.store.db.location),
        )

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
        super().closeEvent(event)


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)
