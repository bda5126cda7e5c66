"""Written cases from the article's scenarios: answers in, urgency and top cause out."""

from __future__ import annotations

import pytest

from liptwitch_desktop.core.knowledge.model import Urgency
from liptwitch_desktop.core.log_facts import LogFacts
from liptwitch_desktop.core.triage.answers import AnswerError, TriageAnswers
from liptwitch_desktop.core.triage.engine import triage
from liptwitch_desktop.core.triage.files import answers_file_from_json, answers_file_to_json
from liptwitch_desktop.core.triage.result import TriageResult

CALM = {
    "stroke_face_droop": "no",
    "stroke_limb_weakness": "no",
    "stroke_speech": "no",
    "stroke_confusion": "no",
    "stroke_vision": "no",
    "stroke_balance": "no",
    "stroke_headache": "no",
    "face_weakness_gradual": "no",
    "swallowing_new": "no",
    "speech_trouble_gradual": "no",
    "twitch_spreading": "no",
    "weakness_wasting": "no",
    "movement_triggered": "no",
    "multiple_places": "no",
    "duration": "under_week",
    "pattern": "comes_and_goes",
    "time_of_day": "any_time",
    "stress_level": "low",
    "caffeine_mg_per_day": 95,
    "caffeine_after_noon": "no",
    "pregnant": "no",
    "sleep_hours": 7.5,
    "short_night": "no",
    "diet_mineral_foods": "yes",
    "medicine_recent": [],
    "dental_work_recent": "no",
    "face_pressure": "no",
    "grinding": "no",
    "food_triggers": [],
    "hydration": "ok",
}


WARNING = (
    "stroke_",
    "face_weakness",
    "swallowing",
    "speech_trouble",
    "twitch_spreading",
    "weakness_wasting",
    "movement_triggered",
    "multiple_places",
)


def run(log_facts: LogFacts | None = None, **changes: object) -> TriageResult:
    return triage(TriageAnswers.parse({**CALM, **changes}), log_facts)


def all_text(result: TriageResult) -> str:
    return str(result.to_json())


def test_espresso_and_all_nighter_is_caffeine_or_sleep_self_care() -> None:
    result = run(
        caffeine_mg_per_day=3 * 63,
        caffeine_after_noon="yes",
        short_night="yes",
        sleep_hours=3,
        duration="today",
    )
    assert result.urgency is Urgency.SELF_CARE
    assert result.top_cause in {"caffeine", "sleep_loss"}
    assert {c.id for c in result.causes[:2]} == {"caffeine", "sleep_loss"}
    caffeine = next(c for c in result.causes if c.id == "caffeine")
    assert any("189 mg" in e for e in caffeine.evidence)
    assert result.plan.recheck_days == 14
    assert "remind_caffeine_cutoff" in [a.id for a in result.plan.actions]
    assert "remind_recheck" in [a.id for a in result.plan.actions]


def test_night_only_twitch_with_grinding() -> None:
    result = run(time_of_day="night_only", grinding="yes")
    assert result.urgency is Urgency.SELF_CARE
    assert result.top_cause == "teeth_grinding"
    assert "mouthguard" in [s.id for s in result.plan.strategies]
    assert "You said it happens only at night or on waking." in result.causes[0].evidence


def test_night_share_from_the_log_supports_grinding() -> None:
    facts = LogFacts(None, None, episode_days=5, episode_span_days=6, night_share=0.8)
    result = run(facts, grinding="unsure")
    assert result.top_cause == "teeth_grinding"
    assert "Your log shows 80% of your episodes at night." in result.causes[0].log_evidence


def test_after_dental_work() -> None:
    result = run(dental_work_recent="yes")
    assert result.urgency is Urgency.SELF_CARE
    assert result.top_cause == "nerve_irritation"
    assert "ask_dentist" in [q.id for q in result.plan.doctor_questions]


def test_new_asthma_inhaler_is_medication_and_never_stop() -> None:
    result = run(medicine_recent=["asthma_inhaler"])
    assert result.urgency is Urgency.DOCTOR_ROUTINE
    assert result.top_cause == "medication"
    assert result.reasons[0].text == (
        "You said you started or changed an asthma inhaler shortly before the twitching began."
    )
    never = "Never stop a prescribed medicine without talking to your doctor."
    assert never in (result.reasons[0].advice or "")
    assert never not in result.plan.notes  # said once, with the reason (review 12, C1)


def test_six_weeks_continuous_is_doctor_routine() -> None:
    result = run(duration="over_two_weeks", pattern="continuous")
    assert result.urgency is Urgency.DOCTOR_ROUTINE
    assert result.red_flags == ("lasting_over_two_weeks",)
    assert result.reasons[0].text == "You said you have had it for more than two weeks."
    assert result.plan.recheck_days is None
    assert "remind_recheck" not in [a.id for a in result.plan.actions]


def test_coming_back_for_months_is_doctor_routine() -> None:
    assert run(duration="months_recurring").urgency is Urgency.DOCTOR_ROUTINE


