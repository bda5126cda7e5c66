"""The house rules no other tool checks: rooms of at most 400 lines, a composition root's
entry under 200, no Qt widget below the ui layer, and no store write in a widget.

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


# --- widgets never write to the store ----------------------------------------------------------

# Everything ui/ may take from the store: reads, and the types and error helpers they need.
# Every write goes through a controller (controllers/), which emits one Change.
UI_STORE_READS: dict[str, set[str]] = {
    "store.settings": {"get_setting", "get_time"},
    "store.log_reads": {"get_checkin", "has_triage_history", "running_episode", "today_summary"},
    "store.log_query": {"log_rows"},
    "store.aggregates": {
        "day_series",
        "hour_profile",
        "log_facts_for",
        "logged_range",
        "persistence_notice",
    },
    "store.reminder_store": {"get_policy", "get_spec", "load_specs", "magnesium_adherence"},
    "store.triage_history": {"list_triage_history"},
    "store.medicines": {"list_medicines", "started_within"},
    "store.backup": {"list_backups"},
    "store.magnesium_notice": {"notice_pending", "notice_shown"},
    "store.supplements": {"confirmed_magnesium_dose", "magnesium_offered"},
    "store.report_query": {"build_report_for"},
    "store.experiment_view": {"current_view", "experiment_facts", "view_of"},
    "store.experiments": {"StoredExperiment", "history"},
    # What went wrong, in words: no writing in them.
    "store.database.storage_errors": {"MESSAGES", "classify", "describe", "is_storage_error"},
    # The import's outcome as the widget shows it (the import itself: controllers/data.py).
    "store.transfer.export_import": {"ImportRejected", "ImportReport", "Rejection"},
}
WRITING_WORDS = ("set", "save", "add", "delete", "update", "adopt", "restore", "import_", "export")


def store_imports(path: Path, root: Path = PACKAGE) -> list[tuple[str, str]]:
    """(module under the package, name) for each import of the store in `path`, lazy ones
    too; a module imported whole is its name under its package ("store", "backup")."""
    package = ".".join(path.relative_to(root).with_suffix("").parts[:-1])
    found: list[tuple[str, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".") if package else []
                base = base[: len(base) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                prefix = PACKAGE.name + "."
                module = (node.module or "").removeprefix(prefix)
                if module == node.module:
                    continue  # not ours
            found += [(module, a.name) for a in node.names]
        elif isinstance(node, ast.Import):
            found += [
                (a.name.removeprefix(PACKAGE.name + "."), "*")
                for a in node.names
                if a.name.startswith(PACKAGE.name + ".store")
            ]
    return [(m, n) for m, n in found if m == "store" or m.startswith("store.")]


def test_the_widgets_take_only_reads_from_the_store() -> None:
    offenders = [
        f"{p.relative_to(PACKAGE)}: {module}.{name}"
        for p in (PACKAGE / "ui").rglob("*.py")
        for module, name in store_imports(p)
        if name not in UI_STORE_READS.get(module, set())
    ]
    assert offenders == []


def test_the_list_of_store_reads_holds_no_write() -> None:
    names = {name for names in UI_STORE_READS.values() for name in names}
    assert [n for n in names if n.lower().startswith(WRITING_WORDS)] == []


def test_the_store_check_sees_whole_modules_writes_and_lazy_imports(tmp_path: Path) -> None:
    ui = tmp_path / "ui"
    ui.mkdir()
    sample = ui / "sample.py"
    sample.write_text(
        "from ..store import backup\n"
        "from ..store.settings import get_setting, set_setting\n"
        "def f():\n    from ..store.transfer.export_import import import_json_file\n"
        "import liptwitch_desktop.store.entries\n"
        "from liptwitch_desktop.store.reminder_store import save_spec\n"
        "from ..core.changes import Change\n",
        encoding="utf-8",
    )
    found = sorted(store_imports(sample, tmp_path))
    assert found == [
        ("store", "backup"),
        ("store.entries", "*"),
        ("store.reminder_store", "save_spec"),
        ("store.settings", "get_setting"),
        ("store.settings", "set_setting"),
        ("store.transfer.export_import", "import_json_file"),
    ]
    allowed = [(m, n) for m, n in found if n in UI_STORE_READS.get(m, set())]
    assert allowed == [("store.settings", "get_setting")]


# --- one registry of entry kinds -----------------------------------------------------------------

ENTRY_TYPES = {"Episode", "Intake", "CheckIn", "Medicine"}
# Where the kinds are used to decide what to do (store/transfer/csv_export.py and
# core/log_rows.py format rows, below the registry's layer, and are not checked here).
REGISTRY_USERS = ("ui", "controllers", "app", "reminders")


def kind_ladders(path: Path) -> list[str]:
    """Each `isinstance(x, Episode)` (or Intake, CheckIn, Medicine, or a tuple of them)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "isinstance":
            kinds = node.args[1] if len(node.args) > 1 else None
            names = kinds.elts if isinstance(kinds, ast.Tuple) else [kinds]
            hits = [n.id for n in names if isinstance(n, ast.Name) and n.id in ENTRY_TYPES]
            found += [f"{path.relative_to(PACKAGE)}:{node.lineno} {h}" for h in hits]
    return found


def test_entry_kinds_are_looked_up_not_tested_one_by_one() -> None:
    offenders = [
        hit
        for layer in REGISTRY_USERS
        for p in (PACKAGE / layer).rglob("*.py")
        for hit in kind_ladders(p)
    ]
    assert offenders == []


# --- the tools: .ci/run runs the README's test command, which measures coverage ----------------


def test_ci_runs_the_readmes_test_command_last_with_the_coverage_floor() -> None:
    root = PACKAGE.parent
    readme = (root / "README.md").read_text(encoding="utf-8")
    ci = [
        line
        for line in (root / ".ci" / "run").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    command = ci[-1]
    assert f"\n{command}\n" in readme, "the README's test command is not what .ci/run runs last"
    assert command.endswith("python -m pytest --cov"), "the coverage floor needs --cov"
    assert any(line.strip().endswith("python -m mypy") for line in ci)
    pyproject = (root / "pyproject.toml").read_text(encoding="utf-8")
    assert "\nfail_under = " in pyproject, "pyproject.toml sets the coverage floor"


def test_the_architecture_picture_is_the_one_the_script_draws_today() -> None:
    import importlib.util

    script = PACKAGE.parent / "docs" / "architecture_diagram.py"
    spec = importlib.util.spec_from_file_location("architecture_diagram", script)
    assert spec is not None and spec.loader is not None
    diagram = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(diagram)
    committed = (PACKAGE.parent / "docs" / "architecture.svg").read_text(encoding="utf-8")
    assert committed == diagram.draw(), "run: python docs/architecture_diagram.py"
