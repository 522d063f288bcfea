"""What to do next where a view would be empty: add the committee, then its commitments or
meetings, said in words with a button that does it.

On a new record the Overview said "Nothing is overdue." and the Commitments view showed a
blank table beside "Select a commitment to see its promises.", with no word that a
committee comes first. The step follows the record: once a body is added, the next one is
offered.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.reads.counts import record_counts
from ui.dialogs.first_body import open_body_form
from ui.read_only import read_only_reason
from ui.store import Store
from ui.theme import SECTION
from ui.views.widgets import ListTable, heading

# What a record lacks, in the order it is added, and which count says so.
COUNTED = {"body": "bodies", "commitment": "commitments", "meeting": "meetings"}


def _words(step: str) -> tuple[str, str, str]:
    """(heading, what to do, button) for a step."""
    if step == "body":
        return (
            QCoreApplication.translate("NextStep", "Start with the committee"),
            QCoreApplication.translate(
                "NextStep",
                "Docket follows the promises made to a committee and its meetings. Add the"
                " committee (or panel) you sit on first; its commitments and meetings come next.",
            ),
            QCoreApplication.translate("NextStep", "Add the committee first…"),
        )
    if step == "commitment":
        return (
            QCoreApplication.translate("NextStep", "No commitments yet"),
            QCoreApplication.translate(
                "NextStep",
                "Record the first promise made to the committee: what was promised, who owes"
                " it and for when (a date, or a phrase such as “the next meeting”).",
            ),
            QCoreApplication.translate("NextStep", "New commitment…"),
        )
    return (
        QCoreApplication.translate("NextStep", "No meetings yet"),
        QCoreApplication.translate(
            "NextStep",
            "Add the committee's next meeting; later ones can be created from its schedule.",
        ),
        QCoreApplication.translate("NextStep", "New meeting…"),
    )


class NextStep(QFrame):
    """The first of `steps` ("body", "commitment", "meeting") the record still lacks, with
    a button that adds it; hidden once the record has them all."""

    step_changed = Signal(str)  # the step now offered, "" for none

    def __init__(self, store: Store, steps: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.steps = store, steps
        self.step = ""
        self._actions: dict[str, tuple[QAction, Callable[[], object] | None]] = {}
        self.form: QWidget | None = None  # the body form, while it is open
        self.setObjectName("nextStep")
        self.setMinimumWidth(420)
        self.title = heading(scale=SECTION)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.button = QPushButton()
        self.button.clicked.connect(self._act)
        row = QHBoxLayout()
        row.addWidget(self.button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 14)
        layout.setSpacing(6)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addLayout(row)
        self.hide()
        store.changed.connect(self.refresh)
        self.refresh()

    def bind(self, step: str, action: QAction, before: Callable[[], object] | None = None) -> None:
        """Let the button of `step` trigger `action` (after `before`, such as showing its view)."""
        self._actions[step] = (action, before)
        action.changed.connect(self._follow)
        self._follow()

    @Slot()
    def refresh(self) -> None:
        self.store.load(lambda: record_counts(self.store.sessions), self._show, owner=self)

    def _show(self, counts: dict[str, int]) -> None:
        lacking = [s for s in COUNTED if s in self.steps and not counts[COUNTED[s]]]
        step = lacking[0] if lacking else ""
        self.step = step
        if step:
            title, text, button = _words(step)
            self.title.setText(title)
            self.text.setText(text)
            self.button.setText(button)
            self.button.setAccessibleName(button.rstrip("…"))
            self._follow()
        self.setVisible(bool(step))
        self.step_changed.emit(step)

    def _follow(self) -> None:
        """The button is on when its action is (off, saying why, in a read-only window)."""
        bound = self._actions.get(self.step)
        enabled = bound[0].isEnabled() if bound else not self.store.read_only
        self.button.setEnabled(enabled)
        self.button.setToolTip("" if enabled or not self.store.read_only else read_only_reason())

    @Slot()
    def _act(self) -> None:
        if self.step in self._actions:
            action, before = self._actions[self.step]
            if before is not None:
                before()
            action.trigger()
        elif self.step == "body":
            self.form = open_body_form(self.store, self.window(), lambda _id: None)

    def placeholder_in(self, table: ListTable, empty: str) -> None:
        """Let `table` say `empty` ("No commitments yet.") while a step is offered."""
        own = table.placeholder  # the view's own words, back once the record has rows

        def say(step: str) -> None:
            table.placeholder = empty if step else own
            table.viewport().update()

        self.step_changed.connect(say)
        say(self.step)
