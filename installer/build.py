"""Build Docket as a desktop app, in one command:

    python3 installer/build.py            the bundle in dist/docket/, and on Debian/Ubuntu
                                          the package dist/docket_VERSION_ARCH.deb
    python3 installer/build.py --no-deb   the bundle only (Windows and macOS CI use this)
    python3 installer/build.py --test-deb the .deb packed quickly, to be tested, not shipped

Steps: compile the translations (installer/translations.py), draw the icons
(installer/icons.py), freeze with PyInstaller (installer/docket.spec: a one-folder
bundle with Python, Qt and every dependency inside), try the bundle (`docket --version`),
then pack the .deb (installer/deb.py). Sizes and times are printed at the end.

Run with a Python that has Docket's dependencies and PyInstaller (`pip install -e
'.[package]'`); any other Python first makes build/venv with them and runs there.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build"
DIST = ROOT / "dist"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="installer/build.py", description=__doc__.split("\n")[0])
    parser.add_argument("--no-deb", action="store_true", help="build the bundle only")
    parser.add_argument(
        "--test-deb",
        action="store_true",
        help="pack the .deb with gzip -1, not xz: a minute quicker, a bigger file (CI's)",
    )
    args = parser.parse_args(argv)
    if not _has_tools():
        return _in_build_venv(argv or [])
    sys.path.insert(0, str(ROOT / "installer"))
    import icons
    import translations

    clock = _Clock()
    with clock("translations"):
        compiled = translations.compile_all(BUILD / "translations")
    with clock("icons"):
        shutil.rmtree(BUILD / "icons", ignore_errors=True)
        icons.write_all(BUILD / "icons")
    with clock("bundle"):
        bundle = freeze()
    with clock("check"):
        check(bundle)
    deb = None
    if not args.no_deb and sys.platform.startswith("linux") and shutil.which("dpkg-deb"):
        if shutil.which("dpkg-shlibdeps") is None:
            raise SystemExit("build: the .deb needs dpkg-shlibdeps: sudo apt-get install dpkg-dev")
        import deb as debian

        with clock("deb"):
            kind = "test" if args.test_deb else "release"
            deb = debian.build(bundle, BUILD / "icons", DIST, BUILD / "deb", kind)
    languages = ", ".join(qm.stem.removeprefix("docket_") for qm in compiled) or "none yet"
    print(f"\ntranslations compiled: {languages}")
    files = [p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink()]
    size = sum(p.stat().st_size for p in files)
    print(f"bundle:  {_rel(bundle)}/  {_mb(size)}, {len(files)} files")
    if deb is not None:
        print(f"package: {_rel(deb)}  {_mb(deb.stat().st_size)}")
    print(f"time:    {clock.summary()}")
    return 0


def freeze() -> Path:
    """Run PyInstaller on the spec; the bundle's folder."""
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN"]
    command += ["--distpath", str(DIST), "--workpath", str(BUILD / "pyinstaller")]
    subprocess.run([*command, str(ROOT / "installer" / "docket.spec")], check=True, cwd=ROOT)
    if sys.platform == "darwin":
        return DIST / "Docket.app"
    return DIST / "docket"


def check(bundle: Path) -> None:
    """The frozen program runs and knows its version (a broken freeze stops the build here)."""
    names = {"win32": "docket-cli.exe", "darwin": "Contents/MacOS/docket"}
    program = bundle / names.get(sys.platform, "docket")
    done = subprocess.run(
        [str(program), "--version"], capture_output=True, text=True, timeout=120, check=False
    )
    if done.returncode != 0 or not done.stdout.startswith("docket "):
        raise SystemExit(f"build: the bundle does not run:\n{done.stdout}{done.stderr}")
    print(done.stdout.strip())
    if sys.platform.startswith("linux"):
        _check_plugins_link(bundle)


def _check_plugins_link(bundle: Path) -> None:
    """Every Qt plugin finds its libraries, in the bundle or on this machine.

    A library missing here (libxcb-cursor0, say) would be missing from the bundle too, and
    the window would not open on a desktop that lacks it: stop the build instead.
    """
    internal = bundle / "_internal"
    env = {**os.environ, "LD_LIBRARY_PATH": str(internal)}
    missing = []
    for plugin in sorted((internal / "PySide6" / "Qt" / "plugins").rglob("*.so")):
        done = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, env=env)
        missing += [
            f"{plugin.name}: {line.strip()}"
            for line in done.stdout.splitlines()
            if "not found" in line
        ]
    if missing:
        raise SystemExit(
            "build: libraries missing (install them and build again):\n" + "\n".join(missing)
        )


def _has_tools() -> bool:
    return all(importlib.util.find_spec(m) is not None for m in ("PyInstaller", "PySide6"))


def _in_build_venv(argv: list[str]) -> int:
    """Make build/venv with Docket's dependencies and PyInstaller, and build from there."""
    venv = BUILD / "venv"
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    if not python.exists():
        print(f"build: making {_rel(venv)} (Docket's dependencies and PyInstaller)")
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        pip = [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
        subprocess.run([*pip, f"{ROOT}[package]"], check=True)
    return subprocess.run([str(python), __file__, *argv], check=False).returncode


class _Clock:
    """Times each step of the build, for the summary line."""

    def __init__(self) -> None:
        self.steps: list[tuple[str, float]] = []
        self.start = time.monotonic()

    def __call__(self, name: str) -> _Step:
        return _Step(self, name)

    def summary(self) -> str:
        parts = ", ".join(f"{name} {seconds:.0f} s" for name, seconds in self.steps)
        return f"{time.monotonic() - self.start:.0f} s ({parts})"


class _Step:
    def __init__(self, clock: _Clock, name: str) -> None:
        self.clock, self.name = clock, name

    def __enter__(self) -> None:
        print(f"build: {self.name}…", flush=True)
        self.began = time.monotonic()

    def __exit__(self, *exc: object) -> None:
        self.clock.steps.append((self.name, time.monotonic() - self.began))


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def _rel(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


if __name__ == "__main__":
    sys.exit(main())
