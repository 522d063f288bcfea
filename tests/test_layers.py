"""The house's plan, kept by tests: layers (db → app → ui), app's wings, and room sizes."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# app/cli/gui.py starts the GUI and hands Qt's PDF writers to the other commands: the exception.
ENTRY_POINTS = {ROOT / "app" / "cli" / "gui.py"}
QT_WIDGETS = ("PySide6.QtWidgets", "PySide6.QtPrintSupport")

# Which wing of app/ may import which (besides itself). Every wing may import db/.
WINGS: dict[str, set[str]] = {
    "core": set(),
    "ledger": {"core"},
    "record": {"core", "ledger"},
    "reads": {"core", "ledger"},
    "documents": {"core", "ledger", "reads", "papers"},
    "transfer": {"core", "ledger", "record", "papers"},
    "safety": {"core"},
    "papers": {"core"},
    "cli": {"core", "ledger", "record", "reads", "documents", "transfer", "safety", "papers"},
}


def imports(path: Path) -> list[str]:
    """Every module a file imports, `from a import b` giving both `a` and `a.b`."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
            names.extend(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def sources(folder: str) -> list[Path]:
    files = sorted((ROOT / folder).rglob("*.py"))
    assert files, f"no Python files under {folder}/"
    return files


def wing_of(path: Path) -> str | None:
    parts = path.relative_to(ROOT / "app").parts
    return parts[0] if len(parts) > 1 else None


def wing_offences(path: Path, names: list[str]) -> list[str]:
    """The imports of `path` that cross its wing's allowed directions."""
    own = wing_of(path)
    if own is None:
        return []
    bad = []
    for name in names:
        parts = name.split(".")
        crosses = parts[0] == "app" and len(parts) > 1 and parts[1] in WINGS
        if crosses and parts[1] != own and parts[1] not in WINGS[own]:
            bad.append(name)
    return bad


def test_db_imports_no_qt_and_no_upper_layer() -> None:
    offenders = [
        (path.relative_to(ROOT), name)
        for path in sources("db")
        for name in imports(path)
        if name.split(".")[0] in ("PySide6", "shiboken6", "app", "ui")
    ]
    assert offenders == []


def test_app_imports_no_widgets_and_no_ui() -> None:
    offenders = [
        (path.relative_to(ROOT), name)
        for path in sources("app")
        if path not in ENTRY_POINTS
        for name in imports(path)
        if name.startswith(QT_WIDGETS) or name.split(".")[0] == "ui"
    ]
    assert offenders == []


def test_the_entry_points_reach_the_gui_only_through_ui() -> None:
    for path in ENTRY_POINTS:
        assert not any(name.startswith("PySide6") for name in imports(path)), path


def test_every_module_of_app_sits_in_a_wing() -> None:
    loose = [p.name for p in (ROOT / "app").glob("*.py") if p.name != "__init__.py"]
    assert loose == []
    folders = {p.name for p in (ROOT / "app").iterdir() if (p / "__init__.py").exists()}
    assert folders == set(WINGS)


def test_wings_import_only_in_their_directions() -> None:
    offenders = [
        (str(path.relative_to(ROOT)), name)
        for path in sources("app")
        for name in wing_offences(path, imports(path))
    ]
    assert offenders == []


def test_the_rules_catch_violations(tmp_path: Path) -> None:
    sample = tmp_path / "bad.py"
    sample.write_text("from PySide6 import QtWidgets\nimport db.models\nfrom app import ui\n")
    found = imports(sample)
    assert "PySide6.QtWidgets" in found
    assert "db.models" in found
    ledger_file = ROOT / "app" / "ledger" / "rules.py"
    assert wing_offences(ledger_file, ["app.safety.backups", "app.core.errors"]) == [
        "app.safety.backups"
    ]


MAX_MODULE_LINES = 400
MAX_CLASS_LINES = 300


def room_sizes(path: Path) -> tuple[int, list[tuple[str, int]]]:
    """A module's line count and the length of each of its classes."""
    text = path.read_text(encoding="utf-8")
    tree = ast.parse(text)
    classes = [
        (node.name, (node.end_lineno or node.lineno) - node.lineno + 1)
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef)
    ]
    return len(text.splitlines()), classes


@pytest.mark.parametrize("folder", ["app", "db", "ui"])
def test_no_room_is_too_big(folder: str) -> None:
    too_big = []
    for path in sources(folder):
        if "migrations" in path.parts:
            continue  # generated revisions are read, not grown
        lines, classes = room_sizes(path)
        if lines > MAX_MODULE_LINES:
            too_big.append(f"{path.relative_to(ROOT)}: {lines} lines")
        too_big.extend(
            f"{path.relative_to(ROOT)}: class {name} {length} lines"
            for name, length in classes
            if length > MAX_CLASS_LINES
        )
    assert too_big == []


def test_the_size_rule_measures(tmp_path: Path) -> None:
    sample = tmp_path / "big.py"
    sample.write_text("class A:\n" + "    x = 1\n" * 5 + "\n\nclass B:\n    y = 2\n")
    lines, classes = room_sizes(sample)
    assert lines == 10
    assert classes == [("A", 6), ("B", 2)]
