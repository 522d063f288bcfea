"""What the frozen bundle keeps: the spec filters PyInstaller's lists through these rules.

PyInstaller's PySide6 hooks already collect only the Qt modules Docket imports (QtCore,
QtGui, QtWidgets, QtPrintSupport, QtSvg) and their plugins. These rules take out what a
committee member's desktop never loads: platform plugins for phones, kiosks and VNC,
Wayland plugins made for Qt's own compositors, image formats no view shows, Qt's
translations for languages Docket itself does not speak yet (a dialog half in another
language is worse than one in English), and the libraries only those needed.

Kept on purpose: xcb and Wayland with xdg-shell and its decorations (the two desktops),
offscreen (screenshots and CI), the compose and IBus input contexts (dead keys and input
methods), the portal platform theme, the CUPS print plugin and the SVG, ICO and JPEG
image formats. The GTK platform theme is dropped: it would load the desktop's GTK beside
copies of cairo and pango from the build machine, and Docket draws its own theme anyway.

On Linux the bundle also leaves the desktop's base libraries (C++ runtime, X11, fonts,
GLib, D-Bus, CUPS and what they stand on) to the system: a copy from the build machine
can be older than what the desktop's graphics driver needs, and the .deb declares them
(installer/deb.py asks dpkg-shlibdeps which packages hold them).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import PurePath

Entry = tuple[str, str, str]  # PyInstaller's TOC entry: (name in the bundle, source, kind)

DROPPED_PLUGIN_FOLDERS = frozenset(
    {
        "egldeviceintegrations",  # only for eglfs (kiosks without a window system)
        "generic",  # evdev/tslib touch input for eglfs and linuxfb
        "networkinformation",
        "tls",
        "sqldrivers",
        "qmltooling",
    }
)
DROPPED_PLUGINS = re.compile(
    r"^(lib)?(qeglfs|qlinuxfb|qvnc|qvkkhrdisplay|qminimalegl|qminimal|qgtk3|qdirect2d"
    r"|qgif|qicns|qtga|qtiff|qwbmp|qwebp"  # image formats no view shows
    r"|dmabuf-server|drm-egl-server|shm-emulation-server|vulkan-server"  # Qt compositors
    r"|fullscreen-shell-v1|ivi-shell|qt-shell|wl-shell-plugin)\b"  # old or special shells
)
QT_TRANSLATION = re.compile(r"^(qt|qtbase|qt_help)_(?P<lang>[a-z]{2,3}(_[A-Z]{2})?)\.qm$")
# The desktop's own libraries (Linux): the .deb depends on the packages that hold them.
SYSTEM_LIBRARIES = re.compile(
    r"^lib("
    r"stdc\+\+|gcc_s|X11|X11-xcb|Xau|Xdmcp|Xext|Xrender|xcb|xcb-(render|shm|randr|sync"
    r"|xfixes|glx|shape|xkb)|xkbcommon|fontconfig|freetype|expat|png16|z|bz2|lzma|zstd|lz4"
    r"|brotli\w*|glib-2\.0|gobject-2\.0|gio-2\.0|gmodule-2\.0|gthread-2\.0|ffi|pcre2-8"
    r"|mount|blkid|selinux|uuid|dbus-1|systemd|cap|gcrypt|gpg-error|cups|avahi-\w+"
    r"|gnutls|gssapi_krb5|krb5|krb5support|k5crypto|com_err|keyutils|idn2|unistring"
    r"|nettle|hogweed|gmp|p11-kit|tasn1|bsd|md|wayland-\w+|EGL|GL|GLX|OpenGL|GLdispatch"
    r")\.so(\.\d+)*$"
)
# Python's standard library and packages no Docket command reaches.
EXCLUDED_MODULES = [
    "tkinter",
    "_tkinter",
    "turtle",
    "pydoc_data",
    "lib2to3",
    "idlelib",
    "ensurepip",
    "unittest",
    "pytest",
    "hypothesis",
    "mypy",
    "IPython",
    "numpy",
    "PIL",
    "pygments",  # a test tool's; Mako's optional highlighting plugin would pull it in
    "mako.ext",
    "PySide6.QtNetwork",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtDBus",
]


def keep(dest: str, languages: Iterable[str]) -> bool:
    """Whether a file bound for `dest` (its path inside the bundle) stays in the bundle."""
    path = PurePath(dest.replace("\\", "/"))
    parts = path.parts
    if "plugins" in parts[:-1]:
        folder = parts[parts.index("plugins") + 1]
        if folder in DROPPED_PLUGIN_FOLDERS or DROPPED_PLUGINS.search(path.name):
            return False
    if path.suffix == ".qm" and "translations" in parts and ("Qt" in parts or "PySide6" in parts):
        match = QT_TRANSLATION.match(path.name)
        if match is None:
            return False
        wanted = set(languages)
        lang = match.group("lang")
        return lang in wanted or lang.split("_")[0] in wanted
    return True


def trimmed(entries: Iterable[Entry], languages: Iterable[str]) -> list[Entry]:
    """PyInstaller's TOC entries without the ones `keep` refuses."""
    langs = list(languages)
    return [entry for entry in entries if keep(entry[0], langs)]


def without_system_libraries(entries: Iterable[Entry]) -> list[Entry]:
    """Linux: the entries less the desktop's base libraries (see the module's docstring)."""
    return [e for e in entries if not SYSTEM_LIBRARIES.match(PurePath(e[0]).name)]


def reachable(entries: Iterable[Entry], needed: Callable[[str], Iterable[str]]) -> list[Entry]:
    """The entries less the shared libraries nothing kept links to any more.

    Roots are the Python extension modules, Qt's plugins and the Python library; a
    library stays when a root needs it, directly or through another library. `needed`
    gives a file's link-time dependencies by name. A symlink stays with its target.
    """
    entries = list(entries)
    libraries = {PurePath(e[0]).name: e for e in entries if _is_library(e)}
    todo = [e for e in entries if e[2] == "EXTENSION" or _is_root_binary(e)]
    wanted: set[str] = set()
    while todo:
        entry = todo.pop()
        for name in needed(entry[1]):
            base = PurePath(name).name
            if base in libraries and base not in wanted:
                wanted.add(base)
                todo.append(libraries[base])
    kept = []
    for e in entries:
        name = PurePath(e[0]).name
        if (_is_library(e) or e[2] == "SYMLINK") and name not in wanted:
            continue
        kept.append(e)
    return kept


def without_dangling_links(entries: Iterable[Entry], binaries: Iterable[Entry]) -> list[Entry]:
    """The entries less the symlinks (PyInstaller puts them among the data) to a dropped library."""
    kept = {PurePath(e[0]).name for e in binaries}
    return [e for e in entries if e[2] != "SYMLINK" or PurePath(e[0]).name in kept]


def _is_library(entry: Entry) -> bool:
    return entry[2] == "BINARY" and not _is_root_binary(entry)


def _is_root_binary(entry: Entry) -> bool:
    path = PurePath(entry[0].replace("\\", "/"))
    return "plugins" in path.parts or path.name.startswith("libpython")
