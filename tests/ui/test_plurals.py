"""Plurals through Qt's %n: one source text per count, English forms from the shipped .ts/.qm.

"1 day", "2 days", never "1 days" or "day(s)" (issue 15, "Polish that people notice").
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale

from liptwitch_desktop.core.resources import translations_dir

from ..tr_counts import PACKAGE, scan

TS = translations_dir() / "liptwitch_en.ts"
QM = translations_dir() / "liptwitch_en.qm"


def _ts_entries() -> dict[tuple[str, str], list[str]]:
    """(context, source) -> the numerus forms, from the shipped .ts."""
    entries = {}
    for context in ET.parse(TS).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            forms = [f.text or "" for f in message.iter("numerusform")]
            entries[(name, message.findtext("source"))] = forms
    return entries


def test_the_shipped_qm_is_what_lrelease_makes_from_the_ts(tmp_path: Path) -> None:
    lrelease = shutil.which("pyside6-lrelease")
    if lrelease is None:  # PySide6-Essentials ships it; a missing one is a broken install
        pytest.fail("pyside6-lrelease not found (it comes with PySide6-Essentials)")
    out = tmp_path / "made.qm"
    subprocess.run([lrelease, str(TS), "-qm", str(out)], check=True, capture_output=True)
    assert out.read_bytes() == QM.read_bytes(), (
        "resources/i18n/liptwitch_en.qm is stale: run pyside6-lrelease on the .ts"
    )


def test_every_count_passed_to_tr_has_its_numerus_forms_in_the_ts() -> None:
    calls, unresolved = scan()
    assert not unresolved, f"tr calls with a count whose context is unknown: {unresolved}"
    assert len(calls) > 15  # the scan finds the calls (the UI has more than 15)
    entries = _ts_entries()
    missing = [
        f"{c.path.name}:{c.line} {c.context}: {c.source!r}"
        for c in calls
        if (c.context, c.source) not in entries
    ]
    assert not missing, "no numerus entry in liptwitch_en.ts for:\n" + "\n".join(missing)
    for (context, source), forms in entries.items():
        assert len(forms) == 2 and all("%n" in f for f in forms), (context, source, forms)
        assert not any("(s)" in f or "(es)" in f for f in forms), (context, source, forms)


def test_no_class_inherits_a_counted_tr_call_under_another_context() -> None:
    """PySide's `self.tr` looks up the object's own class: a subclass calling an inherited
    method would miss the entry filed under the class that wrote the text."""
    contexts = {c.context for c in scan()[0]}
    subclasses = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                bases = {b.id for b in node.bases if isinstance(b, ast.Name)}
                if bases & contexts:
                    subclasses.append(f"{path.name}: {node.name}({', '.join(bases)})")
    assert not subclasses


def test_with_the_translation_loaded_1_is_singular_and_2_plural(qapp: object) -> None:
    for (context, source), (one, many) in _ts_entries().items():
        said_one = QCoreApplication.translate(context, source, "", 1)
        said_two = QCoreApplication.translate(context, source, "", 2)
        assert said_one == one.replace("%n", "1"), (context, source)
        assert said_two == many.replace("%n", "2"), (context, source)


def test_a_language_without_its_own_file_gets_the_english_forms() -> None:
    from liptwitch_desktop.platform.translations import load_translator

    for language in (QLocale.Language.German, QLocale.Language.English):
        translator = load_translator(QLocale(language))
        assert translator is not None
        # (QCoreApplication.translate puts the number in for %n; the translator picks the form)
        assert translator.translate("ReportDialog", "%n page(s)", "", 1) == "%n page"
        assert translator.translate("ReportDialog", "%n page(s)", "", 3) == "%n pages"


def test_the_translator_is_installed_once(qapp: object) -> None:
    from PySide6.QtCore import QTranslator

    from liptwitch_desktop.platform.translations import install_translations

    def installed() -> list[QTranslator]:
        return qapp.findChildren(QTranslator, "liptwitchTranslator")  # type: ignore[attr-defined]

    assert len(installed()) == 1  # the fixture installs it, as make_application does
    assert install_translations(qapp)  # type: ignore[arg-type]
    assert len(installed()) == 1


def test_loading_the_translation_costs_under_a_millisecond() -> None:
    """At start, before the first paint: a few KB read once (measured best of 20)."""
    import time

    from liptwitch_desktop.platform.translations import load_translator

    best = min(_timed(time.perf_counter, load_translator) for _ in range(20))
    assert best < 0.001, f"loading the translation took {best * 1000:.2f} ms"
    assert QM.stat().st_size < 16_000


def _timed(clock, load) -> float:  # type: ignore[no-untyped-def]
    t0 = clock()
    load(QLocale())
    return clock() - t0


def test_the_ui_says_1_entry_and_2_entries(ctx, qtbot) -> None:
    from liptwitch_desktop.app.bootstrap import build_controllers
    from liptwitch_desktop.core.entries import Episode
    from liptwitch_desktop.store.entries import add_episode
    from liptwitch_desktop.ui.main_window import MainWindow

    window = MainWindow(ctx, build_controllers(ctx))
    qtbot.addWidget(window)
    now = ctx.clock.now()
    add_episode(Episode(started_at=now - timedelta(hours=2), duration_s=30))
    log = window.show_page("log")
    log.refresh()
    assert log.count_label.text() == "1 entry"
    today = window.show_page("today")
    today.refresh()
    assert today.episodes_body.text().splitlines()[0] == "1 twitch today"
    add_episode(Episode(started_at=now - timedelta(hours=1), duration_s=30))
    log.refresh()
    today.refresh()
    assert log.count_label.text() == "2 entries"
    assert today.episodes_body.text().splitlines()[0] == "2 twitches today"


# --- no hand-made plurals left in the widgets ---------------------------------------------------


def _ui_files() -> list[Path]:
    return sorted((PACKAGE / "ui").rglob("*.py"))


def _counted_sources() -> set[tuple[Path, int]]:
    return {(c.path, c.line) for c in scan()[0]}


def test_no_ui_text_says_s_in_brackets_outside_a_counted_tr_call() -> None:
    """ "(s)" belongs only in the source text of a %n call, which the .ts replaces."""
    counted = _counted_sources()
    found = []
    for path in _ui_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        inside: set[int] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and node.args and (path, node.lineno) in counted:
                # the text: a translate() call's second argument, tr()'s first
                is_translate = getattr(node.func, "attr", "") == "translate"
                text = node.args[1] if is_translate else node.args[0]
                inside |= {id(a) for a in ast.walk(text)}
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and re.search(r"\w\((s|es)\)", node.value)
                and id(node) not in inside
            ):
                found.append(f"{path.name}:{node.lineno}: {node.value!r}")
    assert not found


def _is_one(test: ast.expr) -> bool:
    return (
        isinstance(test, ast.Compare)
        and len(test.ops) == 1
        and isinstance(test.ops[0], ast.Eq | ast.NotEq)
        and any(isinstance(c, ast.Constant) and c.value == 1 for c in test.comparators)
    )


def _says_words(node: ast.expr) -> bool:
    return any(
        (isinstance(n, ast.Constant) and isinstance(n.value, str) and n.value.strip())
        or (isinstance(n, ast.Call) and getattr(n.func, "attr", getattr(n.func, "id", "")) == "tr")
        for n in ast.walk(node)
    )


def test_no_ui_text_picks_its_singular_by_hand() -> None:
    """No `"1 page" if n == 1 else ...`: the count goes to tr() and the .ts picks the form."""
    found = []
    for path in _ui_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.IfExp)
                and _is_one(node.test)
                and _says_words(node.body)
                and _says_words(node.orelse)
            ):
                found.append(f"{path.name}:{node.lineno}")
    assert not found


def test_the_checks_above_catch_a_hand_made_plural(tmp_path: Path) -> None:
    """The scan is not vacuous: the old form of the Today heading is found."""
    old = 'x = self.tr("1 twitch today") if count == 1 else self.tr("%1 twitches today")'
    [node] = [n for n in ast.walk(ast.parse(old)) if isinstance(n, ast.IfExp)]
    assert _is_one(node.test) and _says_words(node.body) and _says_words(node.orelse)
