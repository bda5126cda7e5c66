"""Saved results side by side: what changed from one check to the next, in words.

Every later check that is less urgent than an earlier emergency says, plainly and with the
emergency's date, that signs of a stroke that went away still need urgent care (FACTS.md,
nhs-tia): a calm later check must never read as "it was nothing".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from liptwitch_desktop.core.knowledge import load_knowledge
from liptwitch_desktop.core.knowledge.base import Knowledge
from liptwitch_desktop.core.knowledge.model import Question, Urgency
from liptwitch_desktop.core.log_facts import LogFacts
from liptwitch_desktop.core.triage.result import AnswerValue, TriageResult


@dataclass(frozen=True)
class SavedTriage:
    """A result as saved, with the answers (and log facts) that produced it."""

    id: int
    created_at: datetime
    answers: Any  # TriageAnswers
    log_facts: LogFacts | None
    result: TriageResult
    adopted: tuple[str, ...] = ()


# The day of a saved check in words; the UI passes the locale's short format in its zone.
DayWords = Callable[[datetime], str]


def long_day(when: datetime) -> str:
    """ "10 March 2026": the day in words where no locale is at hand (core, the CLI)."""
    return f"{when.day} {when:%B %Y}"


def after_emergency_text(
    kb: Knowledge, current: TriageResult, emergency_at: datetime, day_words: DayWords = long_day
) -> str:
    """The TIA sentence, with the day of the emergency check and the number of the current
    result's country."""
    words = current.emergency_number or kb.emergency_call(current.country).words
    return kb.after_emergency.format(emergency=words, date=day_words(emergency_at))


def last_emergency_before(history: Sequence[SavedTriage], saved: SavedTriage) -> SavedTriage | None:
    """The latest emergency check before `saved`, when `saved` is less urgent (else None).

    Nothing records that a doctor has seen the person since, so every later, lower check
    carries the TIA sentence, the newest one too: a calm check must never read as "it was
    nothing" (FACTS.md, nhs-tia).
    """
    if saved.result.urgency is Urgency.EMERGENCY:
        return None
    earlier = [
        s
        for s in history
        if s.result.urgency is Urgency.EMERGENCY and s.created_at < saved.created_at
    ]
    return max(earlier, key=lambda s: s.created_at, default=None)


def changes_between(
    previous: SavedTriage,
    current: SavedTriage,
    kb: Knowledge | None = None,
    day_words: DayWords = long_day,
) -> list[str]:
    """What changed from one saved result to the next, in words (empty: nothing)."""
    kb = kb or load_knowledge()
    old, new = previous.result, current.result
    changes: list[str] = []
    if old.urgency is Urgency.EMERGENCY and new.urgency is not Urgency.EMERGENCY:
        changes.append(after_emergency_text(kb, new, previous.created_at, day_words))
    if (old.urgency, old.today) != (new.urgency, new.today):
        changes.append(f"Advice changed from “{old.word}” to “{new.word}”.")
    old_reasons = {r.red_flag: r.text for r in old.reasons if r.red_flag}
    new_reasons = {r.red_flag: r.text for r in new.reasons if r.red_flag}
    changes += [
        f"New warning sign: {text}" for f, text in new_reasons.items() if f not in old_reasons
    ]
    changes += [f"No longer: {text}" for f, text in old_reasons.items() if f not in new_reasons]
    if old.top_cause != new.top_cause:
        old_name = old.causes[0].name if old.causes else "none stood out"
        new_name = new.causes[0].name if new.causes else "none stood out"
        changes.append(f"Most likely cause changed from {old_name} to {new_name}.")
    now_no: list[str] = []
    for question in kb.questions:
        before = previous.answers.get(question.id)
        after = current.answers.get(question.id)
        if before == after:
            continue
        if before is None and after == "no":
            now_no.append(question.text)  # grouped: after an emergency, that is most of them
            continue
        was = _words_or_blank(question, before)
        now = _words_or_blank(question, after)
        changes.append(f"{question.text} Was: {was}. Now: {now}.")
    if len(now_no) == 1:
        changes.append(f"{now_no[0]} Was: not answered. Now: no.")
    elif now_no:
        changes.append(
            f"{len(now_no)} questions that were not answered before are now answered “no”."
        )
    return changes


def _words_or_blank(question: Question, value: AnswerValue | None) -> str:
    from liptwitch_desktop.core.triage.answers import answer_in_words

    if value is None:
        return "not answered"
    if isinstance(value, tuple) and not value:
        return "none"
    try:
        return answer_in_words(question, value)
    except KeyError:  # an option removed from the knowledge base since it was saved
        return str(value)