def test_log_span_over_two_weeks_is_doctor_routine_even_if_answers_are_calm() -> None:
    facts = LogFacts(None, None, episode_days=6, episode_span_days=20, night_share=0.1)
    result = run(facts)
    assert result.urgency is Urgency.DOCTOR_ROUTINE
    assert result.reasons[0].text.startswith("Your log shows twitching on and off over 20 days")
    assert result.reasons[0].kind == "log"


def test_log_span_of_exactly_two_weeks_is_still_self_care() -> None:
    facts = LogFacts(None, None, episode_days=3, episode_span_days=14, night_share=None)
    result = run(facts)
    assert result.urgency is Urgency.SELF_CARE
    expected = "3 days; the current stretch has lasted 14 days"
    assert any(expected in r.text for r in result.reasons)


def test_sudden_one_sided_droop_alone_is_emergency() -> None:
    result = run(stroke_face_droop="yes")
    assert result.urgency is Urgency.EMERGENCY
    assert result.stop_now
    assert result.causes == ()
    assert result.headline == "Call your local emergency number now."
    assert "Note the time it started" in result.advice
    assert "Do not drive yourself" in result.advice


def test_sudden_speech_trouble_alone_is_emergency() -> None:
    assert run(stroke_speech="yes").urgency is Urgency.EMERGENCY


def test_droop_over_days_is_doctor_soon_today() -> None:
    result = run(face_weakness_gradual="yes")
    assert result.urgency is Urgency.DOCTOR_SOON
    assert result.today
    assert "today" in result.headline
    assert "72 hours" in (result.reasons[0].advice or "")


def test_sudden_droop_beats_droop_over_days() -> None:
    result = run(face_weakness_gradual="yes", stroke_face_droop="yes")
    assert result.urgency is Urgency.EMERGENCY
    assert result.red_flags[0] == "sudden_face_droop"


def test_new_swallowing_trouble_is_doctor_soon_today() -> None:
    result = run(swallowing_new="yes")
    assert (result.urgency, result.today) == (Urgency.DOCTOR_SOON, True)


def test_spreading_is_doctor_soon_not_today() -> None:
    result = run(twitch_spreading="yes")
    assert (result.urgency, result.today) == (Urgency.DOCTOR_SOON, False)
    assert result.headline == "See a doctor in the next few days."


def test_chewing_triggered_is_doctor_soon() -> None:
    result = run(movement_triggered="yes")
    assert result.urgency is Urgency.DOCTOR_SOON
    assert not result.today


def test_weakness_or_dropping_things_is_doctor_soon() -> None:
    assert run(weakness_wasting="yes").urgency is Urgency.DOCTOR_SOON


def test_more_than_one_place_is_doctor_routine() -> None:
    assert run(multiple_places="yes").urgency is Urgency.DOCTOR_ROUTINE


def test_high_caffeine_from_the_log_names_the_limit() -> None:
    facts = LogFacts(410, 7, episode_days=2, episode_span_days=3, night_share=0.0)
    result = run(facts, caffeine_mg_per_day=None)
    assert result.top_cause == "caffeine"
    assert (
        "Your log shows 410 mg of caffeine a day on average over the last 7 days; the limit "
        "for healthy adults is 400 mg." in result.causes[0].log_evidence
    )


def test_pregnancy_lowers_the_caffeine_limit() -> None:
    result = run(caffeine_mg_per_day=250, pregnant="yes")
    caffeine = next(c for c in result.causes if c.id == "caffeine")
    assert caffeine.evidence[0] == (
        "You said you have about 250 mg of caffeine a day; the limit in pregnancy is 200 mg."
    )
    not_pregnant = next(c for c in run(caffeine_mg_per_day=250).causes if c.id == "caffeine")
    assert "within the limit" in not_pregnant.evidence[0]


def test_stress_is_the_top_cause_when_stressed() -> None:
    result = run(stress_level="high")
    assert result.urgency is Urgency.SELF_CARE
    assert result.top_cause == "stress"
    assert result.reasons[0].text == "You said none of the warning signs apply to you."


def test_no_warning_sign_gives_self_care_with_the_general_plan() -> None:
    result = triage(TriageAnswers.parse({q: CALM[q] for q in CALM if q.startswith(WARNING)}))
    assert result.urgency is Urgency.SELF_CARE
    assert result.causes == ()
    assert result.no_clear_cause
    assert len(result.plan.quick_fixes) == 4
    assert [s.id for s in result.plan.strategies] == [
        "diet_upgrade",
        "caffeine_management",
        "sleep_optimisation",
        "facial_massage",
    ]
    assert "not a diagnosis" in result.disclaimer


def test_magnesium_advice_stays_within_limits() -> None:
    result = run(diet_mineral_foods="no")
    assert result.top_cause == "magnesium_low"
    magnesium = next(q for q in result.plan.quick_fixes if q.id == "magnesium")
    assert "no more than 250 mg" in magnesium.text
    assert "400" not in all_text(result)


