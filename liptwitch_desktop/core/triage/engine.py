"""The triage engine: answers (and what the log knows) in, urgency, reasons, causes and plan out.

Safety first, by construction:
- the urgency is the most urgent red flag that fires, and a red flag can only raise it, so no
  answer about causes can talk a warning sign down to self-care;
- a warning sign answered "not sure" counts as yes; one left unanswered is unknown, never
  "no": the result names it and is never self_care (FACTS.md "When an answer is missing");
- an emergency result carries only the number, the emergency reasons and what to do now; a
  doctor-today result only its flags' advice and the self-care items safe with them
  (FACTS.md "What an urgent result may carry").
The engine reads question, option and item ids from the knowledge base, never display text.
Result types live in `result`, the answers file in `files`, the history in `history`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from liptwitch_desktop.core.knowledge import (
    UNSURE,
    Cause,
    EmergencyCall,
    Knowledge,
    Question,
    RedFlag,
    Signal,
    Urgency,
    load_knowledge,
)
from liptwitch_desktop.core.log_facts import LogFacts
from liptwitch_desktop.core.triage.result import (
    CALM,
    LOG,
    SAID,
    UNANSWERED,
    AnswerValue,
    CauseFinding,
    Plan,
    PlanItem,
    Reason,
    TriageResult,
)

PREGNANCY_LIMITS = {"caffeine_mg_day": "caffeine_mg_day_pregnancy"}
TOP_CAUSES_IN_PLAN = 3
SETTINGS_LIMIT_TEXT = "the daily limit you chose in Settings"


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


# --- the engine ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Fired:
    flag: RedFlag
    words: str
    kind: str  # SAID, UNSURE or LOG


def triage(
    answers: TriageAnswers,
    log_facts: LogFacts | None = None,
    kb: Knowledge | None = None,
    profile: Profile | None = None,
) -> TriageResult:
    """Decide urgency, explain it, rank likely causes and build the plan."""
    kb = kb or load_knowledge()
    profile = profile or Profile()
    call = kb.emergency_call(profile.country)
    questions = {q.id: q for q in kb.questions}
    fired = [
        hit
        for flag in kb.red_flags
        if (hit := _red_flag_fires(flag, answers, log_facts, questions)) is not None
    ]
    fired.sort(key=lambda hit: -hit.flag.urgency.severity)  # stable: file order within a level
    unanswered = tuple(q.id for q in kb.warning_questions if answers.get(q.id) is None)
    urgency = Urgency.most_urgent(hit.flag.urgency for hit in fired)
    if urgency is Urgency.EMERGENCY:
        return _emergency(kb, fired, call)
    if unanswered and urgency < Urgency.DOCTOR_ROUTINE:
        urgency = Urgency.DOCTOR_ROUTINE  # unknown is never "no": never self-care
    today = urgency is Urgency.DOCTOR_SOON and any(
        hit.flag.today for hit in fired if hit.flag.urgency is urgency
    )
    reasons = [
        _flag_reason(hit, call, profile, keep_advice=not today or hit.flag.today) for hit in fired
    ]
    # Doctor today: an unanswered sign keeps its advice only if it is at least as urgent.
    floor = Urgency.DOCTOR_SOON if today else Urgency.SELF_CARE
    reasons += _unanswered_reasons(kb, unanswered, call, profile, floor)
    if not fired and not unanswered:
        reasons.extend(_calm_reasons(answers, log_facts, questions))
    texts = kb.today_text if today else kb.urgency_texts[urgency]
    headline = texts.headline_for(profile.country)
    advice = texts.advice_for(profile.country)
    if unanswered and not any(hit.flag.urgency >= Urgency.DOCTOR_ROUTINE for hit in fired):
        headline, advice = kb.unanswered.headline, kb.unanswered.advice_general
    ranked = _rank_causes(kb, answers, log_facts, questions, profile)
    fired_ids = [hit.flag.id for hit in fired]
    # Doctor today: no "likely cause" beside a sign that may be Bell's palsy or worse, and
    # only the self-care items safe with that sign; a cause's safety note stays.
    causes = [] if today else ranked
    plan = _plan(kb, urgency, causes, fired_ids, profile, notes_from=ranked)
    return TriageResult(
        urgency=urgency,
        today=today,
        word=texts.word,
        headline=headline.format(emergency=call.words),
        advice=advice.format(emergency=call.words),
        red_flags=tuple(fired_ids),
        reasons=tuple(reasons),
        causes=tuple(causes),
        plan=plan,
        disclaimer=kb.disclaimer,
        no_clear_cause=kb.no_clear_cause if not causes and not today else None,
        unanswered=unanswered,
        country=call.country,
        emergency_number=call.number,
        emergency_note=call.small,
    )


def _emergency(kb: Knowledge, fired: list[_Fired], call: EmergencyCall) -> TriageResult:
    """Only the number, the emergency reasons and what to do now (FACTS.md): no causes, no
    plan, no lower flags' advice, no disclaimer that softens it."""
    urgent = [hit for hit in fired if hit.flag.urgency is Urgency.EMERGENCY]
    texts = kb.urgency_texts[Urgency.EMERGENCY]
    return TriageResult(
        urgency=Urgency.EMERGENCY,
        today=False,
        word=texts.word,
        headline=texts.headline.format(emergency=call.words),
        advice=texts.advice.format(emergency=call.words),
        red_flags=tuple(hit.flag.id for hit in urgent),
        reasons=tuple(
            _flag_reason(hit, call, Profile(call.country), keep_advice=False) for hit in urgent
        ),
        causes=(),
        plan=Plan(),
        disclaimer=None,
        no_clear_cause=None,
        unanswered=(),
        country=call.country,
        emergency_number=call.number,
        emergency_note=call.small,
    )


