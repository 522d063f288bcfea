"""The bar at the top of the window when promises are overdue today.

Shown at start (when anything is overdue), it follows every edit (an edit that leaves one
overdue says "1 commitment"; none, and it goes) and gives way while an earlier day is
viewed: the as-of banner speaks for that day, and two bars never stack. Dismissed, it
stays away until the next start.
"""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

from app.core.wording import plural
from app.ledger.standings import overdue
from ui.store import Store


class OverdueNotice(QFrame):
    """The bar: "2 commitments overdue as of today." with Show them and Dismiss."""

    show_them = Signal()  # the member asked to see the overdue list

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.wanted = False  # asked for at start, until dismissed
        self.setObjectName("overdueBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 4, 4)
        self.text = QLabel()
        show = QPushButton(self.tr("Show them"))
        show.clicked.connect(self._show_them)
        dismiss = QPushButton(self.tr("Dismiss"))
        dismiss.clicked.connect(self.dismiss)
        layout.addWidget(self.text, 1)
        layout.addWidget(show)
        layout.addWidget(dismiss)
        self.hide()
        store.changed.connect(self.refresh)
        store.as_of_changed.connect(lambda _day: self.refresh())

    def want(self) -> None:
        """Show the notice from now on whenever anything is overdue today."""
        self.wanted = True
        self.refresh()

    @Slot()
    def dismiss(self) -> None:
        self.wanted = False
        self.hide()

    @Slot()
    def _show_them(self) -> None:
        self.dismiss()
        self.show_them.emit()

    @Slot()
    def refresh(self) -> None:
        if not self.wanted:
            return
        store = self.store
        today, settings = store.today(), store.settings

        def shown(rows: list[object]) -> None:
            if not self.wanted:
                return
            self.text.setText(
                self.tr("{0} overdue as of today.").format(plural(len(rows), "commitment"))
            )
            self.setVisible(bool(rows) and store.as_of == store.today())

        store.load(lambda: overdue(store.sessions, today, settings), shown, owner=self)
