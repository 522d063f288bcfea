"""The main window's own actions, and where every action appears: its menu bar and toolbar."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QToolBar,
    QToolButton,
    QWidget,
)

from ui.as_of_field import AsOfField
from ui.backup_actions import BackupActions
from ui.dialogs.bodies_dialog import BodiesDialog
from ui.dialogs.connect_dialog import connect_shared
from ui.dialogs.owners_dialog import OwnersDialog

if TYPE_CHECKING:
    from ui.main_window import MainWindow

translate = QCoreApplication.translate


def _action(
    window: QWidget,
    text: str,
    slot: Callable[[], object],
    shortcut: QKeySequence.StandardKey | str | None = None,
) -> QAction:
    act = QAction(text, window)
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
        self.undo_action = undo.createUndoAction(window, translate("MainWindow", "&Undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = undo.createRedoAction(window, translate("MainWindow", "&Redo"))
        # Ctrl+Y and Ctrl+Shift+Z first (the ones the shortcut list shows), then any other
        # the platform has.
        redo_keys = [QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")]
        redo_keys += [
            k for k in QKeySequence.keyBindings(QKeySequence.StandardKey.Redo) if k not in redo_keys
        ]
        self.redo_action.setShortcuts(redo_keys)
        self.find_action = _action(
            window,
            translate("MainWindow", "&Find…"),
            window.focus_search,
            QKeySequence.StandardKey.Find,
        )
        self.prefs_action = _action(
            window,
            translate("MainWindow", "&Preferences…"),
            window.preferences,
            QKeySequence.StandardKey.Preferences,
        )
        if self.prefs_action.shortcut().isEmpty():
            self.prefs_action.setShortcut(QKeySequence("Ctrl+,"))
        self.quit_action = _action(
            window, translate("MainWindow", "&Quit"), window.close, QKeySequence.StandardKey.Quit
        )
        self.close_action = _action(
            window, translate("MainWindow", "&Close window"), window.close, "Ctrl+W"
        )
        self.help_action = _action(
            window,
            translate("MainWindow", "Docket &help"),
            window.show_help,
            QKeySequence.StandardKey.HelpContents,
        )
        if self.help_action.shortcut().isEmpty():
            self.help_action.setShortcut(QKeySequence("F1"))
        self.shortcuts_action = _action(
            window, translate("MainWindow", "&Keyboard shortcuts"), window.show_shortcuts, "Ctrl+/"
        )
        self.print_action = _action(
            window,
            translate("MainWindow", "&Print…"),
            window.print_current,
            QKeySequence.StandardKey.Print,
        )
        self.export_action = _action(
            window,
            translate("MainWindow", "&Export record as JSON…"),
            window.export_record,
            "Ctrl+Shift+E",
        )
        self.connect_action = _action(
            window,
            translate("MainWindow", "Connect to a Shared &Database…"),
            lambda: connect_shared(window),
        )
        self.import_csv_action = _action(
            window,
            translate("MainWindow", "&Import meetings or commitments (CSV)…"),
            window.import_csv,
        )
        self.export_overdue_action = _action(
            window,
            translate("MainWindow", "Export &overdue list…"),
            window.export_overdue,
            "Ctrl+E",
        )
        self.today_action = _action(
            window, translate("MainWindow", "As of &today"), window.as_of_today, "Ctrl+T"
        )
        self.bodies_action = _action(
            window, translate("MainWindow", "&Bodies…"), lambda: BodiesDialog(store, window).exec()
        )
        self.owners_action = _action(
            window, translate("MainWindow", "&Owners…"), lambda: OwnersDialog(store, window).exec()
        )
        self.view_actions = [
            _action(
                window,
                f"&{i + 1} {translate('View', view.title)}",
                partial(window.go_to_view, i),
                f"Ctrl+{i + 1}",
            )
            for i, view in enumerate(window.views)
        ]
        self.about_action = _action(window, translate("MainWindow", "&About Docket"), window.about)
        self.backups = BackupActions(window, store)


def fill_menu_bar(window: MainWindow, acts: WindowActions) -> None:
    c, m = window.commitments, window.meetings
    bar = window.menuBar()
    file_menu = bar.addMenu(translate("MainWindow", "&File"))
    file_menu.addActions([c.new_action, m.new_action])
    file_menu.addSeparator()
    file_menu.addActions([acts.print_action, acts.export_overdue_action, acts.export_action])
    file_menu.addAction(acts.import_csv_action)
    file_menu.addSeparator()
    file_menu.addActions(acts.backups.actions())
    file_menu.addAction(acts.connect_action)
    file_menu.addSeparator()
    file_menu.addActions([acts.close_action, acts.quit_action])
    edit_menu = bar.addMenu(translate("MainWindow", "&Edit"))
    edit_menu.addActions([acts.undo_action, acts.redo_action])
    edit_menu.addSeparator()
    edit_menu.addAction(acts.find_action)
    edit_menu.addSeparator()
    edit_menu.addAction(acts.prefs_action)
    view_menu = bar.addMenu(translate("MainWindow", "&View"))
    view_menu.addActions(acts.view_actions)
    view_menu.addSeparator()
    view_menu.addAction(acts.today_action)
    commitment_menu = bar.addMenu(translate("MainWindow", "&Commitment"))
    commitment_menu.addActions([*c.menu_actions(), c.history_action])
    meeting_menu = bar.addMenu(translate("MainWindow", "&Meeting"))
    meeting_menu.addActions(m.menu_actions())
    meeting_menu.addSeparator()
    meeting_menu.addAction(m.history_action)
    manage_menu = bar.addMenu(translate("MainWindow", "M&anage"))
    manage_menu.addActions([acts.bodies_action, acts.owners_action])
    help_menu = bar.addMenu(translate("MainWindow", "&Help"))
    help_menu.addActions([acts.help_action, acts.shortcuts_action])
    help_menu.addSeparator()
    help_menu.addAction(acts.about_action)

    # Commitment and meeting actions work from anywhere: they bring their view forward.
    for act in c.menu_actions():
        act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        act.triggered.connect(lambda *_: window.show_view("commitments"))
    for act in m.menu_actions():
        act.triggered.connect(lambda *_: window.show_view("meetings"))


def short_twin(act: QAction, label: str, parent: QWidget) -> QAction:
    """A toolbar twin of an Undo or Redo action: always its short label, so the button
    never elides to "U…e"; "Undo Add note" and the keys are in its tooltip, and the Edit
    menu keeps the full name. It follows the original's enabled state and triggers it."""
    twin = QAction(label, parent)
    twin.setObjectName(f"{label.lower()}Button")

    def follow() -> None:
        if not (shiboken6.isValid(twin) and shiboken6.isValid(act)):
            return  # the window is closing
        twin.setEnabled(act.isEnabled())
        keys = act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        name = act.text().replace("&", "")
        twin.setToolTip(f"{name} ({keys})" if keys else name)

    act.changed.connect(follow)
    twin.triggered.connect(lambda _checked=False: act.trigger())
    follow()
    return twin


