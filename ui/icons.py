"""Docket's icons: one set of SVG files in resources/icons, drawn for Docket.

RAG is never colour alone: red is a circle with "!", amber a triangle, green a tick, and
an open-ended promise (amber: no date for 90 days or more) an amber clock face.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QIcon

from app.ledger.rules import Standing
from ui.languages import QT_TRANSLATE_NOOP

RAG_COLOURS = {"red": "#c62828", "amber": "#ef8f00", "green": "#2e7d32"}


class _Words(Mapping[str, str]):
    """Words kept by key in English (marked for lupdate) and handed out translated."""

    def __init__(self, context: str, words: dict[str, str]) -> None:
        self._context, self._words = context, words

    def __getitem__(self, key: str) -> str:
        return QCoreApplication.translate(self._context, self._words[key])

    def __iter__(self) -> Iterator[str]:
        return iter(self._words)

    def __len__(self) -> int:
        return len(self._words)


RAG_LABELS: Mapping[str, str] = _Words(
    "Standing",
    {
        "red": QT_TRANSLATE_NOOP("Standing", "Overdue"),
        "amber": QT_TRANSLATE_NOOP("Standing", "At risk"),
        "green": QT_TRANSLATE_NOOP("Standing", "On track"),
        "open_ended": QT_TRANSLATE_NOOP("Standing", "No date"),
        "undated": QT_TRANSLATE_NOOP("Standing", "No date yet"),
    },
)
# Which file draws each mark; delivered and dropped commitments have a quiet grey dot.
RAG_FILES = {
    "red": "overdue",
    "amber": "at-risk",
    "green": "on-track",
    "open_ended": "no-date",
    "undated": "on-track",  # green all the same: only a date missed or at risk is flagged
    None: "closed",
}


def icon_path(name: str) -> Path:
    return Path(str(resources.files("resources") / "icons" / f"{name}.svg"))


@cache
def icon(name: str) -> QIcon:
    """An icon of the set by its file name (without .svg); SVG, so crisp at any DPI."""
    return QIcon(str(icon_path(name)))


def rag_key(s: Standing) -> str | None:
    """The standing's mark: its RAG colour, "open_ended" for an amber promise with no date
    (none for 90 days or more), or "undated" for a green one with no date yet.

    By the rule, green is every open commitment that is not red or amber, a promise with
    no date under 90 days old included: it stays green, but is not called "On track".
    """
    if s.open_ended and s.rag == "amber":
        return "open_ended"
    if s.rag == "green" and s.row.target is None:
        return "undated"
    return s.rag


def rag_icon(rag: str | None) -> QIcon:
    return icon(RAG_FILES.get(rag, "closed"))


def standing_icon(s: Standing) -> QIcon:
    return rag_icon(rag_key(s))


def app_icon() -> QIcon:
    """Docket's application icon: a page with a red marker ribbon and a slip chart on a tile.

    The same SVG is the master of the installed icons (installer/icons.py draws the PNGs).
    """
    return icon("docket-app")
