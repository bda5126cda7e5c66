"""Saved results side by side: what changed from one check to the next, in words.

A later check that is less urgent than an earlier emergency says first, plainly, that signs
of a stroke that went away still need urgent care (FACTS.md, nhs-tia): a calm second check
must never read as "it was nothing".
"""

from __future__ import annotations

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


def after_emergency_text(kb: Knowledge, current: TriageResult) -> str:
    """The TIA sentence, with the number of the current result's country."""
    words = kb.emergency_call(current.country).words
    if current.emergency_number:
        words = current.emergency_number
    return kb.after_emergency.format(emergency=words)


def changes_between(
    previous: SavedTriage, current: SavedTriage, kb: Knowledge | None = None
) -> list[str]:
    """What changed from one saved result to the next, in words (empty: nothing)."""
    kb = kb or load_knowledge()
    old, new = previous.result, current.result
    changes: list[str] = []
    if old.urgency is Urgency.EMERGENCY and new.urgency is not Urgency.EMERGENCY:
        changes.append(after_emergency_text(kb, new))
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
    for question in kb.questions:
        before = previous.answers.get(question.id)
        after = current.answers.get(question.id)
        if before == after:
            continue
        was = _words_or_blank(question, before)
        now = _words_or_blank(question, after)
        changes.append(f"{question.text} Was: {was}. Now: {now}.")
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
