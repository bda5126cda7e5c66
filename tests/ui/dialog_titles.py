"""Every window title the app can show, read from its source, and whether a title fits its
window's title bar. Used by tests/ui/test_dialog_titles.py and, on the small 1x and 2x
screens, by tests/ui/screen_fit_cases.py. Not collected on its own (no test_ prefix).

The scan reads the titles where they are given (setWindowTitle, the QMessageBox functions and
constructor, the app's own message helpers, a dialog base's title argument, and a `title`
variable), so a new dialog's title is checked without anyone listing it here.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QWidget

PACKAGE = Path(__file__).resolve().parents[2] / "liptwitch_desktop"
APP_NAME = "LipTwitch"
# What the window manager keeps for the title bar's own buttons and icon (close, maximise,
# minimise, the window menu): the title shows whole only in the rest.
BUTTONS_PX = 120  # ui/screen_fit.py TITLE_BAR_BUTTONS, kept apart so the test can fail

# What a message whose words come from elsewhere (an error's description, a notice built in
# another function) is taken to say: as long as a short error description.
SOME_TEXT = "The file could not be written: the disk is full."
# What the code puts in for a message's %1, %2 or %n: a short path, an error or a number.
SOME_VALUE = "/home/you/Documents"

# call name -> (index of the title argument, index of the text argument or None)
_MESSAGE_CALLS = {
    "warning": (1, 2),
    "question": (1, 2),
    "information": (1, 2),
    "critical": (1, 2),
    "QMessageBox": (1, 2),
    "question_box": (1, 2),  # ui/experiment/page.py: (parent, title, text)
    "confirm": (1, 0),  # the experiment page's (text, title)
    "_message": (1, 2),  # ui/data_actions.py: (icon, title, text, ...)
}


@dataclass(frozen=True)
class Title:
    title: str
    text: str  # the message under a message box's title ("" for other windows)
    message_box: bool
    where: str


def shown_title(title: str) -> str:
    """The title as the title bar shows it: Qt appends " — <display name>" unless the title
    names the app already (QPlatformWindow::formatWindowTitle)."""
    return title if APP_NAME in title else f"{title} — {APP_NAME}"


def title_font() -> QFont:
    """The title bar's font, as a window manager usually sets it: the UI font, bold."""
    font = QFont(QApplication.font())
    font.setBold(True)
    return font


def title_width(title: str) -> int:
    return QFontMetrics(title_font()).horizontalAdvance(shown_title(title))


def title_problem(window: QWidget) -> str | None:
    """Why `window`'s title would not show whole in its title bar, or None."""
    title = window.windowTitle()
    room = window.width() - BUTTONS_PX
    if title and title_width(title) > room:
        return f"title {shown_title(title)!r} needs {title_width(title)} px, has {room}"
    return None


def _name(node: ast.AST) -> str | None:
    if isinstance(node, ast.Call):
        node = node.func
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    return None


def _literal(node: ast.AST | None, names: dict[str, ast.AST]) -> str | None:
    """The words of a title or text expression: the longest string in it (a translate call's
    context is shorter than its text), with APP_NAME put in where the code puts it."""
    if node is None:
        return None
    # A variable (or a dict of titles) stands for what was assigned to it in the function.
    parts = [node]
    parts += [names[n.id] for n in ast.walk(node) if isinstance(n, ast.Name) and n.id in names]
    strings = [
        n.value
        for part in parts
        for n in ast.walk(part)
        if isinstance(n, ast.Constant) and isinstance(n.value, str)
    ]
    words = max(strings, key=len, default=None)
    if words is None:
        return None
    if any(isinstance(n, ast.Name) and n.id == "APP_NAME" for p in parts for n in ast.walk(p)):
        words = words.replace("%1", APP_NAME)
    return words


def _arg(call: ast.Call, index: int | None) -> ast.AST | None:
    if index is None or index >= len(call.args):
        return None
    return call.args[index]


def _is_message_call(call: ast.Call, name: str | None) -> bool:
    if name in ("warning", "question", "information", "critical"):  # QMessageBox's, not a log's
        func = call.func
        return isinstance(func, ast.Attribute) and _name(func.value) == "QMessageBox"
    return name in _MESSAGE_CALLS


def scan_titles() -> list[Title]:
    """Every window title in ui/ and app/ (the rest of the package shows no window)."""
    found: list[Title] = []
    paths = [*(PACKAGE / "ui").rglob("*.py"), *(PACKAGE / "app").rglob("*.py")]
    for path in sorted(paths):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        where = str(path.relative_to(PACKAGE.parent))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            names = {
                target.id: node.value
                for node in ast.walk(function)
                if isinstance(node, ast.Assign)
                for target in node.targets
                if isinstance(target, ast.Name)
            }
            for call in ast.walk(function):
                if not isinstance(call, ast.Call):
                    continue
                name = _name(call)
                if _is_message_call(call, name):
                    title_at, text_at = _MESSAGE_CALLS[str(name)]
                    title = _literal(_arg(call, title_at), names)
                    if title is not None:
                        text = _literal(_arg(call, text_at), names) or SOME_TEXT
                        text = re.sub(r"%[0-9n]", SOME_VALUE, text)
                        found.append(Title(title, text, True, f"{where}:{call.lineno}"))
                elif (
                    name == "setWindowTitle"
                    and isinstance(call.func, ast.Attribute)
                    and _name(call.func.value) == "box"
                ):  # a QMessageBox made empty, then given its title and its text
                    title = _literal(_arg(call, 0), names)
                    if title is not None:
                        found.append(Title(title, SOME_TEXT, True, f"{where}:{call.lineno}"))
                elif name == "setWindowTitle" or (
                    name == "__init__" and "dialogs" in where and call.args
                ):
                    title = _literal(_arg(call, 0), names)
                    if title is not None:
                        found.append(Title(title, "", False, f"{where}:{call.lineno}"))
    return found


def message_box_problem(title: Title) -> str | None:
    """Build the message box as the app does (its title, its words, two buttons) and say
    whether its title would show whole."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Question, title.title, title.text)
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.show()
    QApplication.processEvents()
    try:
        problem = title_problem(box)
    finally:
        box.close()
        box.deleteLater()
    return None if problem is None else f"{title.where}: {problem}"
