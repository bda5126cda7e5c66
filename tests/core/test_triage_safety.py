"""Safety properties: red flags alone, in pairs, and over every answer set hypothesis finds.

Issue 12's rules, for every input: a warning sign answered yes, "unsure" or not at all never
gives self_care or "you said none"; "unsure" counts as yes; an emergency result carries only
what FACTS.md allows plus the number; a doctor-today result never shows a forbidden item.
"""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from liptwitch_desktop.cli.triage import format_result
from liptwitch_desktop.core.knowledge import load_knowledge
from liptwitch_desktop.core.knowledge.model import UNSURE, Question, RedFlag, Urgency
from liptwitch_desktop.core.log_facts import LogFacts
from liptwitch_desktop.core.triage.answers import Profile, TriageAnswers
from liptwitch_desktop.core.triage.engine import triage
from liptwitch_desktop.core.triage.result import TriageResult

KB = load_knowledge()
QUESTION_FLAGS = [f for f in KB.red_flags if f.question is not None]
LOG_FLAGS = [f for f in KB.red_flags if f.log_fact is not None]
WARNING = [q.id for q in KB.warning_questions]
STROKE = [q.id for q in KB.questions_on("stroke")]
STROKE_FLAGS = [f for f in KB.red_flags if f.stroke]
TODAY_FLAGS = [f for f in KB.red_flags if f.today]
ALL_NO = dict.fromkeys(WARNING, "no")
NONE_SAID = "You said none of the warning signs apply"
COUNTRIES = [None, "GB", "US", "NZ", "JP", "DE", "IL", "BR", "ZZ"]


def trigger(flag: RedFlag) -> tuple[dict[str, object], LogFacts | None]:
    """The smallest input that shows this one sign (every other warning sign answered no)."""
    if flag.question is not None:
        question = KB.question(flag.question)
        if question.kind == "number":
            assert flag.at_least is not None
            return {**ALL_NO, flag.question: flag.at_least}, None
        value = list(flag.values[:1]) if question.kind == "multi" else flag.values[0]
        return {**ALL_NO, flag.question: value}, None
    fact: dict[str, Any] = {"episode_days": 2, "episode_span_days": 3}
    if flag.present:
        fact[str(flag.log_fact)] = ("salbutamol",)
    elif flag.above is not None:
        fact[str(flag.log_fact)] = int(flag.above) + 1
    else:
        assert flag.at_least is not None
        fact[str(flag.log_fact)] = flag.at_least
    base = {"caffeine_mg_per_day_7d": None, "sleep_hours_7d": None, "night_share": None}
    return dict(ALL_NO), LogFacts(**{**base, **fact})


@pytest.mark.parametrize("flag", KB.red_flags, ids=lambda f: f.id)
def test_every_red_flag_alone_gives_its_urgency(flag: RedFlag) -> None:
    raw, facts = trigger(flag)
    result = triage(TriageAnswers.parse(raw), facts)
    assert result.urgency is flag.urgency
    assert result.red_flags == (flag.id,)
    assert result.reasons[0].red_flag == flag.id
    if flag.today:
        assert result.today


@pytest.mark.parametrize("question_id", WARNING)
def test_unsure_counts_as_yes_and_says_so(question_id: str) -> None:
    flag = next(f for f in KB.red_flags if f.question == question_id)
    yes = triage(TriageAnswers.parse({**ALL_NO, question_id: "yes"}))
    unsure = triage(TriageAnswers.parse({**ALL_NO, question_id: UNSURE}))
    assert (unsure.urgency, unsure.today) == (yes.urgency, yes.today)
    assert unsure.red_flags == (flag.id,)
    assert unsure.reasons[0].text.startswith("You were not sure whether")
    assert unsure.reasons[0].kind == "unsure"


PAIRS = [
    (a, b)
    for a, b in itertools.combinations(KB.red_flags, 2)
    if a.question is None or a.question != b.question  # one answer cannot be two options
    # a log flag that steps aside for the person's own answer to the other's question
    if not ({a.unless_answered, b.unless_answered} & {a.question, b.question} - {None})
]


def merged(a: RedFlag, b: RedFlag) -> tuple[dict[str, object], LogFacts | None]:
    raw_a, facts_a = trigger(a)
    raw_b, facts_b = trigger(b)
    raw = {**raw_a, **{k: v for k, v in raw_b.items() if v != "no" or k not in raw_a}}
    if facts_a is not None and facts_b is not None:
        both = {**facts_a.__dict__}
        for name, value in facts_b.__dict__.items():
            if value not in (None, (), 0) and name not in ("episode_days", "episode_span_days"):
                both[name] = value
        both["episode_span_days"] = max(facts_a.episode_span_days, facts_b.episode_span_days)
        return raw, LogFacts(**both)
    return raw, facts_a or facts_b


