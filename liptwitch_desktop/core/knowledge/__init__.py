"""The knowledge base: `resources/knowledge/*.toml` loaded into frozen dataclasses.

The content is data so a clinician can review it without reading Python, and so a content
edit cannot break the wizard silently: every file is checked against a strict schema
(`schema`: unknown keys, missing or duplicate ids, wrong types), built (`build`), and checked
for its cross-references (`check`: ids that do not exist, unknown source ids, a red flag
without a valid urgency, an item not judged against every doctor-today flag, an emergency
number without a source); any problem raises `KnowledgeError` naming the file and item.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from functools import cache
from pathlib import Path
from typing import TypeVar

_T = TypeVar("_T")

QUESTION_KINDS = ("yes_no", "choice", "multi", "number")
QUESTION_PAGES = ("stroke", "red_flags", "onset", "causes")
# Questions on these pages are warning signs: each takes "unsure" too (counted as yes), and
# one left unanswered is unknown, never "no" (FACTS.md "When an answer is missing").
WARNING_PAGES = ("stroke", "red_flags")
YES_NO_OPTIONS = ("yes", "no")
UNSURE = "unsure"
# What {emergency} reads as in a text when the person's country is not known.
LOCAL_NUMBER_WORDS = "your local emergency number"


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
        if self.adult is None or self.under_18 is None:
            return self.text
        if adult is True:
            return f"{self.text} {self.adult}"
        if adult is False:
            return f"{self.text} {self.under_18}"
        return f"{self.text} Adults (18 or over): {self.adult} Under 18: {self.under_18}"


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
    id: str
    day_offset: int
    title: str
    text: str
    sources: tuple[str, ...]


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
class EmergencyNumber:
    """One country's emergency number, with the source it was checked against."""

    code: str
    name: str
    number: str
    sources: tuple[str, ...]
    note: str | None = None

    @property
    def id(self) -> str:
        return self.code


@dataclass(frozen=True)
class UnknownCountry:
    """What to show when the person's country is not in the table: never a number in large
    type, the 112 hint in small type."""

    large: str
    small: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class EmergencyCall:
    """What the emergency page, a saved result, the report and the CLI show."""

    country: str | None
    number: str | None  # None when the country is unknown or not in the table
    large: str  # "Call 999", or "Call your local emergency number"
    small: str  # the country's note, or the 112 hint; may be ""

    @property
    def words(self) -> str:
        """What {emergency} reads as in a sentence: "999" or "your local emergency number"."""
        return self.number if self.number is not None else LOCAL_NUMBER_WORDS


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


@dataclass(frozen=True)
class Knowledge:
    sources: Mapping[str, Source]
    questions: tuple[Question, ...]
    red_flags: tuple[RedFlag, ...]
    causes: tuple[Cause, ...]
    quick_fixes: tuple[Item, ...]
    strategies: tuple[Item, ...]
    diagnostics: tuple[Item, ...]
    treatments: tuple[Item, ...]
    tracking: tuple[Track, ...]
    actions: tuple[Action, ...]
    doctor_questions: tuple[DoctorQuestion, ...]
    faq: tuple[Faq, ...]
    recovery_plan: tuple[RecoveryStep, ...]
    drinks: tuple[Drink, ...]
    limits: Mapping[str, Limit]
    emergency_numbers: Mapping[str, EmergencyNumber]
    unknown_country: UnknownCountry
    urgency_texts: Mapping[Urgency, UrgencyText]
    today_text: UrgencyText
    disclaimer: str
    no_clear_cause: str
    recheck_self_care: str
    recheck_doctor: str
    unanswered: UnansweredText
    after_emergency: str
    # The sources of the single texts above (disclaimer, no_clear_cause, recheck, ...).
    text_sources: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def question(self, question_id: str) -> Question:
        return _by_id(self.questions, question_id)

    def cause(self, cause_id: str) -> Cause:
        return _by_id(self.causes, cause_id)

    def quick_fix(self, item_id: str) -> Item:
        return _by_id(self.quick_fixes, item_id)

    def strategy(self, item_id: str) -> Item:
        return _by_id(self.strategies, item_id)

    def track(self, item_id: str) -> Track:
        return _by_id(self.tracking, item_id)

    def action(self, item_id: str) -> Action:
        return _by_id(self.actions, item_id)

    def doctor_question(self, item_id: str) -> DoctorQuestion:
        return _by_id(self.doctor_questions, item_id)

    def red_flag(self, flag_id: str) -> RedFlag:
        return _by_id(self.red_flags, flag_id)

    def questions_on(self, page: str) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.page == page)

    @property
    def warning_questions(self) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.warning)

    def emergency_number(self, country_code: str | None) -> EmergencyNumber | None:
        """The row for an ISO 3166 alpha-2 code, or None when the country is not in the table."""
        if not country_code:
            return None
        return self.emergency_numbers.get(country_code.strip().upper())

    def emergency_call(self, country_code: str | None) -> EmergencyCall:
        """The number in large type for a known country; otherwise "Call your local emergency
        number" in large type and the 112 hint in small type (FACTS.md)."""
        row = self.emergency_number(country_code)
        country = country_code.strip().upper() if country_code else None
        if row is None:
            return EmergencyCall(
                country, None, self.unknown_country.large, self.unknown_country.small
            )
        return EmergencyCall(row.code, row.number, f"Call {row.number}", row.note or "")


def _by_id(items: Iterable[_T], item_id: str) -> _T:
    for item in items:
        if item.id == item_id:  # type: ignore[attr-defined]
            return item
    raise KeyError(item_id)


def load_knowledge_from(directory: Path) -> Knowledge:
    """Load and check a knowledge base directory (uncached: tests point it at broken copies)."""
    from .build import build
    from .check import validate
    from .schema import read_raw

    kb = build(read_raw(Path(directory)))
    validate(kb)
    return kb


@cache
def load_knowledge() -> Knowledge:
    """The shipped knowledge base, loaded and checked once per process."""
    from liptwitch_desktop.platform.paths import knowledge_dir

    return load_knowledge_from(knowledge_dir())
