"""The likely causes, ranked by what the person said and what the log shows (kept apart),
each with its evidence in words.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from liptwitch_desktop.core.knowledge.base import Knowledge
from liptwitch_desktop.core.knowledge.model import Cause, Question, Signal
from liptwitch_desktop.core.log_facts import LogFacts
from liptwitch_desktop.core.triage.result import (
    AnswerValue,
    CauseFinding,
)

from .answers import Profile, TriageAnswers, _fact_words, _sentence, answer_in_words

PREGNANCY_LIMITS = {"caffeine_mg_day": "caffeine_mg_day_pregnancy"}
SETTINGS_LIMIT_TEXT = "the daily limit you chose in Settings"


def whole_mg(value: float | None) -> float | None:
    """A caffeine figure as it is shown (whole mg), so the figure compared with a limit is
    the figure the person reads: 1199.9 mg reads "1200 mg", and gets the 1,200 mg advice."""
    return None if value is None else float(round(value))


def _fact(log_facts: LogFacts, name: str) -> object:
    """A log fact as the engine may use it: a 7-day average only with enough logged days,
    the highest day whatever the number of logged days, caffeine in whole mg."""
    if name == "caffeine_mg_per_day_7d":
        return whole_mg(log_facts.caffeine_weekly)
    if name == "caffeine_max_mg_7d":
        return whole_mg(log_facts.caffeine_peak)
    if name == "sleep_hours_7d":
        return log_facts.sleep_weekly
    return getattr(log_facts, name)


def _limit(
    kb: Knowledge, limit_id: str, answers: TriageAnswers, profile: Profile
) -> tuple[float, str]:
    """The limit to compare with; for caffeine the lowest of the adult limit, the pregnancy
    limit (when the person said they are pregnant) and the limit chosen in Settings."""
    candidates = [kb.limits[limit_id]]
    if answers.get("pregnant") == "yes" and limit_id in PREGNANCY_LIMITS:
        candidates.append(kb.limits[PREGNANCY_LIMITS[limit_id]])
    lowest = min(candidates, key=lambda lim: lim.value)
    value, text = lowest.value, lowest.text
    configured = profile.caffeine_limit_mg
    if limit_id in PREGNANCY_LIMITS and configured is not None and configured < value:
        value, text = configured, SETTINGS_LIMIT_TEXT
    return value, text


def _signal_value(
    signal: Signal, answers: TriageAnswers, log_facts: LogFacts | None
) -> AnswerValue | None:
    if signal.question is not None:
        return answers.get(signal.question)
    if log_facts is None:
        return None
    if signal.unless_answered is not None and answers.get(signal.unless_answered) is not None:
        return None  # the person's own figure (pre-filled from the log) wins
    value = _fact(log_facts, str(signal.log_fact))
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, tuple) and all(isinstance(v, str) for v in value):
        return value  # e.g. recent_medicine_names
    raise TypeError(f"log fact {signal.log_fact!r} is not an answer value: {value!r}")


def _signal_evidence(
    kb: Knowledge,
    signal: Signal,
    answers: TriageAnswers,
    log_facts: LogFacts | None,
    questions: Mapping[str, Question],
    profile: Profile,
) -> str | None:
    """The evidence sentence when the signal matches, else None."""
    value = _signal_value(signal, answers, log_facts)
    if value is None:
        return None
    limit, limit_text = math.nan, ""
    if signal.values:
        chosen = value if isinstance(value, tuple) else (value,)
        hits = tuple(v for v in chosen if v in signal.values)
        if not hits:
            return None
        question = questions[str(signal.question)]
        words = answer_in_words(question, hits if question.kind == "multi" else hits[0])
        return _sentence(signal.evidence.format(answer=words, value=words))
    if signal.present:
        if not value:
            return None
        shown = _fact_words(value)
        return _sentence(signal.evidence.format(answer=shown, value=shown))
    if not isinstance(value, float):
        return None
    if signal.above_limit is not None:
        limit, limit_text = _limit(kb, signal.above_limit, answers, profile)
        if not value > limit:
            return None
    if signal.at_least is not None and not value >= signal.at_least:
        return None
    if signal.at_most is not None and not value <= signal.at_most:
        return None
    return _sentence(
        signal.evidence.format(value=value, answer=value, limit=limit, limit_text=limit_text)
    )


def _rank_causes(
    kb: Knowledge,
    answers: TriageAnswers,
    log_facts: LogFacts | None,
    questions: Mapping[str, Question],
    profile: Profile,
) -> list[CauseFinding]:
    scored: list[tuple[int, int, CauseFinding]] = []
    for index, cause in enumerate(kb.causes):
        finding = _score(kb, cause, answers, log_facts, questions, profile)
        if finding is not None:
            scored.append((-finding.score, index, finding))
    scored.sort(key=lambda row: (row[0], row[1]))
    return [finding for _, _, finding in scored]


def _score(
    kb: Knowledge,
    cause: Cause,
    answers: TriageAnswers,
    log_facts: LogFacts | None,
    questions: Mapping[str, Question],
    profile: Profile,
) -> CauseFinding | None:
    score = 0
    said: list[str] = []
    logged: list[str] = []
    counted: set[str] = set()
    for signal in cause.signals:
        if signal.subject in counted:
            continue
        sentence = _signal_evidence(kb, signal, answers, log_facts, questions, profile)
        if sentence is None:
            continue
        counted.add(signal.subject)
        score += signal.weight
        (logged if signal.log_fact is not None else said).append(sentence)
    score = _with_experiments(cause.id, score, logged, log_facts)
    if score <= 0:
        return None
    return CauseFinding(
        cause.id, cause.name, cause.how, score, tuple(said), cause.note, tuple(logged)
    )


def _with_experiments(
    cause_id: str, score: int, logged: list[str], log_facts: LogFacts | None
) -> int:
    """The person's own experiments on this cause (issue 17): said as log evidence; one that
    helped raises the cause (and brings it in), one that found no difference or the other
    way lowers it, but a cause the signals rank stays listed, so the sentence is seen."""
    if log_facts is None:
        return score
    before = score
    for fact in log_facts.experiments:
        if fact.cause_id != cause_id:
            continue
        if before <= 0 and fact.weight <= 0:
            continue  # nothing else points here: a null result is no reason to list it
        score += fact.weight
        logged.append(fact.sentence)
    return max(score, 1) if before > 0 else score