@pytest.mark.parametrize("pair", PAIRS, ids=lambda p: f"{p[0].id}+{p[1].id}")
def test_every_pair_of_red_flags_gives_at_least_the_worse_urgency(
    pair: tuple[RedFlag, RedFlag],
) -> None:
    raw, facts = merged(*pair)
    result = triage(TriageAnswers.parse(raw), facts)
    expected = Urgency.most_urgent([pair[0].urgency, pair[1].urgency])
    assert result.urgency is expected
    if expected is Urgency.EMERGENCY:  # only the emergency signs are kept
        assert set(result.red_flags) == {f.id for f in pair if f.urgency is expected}
    else:
        assert set(result.red_flags) == {pair[0].id, pair[1].id}


def test_there_are_many_pairs() -> None:
    assert len(PAIRS) > 100


# --- hypothesis: answer sets with every kind of warning answer ------------------------------

MISSING = object()


def answer_strategy(question: Question) -> st.SearchStrategy[object]:
    if question.kind == "yes_no":
        return st.sampled_from(list(question.answer_ids))
    if question.kind == "choice":
        return st.sampled_from(question.option_ids)
    if question.kind == "multi":
        return st.lists(st.sampled_from(question.option_ids), unique=True)
    assert question.min is not None and question.max is not None
    return st.floats(question.min, question.max, allow_nan=False)


def _drop_missing(raw: dict[str, object]) -> dict[str, object]:
    return {k: v for k, v in raw.items() if v is not MISSING}


# Each warning sign is yes, no, unsure, null or left out; most often "no", so that every
# mix (including "all no") turns up.
warning_answer = st.sampled_from(["no", "no", "no", "yes", UNSURE, None, MISSING])
raw_answers = st.fixed_dictionaries(
    {q: warning_answer for q in WARNING},
    optional={q.id: answer_strategy(q) for q in KB.questions if not q.warning},
).map(_drop_missing)

optional_floats = st.none() | st.floats(0, 3000, allow_nan=False)


@st.composite
def caffeine_figures(draw: st.DrawFn) -> tuple[float | None, float | None]:
    """The 7-day average and the highest day (never below the average), each maybe unknown."""
    average = draw(optional_floats)
    peak = draw(st.none() | st.floats(0, 3000, allow_nan=False))
    if average is not None and peak is not None:
        peak = max(peak, average)
    return average, peak


log_facts_strategy = st.none() | st.builds(
    lambda caffeine, **rest: LogFacts(
        caffeine_mg_per_day_7d=caffeine[0], caffeine_max_mg_7d=caffeine[1], **rest
    ),
    caffeine=caffeine_figures(),
    sleep_hours_7d=st.none() | st.floats(0, 24, allow_nan=False),
    episode_days=st.integers(0, 400),
    episode_span_days=st.integers(0, 400),
    night_share=st.none() | st.floats(0, 1, allow_nan=False),
    recent_medicine_names=st.lists(st.sampled_from(["salbutamol", "prednisolone"])).map(tuple),
    episode_months_6m=st.integers(0, 6),
    caffeine_logged_days_7d=st.none() | st.integers(0, 7),
    sleep_logged_days_7d=st.none() | st.integers(0, 7),
)
profiles = st.builds(
    Profile,
    country=st.sampled_from(COUNTRIES),
    caffeine_limit_mg=st.sampled_from([None, 400.0, 200.0]),
    adult=st.sampled_from([None, True, False]),
)


def all_text(result: TriageResult) -> list[str]:
    """Every string a result carries, in its JSON and as the CLI prints it."""
    texts: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(result.to_json())
    texts.append(format_result(result))
    return texts


def flags_shown(answers: TriageAnswers, facts: LogFacts | None) -> list[RedFlag]:
    """Red flags present in the input, worked out here independently of the engine."""
    shown = []
    for flag in QUESTION_FLAGS:
        value = answers.get(str(flag.question))
        if value is None:
            continue
        if KB.question(str(flag.question)).kind == "number":
            if isinstance(value, float) and flag.at_least is not None and value >= flag.at_least:
                shown.append(flag)
            continue
        chosen = value if isinstance(value, tuple) else (value,)
        if any(v in flag.values for v in chosen) or value == UNSURE:
            shown.append(flag)
    return shown


