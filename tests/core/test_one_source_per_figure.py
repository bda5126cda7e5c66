"""One source per figure: the clinical figures of resources/knowledge/limits.toml are written
there and nowhere else in the package's Python (core/limits.py and core/knowledge read them).

The scan looks at every numeric constant in the package's source (the AST, so comments and
texts do not count) and fails on a figure of limits.toml outside the knowledge loader, unless
the allow-list below says why that number is something else. Small counts (limits.toml's 3
and 6 months) are everywhere in code and are not scanned; slice bounds (`text[:200]`) are
lengths, never figures.
"""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

from liptwitch_desktop.core.limits import limit
from liptwitch_desktop.core.resources import knowledge_dir

PACKAGE = Path(__file__).resolve().parents[2] / "liptwitch_desktop"
LOADERS = {"core/limits.py"} | {
    str(p.relative_to(PACKAGE)) for p in (PACKAGE / "core" / "knowledge").rglob("*.py")
}
SMALLEST_SCANNED = 10

# (module, number): why the number there is not the figure of limits.toml.
ALLOWED: dict[tuple[str, float], str] = {
    # The settings are read before the first paint, which cannot wait for tomllib and the
    # file (~10 ms measured); their defaults and choices are held to limits.toml below.
    ("core/settings_schema.py", 400): "the caffeine limit's default and choices (held below)",
    ("core/settings_schema.py", 200): "the pregnancy choice and the dose default (held below)",
    # Coincidences: the same number, another meaning.
    ("core/schedule/specs.py", 14): "the recovery plan's week 3 starts on day 14 (7 x 2)",
    ("core/schedule/due.py", 14): "how far back a long absence's missed reminders are read",
    ("core/schedule/due.py", 400): "days searched for a next occurrence (a year and more)",
    ("store/adherence.py", 14): "the nights Today's magnesium adherence counts",
    ("ui/trends/page.py", 14): "the Trends page's 2-week range button",
    ("ui/trends/plots.py", 400): "the longest range that still draws a marker per day",
    ("report/paper.py", 14): "points on the printed page (the footer's height)",
    ("store/reminder_firings.py", 250): "a glass of water, 250 ml (hydration's Done)",
    ("cli/verb_actions.py", 250): "a glass of water, 250 ml (the water command's default)",
    ("platform/ipc_messages.py", 200): "characters in a command's text (MAX_TEXT_CHARS)",
    ("cli/grammar.py", 200): "characters of a refused argument echoed back",
    ("core/experiment/demo.py", 14): "the demo experiment ended 14 days ago",
    ("core/log_facts.py", 400): "characters in a cause's sentence",
    ("store/transfer/import_file.py", 400): "characters of an import message",
    ("ui/trends/analysis_view.py", 250): "pixels: the analysis picture's axis width",
    ("ui/trends/events.py", 14): "pixels: a hovered event's size",
    ("ui/dialogs/intake_dialogs.py", 250): "a glass of water, 250 ml (the water dialog)",
    ("core/demo_data.py", 200): "the demo log's magnesium doses",
    ("core/demo_data.py", 250): "the demo log's glasses of water",
    ("core/experiment/tdist.py", 200): "iterations of a numeric series",
    ("ui/data_actions.py", 400): "milliseconds before a progress dialog shows",
    ("core/validation.py", 200): "characters in a label",
    ("core/medicines.py", 200): "characters in a medicine's name",
    ("core/log_facts.py", 200): "characters in a medicine name the triage reads",
    ("store/tables/other.py", 200): "characters in a column",
    ("store/transfer/importing.py", 200): "characters of an import message",
}


def figures() -> dict[float, list[str]]:
    with (knowledge_dir() / "limits.toml").open("rb") as fh:
        raw = tomllib.load(fh)
    found: dict[float, list[str]] = {}
    for item in raw["limit"]:
        found.setdefault(float(item["value"]), []).append(item["id"])
    return found


def numbers_in(source: str) -> list[tuple[int, float]]:
    tree = ast.parse(source)
    bounds = {
        id(part)
        for node in ast.walk(tree)
        if isinstance(node, ast.Slice)
        for part in (node.lower, node.upper, node.step)
        if part is not None
    }
    return [
        (node.lineno, float(node.value))
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and type(node.value) in (int, float)
        and id(node) not in bounds
    ]


def test_no_figure_of_limits_toml_is_written_in_the_code() -> None:
    scanned = {v: ids for v, ids in figures().items() if v >= SMALLEST_SCANNED}
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = str(path.relative_to(PACKAGE))
        if module in LOADERS:
            continue
        for line, value in numbers_in(path.read_text(encoding="utf-8")):
            if value in scanned and (module, value) not in ALLOWED:
                found.append(f"{module}:{line}: {value:g} ({', '.join(scanned[value])})")
    assert found == [], "read these from limits.toml (core.limits.limit):\n" + "\n".join(found)


def test_every_allowed_number_is_still_there() -> None:
    """An allow-list entry whose number went away is removed (it would hide the next one)."""
    stale = []
    for module, value in ALLOWED:
        source = (PACKAGE / module).read_text(encoding="utf-8")
        if value not in {v for _line, v in numbers_in(source)}:
            stale.append(f"{module}: {value:g}")
    assert stale == []


def test_the_scan_finds_a_figure_and_not_a_length() -> None:
    source = "LIMIT = 400.0\nname = text[:400]\nsize = 14\n"
    assert numbers_in(source) == [(1, 400.0), (3, 14.0)]


def test_the_first_paints_settings_say_what_limits_toml_says() -> None:
    from liptwitch_desktop.core.settings_schema import SPECS

    caffeine = SPECS["caffeine_limit_mg"]
    assert float(caffeine.default) == limit("caffeine_mg_day")
    assert {float(value) for value, _label in caffeine.choices} == {
        limit("caffeine_mg_day"),
        limit("caffeine_mg_day_pregnancy"),
    }
    assert SPECS["caffeine_target_mg"].maximum == limit("caffeine_mg_day")
    assert SPECS["magnesium_dose_mg"].default == limit("magnesium_default_dose_mg")


def test_the_figures_are_read_from_limits_toml() -> None:
    from liptwitch_desktop.core import caffeine, facts_from_days, magnesium
    from liptwitch_desktop.core.report import sections

    assert caffeine.DAILY_LIMIT_MG == limit("caffeine_mg_day") == 400
    assert caffeine.DAILY_LIMIT_PREGNANCY_MG == limit("caffeine_mg_day_pregnancy") == 200
    assert magnesium.EU_UPPER_LIMIT_MG == limit("magnesium_supplement_mg_day") == 250
    assert magnesium.US_UPPER_LIMIT_MG == limit("magnesium_supplement_ul_us_mg_day") == 350
    assert facts_from_days.PERSISTENCE_DAYS == sections.PERSISTENT_DAYS == 14
    assert (facts_from_days.RECURRING_MONTHS, facts_from_days.MONTHS_WINDOW) == (3, 6)
