"""The triage engine: answers (and what the log knows) in, urgency, reasons, causes and plan out.

Safety first, by construction: the urgency is the most urgent red flag that fires, and a red
flag can only raise it, so no answer about causes can talk a warning sign down to self-care.
The engine reads question, option and item ids from the knowledge base, never display text.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from liptwitch_desktop.core.knowledge import (
    Cause,
    Knowledge,
    Question,
    RedFlag,
    Signal,
    Urgency,
    load_knowledge,
)
from liptwitch_desktop.core.log_facts import LogFacts

AnswerValue = str | float | tuple[str, ...]
PREGNANCY_LIMITS = {"caffeine_mg_day": "caffeine_mg_day_pregnancy"}
TOP_CAUSES_IN_PLAN = 3
FILE_VERSION = 1


class AnswerError(ValueError):
    """Answers that do not fit the knowledge base (unknown id, wrong kind, out of range)."""


@dataclass(frozen=True)
class TriageAnswers:
    """Answers keyed by question id, already checked against the knowledge base.

    Build with `TriageAnswers.parse`; a question left out is unanswered (for a red-flag
    question: the person did not report that sign).
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
                raise AnswerError(f"unknown question id {question_id!r}")
            if value is None:
                continue
            values[question_id] = _parse_value(question, value)
        # Keep the knowledge base's order, so saved files and comparisons are stable.
        ordered = {q.id: values[q.id] for q in kb.questions if q.id in values}
        return cls(ordered)

    def get(self, question_id: str) -> AnswerValue | None:
        return self.values.get(question_id)

    def to_json(self) -> dict[str, Any]:
        return {k: list(v) if isinstance(v, tuple) else v for k, v in self.values.items()}


def _parse_value(question: Question, value: Any) -> AnswerValue:
    where = f"answer to {question.id!r}"
    if question.kind == "yes_no":
        if value is True or value is False:
            return "yes" if value else "no"
        if value not in ("yes", "no"):
            raise AnswerError(f"{where} must be 'yes' or 'no', not {value!r}")
        return str(value)
    if question.kind == "choice":
        if value not in question.option_ids:
            raise AnswerError(
                f"{where} must be one of {', '.join(question.option_ids)}, not {value!r}"
            )
        return str(value)
    if question.kind == "multi":
        if isinstance(value, str) or not isinstance(value, list | tuple):
            raise AnswerError(f"{where} must be a list of option ids")
        for item in value:
            if item not in question.option_ids:
                raise AnswerError(
                    f"{where}: {item!r} is not one of {', '.join(question.option_ids)}"
                )
        return tuple(o for o in question.option_ids if o in value)
    # number
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise AnswerError(f"{where} must be a number of {question.unit}")
    assert question.min is not None and question.max is not None
    if not question.min <= value <= question.max:
        raise AnswerError(
            f"{where} must be between {question.min:g} and {question.max:g} {question.unit}"
        )
    return float(value)


@dataclass(frozen=True)
class Reason:
    """One sentence saying which answer or log fact led to the urgency."""

    text: str
    red_flag: str | None = None
    advice: str | None = None


@dataclass(frozen=True)
class CauseFinding:
    id: str
    name: str
    how: str
    score: int
    evidence: tuple[str, ...]
    note: str | None = None


@dataclass(frozen=True)
class PlanItem:
    id: str
    title: str
    text: str = ""


