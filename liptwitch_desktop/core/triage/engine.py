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
The answers live in `answers`, the ranking of causes in `causes`, the plan in `plan`, the
result types in `result`, the answers file in `files`, the history in `history`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from liptwitch_desktop.core.knowledge import load_knowledge
from liptwitch_desktop.core.knowledge.base import Knowledge
from liptwitch_desktop.core.knowledge.emergency import EmergencyCall
from liptwitch_desktop.core.knowledge.model import UNSURE, Question, RedFlag, Urgency
from liptwitch_desktop.core.log_facts import LogFacts
from liptwitch_desktop.core.triage.result import (
    CALM,
    LOG,
    SAID,
    UNANSWERED,
    Plan,
    Reason,
    TriageResult,
)

from ..plurals import count
from .answers import (
    Profile,
    TriageAnswers,
    _fact_words,
    _lower_first,
    _sentence,
    answer_in_words,
)
from .causes import _fact, _rank_causes
from .plan import _plan

# Between two sentences of advice: ". " before a capital letter.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")

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
        return _emergency(kb, fired, call, unanswered)
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
    # An unanswered sign is unknown, never "no": the plan leaves out what it forbids, as for
    # yes (no salt water for someone who skipped the swallowing question).
    unknown_ids = [r.id for r in kb.red_flags if r.question in set(unanswered)]
    plan = _plan(kb, urgency, causes, [*fired_ids, *unknown_ids], profile, notes_from=ranked)
    reasons, plan = _said_once(reasons, plan)
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
        # NHS 111 and the like, where the headline does not already name the local line.
        non_emergency_note=call.not_emergency
        if urgency is Urgency.DOCTOR_SOON and profile.country not in texts.local_headline
        else "",
    )


def _said_once(reasons: list[Reason], plan: Plan) -> tuple[list[Reason], Plan]:
    """Each sentence of advice once: two flags with the same advice (the answer and the log
    both say "for months"), or a cause's note that a flag's advice already gives ("never stop
    a prescribed medicine ..."), keep it where it first comes."""
    seen: set[str] = set()
    kept: list[Reason] = []
    for reason in reasons:
        advice = reason.advice
        if advice:
            parts = [p for p in _SENTENCE_END.split(advice) if p not in seen]
            seen.update(parts)
            advice = " ".join(parts) or None
        kept.append(replace(reason, advice=advice))
    notes = []
    for note in plan.notes:
        parts = [p for p in _SENTENCE_END.split(note) if p not in seen]
        seen.update(parts)
        if parts:
            notes.append(" ".join(parts))
    return kept, replace(plan, notes=tuple(notes))


def _emergency(
    kb: Knowledge, fired: list[_Fired], call: EmergencyCall, unanswered: tuple[str, ...]
) -> TriageResult:
    """Only the number, the emergency reasons and what to do now (FACTS.md): no causes, no
    plan, no lower flags' advice, no disclaimer that softens it. `unanswered` names the
    warning signs not asked (the wizard stops at the first stroke sign), as ids only."""
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
        unanswered=unanswered,
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
                f"Your log shows episodes on {count(log_facts.episode_days, 'day')}; the "
                f"current stretch has lasted {count(log_facts.episode_span_days, 'day')}, "
                "first and last day counted.",
                kind=LOG,
            )
        )
    return reasons
