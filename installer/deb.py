"""The Debian/Ubuntu package, built with dpkg-deb from the PyInstaller bundle.

    python3 installer/deb.py BUNDLE ICONS OUT_DIR

installs the bundle under /opt/docket, `docket` on the PATH (/usr/bin/docket, a link),
the .desktop entry, the AppStream metainfo and the icon in every hicolor size. Its
dependencies are what dpkg-shlibdeps finds the bundle linking against outside itself:
the desktop's base libraries (installer/bundle_rules.py says which stay outside).

No maintainer scripts: dpkg's own triggers refresh the icon cache and the menu, and the
member's record, settings, logs and backups live in their home folder, which installing,
removing or purging the package never touches.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP_ID = "org.docketapp.Docket"
PACKAGE = "docket"
PREFIX = Path("opt/docket")
MAINTAINER = "The Docket maintainers <maintainers@docketapp.invalid>"
SUMMARY = "tracker of a committee's meetings, decisions and the promises made to it"
DESCRIPTION = """\
 Docket keeps a committee member's own record of a governing committee: its
 meetings, agenda items and decisions, and above all the promises made to it -
 who promised what, for when, on whose word, and how often the date was re-made.
 Every list can be seen as of any day; each meeting gets a printable brief of its
 matters arising; overdue lists export to spreadsheets, PDF and calendars.
 .
 This package holds Docket with its own Python and Qt, under /opt/docket."""
COPYRIGHT = """\
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: Docket

Files: *
Copyright: The Docket maintainers
License: MIT
 Permission is hereby granted, free of charge, to any person obtaining a copy of
 this software and associated documentation files (the "Software"), to deal in
 the Software without restriction, including without limitation the rights to
 use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of
 the Software, and to permit persons to whom the Software is furnished to do so,
 subject to the following conditions:
 .
 The above copyright notice and this permission notice shall be included in all
 copies or substantial portions of the Software.
 .
 THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
 IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS
 FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR
 COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN
 AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION
 WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.

