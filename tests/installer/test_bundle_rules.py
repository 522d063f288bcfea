"""What the bundle keeps of Qt and of the build machine's libraries (installer/bundle_rules.py)."""

from __future__ import annotations

import pytest

from tests.installer.scripts import load

rules = load("bundle_rules")
PLUGINS = "PySide6/Qt/plugins"


@pytest.mark.parametrize(
    "dest",
    [
        f"{PLUGINS}/platforms/libqxcb.so",
        f"{PLUGINS}/platforms/libqwayland.so",
        f"{PLUGINS}/platforms/libqoffscreen.so",
        f"{PLUGINS}/wayland-shell-integration/libxdg-shell.so",
        f"{PLUGINS}/platforminputcontexts/libcomposeplatforminputcontextplugin.so",
        f"{PLUGINS}/imageformats/libqsvg.so",
        f"{PLUGINS}/printsupport/libcupsprintersupport.so",
        "PySide6\\plugins\\platforms\\qwindows.dll",
        "resources/translations/docket_cy.qm",
        "PySide6/Qt/lib/libQt6Widgets.so.6",
    ],
)
def test_what_a_desktop_loads_is_kept(dest: str) -> None:
    assert rules.keep(dest, [])


@pytest.mark.parametrize(
    "dest",
    [
        f"{PLUGINS}/platforms/libqeglfs.so",
        f"{PLUGINS}/platforms/libqvnc.so",
        f"{PLUGINS}/platforms/libqlinuxfb.so",
        f"{PLUGINS}/platformthemes/libqgtk3.so",
        f"{PLUGINS}/egldeviceintegrations/libqeglfs-kms-integration.so",
        f"{PLUGINS}/wayland-shell-integration/libivi-shell.so",
        f"{PLUGINS}/imageformats/libqwebp.so",
        f"{PLUGINS}/tls/libqopensslbackend.so",
        "PySide6\\plugins\\imageformats\\qtiff.dll",
    ],
)
def test_what_no_committee_desktop_loads_is_dropped(dest: str) -> None:
    assert not rules.keep(dest, [])


def test_qt_translations_follow_the_languages_docket_has() -> None:
    qt_welsh = "PySide6/Qt/translations/qtbase_cy.qm"
    qt_german = "PySide6/Qt/translations/qtbase_de.qm"
    assert not rules.keep(qt_welsh, [])
    assert rules.keep(qt_welsh, ["cy"])
    assert not rules.keep(qt_german, ["cy"])
    assert rules.keep("PySide6/Qt/translations/qtbase_pt_BR.qm", ["pt"])
    assert not rules.keep("PySide6/Qt/translations/qtdeclarative_cy.qm", ["cy"])


def test_the_desktops_base_libraries_are_left_to_the_system() -> None:
    entries = [
        ("libstdc++.so.6", "/lib/libstdc++.so.6", "BINARY"),
        ("libglib-2.0.so.0", "/lib/libglib-2.0.so.0", "BINARY"),
        ("libxcb.so.1", "/lib/libxcb.so.1", "BINARY"),
        ("libxcb-cursor.so.0", "/lib/libxcb-cursor.so.0", "BINARY"),
        ("libpython3.11.so.1.0", "/lib/libpython3.11.so.1.0", "BINARY"),
        ("libsqlite3.so.0", "/lib/libsqlite3.so.0", "BINARY"),
    ]
    kept = [e[0] for e in rules.without_system_libraries(entries)]
    # Not every desktop has xcb-cursor (Qt 6.5+ needs it), and Python brings its own SQLite.
    assert kept == ["libxcb-cursor.so.0", "libpython3.11.so.1.0", "libsqlite3.so.0"]


def test_a_library_nothing_kept_links_to_is_dropped_with_its_link() -> None:
    entries = [
        ("PySide6/QtWidgets.abi3.so", "src/QtWidgets", "EXTENSION"),
        (f"{PLUGINS}/platforms/libqxcb.so", "src/qxcb", "BINARY"),
        ("PySide6/Qt/lib/libQt6Widgets.so.6", "src/Widgets", "BINARY"),
        ("PySide6/Qt/lib/libQt6Gui.so.6", "src/Gui", "BINARY"),
        ("PySide6/Qt/lib/libQt6XcbQpa.so.6", "src/XcbQpa", "BINARY"),
        ("PySide6/Qt/lib/libQt6Network.so.6", "src/Network", "BINARY"),
        ("libQt6Network.so.6", "PySide6/Qt/lib/libQt6Network.so.6", "SYMLINK"),
        ("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK"),
    ]
    needs = {
        "src/QtWidgets": ["libQt6Widgets.so.6"],
        "src/Widgets": ["libQt6Gui.so.6", "libc.so.6"],  # Gui only through Widgets
        "src/qxcb": ["libQt6XcbQpa.so.6"],
    }
    kept = [e[0] for e in rules.reachable(entries, lambda src: needs.get(src, []))]
    assert "PySide6/Qt/lib/libQt6Gui.so.6" in kept
    assert "PySide6/Qt/lib/libQt6XcbQpa.so.6" in kept
    assert "libQt6Gui.so.6" in kept
    assert "PySide6/Qt/lib/libQt6Network.so.6" not in kept
    assert "libQt6Network.so.6" not in kept
    links = [("libQt6Network.so.6", "x", "SYMLINK"), ("libQt6Gui.so.6", "x", "SYMLINK")]
    binaries = [("PySide6/Qt/lib/libQt6Gui.so.6", "src/Gui", "BINARY")]
    assert rules.without_dangling_links(links, binaries) == [links[1]]
