"""The changes a self-experiment can test (resources/knowledge/experiments.toml).

Each choice names how a day is judged as kept with a `judge` the app knows (the rule itself
lives in core/experiment/judging.py) and the parameters that rule takes; the check below
holds every text's placeholders to those parameters, so a content edit cannot ask for a
value nobody fills in.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .model import KnowledgeError

# judge -> the parameters it reads (and the texts may name).
JUDGE_PARAMS: Mapping[str, frozenset[str]] = {
    "no_caffeine_after_cutoff": frozenset({"cutoff"}),
    "caffeine_under_mg": frozenset({"mg"}),
    "magnesium_logged": frozenset(),
    "sleep_at_least_7h": frozenset(),
    "food_not_logged": frozenset({"food"}),
}
# The reminder kinds a plan may switch (core/schedule/specs.ReminderKind values).
SWITCHABLE_REMINDERS = ("caffeine_cutoff", "caffeine_last_call", "magnesium", "checkin")


@dataclass(frozen=True, slots=True)
class ExperimentChoice:
    id: str
    label: str
    phrase: str
    kept: str
    judge: str
    cause: str
    sources: tuple[str, ...]
    reminder: str | None = None
    adult_only: bool = False

    @property
    def params(self) -> frozenset[str]:
        return JUDGE_PARAMS[self.judge]

    def phrase_with(self, params: Mapping[str, object]) -> str:
        """The phrase filled in ("no caffeine after 12:00"); a missing value stays named."""
        return self.phrase.format_map(_Keep(params))

    def kept_with(self, params: Mapping[str, object]) -> str:
        return self.kept.format_map(_Keep(params))


class _Keep(dict[str, object]):
    def __init__(self, values: Mapping[str, object]) -> None:
        super().__init__(values)

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def build_choices(raw: list[dict[str, Any]]) -> tuple[ExperimentChoice, ...]:
    return tuple(
        ExperimentChoice(
            id=e["id"],
            label=e["label"],
            phrase=e["phrase"],
            kept=e["kept"],
            judge=e["judge"],
            cause=e["cause"],
            sources=tuple(e["sources"]),
            reminder=e.get("reminder"),
            adult_only=e.get("adult_only", False),
        )
        for e in raw
    )


def check_choices(choices: tuple[ExperimentChoice, ...], cause_ids: set[str]) -> None:
    for c in choices:
        where = f"experiments.toml [[experiment]] id {c.id!r}"
        if c.judge not in JUDGE_PARAMS:
            raise KnowledgeError(f"{where}: unknown judge {c.judge!r}")
        if c.cause not in cause_ids:
            raise KnowledgeError(f"{where}: unknown cause id {c.cause!r}")
        if c.reminder is not None and c.reminder not in SWITCHABLE_REMINDERS:
            raise KnowledgeError(f"{where}: reminder must be one of {SWITCHABLE_REMINDERS}")
        for name, text in (("label", c.label), ("phrase", c.phrase), ("kept", c.kept)):
            used = {f for _, f, _, _ in string.Formatter().parse(text) if f}
            extra = used - c.params
            if extra:
                raise KnowledgeError(f"{where}: {name} uses unknown placeholder(s) {sorted(extra)}")