def _red_flag_fires(
    flag: RedFlag,
    answers: TriageAnswers,
    log_facts: LogFacts | None,
    questions: Mapping[str, Question],
) -> _Fired | None:
    """The triggering answer or fact when the flag fires, else None."""
    if flag.question is not None:
        value = answers.get(flag.question)
        if value is None:
            return None
        question = questions[flag.question]
        if value == UNSURE and question.warning:
            return _Fired(flag, "", UNSURE)  # not sure counts as yes
        if question.kind == "number":
            assert isinstance(value, float) and flag.at_least is not None
            if value < flag.at_least:
                return None
            return _Fired(flag, answer_in_words(question, value), SAID)
        chosen = value if isinstance(value, tuple) else (value,)
        hits = tuple(v for v in chosen if v in flag.values)
        if not hits:
            return None
        words = answer_in_words(question, hits if question.kind == "multi" else hits[0])
        return _Fired(flag, words, SAID)
    if log_facts is None:
        return None
    if flag.unless_answered is not None and answers.get(flag.unless_answered) is not None:
        return None  # the person's own answer (pre-filled from the log) wins
    fact = _fact(log_facts, str(flag.log_fact))
    if fact is None:
        return None
    if flag.present:
        return _Fired(flag, _fact_words(fact), LOG) if fact else None
    assert isinstance(fact, int | float)
    if flag.above is not None and not fact > flag.above:
        return None
    if flag.at_least is not None and not fact >= flag.at_least:
        return None
    return _Fired(flag, _fact_words(fact), LOG)


def _fact(log_facts: LogFacts, name: str) -> object:
    """A log fact as the engine may use it: a 7-day average only with enough logged days."""
    if name == "caffeine_mg_per_day_7d":
        return log_facts.caffeine_weekly
    if name == "sleep_hours_7d":
        return log_facts.sleep_weekly
    return getattr(log_facts, name)


def _flag_reason(
    hit: _Fired, call: EmergencyCall, profile: Profile, *, keep_advice: bool
) -> Reason:
    flag = hit.flag
    template = flag.unsure_reason if hit.kind == UNSURE and flag.unsure_reason else flag.reason
    text = _sentence(template.format(answer=hit.words, value=hit.words, emergency=call.words))
    advice = None
    if keep_advice:
        advice = flag.advice_for(profile.country).format(
            answer=hit.words, value=hit.words, emergency=call.words
        )
    return Reason(text, flag.id, advice, hit.kind)


