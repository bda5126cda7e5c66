"""`Knowledge`: every table of the knowledge base, each item looked up by its id."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from .emergency import EmergencyCall, EmergencyNumber, UnknownCountry
from .experiments import ExperimentChoice
from .model import (
    Action,
    Cause,
    DoctorQuestion,
    Drink,
    Faq,
    Item,
    Limit,
    Question,
    RecoveryStep,
    RedFlag,
    Source,
    Track,
    UnansweredText,
    Urgency,
    UrgencyText,
)


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


_T = TypeVar("_T", bound=_HasId)

# wording.toml's texts for the reminders, and the placeholders each may use.
REMINDER_TEXTS: Mapping[str, frozenset[str]] = {
    "magnesium_notice": frozenset(),
    "caffeine_cutoff_notice": frozenset({"cutoff"}),
    "caffeine_cutoff_hint": frozenset(),
    "dose_above_eu": frozenset({"mg", "eu", "us"}),
    "dose_above_us": frozenset({"mg", "eu", "us"}),
}


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
    # Advice the reminders give, by key (REMINDER_TEXTS): the magnesium safety notice, the
    # caffeine cutoff's reason, the dose warnings. Their placeholders are filled by
    # reminders/texts.py.
    reminder_texts: Mapping[str, str] = field(default_factory=dict)
    # The changes a self-experiment can test (experiments.toml).
    experiments: tuple[ExperimentChoice, ...] = ()
    # The sources of the single texts above (disclaimer, no_clear_cause, recheck, ...).
    text_sources: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def experiment(self, change_id: str) -> ExperimentChoice:
        return _by_id(self.experiments, change_id)

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
        return EmergencyCall(
            row.code, row.number, f"Call {row.number}", row.note or "", row.not_emergency or ""
        )


def _by_id(items: Iterable[_T], item_id: str) -> _T:
    for item in items:
        if item.id == item_id:
            return item
    raise KeyError(item_id)