@settings(max_examples=500, deadline=None)
@given(raw=raw_answers, facts=log_facts_strategy, profile=profiles)
def test_property_a_warning_sign_yes_unsure_or_missing_is_never_self_care(
    raw: dict[str, object], facts: LogFacts | None, profile: Profile
) -> None:
    answers = TriageAnswers.parse(raw)
    result = triage(answers, facts, profile=profile)
    not_no = [q for q in WARNING if answers.get(q) != "no"]
    shown = flags_shown(answers, facts)
    if not_no:
        assert result.urgency is not Urgency.SELF_CARE
        assert not any(NONE_SAID in text for text in all_text(result))
    if shown:
        assert result.urgency.at_least(Urgency.most_urgent(f.urgency for f in shown))
    if any(answers.get(q) in ("yes", UNSURE) for q in STROKE):
        assert result.urgency is Urgency.EMERGENCY and result.stop_now
    else:
        missing = [q for q in WARNING if answers.get(q) is None]
        assert list(result.unanswered) == missing
        for question_id in missing:  # the result names each unanswered question
            question = KB.question(question_id)
            assert any(question.text in r.text for r in result.reasons)
        for flag in shown:
            if answers.get(str(flag.question)) == UNSURE:
                assert any(
                    r.red_flag == flag.id and r.text.startswith("You were not sure")
                    for r in result.reasons
                )
    if facts is not None and facts.episode_span_days > 14:
        assert result.urgency.at_least(Urgency.DOCTOR_ROUTINE)
    assert result.reasons
    assert TriageResult.from_json(result.to_json()) == result


@settings(max_examples=300, deadline=None)
@given(raw=raw_answers, facts=log_facts_strategy, profile=profiles)
def test_property_a_logged_day_at_1200_mg_counts_whatever_the_logged_days(
    raw: dict[str, object], facts: LogFacts | None, profile: Profile
) -> None:
    """FACTS.md: "an answered or logged intake at or above 1,200 mg a day" gets at least
    doctor_routine, with the FDA sentence; the 4-of-7-days rule only governs the average."""
    result = triage(TriageAnswers.parse(raw), facts, profile=profile)
    peak = facts.caffeine_peak if facts is not None else None
    if peak is None or round(peak) < 1200:
        return
    assert result.urgency.at_least(Urgency.DOCTOR_ROUTINE)
    if result.urgency is not Urgency.EMERGENCY:
        assert "log_caffeine_extreme" in result.red_flags
        assert any("seizures" in (r.advice or "") for r in result.reasons) or result.today
    assert TriageResult.from_json(result.to_json()) == result


@settings(max_examples=300, deadline=None)
@given(raw=raw_answers, facts=log_facts_strategy, profile=profiles)
def test_property_unsure_counts_exactly_as_yes(
    raw: dict[str, object], facts: LogFacts | None, profile: Profile
) -> None:
    as_yes = {k: ("yes" if v == UNSURE else v) for k, v in raw.items()}
    unsure = triage(TriageAnswers.parse(raw), facts, profile=profile)
    yes = triage(TriageAnswers.parse(as_yes), facts, profile=profile)
    assert (unsure.urgency, unsure.today, unsure.red_flags) == (
        yes.urgency,
        yes.today,
        yes.red_flags,
    )


def emergency_allowed(result: TriageResult) -> set[str]:
    """What FACTS.md lets an emergency result carry, from the knowledge base: the number and
    its note, the emergency reasons, and what to do now."""
    texts = KB.urgency_texts[Urgency.EMERGENCY]
    number = result.emergency_number
    words = number or "your local emergency number"
    allowed = {
        texts.word,
        texts.headline.format(emergency=words),
        texts.advice.format(emergency=words),
        KB.unknown_country.large,
        KB.unknown_country.small,
        "",
    }
    for flag in STROKE_FLAGS:
        allowed.add(flag.reason)
        allowed.add(str(flag.unsure_reason))
    # Only the notes that help make the call: never a line for when it is not an emergency.
    for row in KB.emergency_numbers.values():
        allowed |= {row.number, row.note or "", f"Call {row.number}"}
    return allowed


NOT_EMERGENCY_LINES = [
    row.not_emergency for row in KB.emergency_numbers.values() if row.not_emergency
]


ids_and_codes = {
    "urgency",
    "red_flags",
    "kind",
    "emergency_country",
    "red_flag",
    "question",
    "unanswered",
}


def emergency_strings(result: TriageResult) -> list[str]:
    strings: list[str] = []

    def walk(key: str, value: object) -> None:
        if key in ids_and_codes:
            return
        if isinstance(value, str):
            strings.append(value)
        elif isinstance(value, dict):
            for k, item in value.items():
                walk(k, item)
        elif isinstance(value, list):
            for item in value:
                walk(key, item)

    walk("", result.to_json())
    return strings


stroke_answers = st.tuples(
    raw_answers, st.sampled_from(STROKE), st.sampled_from(["yes", UNSURE])
).map(lambda t: {**t[0], t[1]: t[2]})


