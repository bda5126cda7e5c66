"""Safety properties: red flags alone, in pairs, and over every answer set hypothesis finds."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from liptwitch_desktop.core.knowledge import Question, RedFlag, Urgency, load_knowledge
from liptwitch_desktop.core.log_facts import LogFacts
from liptwitch_desktop.core.triage import TriageAnswers, TriageResult, triage

KB = load_knowledge()
QUESTION_FLAGS = [f for f in KB.red_flags if f.question is not None]
LOG_FLAGS = [f for f in KB.red_flags if f.log_fact is not None]
STROKE_QUESTIONS = [q.id for q in KB.questions_on("stroke")]


def trigger(flag: RedFlag) -> tuple[dict[str, object], LogFacts | None]:
    """The smallest input that shows this one sign."""
    if flag.question is not None:
        question = KB.question(flag.question)
        value = list(flag.values[:1]) if question.kind == "multi" else flag.values[0]
        return {flag.question: value}, None
    assert flag.log_fact == "episode_span_days" and flag.above is not None
    span = int(flag.above) + 1
    return {}, LogFacts(None, None, episode_days=2, episode_span_days=span, night_share=None)


@pytest.mark.parametrize("flag", KB.red_flags, ids=lambda f: f.id)
def test_every_red_flag_alone_gives_its_urgency(flag: RedFlag) -> None:
    raw, facts = trigger(flag)
    result = triage(TriageAnswers.parse(raw), facts)
    assert result.urgency is flag.urgency
    assert flag.id in result.red_flags
    assert result.reasons[0].red_flag == flag.id
    if flag.today:
        assert result.today


PAIRS = [
    (a, b)
    for a, b in itertools.combinations(KB.red_flags, 2)
    if a.question is None or a.question != b.question  # one answer cannot be two options
]


@pytest.mark.parametrize("pair", PAIRS, ids=lambda p: f"{p[0].id}+{p[1].id}")
def test_every_pair_of_red_flags_gives_at_least_the_worse_urgency(
    pair: tuple[RedFlag, RedFlag],
) -> None:
    raw_a, facts_a = trigger(pair[0])
    raw_b, facts_b = trigger(pair[1])
    result = triage(TriageAnswers.parse({**raw_a, **raw_b}), facts_a or facts_b)
    expected = Urgency.most_urgent([pair[0].urgency, pair[1].urgency])
    assert result.urgency is expected
    assert set(result.red_flags) == {pair[0].id, pair[1].id}


def test_there_are_many_pairs() -> None:
    assert len(PAIRS) > 100


def answer_strategy(question: Question) -> st.SearchStrategy[object]:
    if question.kind == "yes_no":
        return st.sampled_from(["yes", "no"])
    if question.kind == "choice":
        return st.sampled_from(question.option_ids)
    if question.kind == "multi":
        return st.lists(st.sampled_from(question.option_ids), unique=True)
    assert question.min is not None and question.max is not None
    return st.floats(question.min, question.max, allow_nan=False)


answer_sets = st.fixed_dictionaries(
    {}, optional={q.id: answer_strategy(q) for q in KB.questions}
).map(TriageAnswers.parse)

optional_floats = st.none() | st.floats(0, 2000, allow_nan=False)
log_facts_strategy = st.none() | st.builds(
    LogFacts,
    caffeine_mg_per_day_7d=optional_floats,
    sleep_hours_7d=st.none() | st.floats(0, 24, allow_nan=False),
    episode_days=st.integers(0, 400),
    episode_span_days=st.integers(0, 400),
    night_share=st.none() | st.floats(0, 1, allow_nan=False),
    recent_medicine_names=st.lists(st.sampled_from(["salbutamol", "prednisolone"])).map(tuple),
)


def flags_shown(answers: TriageAnswers, facts: LogFacts | None) -> list[RedFlag]:
    """Red flags present in the input, worked out here independently of the engine."""
    shown = []
    for flag in QUESTION_FLAGS:
        value = answers.get(str(flag.question))
        chosen = value if isinstance(value, tuple) else (value,)
        if any(v in flag.values for v in chosen):
            shown.append(flag)
    if facts is not None:
        for flag in LOG_FLAGS:
            fact = getattr(facts, str(flag.log_fact))
            if fact is not None and flag.above is not None and fact > flag.above:
                shown.append(flag)
    return shown


@settings(max_examples=400, deadline=None)
@given(answers=answer_sets, facts=log_facts_strategy)
def test_property_red_flags_are_never_talked_down(
    answers: TriageAnswers, facts: LogFacts | None
) -> None:
    result = triage(answers, facts)
    shown = flags_shown(answers, facts)
    if shown:
        assert result.urgency is not Urgency.SELF_CARE
        assert result.urgency.at_least(Urgency.most_urgent(f.urgency for f in shown))
    else:
        assert result.urgency is Urgency.SELF_CARE
    if any(answers.get(q) == "yes" for q in STROKE_QUESTIONS):
        assert result.urgency is Urgency.EMERGENCY
        assert result.stop_now
    if facts is not None and facts.episode_span_days > 14:
        assert result.urgency.at_least(Urgency.DOCTOR_ROUTINE)
    assert result.reasons
    assert result.disclaimer
    assert TriageResult.from_json(result.to_json()) == result
