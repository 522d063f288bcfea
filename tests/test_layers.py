"""The layering rule: db/ imports no Qt; app/ imports no Qt widgets (the GUI entry point aside)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# app/cli.py starts the GUI; that single import of ui/ is the documented exception.
ENTRY_POINT = ROOT / "app" / "cli.py"


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


def _sources(folder: str) -> list[Path]:
    files = sorted((ROOT / folder).rglob("*.py"))
    assert files, f"no Python files under {folder}/"
    return files


def test_db_imports_no_qt_and_no_upper_layer() -> None:
    offenders = [
        (path.relative_to(ROOT), name)
        for path in _sources("db")
        for name in _imports(path)
        if name.split(".")[0] in ("PySide6", "shiboken6", "app", "ui")
    ]
    assert offenders == []


def test_app_imports_no_widgets_and_no_ui() -> None:
    offenders = [
        (path.relative_to(ROOT), name)
        for path in _sources("app")
        if path != ENTRY_POINT
        for name in _imports(path)
        if name.startswith(("PySide6.QtWidgets", "PySide6.QtPrintSupport"))
        or name.split(".")[0] == "ui"
    ]
    assert offenders == []


def test_the_entry_point_reaches_the_gui_only_through_ui() -> None:
    names = _imports(ENTRY_POINT)
    assert not any(name.startswith("PySide6") for name in names)
    assert "ui.application" in names


def test_the_rule_catches_a_violation(tmp_path: Path) -> None:
    sample = tmp_path / "bad.py"
    sample.write_text("from PySide6.QtWidgets import QLabel\nimport db.models\n")
    assert _imports(sample) == ["PySide6.QtWidgets", "db.models"]
