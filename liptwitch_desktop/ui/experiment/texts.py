"""The explanations shown beside a plan, each through Qt's translate."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def tr(text: str) -> str:
    """The core's sentence templates, translated in the "Experiment" context."""
    return QCoreApplication.translate("Experiment", text)


def why_both() -> str:
    return tr(
        "Why both kinds of week: twitching comes and goes by itself (a stressful fortnight, a "
        "cold, a good holiday), so comparing before and after a change cannot tell the change "
        "from the season. The plan alternates weeks with the change and weeks as usual, and "
        "compares the two kinds."
    )


def why_random() -> str:
    return tr(
        "Why the order is random: if you chose which weeks get the change, you might pick the "
        "calmer-looking ones without meaning to. A coin decides instead, once per pair of "
        "weeks: change first or as usual first. Each pair keeps the two kinds side by side, "
        "so a slow drift over the months falls on both alike."
    )


def keep_logging() -> str:
    return tr(
        "During the experiment, keep logging your twitches as usual, on every day: days with "
        "nothing logged are left out as unknown, not counted as calm days."
    )