def test_food_triggers_evidence_is_hedged() -> None:
    result = run(food_triggers=["sweeteners", "msg"])
    assert result.top_cause == "food_triggers"
    assert result.causes[0].evidence == (
        "You said you notice it after artificial sweeteners and MSG; your food log will tell "
        "you whether the link holds.",
    )


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"stroke_droop": "no"}, "unknown question id 'stroke_droop'"),
        ({"duration": "six_weeks"}, "must be one of today, under_week"),
        ({"stroke_face_droop": "maybe"}, "must be 'yes', 'no' or 'unsure'"),
        ({"pregnant": "unsure"}, "must be 'yes' or 'no'"),
        ({"caffeine_mg_per_day": 10**400}, "between 0 and"),
        ({"medicine_recent": [["steroid"]]}, "is not one of"),
        ({"sleep_hours": 30}, "between 0 and 24 h"),
        ({"sleep_hours": "7"}, "must be a number"),
        ({"medicine_recent": "steroid"}, "must be a list"),
        ({"medicine_recent": ["aspirin"]}, "'aspirin' is not one of"),
    ],
)
def test_bad_answers_are_refused(raw: dict[str, object], message: str) -> None:
    with pytest.raises(AnswerError, match=message):
        TriageAnswers.parse(raw)


def test_answers_and_results_round_trip_through_json() -> None:
    facts = LogFacts(210.5, 6.0, 4, 9, 0.25, ("salbutamol",))
    answers = TriageAnswers.parse({**CALM, "medicine_recent": ["steroid", "asthma_inhaler"]})
    data = answers_file_to_json(answers, facts)
    assert data["answers"]["medicine_recent"] == ["asthma_inhaler", "steroid"]
    back, back_facts = answers_file_from_json(data)
    assert back == answers
    assert back_facts == facts
    result = triage(back, back_facts)
    assert TriageResult.from_json(result.to_json()) == result


def test_yes_no_accepts_json_booleans() -> None:
    assert TriageAnswers.parse({"stroke_speech": True}).get("stroke_speech") == "yes"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "JSON object"),
        ({"answer": {}}, "unknown top-level key"),
        ({"answers": []}, "'answers' must be an object"),
        ({"answers": {}, "version": 7}, "unsupported version"),
        ({"answers": {}, "log_facts": {"episode_days": 1}}, "bad 'log_facts'"),
    ],
)
def test_bad_answer_files_are_refused(data: object, message: str) -> None:
    with pytest.raises(AnswerError, match=message):
        answers_file_from_json(data)


def test_the_persons_own_figure_replaces_the_logged_one() -> None:
    facts = LogFacts(410, 5.5, episode_days=2, episode_span_days=3, night_share=0.0)
    corrected = run(facts, caffeine_mg_per_day=150, sleep_hours=7.5)
    caffeine = next(c for c in corrected.causes if c.id == "caffeine")
    assert not any("You logged" in e for e in caffeine.evidence)
    assert "sleep_loss" not in [c.id for c in corrected.causes]
    unanswered = run(facts, caffeine_mg_per_day=None, sleep_hours=None)
    assert unanswered.top_cause == "caffeine"
    assert any("Your log shows 5.5 hours" in e for c in unanswered.causes for e in c.log_evidence)


def test_the_configured_caffeine_limit_and_pregnancy_the_lower_wins() -> None:
    """Issue 12 point 7: the limit chosen in Settings (the pregnancy preset) counts too."""
    from liptwitch_desktop.core.triage.answers import Profile

    answers = TriageAnswers.parse({**CALM, "caffeine_mg_per_day": 250})
    chosen = triage(answers, profile=Profile(caffeine_limit_mg=200))
    caffeine = next(c for c in chosen.causes if c.id == "caffeine")
    assert caffeine.evidence[0] == (
        "You said you have about 250 mg of caffeine a day; the daily limit you chose in "
        "Settings is 200 mg."
    )
    pregnant = TriageAnswers.parse({**CALM, "caffeine_mg_per_day": 250, "pregnant": "yes"})
    both = triage(pregnant, profile=Profile(caffeine_limit_mg=400))
    assert (
        "the limit in pregnancy is 200 mg"
        in next(c for c in both.causes if c.id == "caffeine").evidence[0]
    )
    adult_default = triage(answers, profile=Profile(caffeine_limit_mg=400))
    assert (
        "within the limit"
        in next(c for c in adult_default.causes if c.id == "caffeine").evidence[0]
    )


@pytest.mark.parametrize(
    ("mg", "expected"), [(1199, Urgency.SELF_CARE), (1200, Urgency.DOCTOR_ROUTINE)]
)
def test_caffeine_at_or_above_1200_mg_is_a_gp_visit(mg: int, expected: Urgency) -> None:
    result = run(caffeine_mg_per_day=mg, duration="today")
    assert result.urgency is expected


def test_logged_caffeine_at_or_above_1200_mg_is_a_gp_visit_even_if_the_answer_is_lower() -> None:
    facts = LogFacts(1300, None, 2, 3, None, caffeine_logged_days_7d=7)
    result = run(facts, caffeine_mg_per_day=100)
    assert result.urgency is Urgency.DOCTOR_ROUTINE
    assert (
        result.reasons[0].text
        == "Your log shows at least 1300 mg of caffeine on one day of the last 7."
    )
    assert "stopping at once often brings headaches" in (result.reasons[0].advice or "")