@settings(max_examples=400, deadline=None)
@given(raw=stroke_answers, facts=log_facts_strategy, profile=profiles)
def test_property_an_emergency_carries_only_what_facts_allow_plus_the_number(
    raw: dict[str, object], facts: LogFacts | None, profile: Profile
) -> None:
    result = triage(TriageAnswers.parse(raw), facts, profile=profile)
    assert result.urgency is Urgency.EMERGENCY
    allowed = emergency_allowed(result)
    for form in (result, TriageResult.from_json(result.to_json())):
        extra = [s for s in emergency_strings(form) if s not in allowed]
        assert extra == [], f"an emergency result carries {extra[0]!r}"
        assert form.causes == () and form.plan.quick_fixes == () and form.disclaimer is None
        assert {r.red_flag for r in form.reasons} <= {f.id for f in STROKE_FLAGS}
    # The text the CLI prints: every line is allowed, and the number is there.
    text = format_result(result)
    for line in text.splitlines():
        line = line.strip().removeprefix("- ")
        if line in ("", "Why:", "EMERGENCY"):
            continue
        assert line in allowed or line.title().removesuffix(" Now") in {
            a.title() for a in allowed
        }, line
    # No emergency form ever carries a non-emergency line (NHS 111, SG's 1777).
    saved = TriageResult.from_json(result.to_json())
    for form in (text, *emergency_strings(result), *emergency_strings(saved)):
        assert not any(line in form for line in NOT_EMERGENCY_LINES), form
    assert result.non_emergency_note == "" and saved.non_emergency_note == ""
    row = KB.emergency_number(profile.country)
    if row is not None:
        assert result.emergency_number == row.number
        assert f"CALL {row.number}" in text
    else:
        assert result.emergency_number is None
        assert "CALL YOUR LOCAL EMERGENCY NUMBER" in text
        assert KB.unknown_country.small in text


today_answers = st.tuples(raw_answers, st.sampled_from(TODAY_FLAGS)).map(
    lambda t: {
        **{k: v for k, v in t[0].items() if k not in STROKE},
        **dict.fromkeys(STROKE, "no"),
        str(t[1].question): "yes",
    }
)


@settings(max_examples=400, deadline=None)
@given(raw=today_answers, facts=log_facts_strategy, profile=profiles)
def test_property_no_doctor_today_result_shows_a_forbidden_item(
    raw: dict[str, object], facts: LogFacts | None, profile: Profile
) -> None:
    result = triage(TriageAnswers.parse(raw), facts, profile=profile)
    assert (result.urgency, result.today) == (Urgency.DOCTOR_SOON, True)
    fired = set(result.red_flags)
    forbidden = [item for item in (*KB.quick_fixes, *KB.strategies) if set(item.not_with) & fired]
    shown = {i.id for i in (*result.plan.quick_fixes, *result.plan.strategies)}
    assert not shown & {i.id for i in forbidden}
    text = "\n".join(all_text(result))
    for item in forbidden:
        assert item.title not in text
    assert result.causes == ()  # no "likely cause" beside a sign that needs a doctor today
    assert "Likely causes" not in text
    # Only the doctor-today flags' own advice: no lower flag's advice dilutes it, and an
    # unanswered sign less urgent than "today" is named without its advice.
    for reason in result.reasons:
        if reason.red_flag is not None and reason.advice is not None:
            assert KB.red_flag(reason.red_flag).today
        if reason.kind == "unanswered" and reason.advice is not None:
            flag = next(f for f in KB.red_flags if f.question == reason.question)
            assert flag.urgency.at_least(Urgency.DOCTOR_SOON)


@settings(max_examples=400, deadline=None)
@given(raw=raw_answers, facts=log_facts_strategy, profile=profiles)
def test_property_an_unanswered_warning_sign_filters_the_plan_exactly_like_yes(
    raw: dict[str, object], facts: LogFacts | None, profile: Profile
) -> None:
    """Unknown is never "no": no plan item is shown that a sign answered yes, unsure or not
    at all forbids; and answering a missing sign "yes" drops no further item for it."""
    answers = TriageAnswers.parse(raw)
    result = triage(answers, facts, profile=profile)
    not_no = {
        f.id
        for f in QUESTION_FLAGS
        if KB.question(str(f.question)).warning and answers.get(str(f.question)) != "no"
    }
    items = {i.id: i for i in (*KB.quick_fixes, *KB.strategies)}
    shown = [items[i.id] for i in (*result.plan.quick_fixes, *result.plan.strategies)]
    assert [i.id for i in shown if set(i.not_with) & not_no] == []
    missing = [q for q in WARNING if answers.get(q) is None and q not in STROKE]
    if missing and result.urgency is not Urgency.EMERGENCY:
        as_yes = triage(
            TriageAnswers.parse({**raw, **dict.fromkeys(missing, "yes")}), facts, profile=profile
        )
        forbidden = {f.id for f in QUESTION_FLAGS if f.question in missing}
        for item in (*as_yes.plan.quick_fixes, *as_yes.plan.strategies):
            assert not set(items[item.id].not_with) & forbidden
