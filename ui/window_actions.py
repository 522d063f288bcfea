"""The main window's own actions, and where every action appears: its menu bar and toolbar."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDateEdit, QLabel, QLineEdit, QSizePolicy, QToolBar, QWidget

from ui.backup_actions import BackupActions
from ui.dialogs.bodies_dialog import BodiesDialog
from ui.dialogs.form import to_qdate
from ui.dialogs.owners_dialog import OwnersDialog

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def _action(
    window: QWidget,
    text: str,
    slot: Callable[[], object],
    shortcut: QKeySequence.StandardKey | str | None = None,
) -> QAction:
    act = QAction(window.tr(text), window)
    if shortcut is not None:
        act.setShortcut(QKeySequence(shortcut))
    act.triggered.connect(lambda _checked=False: slot())
    return act


class WindowActions:
    """The commands of the window itself (File, Edit, View, Manage, Help): their names,
    shortcuts and the window's slot each calls."""

    def __init__(self, window: MainWindow) -> None:
        store = window.store
        undo = store.undo_stack
        self.undo_action = undo.createUndoAction(window, window.tr("&Undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = undo.createRedoAction(window, window.tr("&Redo"))
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self.find_action = _action(
            window, "&Find…", window.focus_search, QKeySequence.StandardKey.Find
        )
        self.prefs_action = _action(
            window, "&Preferences…", window.preferences, QKeySequence.StandardKey.Preferences
        )
        if self.prefs_action.shortcut().isEmpty():
            self.prefs_action.setShortcut(QKeySequence("Ctrl+,"))
        self.quit_action = _action(window, "&Quit", window.close, QKeySequence.StandardKey.Quit)
        self.print_action = _action(
            window, "&Print…", window.print_current, QKeySequence.StandardKey.Print
        )
        self.export_action = _action(
            window, "&Export record as JSON…", window.export_record, "Ctrl+Shift+E"
        )
        self.import_csv_action = _action(
            window, "&Import meetings or commitments (CSV)…", window.import_csv
        )
        self.export_overdue_action = _action(
            window, "Export &overdue list…", window.export_overdue, "Ctrl+E"
        )
        self.today_action = _action(window, "As of &today", window.as_of_today, "Ctrl+T")
        self.bodies_action = _action(window, "&Bodies…", lambda: BodiesDialog(store, window).exec())
        self.owners_action = _action(window, "&Owners…", lambda: OwnersDialog(store, window).exec())
        self.view_actions = [
            _action(
                window,
                f"&{i + 1} {view.title}",
                partial(window.nav.setCurrentRow, i),
                f"Ctrl+{i + 1}",
            )
            for i, view in enumerate(window.views)
        ]
        self.about_action = _action(window, "&About Docket", window.about)
        self.backups = BackupActions(window, store)


def fill_menu_bar(window: MainWindow, acts: WindowActions) -> None:
    c, m = window.commitments, window.meetings
    bar = window.menuBar()
    file_menu = bar.addMenu(window.tr("&File"))
    file_menu.addActions([c.new_action, m.new_action])
    file_menu.addSeparator()
    file_menu.addActions([acts.print_action, acts.export_overdue_action, acts.export_action])
    file_menu.addAction(acts.import_csv_action)
    file_menu.addSeparator()
    file_menu.addActions(acts.backups.actions())
    file_menu.addSeparator()
    file_menu.addAction(acts.quit_action)
    edit_menu = bar.addMenu(window.tr("&Edit"))
    edit_menu.addActions([acts.undo_action, acts.redo_action])
    edit_menu.addSeparator()
    edit_menu.addAction(acts.find_action)
    edit_menu.addSeparator()
    edit_menu.addAction(acts.prefs_action)
    view_menu = bar.addMenu(window.tr("&View"))
    view_menu.addActions(acts.view_actions)
    view_menu.addSeparator()
    view_menu.addAction(acts.today_action)
    commitment_menu = bar.addMenu(window.tr("&Commitment"))
    commitment_menu.addActions([*c.menu_actions(), c.history_action])
    meeting_menu = bar.addMenu(window.tr("&Meeting"))
    meeting_menu.addActions(m.menu_actions())
    meeting_menu.addSeparator()
    meeting_menu.addAction(m.history_action)
    manage_menu = bar.addMenu(window.tr("M&anage"))
    manage_menu.addActions([acts.bodies_action, acts.owners_action])
    help_menu = bar.addMenu(window.tr("&Help"))
    help_menu.addAction(acts.about_action)

    # Commitment and meeting actions work from anywhere: they bring their view forward.
    for act in c.menu_actions():
        act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        act.triggered.connect(lambda *_: window.show_view("commitments"))
    for act in m.menu_actions():
        act.triggered.connect(lambda *_: window.show_view("meetings"))


def add_toolbar(window: MainWindow, acts: WindowActions) -> tuple[QDateEdit, QLineEdit]:
    """The main toolbar; returns its as-of date field and its search field."""
    c, m = window.commitments, window.meetings
    tools = QToolBar(window.tr("Main"))
    tools.setObjectName("mainToolbar")
    tools.setMovable(False)
    tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    tools.addActions([c.new_action, c.promise_action, m.new_action])
    tools.addSeparator()
    tools.addActions([acts.undo_action, acts.redo_action])
    tools.addSeparator()
    tools.addActions([acts.print_action, acts.export_overdue_action])
    spacer = QWidget()
    spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    tools.addWidget(spacer)
    as_of_label = QLabel(window.tr("&As of "))
    as_of = QDateEdit()
    as_of.setObjectName("asOf")
    as_of.setCalendarPopup(True)
    as_of.setDisplayFormat("d MMM yyyy")
    as_of.setDate(to_qdate(window.store.as_of))
    as_of.setToolTip(window.tr("See every list as it stood on this day"))
    as_of_label.setBuddy(as_of)
    tools.addWidget(as_of_label)
    tools.addWidget(as_of)
    tools.addAction(acts.today_action)
    tools.addSeparator()
    search = QLineEdit()
    search.setObjectName("search")
    search.setPlaceholderText(window.tr("Search (Ctrl+F)"))
    search.setClearButtonEnabled(True)
    search.setFixedWidth(240)
    tools.addWidget(search)
    window.addToolBar(tools)
    return as_of, search