@dataclass(frozen=True)
class Plan:
    quick_fixes: tuple[PlanItem, ...] = ()
    strategies: tuple[PlanItem, ...] = ()
    tracking: tuple[PlanItem, ...] = ()
    actions: tuple[PlanItem, ...] = ()
    doctor_questions: tuple[PlanItem, ...] = ()
    recheck_days: int | None = None
    recheck_text: str = ""
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class TriageResult:
    urgency: Urgency
    today: bool
    word: str
    headline: str
    advice: str
    red_flags: tuple[str, ...]
    reasons: tuple[Reason, ...]
    causes: tuple[CauseFinding, ...]
    plan: Plan
    disclaimer: str
    no_clear_cause: str | None = None

    @property
    def stop_now(self) -> bool:
        """A sudden stroke sign: the wizard ends at once on the emergency page."""
        return self.urgency is Urgency.EMERGENCY

    @property
    def top_cause(self) -> str | None:
        return self.causes[0].id if self.causes else None

    def to_json(self) -> dict[str, Any]:
        return {
            "urgency": self.urgency.value,
            "today": self.today,
            "word": self.word,
            "headline": self.headline,
            "advice": self.advice,
            "red_flags": list(self.red_flags),
            "reasons": [_plain(r) for r in self.reasons],
            "causes": [{**_plain(c), "evidence": list(c.evidence)} for c in self.causes],
            "plan": {
                "quick_fixes": [_plain(i) for i in self.plan.quick_fixes],
                "strategies": [_plain(i) for i in self.plan.strategies],
                "tracking": [_plain(i) for i in self.plan.tracking],
                "actions": [_plain(i) for i in self.plan.actions],
                "doctor_questions": [_plain(i) for i in self.plan.doctor_questions],
                "recheck_days": self.plan.recheck_days,
                "recheck_text": self.plan.recheck_text,
                "notes": list(self.plan.notes),
            },
            "disclaimer": self.disclaimer,
            "no_clear_cause": self.no_clear_cause,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> TriageResult:
        try:
            plan = data["plan"]

            def items(key: str) -> tuple[PlanItem, ...]:
                return tuple(PlanItem(**i) for i in plan[key])

            return cls(
                urgency=Urgency(data["urgency"]),
                today=bool(data["today"]),
                word=data["word"],
                headline=data["headline"],
                advice=data["advice"],
                red_flags=tuple(data["red_flags"]),
                reasons=tuple(Reason(**r) for r in data["reasons"]),
                causes=tuple(
                    CauseFinding(**{**c, "evidence": tuple(c["evidence"])}) for c in data["causes"]
                ),
                plan=Plan(
                    quick_fixes=items("quick_fixes"),
                    strategies=items("strategies"),
                    tracking=items("tracking"),
                    actions=items("actions"),
                    doctor_questions=items("doctor_questions"),
                    recheck_days=plan["recheck_days"],
                    recheck_text=plan["recheck_text"],
                    notes=tuple(plan["notes"]),
                ),
                disclaimer=data["disclaimer"],
                no_clear_cause=data.get("no_clear_cause"),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"not a saved triage result: {exc}") from exc


def _plain(obj: Any) -> dict[str, Any]:
    return dict(obj.__dict__)


# --- answers in words ---------------------------------------------------------------------


def answer_in_words(question: Question, value: AnswerValue) -> str:
    """How an answer reads inside "You said ..." (option `said` texts, numbers with units)."""
    if question.kind in ("choice", "multi"):
        chosen = (value,) if isinstance(value, str) else value
        assert isinstance(chosen, tuple)
        return _join([question.option(o).said for o in chosen])
    if question.kind == "number":
        assert isinstance(value, float)
        return f"{value:g} {question.unit}"
    return str(value)


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- the engine ---------------------------------------------------------------------------


def triage(
    answers: TriageAnswers,
    log_facts: LogFacts | None = None,
    kb: Knowledge | None = None,
) -> TriageResult:
    """Decide urgency, explain it, rank likely causes and build the plan."""
    kb = kb or load_knowledge()
    questions = {q.id: q for q in kb.questions}
    fired = [
        (flag, words)
        for flag in kb.red_flags
        if (words := _red_flag_fires(flag, answers, log_facts, questions)) is not None
    ]
    fired.sort(key=lambda pair: -pair[0].urgency.severity)  # stable: file order within a level
    urgency = Urgency.most_urgent(flag.urgency for flag, _ in fired)
    today = urgency is Urgency.DOCTOR_SOON and any(
        flag.today for flag, _ in fired if flag.urgency is urgency
    )
    reasons = [
        Reason(_sentence(flag.reason.format(answer=words, value=words)), flag.id, flag.advice)
        for flag, words in fired
    ]
    if not fired:
        reasons.extend(_calm_reasons(answers, log_facts, questions))
    texts = kb.today_text if today else kb.urgency_texts[urgency]

    if urgency is Urgency.EMERGENCY:
        # Nothing else matters now; the plan is the phone call.
        causes: list[CauseFinding] = []
        plan = Plan()
    else:
        causes = _rank_causes(kb, answers, log_facts, questions)
        plan = _plan(kb, urgency, causes)
    return TriageResult(
        urgency=urgency,
        today=today,
        word=texts.word,
        headline=texts.headline,
        advice=texts.advice,
        red_flags=tuple(flag.id for flag, _ in fired),
        reasons=tuple(reasons),
        causes=tuple(causes),
        plan=plan,
        disclaimer=kb.disclaimer,
        no_clear_cause=kb.no_clear_cause
        if not causes and urgency is not Urgency.EMERGENCY
        else None,
    )


def _red_flag_fires(
    flag: RedFlag,
    answers: TriageAnswers,
    log_facts: LogFacts | None,
    questions: Mapping[str, Question],
) -> str | None:
    """The triggering answer or fact in words when the flag fires, else None."""
    if flag.question is not None:
        value = answers.get(flag.question)
        if value is None:
            return None
        chosen = value if isinstance(value, tuple) else (value,)
        hits = tuple(v for v in chosen if v in flag.values)
        if not hits:
            return None
        question = questions[flag.question]
        return answer_in_words(question, hits if question.kind == "multi" else hits[0])
    if log_facts is None:
        return None
    fact = getattr(log_facts, str(flag.log_fact))
    if fact is None or flag.above is None or not fact > flag.above:
        return None
    return f"{fact:g}"


def _calm_reasons(
    answers: TriageAnswers, log_facts: LogFacts | None, questions: Mapping[str, Question]
) -> list[Reason]:
    reasons = [Reason("You said none of the warning signs apply to you.")]
    for question_id in ("duration", "pattern"):
        value = answers.get(question_id)
        if value is not None:
            words = answer_in_words(questions[question_id], value)
            reasons.append(Reason(f"You said {words}."))
    if log_facts is not None and log_facts.episode_days > 0:
        reasons.append(
            Reason(
                f"Your log shows episodes on {log_facts.episode_days} day(s); the current "
                f"stretch has lasted {log_facts.episode_span_days} day(s)."
            )
        )
    return reasons


def _limit(kb: Knowledge, limit_id: str, answers: TriageAnswers) -> tuple[float, str]:
    if answers.get("pregnant") == "yes" and limit_id in PREGNANCY_LIMITS:
        limit_id = PREGNANCY_LIMITS[limit_id]
    limit = kb.limits[limit_id]
    return limit.value, limit.text


def _signal_value(
    signal: Signal, answers: TriageAnswers, log_facts: LogFacts | None
) -> AnswerValue | None:
    if signal.question is not None:
        return answers.get(signal.question)
    if log_facts is None:
        return None
    if signal.unless_answered is not None and answers.get(signal.unless_answered) is not None:
        return None  # the person's own figure (pre-filled from the log) wins
    value = getattr(log_facts, str(signal.log_fact))
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return value


def _signal_evidence(
    kb: Knowledge,
    signal: Signal,
    answers: TriageAnswers,
    log_facts: LogFacts | None,
    questions: Mapping[str, Question],
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
        shown = ", ".join(value) if isinstance(value, tuple) else str(value)
        return _sentence(signal.evidence.format(answer=shown, value=shown))
    if not isinstance(value, float):
        return None
    if signal.above_limit is not None:
        limit, limit_text = _limit(kb, signal.above_limit, answers)
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
) -> list[CauseFinding]:
    scored: list[tuple[int, int, CauseFinding]] = []
    for index, cause in enumerate(kb.causes):
        finding = _score(kb, cause, answers, log_facts, questions)
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
) -> CauseFinding | None:
    score = 0
    evidence: list[str] = []
    counted: set[str] = set()
    for signal in cause.signals:
        if signal.subject in counted:
            continue
        sentence = _signal_evidence(kb, signal, answers, log_facts, questions)
        if sentence is None:
            continue
        counted.add(signal.subject)
        score += signal.weight
        evidence.append(sentence)
    if score <= 0:
        return None
    return CauseFinding(cause.id, cause.name, cause.how, score, tuple(evidence), cause.note)