def add_toolbar(window: MainWindow, acts: WindowActions) -> tuple[AsOfField, QLineEdit]:
    """The main toolbar, and the as-of day and search at the menu bar's right-hand end.

    The day and search sit beside the menus, not in the toolbar, so a narrow window or a
    long "Undo …" label can never push them out of sight; toolbar actions that do not fit
    go to its overflow menu and keep their shortcuts.
    """
    c, m = window.commitments, window.meetings
    tools = QToolBar(translate("MainWindow", "Main"))
    tools.setObjectName("mainToolbar")
    tools.setMovable(False)
    tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    tools.addActions([c.new_action, c.promise_action, m.new_action])
    tools.addSeparator()
    tools.addActions(
        [
            short_twin(acts.undo_action, translate("MainWindow", "Undo"), window),
            short_twin(acts.redo_action, translate("MainWindow", "Redo"), window),
        ]
    )
    tools.addSeparator()
    tools.addActions([acts.print_action, acts.export_overdue_action])
    window.addToolBar(tools)

    corner = QWidget(window.menuBar())  # owned by the menu bar, not by this function
    corner.setObjectName("asOfAndSearch")
    layout = QHBoxLayout(corner)
    layout.setContentsMargins(0, 0, 6, 0)
    layout.setSpacing(4)
    as_of_label = QLabel(translate("MainWindow", "&As of"))
    as_of = AsOfField(window.store)
    as_of_label.setBuddy(as_of.edit)
    today = QToolButton()
    today.setDefaultAction(acts.today_action)
    today.setText(translate("MainWindow", "Today"))
    search = QLineEdit()
    search.setObjectName("search")
    search.setAccessibleName(translate("MainWindow", "Search the current view"))
    search.setPlaceholderText(translate("MainWindow", "Search (Ctrl+F)"))
    search.setClearButtonEnabled(True)
    search.setMinimumWidth(150)
    search.setMaximumWidth(240)
    search.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    for widget in (as_of_label, as_of, today):
        layout.addWidget(widget)
    layout.addSpacing(8)
    layout.addWidget(search, 1)
    window.menuBar().setCornerWidget(corner, Qt.Corner.TopRightCorner)
    return as_of, search
