"""Every Qt translation call in the package that passes a count (`%n`), found in the source.

Three forms are understood, each with a context the .ts file can name:
  - `self.tr(text, disambiguation, n)` in a class: the class's name (PySide looks up the
    class of the object; tests/ui/test_plurals.py checks no subclass inherits such a call);
  - `QCoreApplication.translate("Context", text, disambiguation, n)`;
  - `_tr(text, disambiguation, n)`, where the module's own `_tr` calls
    `QCoreApplication.translate("Context", ...)`.
Any other call with a count (`page.tr(text, "", n)`) is listed in `unresolved`: its context is
known only when it runs, so a test cannot tell whether the .ts covers it.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "liptwitch_desktop"


@dataclass(frozen=True)
class CountCall:
    path: Path
    line: int
    context: str
    source: str


def _text(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _is_translate(node: ast.Call) -> bool:
    f = node.func
    return isinstance(f, ast.Attribute) and f.attr == "translate"


def _module_tr_context(tree: ast.Module) -> str | None:
    """The literal context of a module-level `def _tr` wrapping QCoreApplication.translate."""
    for fn in tree.body:
        if isinstance(fn, ast.FunctionDef) and fn.name == "_tr":
            for node in ast.walk(fn):
                if isinstance(node, ast.Call) and _is_translate(node) and node.args:
                    return _text(node.args[0])
    return None


def scan(root: Path = PACKAGE) -> tuple[list[CountCall], list[str]]:
    found: list[CountCall] = []
    unresolved: list[str] = []
    for path in sorted(root.rglob("*.py")):
        _scan_file(path, root, found, unresolved)
    return found, unresolved


def _scan_file(path: Path, root: Path, found: list[CountCall], unresolved: list[str]) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    wrapper = _module_tr_context(tree)

    def visit(node: ast.AST, cls: str | None) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef) and child.name == "_tr":
                continue  # the wrapper itself passes its text and count on
            visit(child, child.name if isinstance(child, ast.ClassDef) else cls)
        if not isinstance(node, ast.Call):
            return
        f, args = node.func, node.args
        where = f"{path.relative_to(root.parent)}:{node.lineno}"
        if isinstance(f, ast.Attribute) and f.attr == "tr" and len(args) >= 3:
            text = _text(args[0])
            is_self = isinstance(f.value, ast.Name) and f.value.id == "self"
            if is_self and cls is not None and text is not None:
                found.append(CountCall(path, node.lineno, cls, text))
            else:
                unresolved.append(where)
        elif _is_translate(node) and len(args) >= 4:
            ctx, text = _text(args[0]), _text(args[1])
            if ctx is None or text is None:
                unresolved.append(where)
            else:
                found.append(CountCall(path, node.lineno, ctx, text))
        elif isinstance(f, ast.Name) and f.id == "_tr" and len(args) >= 3:
            text = _text(args[0])
            if wrapper is None or text is None:
                unresolved.append(where)
            else:
                found.append(CountCall(path, node.lineno, wrapper, text))

    visit(tree, None)
