"""The Overview's count cards: a large number that opens its list, tinted while it is not 0."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from ui.theme import COUNT, SECTION
from ui.views.widgets import heading, muted


class CountCard(QPushButton):
    """A large number with its caption; clicking it (or Space/Enter) opens that list."""

    def __init__(
        self,
        caption: str,
        hint: str,
        icon: QIcon,
        parent: QWidget | None = None,
        *,
        tone: str = "",
    ) -> None:
        super().__init__(parent)
        self.caption = caption
        self.tone = tone  # "alarm" or "warning": the card is tinted while its count is not 0
        self.setObjectName("countCard")
        self.setFlat(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setStyleSheet(
            "QPushButton#countCard { border: 1px solid palette(mid); border-radius: 8px;"
            " background: palette(base); }"
            "QPushButton#countCard:hover { border-color: palette(highlight); }"
            "QPushButton#countCard:focus { border: 2px solid palette(highlight); }"
            "QPushButton#countCard:pressed { background: palette(alternate-base); }"
            # Tinted, not painted: the same tints read on the light and the dark palette.
            'QPushButton#countCard[lit="alarm"] { background: rgba(229, 57, 53, 0.14);'
            " border-color: #e57373; }"
            'QPushButton#countCard[lit="warning"] { background: rgba(245, 158, 11, 0.15);'
            " border-color: #f0b45a; }"
            'QLabel#cardNumber[lit="alarm"] { color: #e53935; }'
            'QLabel#cardNumber[lit="warning"] { color: #d08000; }'
        )
        self.icon_label = QLabel()
        self.icon_label.setPixmap(icon.pixmap(QSize(22, 22)))
        self.number = heading("–", scale=COUNT)
        self.number.setObjectName("cardNumber")
        self.caption_label = heading(caption, scale=SECTION)
        self.hint_label = muted(QLabel())
        self.hint_label.setWordWrap(True)
        top = QHBoxLayout()
        top.setSpacing(10)
        top.addWidget(self.number)
        top.addStretch(1)
        top.addWidget(self.icon_label, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 12)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.caption_label)
        layout.addWidget(self.hint_label)
        layout.addStretch(1)
        for label in (self.icon_label, self.number, self.caption_label, self.hint_label):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.set_hint(hint)
        self.set_count(None)

    def set_hint(self, hint: str) -> None:
        self.hint_label.setText(hint)
        self.setToolTip(self.tr("{0}: show them in Commitments").format(hint))
        self.setAccessibleDescription(hint)

    def set_count(self, count: int | None) -> None:
        self.count = count
        self.number.setText("–" if count is None else str(count))
        lit = self.tone if count else ""
        for widget in (self, self.number):
            widget.setProperty("lit", lit)
            widget.style().unpolish(widget)
            widget.style().polish(widget)
        self.setAccessibleName(f"{self.caption}: {'–' if count is None else count}")

    def sizeHint(self) -> QSize:
        layout = self.layout()
        return layout.sizeHint() if layout is not None else super().sizeHint()

    def minimumSizeHint(self) -> QSize:
        layout = self.layout()
        hint = layout.minimumSize() if layout is not None else super().minimumSizeHint()
        return QSize(min(hint.width(), 160), hint.height())