Files: opt/docket/_internal/*
Comment: bundled, unmodified: the CPython runtime (PSF License), Qt 6 and PySide6
 (LGPL-3.0; the libraries are separate shared objects under
 opt/docket/_internal/PySide6 and may be replaced), SQLAlchemy, Alembic, Mako,
 Jinja2, MarkupSafe, openpyxl, et-xmlfile, icalendar, python-dateutil, six,
 tzdata and platformdirs (MIT, BSD or Apache-2.0 licences), ICU (Unicode licence),
 OpenSSL (Apache-2.0) and SQLite (public domain).
"""


def version() -> str:
    text = (ROOT / "app" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'__version__ = "([^"]+)"', text)
    if found is None:
        raise SystemExit("deb: no __version__ in app/__init__.py")
    return found.group(1)


def architecture() -> str:
    return subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()


def stage(bundle: Path, icons: Path, root: Path) -> None:
    """Lay the package's files out under `root` as they will be installed."""
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(bundle, root / PREFIX, symlinks=True)
    (root / "usr" / "bin").mkdir(parents=True)
    (root / "usr" / "bin" / "docket").symlink_to(Path("/") / PREFIX / "docket")
    linux = ROOT / "resources" / "linux"
    share = root / "usr" / "share"
    for source, folder in (
        (linux / f"{APP_ID}.desktop", share / "applications"),
        (linux / f"{APP_ID}.metainfo.xml", share / "metainfo"),
    ):
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, folder / source.name)
    shutil.copytree(icons / "hicolor", share / "icons" / "hicolor")
    docs = share / "doc" / PACKAGE
    docs.mkdir(parents=True)
    (docs / "copyright").write_text(COPYRIGHT, encoding="utf-8")
    _normalise_modes(root)


def depends(root: Path) -> str:
    """The packages holding the libraries the bundle links against outside itself."""
    prefix = root / PREFIX
    elves = [p for p in prefix.rglob("*") if p.is_file() and not p.is_symlink() and _is_elf(p)]
    # The bundle's own libraries, as installed; -S finds them in the staged tree, which
    # (having a DEBIAN folder) dpkg-shlibdeps takes as this package: no dependency on them.
    private = sorted({"/" + p.parent.relative_to(root).as_posix() for p in elves})
    with tempfile.TemporaryDirectory() as scratch:
        (Path(scratch) / "debian").mkdir()
        (Path(scratch) / "debian" / "control").write_text(
            f"Source: {PACKAGE}\n\nPackage: {PACKAGE}\nArchitecture: any\n", encoding="utf-8"
        )
        command = ["dpkg-shlibdeps", "-O", "--ignore-missing-info", f"-S{root}"]
        command += [f"-l{folder}" for folder in private]
        command += [f"-e{path}" for path in elves]
        done = subprocess.run(command, cwd=scratch, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        errors = [line for line in done.stderr.splitlines() if "error" in line]
        raise SystemExit("deb: dpkg-shlibdeps failed:\n" + "\n".join(errors[:20]))
    found = re.search(r"^shlibs:Depends=(.*)$", done.stdout, re.MULTILINE)
    return found.group(1).strip() if found else ""


def control(root: Path, depends_on: str) -> str:
    size_kib = sum(p.lstat().st_size for p in root.rglob("*") if not p.is_dir()) // 1024
    fields = {
        "Package": PACKAGE,
        "Version": version(),
        "Architecture": architecture(),
        "Maintainer": MAINTAINER,
        "Installed-Size": str(size_kib),
        "Depends": depends_on,
        "Section": "misc",
        "Priority": "optional",
        "Description": f"{SUMMARY}\n{DESCRIPTION}",
    }
    return "".join(f"{key}: {value}\n" for key, value in fields.items() if value)


# xz (dpkg-deb's default) makes the smallest download and takes most of the build's time;
# gzip -1 is for a package only made to be tested (CI), not shipped.
COMPRESSION = {"release": ["-Zxz"], "test": ["-Zgzip", "-z1"]}


def build(bundle: Path, icons: Path, out_dir: Path, work: Path, kind: str = "release") -> Path:
    """Stage, describe and pack the package; the .deb written."""
    root = work / "root"
    stage(bundle, icons, root)
    meta = root / "DEBIAN"
    meta.mkdir(mode=0o755)  # before dpkg-shlibdeps: it marks the tree as this package's
    depends_on = depends(root)
    (meta / "control").write_text(control(root, depends_on), encoding="utf-8")
    (meta / "md5sums").write_text(_md5sums(root), encoding="utf-8")
    for path in meta.iterdir():
        path.chmod(0o644)
    out_dir.mkdir(parents=True, exist_ok=True)
    deb = out_dir / f"{PACKAGE}_{version()}_{architecture()}.deb"
    subprocess.run(
        ["dpkg-deb", "--root-owner-group", *COMPRESSION[kind], "--build", str(root), str(deb)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return deb


def _is_elf(path: Path) -> bool:
    with path.open("rb") as file:
        return file.read(4) == b"\x7fELF"


def _normalise_modes(root: Path) -> None:
    """0755 for folders and programs, 0644 for the rest, whatever the build's umask."""
    for folder, _dirs, files in os.walk(root):
        os.chmod(folder, 0o755)
        for name in files:
            path = Path(folder) / name
            if path.is_symlink():
                continue
            path.chmod(0o755 if path.stat().st_mode & 0o111 else 0o644)


def _md5sums(root: Path) -> str:
    lines = []
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink() and "DEBIAN" not in path.parts:
            digest = hashlib.md5(path.read_bytes(), usedforsecurity=False).hexdigest()
            lines.append(f"{digest}  {path.relative_to(root).as_posix()}\n")
    return "".join(lines)


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print("usage: python3 installer/deb.py BUNDLE ICONS OUT_DIR", file=sys.stderr)
        return 2
    bundle, icons, out_dir = map(Path, argv)
    deb = build(bundle, icons, out_dir, ROOT / "build" / "deb")
    print(deb)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