def _unique(ids: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(ids))


def _plan(kb: Knowledge, urgency: Urgency, causes: list[CauseFinding]) -> Plan:
    top = [kb.cause(c.id) for c in causes[:TOP_CAUSES_IN_PLAN]]
    fix_ids = _unique(i for c in top for i in c.quick_fixes) or [i.id for i in kb.quick_fixes]
    # With no clear cause, the article's four core strategies.
    strategy_ids = _unique(i for c in top for i in c.strategies) or [
        i.id for i in kb.strategies[:4]
    ]
    track_ids = _unique(["episodes", *(i for c in top for i in c.tracking)])
    action_ids = _unique(i for c in top for i in c.actions)
    if urgency is Urgency.SELF_CARE:
        action_ids = _unique([*action_ids, "remind_recheck"])
    else:
        action_ids = [a for a in action_ids if a != "remind_recheck"]
    question_ids = [d.id for d in kb.doctor_questions if d.always]
    question_ids += [i for c in causes for i in kb.cause(c.id).doctor_questions]
    if urgency is not Urgency.SELF_CARE:
        question_ids += ["ask_exam", "ask_treatment"]
    # A cause's safety note (a medicine: never stop it alone) goes with the plan; a red
    # flag's own advice travels with its reason.
    notes = _unique(c.note for c in causes if c.note)
    self_care = urgency is Urgency.SELF_CARE
    return Plan(
        quick_fixes=tuple(_item(kb.quick_fix(i)) for i in fix_ids),
        strategies=tuple(_item(kb.strategy(i)) for i in strategy_ids),
        tracking=tuple(PlanItem(t.id, t.text) for t in map(kb.track, track_ids)),
        actions=tuple(PlanItem(a.id, a.label) for a in map(kb.action, action_ids)),
        doctor_questions=tuple(
            PlanItem(d.id, d.text) for d in map(kb.doctor_question, _unique(question_ids))
        ),
        recheck_days=int(kb.limits["recheck_days"].value) if self_care else None,
        recheck_text=kb.recheck_self_care if self_care else kb.recheck_doctor,
        notes=tuple(notes),
    )


