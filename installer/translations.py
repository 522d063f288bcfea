"""Docket's translations: .ts sources read from the UI's code, .qm files compiled from them.

    python3 installer/translations.py update          refresh resources/translations/*.ts from ui/
    python3 installer/translations.py new cy          start a language (docket_cy.ts, Welsh)
    python3 installer/translations.py compile DIR     compile every language into DIR/docket_XX.qm

`docket.ts` is the template: every text of the UI, untranslated. A translator copies none
of it by hand: `new LANG` makes `docket_LANG.ts`, which they fill in with Qt Linguist
(`pyside6-linguist`). `compile` (run by installer/build.py) refreshes copies of the .ts
files from the code first, so a text added since the translator's last visit shows in
English rather than stopping the build.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "resources" / "translations"
LANGUAGE = re.compile(r"^[a-z]{2,3}(_[A-Z]{2})?$")


def tool(name: str) -> str:
    """pyside6-lupdate or pyside6-lrelease: beside this Python first (a venv), else on PATH."""
    beside = Path(sys.executable).parent / f"pyside6-{name}"
    for candidate in (beside, beside.with_suffix(".exe")):
        if candidate.exists():
            return str(candidate)
    found = shutil.which(f"pyside6-{name}")
    if found is None:
        raise SystemExit(f"translations: pyside6-{name} not found (install PySide6)")
    return found


def ui_sources(root: Path = ROOT) -> list[Path]:
    return sorted(p for p in (root / "ui").rglob("*.py") if "__pycache__" not in p.parts)


def languages(folder: Path = FOLDER) -> list[str]:
    """The languages Docket has a translation for (docket_cy.ts → "cy")."""
    return sorted(p.stem.removeprefix("docket_") for p in folder.glob("docket_*.ts"))


def lupdate(ts: Path, *, language: str | None = None, root: Path = ROOT) -> None:
    """Bring `ts` up to date with the texts in the UI's code (kept translations stay)."""
    command = [tool("lupdate"), *map(str, ui_sources(root)), "-locations", "relative"]
    command += ["-source-language", "en"]
    if language is not None:
        command += ["-target-language", language]
    _run([*command, "-ts", str(ts)])


def lrelease(ts: Path, qm: Path) -> None:
    _run([tool("lrelease"), "-silent", str(ts), "-qm", str(qm)])


def update(folder: Path = FOLDER) -> list[Path]:
    """Refresh the template and every language's .ts from the code; the files refreshed."""
    folder.mkdir(parents=True, exist_ok=True)
    files = [folder / "docket.ts", *(folder / f"docket_{lang}.ts" for lang in languages(folder))]
    for ts in files:
        lupdate(ts)
    return files


def new(language: str, folder: Path = FOLDER) -> Path:
    if not LANGUAGE.match(language):
        raise SystemExit(f"translations: {language!r} is not a language code like cy or pt_BR")
    ts = folder / f"docket_{language}.ts"
    if ts.exists():
        raise SystemExit(f"translations: {ts} already exists")
    lupdate(ts, language=language)
    return ts


def compile_all(dest: Path, folder: Path = FOLDER) -> list[Path]:
    """Compile every language into dest/docket_LANG.qm, from copies refreshed from the code.

    The template is compiled too (into a scratch folder), so a broken .ts stops the build
    even before any language exists.
    """
    dest.mkdir(parents=True, exist_ok=True)
    for old in dest.glob("docket_*.qm"):
        old.unlink()
    compiled = []
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        template = work / "docket.ts"
        if (folder / "docket.ts").exists():
            shutil.copy2(folder / "docket.ts", template)
        lupdate(template)
        lrelease(template, work / "docket.qm")
        for lang in languages(folder):
            copy = work / f"docket_{lang}.ts"
            shutil.copy2(folder / f"docket_{lang}.ts", copy)
            lupdate(copy)
            qm = dest / f"docket_{lang}.qm"
            lrelease(copy, qm)
            compiled.append(qm)
    return compiled


def _run(command: list[str]) -> None:
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"translations: {Path(command[0]).name} failed:\n{done.stderr}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="installer/translations.py", description=__doc__.split("\n")[0]
    )
    steps = parser.add_subparsers(dest="step", required=True)
    steps.add_parser("update", help="refresh resources/translations/*.ts from the UI's code")
    new_p = steps.add_parser("new", help="start a language: docket_LANG.ts")
    new_p.add_argument("language", help="a code such as cy (Welsh) or pt_BR")
    compile_p = steps.add_parser("compile", help="compile every language into DIR")
    compile_p.add_argument("dest", type=Path)
    args = parser.parse_args(argv)
    if args.step == "update":
        for ts in update():
            print(f"updated {ts.relative_to(ROOT)}")
    elif args.step == "new":
        print(f"created {new(args.language).relative_to(ROOT)}: translate it with pyside6-linguist")
    else:
        for qm in compile_all(args.dest):
            print(f"compiled {qm}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
