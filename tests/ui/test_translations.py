"""Translations: every text of the window goes through tr(), and a compiled language reaches it.

A stand-in language is made the way a translator would make one (installer/translations.py
new, then every text "translated" by wrapping it in ⟦…⟧ — a test's marker, never shipped),
compiled with pyside6-lrelease and loaded by the app's own loader. The real window is then
walked: every menu, action, button, tooltip, placeholder, heading and accessible name must
come out wrapped. A text passed to Qt without tr(), or under a context lupdate cannot see,
comes out bare and is named in the failure.
"""

from __future__ import annotations

import ast
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QObject,
    QSortFilterProxyModel,
    Qt,
    QTimer,
)
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QCalendarWidget,
    QComboBox,
    QGroupBox,
    QLineEdit,
    QMenu,
    QTabWidget,
    QWidget,
)

from tests.installer.scripts import load
from ui import languages
from ui.store import Store

translations = load("translations")
ROOT = Path(__file__).resolve().parents[2]
OPEN, CLOSE = "⟦", "⟧"
MARKS = {"translate", "QT_TRANSLATE_NOOP"}


def known_contexts() -> set[str]:
    """The UI's class names (`self.tr`) and the contexts its code names itself
    (`QCoreApplication.translate("Ctx", …)`, `QT_TRANSLATE_NOOP("Ctx", …)`)."""
    names = set()
    for path in translations.ui_sources(ROOT):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                names.add(node.name)
            elif isinstance(node, ast.Call) and node.args:
                func = node.func
                called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                first = node.args[0]
                if called in MARKS and isinstance(first, ast.Constant):
                    names.add(str(first.value))
    return names


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> ET.ElementTree:
    ts = tmp_path_factory.mktemp("ts") / "docket.ts"
    translations.lupdate(ts, root=ROOT)
    return ET.parse(ts)


def test_every_text_is_under_a_context_the_app_translates_with(template: ET.ElementTree) -> None:
    """`window.tr("…")` outside its class, or a bare `tr()`, files a text under a context
    ("window", "") that Qt never asks for at run time: the text would stay English."""
    known = known_contexts()
    contexts = {c.findtext("name") or "" for c in template.getroot().iter("context")}
    assert contexts
    assert contexts <= known, sorted(contexts - known)


def test_lupdate_finds_the_windows_texts(template: ET.ElementTree) -> None:
    sources = {m.findtext("source") for m in template.getroot().iter("message")}
    assert len(sources) > 300
    for text in ("&File", "About Docket", "&Copy details", "Overview", "Record new &promise…"):
        assert text in sources


