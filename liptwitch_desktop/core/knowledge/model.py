"""The knowledge base's content as frozen dataclasses: urgencies, questions, red flags,
signals, causes, plan items, drinks, limits and the texts of each urgency.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum

QUESTION_KINDS = ("yes_no", "choice", "multi", "number")
QUESTION_PAGES = ("stroke", "red_flags", "onset", "causes")
# Questions on these pages are warning signs: each takes "unsure" too (counted as yes), and
# one left unanswered is unknown, never "no" (FACTS.md "When an answer is missing").
WARNING_PAGES = ("stroke", "red_flags")
YES_NO_OPTIONS = ("yes", "no")
UNSURE = "unsure"


class KnowledgeError(ValueError):
    """The knowledge base on disk does not match its schema."""


class Urgency(Enum):
    """How soon to act, ordered by `severity` (higher is more urgent)."""

    SELF_CARE = "self_care"
    DOCTOR_ROUTINE = "doctor_routine"
    DOCTOR_SOON = "doctor_soon"
    EMERGENCY = "emergency"

    @property
    def severity(self) -> int:
        return _SEVERITY[self]

    def at_least(self, other: Urgency) -> bool:
        return self.severity >= other.severity

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Urgency):
            return NotImplemented
        return self.severity < other.severity

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Urgency):
            return NotImplemented
        return self.severity <= other.severity

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Urgency):
            return NotImplemented
        return self.severity > other.severity

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Urgency):
            return NotImplemented
        return self.severity >= other.severity

    @staticmethod
    def most_urgent(levels: Iterable[Urgency]) -> Urgency:
        return max(levels, key=lambda level: level.severity, default=Urgency.SELF_CARE)


_SEVERITY = {
    Urgency.SELF_CARE: 0,
    Urgency.DOCTOR_ROUTINE: 1,
    Urgency.DOCTOR_SOON: 2,
    Urgency.EMERGENCY: 3,
}


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str
    url: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Option:
    id: str
    label: str
    said: str


@dataclass(frozen=True)
class Question:
    id: str
    page: str
    kind: str
    text: str
    sources: tuple[str, ...]
    options: tuple[Option, ...] = ()
    unit: str | None = None
    min: float | None = None
    max: float | None = None
    hint: str | None = None  # shown under the question ("If you are not sure how fast ...")

    def option(self, option_id: str) -> Option:
        for option in self.options:
            if option.id == option_id:
                return option
        raise KeyError(option_id)

    @property
    def option_ids(self) -> tuple[str, ...]:
        return tuple(option.id for option in self.options)

    @property
    def warning(self) -> bool:
        """A warning sign: it takes "unsure", and unanswered it is unknown, never "no"."""
        return self.page in WARNING_PAGES

    @property
    def answer_ids(self) -> tuple[str, ...]:
        """Every answer a yes/no, choice or multi question takes."""
        if self.kind == "yes_no":
            return (*YES_NO_OPTIONS, UNSURE) if self.warning else YES_NO_OPTIONS
        return self.option_ids


@dataclass(frozen=True)
class RedFlag:
    id: str
    title: str
    urgency: Urgency
    reason: str
    advice: str
    sources: tuple[str, ...]
    question: str | None = None
    values: tuple[str, ...] = ()
    log_fact: str | None = None
    above: float | None = None
    at_least: float | None = None
    present: bool = False
    unless_answered: str | None = None
    unsure_reason: str | None = None
    local_advice: Mapping[str, str] = field(default_factory=dict)
    today: bool = False
    stroke: bool = False

    def advice_for(self, country: str | None) -> str:
        """The advice for the person's country (`local_advice`), else the general one."""
        return self.local_advice.get(country or "", self.advice)


@dataclass(frozen=True)
class Signal:
    weight: int
    evidence: str
    question: str | None = None
    log_fact: str | None = None
    values: tuple[str, ...] = ()
    at_least: float | None = None
    at_most: float | None = None
    above_limit: str | None = None
    present: bool = False
    unless_answered: str | None = None

    @property
    def subject(self) -> str:
        """The question id or log fact the signal reads (one counts per subject and cause)."""
        return self.question if self.question is not None else f"log:{self.log_fact}"


@dataclass(frozen=True)
class Cause:
    id: str
    name: str
    how: str
    frequency: str
    signals: tuple[Signal, ...]
    quick_fixes: tuple[str, ...]
    strategies: tuple[str, ...]
    tracking: tuple[str, ...]
    actions: tuple[str, ...]
    sources: tuple[str, ...]
    doctor_questions: tuple[str, ...] = ()
    note: str | None = None


@dataclass(frozen=True)
class Item:
    """A titled piece of advice: a quick fix, strategy, diagnostic step or treatment.

    Quick fixes and strategies also say which red flags they must never be shown with
    (`not_with`) and which they are safe with (`safe_with`). One with a supplement dose keeps
    the dose in `adult` and the advice for under-18s in `under_18`.
    """

    id: str
    title: str
    text: str
    sources: tuple[str, ...]
    not_with: tuple[str, ...] = ()
    safe_with: tuple[str, ...] = ()
    adult: str | None = None
    under_18: str | None = None

    def text_for(self, adult: bool | None) -> str:
        """The text for an adult (True), someone under 18 (False), or an unknown age (None)."""
        return text_for_age(self.text, self.adult, self.under_18, adult)


def text_for_age(
    text: str, for_adults: str | None, under_18: str | None, adult: bool | None
) -> str:
    """`text`, then the adults' part (a supplement dose) or the under-18 part, or both, named,
    when the age is not known (FACTS.md "Who the advice is for")."""
    if for_adults is None or under_18 is None:
        return text
    if adult is True:
        return f"{text} {for_adults}"
    if adult is False:
        return f"{text} {under_18}"
    return f"{text} Adults (18 or over): {for_adults} Under 18: {under_18}"


@dataclass(frozen=True)
class Track:
    id: str
    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Action:
    id: str
    label: str
    reminder: str
    sources: tuple[str, ...]
    time: str | None = None
    after_days: int | None = None
    adult_only: bool = False


@dataclass(frozen=True)
class DoctorQuestion:
    id: str
    text: str
    sources: tuple[str, ...]
    always: bool = False


@dataclass(frozen=True)
class Faq:
    id: str
    question: str
    answer: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class RecoveryStep:
    """One step of the recovery plan; its notification says `text_for(adult)`, with
    {cutoff} filled in. A step with a supplement dose keeps it in `adult`, as plan items do."""

    id: str
    day_offset: int
    title: str
    text: str
    sources: tuple[str, ...]
    adult: str | None = None
    under_18: str | None = None

    def text_for(self, adult: bool | None) -> str:
        return text_for_age(self.text, self.adult, self.under_18, adult)


@dataclass(frozen=True)
class Drink:
    id: str
    label: str
    volume_ml: float
    caffeine_mg: float
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Limit:
    id: str
    value: float
    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class UrgencyText:
    urgency: Urgency
    word: str
    headline: str
    advice: str
    sources: tuple[str, ...]
    local_headline: Mapping[str, str] = field(default_factory=dict)
    local_advice: Mapping[str, str] = field(default_factory=dict)

    def headline_for(self, country: str | None) -> str:
        return self.local_headline.get(country or "", self.headline)

    def advice_for(self, country: str | None) -> str:
        return self.local_advice.get(country or "", self.advice)


@dataclass(frozen=True)
class UnansweredText:
    headline: str
    advice_general: str
    reason: str  # with {question}
    advice: str  # with {advice}
    sources: tuple[str, ...]
