"""The person's answers, checked against the knowledge base, and answers said in words.

A warning sign answered "not sure" counts as yes; one left out is unknown, never "no"
(the engine names it).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from liptwitch_desktop.core.knowledge import load_knowledge
from liptwitch_desktop.core.knowledge.base import Knowledge
from liptwitch_desktop.core.knowledge.model import UNSURE, Question
from liptwitch_desktop.core.triage.result import (
    AnswerValue,
)


class AnswerError(ValueError):
    """Answers that do not fit the knowledge base (unknown id, wrong kind, out of range)."""


def short(value: object, limit: int = 40) -> str:
    """A value for an error message: its repr, cut short (never echo input at length)."""
    shown = repr(value)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


@dataclass(frozen=True)
class Profile:
    """What the engine knows about the person beyond the answers (from Settings).

    `country`: ISO 3166 code for the emergency number and country-specific advice (None:
    unknown). `caffeine_limit_mg`: the daily limit they chose (the lower of it and the
    knowledge base's limit wins). `adult`: 18 or over (None: not asked; False: no supplement
    dose is suggested).
    """

    country: str | None = None
    caffeine_limit_mg: float | None = None
    adult: bool | None = None


@dataclass(frozen=True)
class TriageAnswers:
    """Answers keyed by question id, already checked against the knowledge base.

    Build with `TriageAnswers.parse`. A question left out (or null) is unanswered: for a
    warning sign that is unknown, never "no".
    """

    values: Mapping[str, AnswerValue] = field(default_factory=dict)

    @classmethod
    def parse(cls, raw: Mapping[str, Any], kb: Knowledge | None = None) -> TriageAnswers:
        kb = kb or load_knowledge()
        known = {q.id: q for q in kb.questions}
        values: dict[str, AnswerValue] = {}
        for question_id, value in raw.items():
            question = known.get(question_id)
            if question is None:
                raise AnswerError(f"unknown question id {short(question_id)}")
            if value is None:
                continue
            values[question_id] = _parse_value(question, value)
        # Keep the knowledge base's order, so saved files and comparisons are stable.
        return cls({q.id: values[q.id] for q in kb.questions if q.id in values})

    def get(self, question_id: str) -> AnswerValue | None:
        return self.values.get(question_id)

    def without(self, question_ids: Iterable[str]) -> TriageAnswers:
        drop = set(question_ids)
        return TriageAnswers({k: v for k, v in self.values.items() if k not in drop})

    def to_json(self) -> dict[str, Any]:
        return {k: list(v) if isinstance(v, tuple) else v for k, v in self.values.items()}


def _parse_value(question: Question, value: Any) -> AnswerValue:
    where = f"answer to {question.id!r}"
    if question.kind == "yes_no":
        if value is True or value is False:
            return "yes" if value else "no"
        allowed = question.answer_ids
        if not isinstance(value, str) or value not in allowed:
            raise AnswerError(f"{where} must be {_quoted_or(allowed)}, not {short(value)}")
        return value
    if question.kind == "choice":
        if not isinstance(value, str) or value not in question.option_ids:
            raise AnswerError(
                f"{where} must be one of {', '.join(question.option_ids)}, not {short(value)}"
            )
        return value
    if question.kind == "multi":
        if not isinstance(value, list | tuple):
            raise AnswerError(f"{where} must be a list of option ids")
        for item in value:
            if not isinstance(item, str) or item not in question.option_ids:
                raise AnswerError(
                    f"{where}: {short(item)} is not one of {', '.join(question.option_ids)}"
                )
        return tuple(o for o in question.option_ids if o in value)
    # number: compare before converting, so a 400-digit integer is refused, not overflowed
    assert question.min is not None and question.max is not None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise AnswerError(f"{where} must be a number of {question.unit}")
    if isinstance(value, float) and not math.isfinite(value):
        raise AnswerError(f"{where} must be a finite number of {question.unit}")
    if not question.min <= value <= question.max:
        raise AnswerError(
            f"{where} must be between {question.min:g} and {question.max:g} {question.unit}"
        )
    if question.unit == "mg":  # whole mg, as shown: the figure compared is the figure read
        return float(round(value))
    return float(value)


def _quoted_or(options: tuple[str, ...]) -> str:
    quoted = [f"'{o}'" for o in options]
    return " or ".join(quoted) if len(quoted) <= 2 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


# --- answers in words ---------------------------------------------------------------------

YES_NO_WORDS = {"yes": "yes", "no": "no", UNSURE: "not sure"}


def answer_in_words(question: Question, value: AnswerValue) -> str:
    """How an answer reads inside "You said ..." (option `said` texts, numbers with units)."""
    if question.kind in ("choice", "multi"):
        chosen = (value,) if isinstance(value, str) else value
        assert isinstance(chosen, tuple)
        return _join([question.option(o).said for o in chosen])
    if question.kind == "number":
        assert isinstance(value, float)
        return f"{value:g} {question.unit}"
    return YES_NO_WORDS.get(str(value), str(value))


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _fact_words(value: object) -> str:
    if isinstance(value, tuple):
        return _join(list(value))
    if isinstance(value, float):
        return f"{value:.0f}" if abs(value) >= 100 else f"{value:.1f}".rstrip("0").rstrip(".")
    return str(value)