@pytest.fixture
def stand_in_language(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The language "xx": every text wrapped in ⟦…⟧, compiled and loaded as the app loads one."""
    folder = tmp_path / "ts"
    folder.mkdir()
    monkeypatch.setattr(translations, "ROOT", ROOT)
    ts = translations.new("xx", folder)
    tree = ET.parse(ts)
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        translation.attrib.pop("type", None)
        translation.text = f"{OPEN}{source}{CLOSE}"
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    compiled = translations.compile_all(tmp_path / "qm", folder)
    assert [qm.name for qm in compiled] == ["docket_xx.qm"]
    monkeypatch.setenv("DOCKET_LANGUAGE", "xx:en")
    app = QCoreApplication.instance()
    assert app is not None
    before = list(languages._installed)
    assert languages.install_translations(app, tmp_path / "qm") == "xx"
    yield "xx"
    for translator in languages._installed[len(before) :]:
        app.removeTranslator(translator)
    del languages._installed[len(before) :]


def test_without_the_language_docket_speaks_english(qapp, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("DOCKET_LANGUAGE", "cy")
    app = QCoreApplication.instance()
    assert app is not None
    assert languages.install_translations(app, tmp_path) is None  # no docket_cy.qm there
    monkeypatch.setenv("DOCKET_LANGUAGE", "en_GB:cy")
    assert languages.wanted_languages() == ["en_GB", "en", "cy"]


def record_texts() -> set[str]:
    """Texts of the sample record (names, titles): data, not the window's own words."""
    sample = json.loads((ROOT / "resources" / "sample" / "nec.json").read_text(encoding="utf-8"))
    found: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, str):
            found.add(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(sample)
    return found


def in_calendar(item: QObject | None) -> bool:
    """Part of a calendar (its month menu is a window of its own, so walk the parents)."""
    while item is not None:
        if isinstance(item, QCalendarWidget):
            return True
        item = item.parent()
    return False


def window_texts(window: QWidget) -> Iterator[tuple[str, str, str]]:
    """(kind, text, where) for the window's own words: not labels, which show the record."""
    for widget in [window, *window.findChildren(QWidget)]:
        if in_calendar(widget):
            continue  # month names come from the locale, not from Docket
        where = f"{type(widget).__name__} {widget.objectName()}".strip()
        if isinstance(widget, QAbstractButton):
            yield "button", widget.text(), where
        if isinstance(widget, QLineEdit):
            yield "placeholder", widget.placeholderText(), where
        if isinstance(widget, QGroupBox):
            yield "group", widget.title(), where
        if isinstance(widget, QMenu):
            yield "menu", widget.title(), where
        if isinstance(widget, QTabWidget):
            for i in range(widget.count()):
                yield "tab", widget.tabText(i), where
        if isinstance(widget, QComboBox):
            for i in range(widget.count()):
                yield "choice", widget.itemText(i), where
        if isinstance(widget, QAbstractItemView) and isinstance(
            widget.model(), QAbstractTableModel | QSortFilterProxyModel
        ):
            model = widget.model()
            for c in range(model.columnCount()):
                heading = model.headerData(c, Qt.Orientation.Horizontal)
                yield "heading", str(heading or ""), where
        yield "tooltip", widget.toolTip(), where
        yield "accessible name", widget.accessibleName(), where
        if widget.isWindow():
            yield "title", widget.windowTitle(), where
    for act in window.findChildren(QAction):
        if in_calendar(act):
            continue
        yield "action", act.text(), "QAction"
        yield "action tooltip", act.toolTip(), f"QAction {act.text()}"


# Qt's own words (scroll buttons, a button box's standard buttons): Qt's translation of the
# language, loaded with Docket's (ui/languages.py), has them.
QT_OWN = {
    "Scroll Left",
    "Scroll Right",
    "OK",
    "Cancel",
    "Close",
    "Save",
    "Restore Defaults",
    "&Yes",
    "&No",
}


def untranslated(window: QWidget) -> list[tuple[str, str, str]]:
    data = record_texts()
    bare = []
    for kind, text, where in window_texts(window):
        if not re.search(r"[A-Za-z]{2}", text) or OPEN in text or text in QT_OWN:
            continue
        parts = [p.strip(" .") for p in re.split(r" \(|\)| · ", text) if p.strip(" .")]
        if all(part in data for part in parts):  # "National Executive Committee (NEC)"
            continue
        bare.append((kind, text, where))
    return sorted(set(bare))


@pytest.mark.usefixtures("stand_in_language")
def test_every_text_of_the_window_is_translated(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    from ui.main_window import MainWindow

    window = MainWindow(store, restore=False)
    qtbot.addWidget(window)
    window.show()
    for name in ("overview", "meetings", "commitments", "decisions"):
        view = window.show_view(name)
        qtbot.waitUntil(lambda v=view: v.is_loaded and not store.busy, timeout=10_000)
    window.commitments.select_key("forde-report")
    qtbot.waitUntil(lambda: not store.busy, timeout=10_000)
    assert window.windowTitle().startswith(OPEN)  # the language is really in use
    bare = untranslated(window)
    assert bare == [], "\n".join(map(str, bare))
    store.tasks.wait()
    QApplication.processEvents()


def dialog_texts(qtbot, act: QAction) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    """Trigger the action, read the dialog it opens, close it; its untranslated texts."""
    found: list[list[tuple[str, str, str]]] = []

    def read_and_close() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, read_and_close)
            return
        found.append(untranslated(dialog))
        dialog.close()

    assert act.isEnabled(), act.text()
    QTimer.singleShot(0, read_and_close)
    act.trigger()
    qtbot.waitUntil(lambda: bool(found), timeout=10_000)
    return [(kind, text, f"{act.text()}: {where}") for kind, text, where in found[0]]


@pytest.mark.usefixtures("stand_in_language")
def test_every_text_of_the_dialogs_is_translated(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    from ui.main_window import MainWindow

    window = MainWindow(store, restore=False)
    qtbot.addWidget(window)
    window.show()
    commitments = window.show_view("commitments")
    qtbot.waitUntil(lambda: commitments.is_loaded and not store.busy, timeout=10_000)
    window.commitments.select_key("forde-chair-visit")  # open: it can be delivered
    qtbot.waitUntil(lambda: not store.busy, timeout=10_000)
    c, m, acts = window.commitments, window.meetings, window.window_actions
    bare = []
    for act in (
        c.new_action,
        c.promise_action,
        c.note_action,
        c.deliver_action,
        c.edit_action,
        c.delete_action,
        c.history_action,
        acts.prefs_action,
        acts.bodies_action,
        acts.owners_action,
        acts.help_action,
        acts.shortcuts_action,
        acts.about_action,
    ):
        bare += dialog_texts(qtbot, act)
    meetings = window.show_view("meetings")
    qtbot.waitUntil(lambda: meetings.is_loaded and not store.busy, timeout=10_000)
    agenda = window.meetings.agenda
    for act in (
        m.new_action,
        m.edit_action,
        m.reschedule_action,
        m.schedule_action,
        m.delete_action,
        m.history_action,
        agenda.add_item_action,
    ):
        bare += dialog_texts(qtbot, act)
    store.tasks.wait()
    assert bare == [], "\n".join(map(str, bare))
