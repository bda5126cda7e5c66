"""Counts with their nouns outside the widgets: one plain-Python helper (core/plurals.py).

The widgets use Qt's %n (tests/ui/test_plurals.py); core, the report, the command line and
the reminders build text without it, and say "1 day" and "2 days" through `count`.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from liptwitch_desktop.cli.export import summary
from liptwitch_desktop.core.analysis.picture import Mark, mark_words
from liptwitch_desktop.core.plurals import count

from ..tr_counts import PACKAGE

NOUNS = (
    "days|nights|weeks|factors|entries|settings|pages|twitches|reminders|minutes|items|rows|"
    "episodes|results|events|backups|drinks|periods|intakes|check-ins"
)
# A placeholder for a number right before a plural noun: "%1 days", "{n} days", f"{n} days".
NUMBER_NOUN = re.compile(rf"(%\d|\{{[^}}]*\}}) ({NOUNS})\b")
# Where the number is never a whole 1: rates and hours with a decimal ("7.5 hours").
ALLOWED = (
    "hours",  # fractional hours of sleep and half-lives; a whole hour goes through %n
    "twitches a day",
    "twitch(es)",
)


def test_count_says_the_singular_for_one_only() -> None:
    assert count(1, "day") == "1 day"
    assert count(2, "day") == "2 days"
    assert count(0, "day") == "0 days"
    assert count(1, "entry", "entries") == "1 entry"
    assert count(3, "entry", "entries") == "3 entries"


def test_texts_built_without_qt_agree_on_the_singular() -> None:
    line = summary({"episodes": 1, "intakes": 2, "checkins": 1, "settings": 1}, Path("x.json"))
    assert line == "Exported 1 episode, 2 intakes, 1 check-in, 1 setting to x.json"
    assert mark_words(Mark.NEED_MORE, 1) == "need 1 more day"
    assert mark_words(Mark.NEED_MORE, 4) == "need 4 more days"


def _texts(folder: str) -> list[tuple[Path, int, str]]:
    out = []
    for path in sorted((PACKAGE / folder).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                out.append((path, node.lineno, node.value))
            elif isinstance(node, ast.JoinedStr):  # f"{n} days": the pieces around {n}
                shown = "".join(
                    v.value if isinstance(v, ast.Constant) else "{x}" for v in node.values
                )
                out.append((path, node.lineno, shown))
    return out


def test_no_number_goes_straight_before_a_plural_noun_in_the_texts() -> None:
    """ "%1 days" reads "1 days" for one: the noun comes from `count` or Qt's %n instead."""
    found = []
    for folder in ("ui", "report", "cli", "reminders", "controllers"):
        for path, line, text in _texts(folder):
            for match in NUMBER_NOUN.finditer(text):
                rest = text[match.start(2) :]
                if not rest.startswith(ALLOWED):
                    found.append(f"{path.relative_to(PACKAGE)}:{line}: {text[:70]!r}")
    assert not found, "\n".join(found)


def test_the_scan_finds_the_old_form() -> None:
    assert NUMBER_NOUN.search("Period: %1 to %2 (%3 days)")
    assert NUMBER_NOUN.search("{x} twitches today")


def test_no_hand_made_plural_suffix_is_left() -> None:
    """`f"{n} page{'s' if n != 1 else ''}"` is the helper's job."""
    hand_made = re.compile(r"""\{\s*['"](s|es)['"] if """)
    found = [
        f"{path.relative_to(PACKAGE)}"
        for path in PACKAGE.rglob("*.py")
        if hand_made.search(path.read_text(encoding="utf-8"))
    ]
    assert not found
