"""The house rules no other tool checks: rooms of at most 400 lines, a composition root's
entry under 200, and no Qt widget below the ui layer.

import-linter (`lint-imports`, contracts in pyproject.toml) holds the layers and keeps Qt,
peewee, APScheduler and jeepney out of core and Qt out of the store; it sees an external
package only as a whole, so "QtCore yes, QtWidgets no" is read from the source here.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "liptwitch_desktop"
MAX_LINES = 400
MAX_ROOT_LINES = 200  # app/__init__.py: run_gui and what it calls, no more
# Layers that may use QtCore (signals, timers) or QtGui (painting) but never build a widget.
NO_WIDGETS = ("core", "store", "platform", "runtime", "cli", "report", "reminders", "controllers")
WIDGET_MODULES = {"PySide6.QtWidgets", "PySide6.QtPrintSupport"}


def modules() -> Iterator[Path]:
    yield from sorted(PACKAGE.rglob("*.py"))


def lines_of(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def test_no_module_is_over_400_lines() -> None:
    too_long = {
        str(p.relative_to(PACKAGE)): lines_of(p) for p in modules() if lines_of(p) > MAX_LINES
    }
    assert too_long == {}


def test_the_composition_roots_entry_is_under_200_lines() -> None:
    assert lines_of(PACKAGE / "app" / "__init__.py") < MAX_ROOT_LINES


def widget_imports(path: Path, root: Path = PACKAGE) -> list[str]:
    """Every import of a widget module in `path`, also inside functions (lazy imports)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name in WIDGET_MODULES]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            if node.module in WIDGET_MODULES:
                found.append(node.module)
            elif node.module == "PySide6":
                found += [f"PySide6.{a.name}" for a in node.names]
    return [f"{path.relative_to(root)}:{name}" for name in found if name in WIDGET_MODULES]


def test_no_layer_below_ui_imports_a_widget() -> None:
    offenders = [
        hit
        for layer in NO_WIDGETS
        for p in (PACKAGE / layer).rglob("*.py")
        for hit in widget_imports(p)
    ]
    assert offenders == []


def test_the_widget_check_sees_lazy_and_package_imports(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from PySide6 import QtWidgets\n"
        "def f():\n    from PySide6.QtWidgets import QLabel\n    import PySide6.QtPrintSupport\n"
        "from PySide6.QtCore import QObject\n",
        encoding="utf-8",
    )
    names = [hit.split(":")[1] for hit in widget_imports(sample, tmp_path)]
    assert names == ["PySide6.QtWidgets", "PySide6.QtWidgets", "PySide6.QtPrintSupport"]