def _unanswered_reasons(
    kb: Knowledge,
    unanswered: tuple[str, ...],
    call: EmergencyCall,
    profile: Profile,
    floor: Urgency,
) -> list[Reason]:
    """One reason per unanswered warning sign, with what to do if it applies (only for signs
    at least as urgent as `floor`)."""
    reasons = []
    for question_id in unanswered:
        question = kb.question(question_id)
        flag = next(r for r in kb.red_flags if r.question == question_id)
        advice = None
        if flag.urgency >= floor:
            flag_advice = flag.advice_for(profile.country).format(
                answer="", value="", emergency=call.words
            )
            advice = kb.unanswered.advice.format(advice=_lower_first(flag_advice))
        reasons.append(
            Reason(
                kb.unanswered.reason.format(question=question.text),
                None,
                advice,
                UNANSWERED,
                question_id,
            )
        )
    return reasons


def _calm_reasons(
    answers: TriageAnswers, log_facts: LogFacts | None, questions: Mapping[str, Question]
) -> list[Reason]:
    reasons = [Reason("You said none of the warning signs apply to you.", kind=CALM)]
    for question_id in ("duration", "pattern"):
        value = answers.get(question_id)
        if value is not None:
            words = answer_in_words(questions[question_id], value)
            reasons.append(Reason(f"You said {words}.", kind=SAID))
    if log_facts is not None and log_facts.episode_days > 0:
        reasons.append(
            Reason(
                f"Your log shows episodes on {log_facts.episode_days} day(s); the current "
                f"stretch has lasted {log_facts.episode_span_days} day(s), first and last day "
                "counted.",
                kind=LOG,
            )
        )
    return reasons


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
    return value  # type: ignore[return-value]


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
    if score <= 0:
        return None
    return CauseFinding(
        cause.id, cause.name, cause.how, score, tuple(said), cause.note, tuple(logged)
    )


def _unique(ids: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(ids))


def _plan(
    kb: Knowledge,
    urgency: Urgency,
    causes: list[CauseFinding],
    fired: list[str],
    profile: Profile,
    notes_from: list[CauseFinding],
) -> Plan:
    top = [kb.cause(c.id) for c in causes[:TOP_CAUSES_IN_PLAN]]
    fix_ids = _unique(i for c in top for i in c.quick_fixes) or [i.id for i in kb.quick_fixes]
    # With no clear cause, the article's four core strategies.
    strategy_ids = _unique(i for c in top for i in c.strategies) or [
        i.id for i in kb.strategies[:4]
    ]
    # Never an item a fired flag forbids (FACTS.md "What an urgent result may carry").
    fixes = [kb.quick_fix(i) for i in fix_ids if not set(kb.quick_fix(i).not_with) & set(fired)]
    strategies = [
        kb.strategy(i) for i in strategy_ids if not set(kb.strategy(i).not_with) & set(fired)
    ]
    track_ids = _unique(["episodes", *(i for c in top for i in c.tracking)])
    action_ids = _unique(i for c in top for i in c.actions)
    if urgency is Urgency.SELF_CARE:
        action_ids = _unique([*action_ids, "remind_recheck"])
    else:
        action_ids = [a for a in action_ids if a != "remind_recheck"]
    if profile.adult is False:
        action_ids = [a for a in action_ids if not kb.action(a).adult_only]
    question_ids = [d.id for d in kb.doctor_questions if d.always]
    question_ids += [i for c in causes for i in kb.cause(c.id).doctor_questions]
    if urgency is not Urgency.SELF_CARE:
        question_ids += ["ask_exam", "ask_treatment"]
    # A cause's safety note (a medicine: never stop it alone) goes with the plan, even when
    # the causes themselves are not shown; a red flag's own advice travels with its reason.
    notes = _unique(c.note for c in notes_from if c.note)
    self_care = urgency is Urgency.SELF_CARE
    return Plan(
        quick_fixes=tuple(PlanItem(i.id, i.title, i.text_for(profile.adult)) for i in fixes),
        strategies=tuple(PlanItem(i.id, i.title, i.text_for(profile.adult)) for i in strategies),
        tracking=tuple(PlanItem(t.id, t.text) for t in map(kb.track, track_ids)),
        actions=tuple(PlanItem(a.id, a.label) for a in map(kb.action, action_ids)),
        doctor_questions=tuple(
            PlanItem(d.id, d.text) for d in map(kb.doctor_question, _unique(question_ids))
        ),
        recheck_days=int(kb.limits["recheck_days"].value) if self_care else None,
        recheck_text=kb.recheck_self_care if self_care else kb.recheck_doctor,
        notes=tuple(notes),
    )
