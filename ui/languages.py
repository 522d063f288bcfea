"""The UI's language: Docket's own translation, and Qt's for its standard dialogs.

Translations are compiled at build time (installer/translations.py) into
resources/translations/docket_LANG.qm. The first of the member's languages that Docket
has is used (DOCKET_LANGUAGE, e.g. `cy` or `cy:en`, overrides the system's list); Qt's
own translation of that language is loaded with it, and only then, so a dialog is never
half in one language and half in another. With no match Docket speaks English.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

_installed: list[QTranslator] = []  # a translator must outlive its installation
_chosen: dict[QCoreApplication, str | None] = {}


def translations_folder() -> Path:
    return Path(str(resources.files("resources") / "translations"))


def wanted_languages() -> list[str]:
    """The member's languages, most wanted first, as `cy_GB` / `cy` names."""
    override = os.environ.get("DOCKET_LANGUAGE", "").strip()
    names = override.split(":") if override else QLocale.system().uiLanguages()
    wanted: list[str] = []
    for name in names:
        full = name.replace("-", "_")
        for candidate in (full, full.split("_")[0]):
            if candidate and candidate not in wanted:
                wanted.append(candidate)
    return wanted


def install_translations(app: QCoreApplication, folder: Path | None = None) -> str | None:
    """Load Docket's translation for the first wanted language it has; that language, or None.

    Once per application (a second call answers what the first chose), unless `folder`
    names the translations to load.
    """
    if folder is not None:
        return _install(app, folder)
    if app not in _chosen:
        _chosen[app] = _install(app, translations_folder())
    return _chosen[app]


def _install(app: QCoreApplication, folder: Path) -> str | None:
    for language in wanted_languages():
        if language == "en":
            return None  # Docket's own language: nothing to load
        qm = folder / f"docket_{language}.qm"
        if not qm.is_file():
            continue
        own = QTranslator(app)
        if not own.load(str(qm)):
            continue
        app.installTranslator(own)
        _installed.append(own)
        qt = QTranslator(app)
        qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt.load(f"qtbase_{language}", qt_folder):
            app.installTranslator(qt)
            _installed.append(qt)
        return language
    return None


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name pyside6-lupdate reads
    """Mark `text` for pyside6-lupdate under `context`; it is translated where it is shown.

    For texts kept in constants (a view's title, a table's column headings), which exist
    before any translator is installed.
    """
    del context
    return text