def _item(item: Any) -> PlanItem:
    return PlanItem(item.id, item.title, item.text)


# --- files --------------------------------------------------------------------------------


def answers_file_to_json(answers: TriageAnswers, log_facts: LogFacts | None = None) -> dict:
    """The answers file the CLI reads and the history stores."""
    data: dict[str, Any] = {"version": FILE_VERSION, "answers": answers.to_json()}
    if log_facts is not None:
        data["log_facts"] = {
            **log_facts.__dict__,
            "recent_medicine_names": list(log_facts.recent_medicine_names),
        }
    return data


def answers_file_from_json(
    data: Any, kb: Knowledge | None = None
) -> tuple[TriageAnswers, LogFacts | None]:
    """Parse an answers file: {"answers": {question id: value}, "log_facts": {...}?}."""
    if not isinstance(data, dict):
        raise AnswerError("the file must hold a JSON object")
    unknown = sorted(set(data) - {"version", "answers", "log_facts"})
    if unknown:
        raise AnswerError(f"unknown top-level key(s): {', '.join(unknown)}")
    if data.get("version", FILE_VERSION) != FILE_VERSION:
        raise AnswerError(f"unsupported version {data.get('version')!r}")
    raw = data.get("answers")
    if not isinstance(raw, dict):
        raise AnswerError("'answers' must be an object of question id to answer")
    answers = TriageAnswers.parse(raw, kb)
    facts_raw = data.get("log_facts")
    if facts_raw is None:
        return answers, None
    if not isinstance(facts_raw, dict):
        raise AnswerError("'log_facts' must be an object")
    try:
        facts = LogFacts(
            **{
                **facts_raw,
                "recent_medicine_names": tuple(facts_raw.get("recent_medicine_names", ())),
            }
        )
    except (TypeError, ValueError) as exc:
        raise AnswerError(f"bad 'log_facts': {exc}") from exc
    return answers, facts


# --- history ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SavedTriage:
    """A result as saved, with the answers (and log facts) that produced it."""

    id: int
    created_at: datetime
    answers: TriageAnswers
    log_facts: LogFacts | None
    result: TriageResult
    adopted: tuple[str, ...] = ()


def changes_between(
    previous: SavedTriage, current: SavedTriage, kb: Knowledge | None = None
) -> list[str]:
    """What changed from one saved result to the next, in words (empty: nothing)."""
    kb = kb or load_knowledge()
    old, new = previous.result, current.result
    changes: list[str] = []
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
    if value is None:
        return "not answered"
    if isinstance(value, tuple) and not value:
        return "none"
    try:
        return answer_in_words(question, value)
    except KeyError:  # an option removed from the knowledge base since it was saved
        return str(value)
