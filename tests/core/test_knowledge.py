"""The knowledge base loads, matches FACTS.md, and a broken copy fails loudly."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from liptwitch_desktop.core.knowledge import load_knowledge, load_knowledge_from
from liptwitch_desktop.core.knowledge.model import KnowledgeError, Urgency
from liptwitch_desktop.core.resources import knowledge_dir


def content_text(directory: Path) -> str:
    """Every file a person reads (sources.toml only names the sources)."""
    paths = sorted(p for p in directory.glob("*.toml") if p.stem != "sources")
    return "\n".join(p.read_text(encoding="utf-8") for p in paths)


def test_shipped_knowledge_loads_and_is_cached() -> None:
    kb = load_knowledge()
    assert kb is load_knowledge()
    assert len(kb.questions) >= 20
    assert {c.id for c in kb.causes} >= {
        "stress",
        "magnesium_low",
        "caffeine",
        "nerve_irritation",
        "medication",
    }
    assert len(kb.quick_fixes) >= 4
    assert len(kb.strategies) >= 4
    assert {d.id for d in kb.diagnostics} == {"blood_work", "nerve_conduction", "neuro_exam"}
    assert {t.id for t in kb.treatments} == {"botox", "nerve_calming_medicines", "physical_therapy"}
    assert {f.id for f in kb.faq} == {"dehydration", "night_only", "als", "foods", "how_long"}


def test_urgency_is_ordered() -> None:
    assert Urgency.SELF_CARE < Urgency.DOCTOR_ROUTINE < Urgency.DOCTOR_SOON < Urgency.EMERGENCY
    assert max(Urgency) is Urgency.EMERGENCY
    assert Urgency.most_urgent([]) is Urgency.SELF_CARE
    assert Urgency.DOCTOR_SOON.at_least(Urgency.DOCTOR_ROUTINE)


def test_drinks_match_facts() -> None:
    drinks = {d.id: (d.volume_ml, d.caffeine_mg) for d in load_knowledge().drinks}
    assert drinks == {
        "espresso": (30, 63),
        "brewed_coffee": (240, 95),
        "instant_coffee": (240, 62),
        "black_tea": (240, 47),
        "green_tea": (240, 28),
        "cola": (355, 34),
        "energy_drink": (250, 80),
        "decaf_coffee": (240, 2),
    }


def test_emergency_numbers() -> None:
    kb = load_knowledge()
    assert kb.emergency_number("NZ").number == "111"
    assert kb.emergency_number("GB").number == "999"
    # NHS 111 is for when it is not an emergency: never the note under 999 (review 12, S3).
    assert "NHS 111" in (kb.emergency_number("GB").not_emergency or "")
    assert kb.emergency_number("GB").note is None
    assert kb.emergency_number("us").number == "911"
    assert kb.emergency_number("CA").number == "911"
    assert kb.emergency_number("AU").number == "000"
    assert kb.emergency_number("IN").number == "112"
    assert kb.emergency_number("DE").number == "112"
    assert kb.emergency_number("FR").number == "112"
    assert kb.emergency_number("JP").number == "119"
    assert kb.emergency_number("BR").number == "192"
    assert kb.emergency_number("CN").number == "120"
    # Not in the table (or not verified): no number at all, never 112 in large type.
    for unknown in ("ZZ", "IL", "PE", None, ""):
        assert kb.emergency_number(unknown) is None
        call = kb.emergency_call(unknown)
        assert call.number is None
        assert call.large == "Call your local emergency number"
        assert call.small.startswith("112 reaches emergency services from mobiles")


def test_red_flag_urgencies_follow_facts() -> None:
    kb = load_knowledge()
    flags = {r.id: r for r in kb.red_flags}
    stroke = [r for r in kb.red_flags if r.stroke]
    assert {r.question for r in stroke} == {q.id for q in kb.questions_on("stroke")}
    assert all(r.urgency is Urgency.EMERGENCY for r in stroke)
    assert flags["face_weakness_over_days"].urgency is Urgency.DOCTOR_SOON
    assert flags["face_weakness_over_days"].today
    assert flags["new_swallowing_difficulty"].today
    for flag_id in ("twitch_spreading", "weakness_or_wasting", "movement_triggered"):
        assert flags[flag_id].urgency is Urgency.DOCTOR_SOON
        assert not flags[flag_id].today
    for flag_id in ("lasting_over_two_weeks", "recurring_for_months", "more_than_one_place"):
        assert flags[flag_id].urgency is Urgency.DOCTOR_ROUTINE
    assert flags["log_span_over_two_weeks"].above == 14
    assert "Never stop a prescribed medicine" in flags["medicine_suspected"].advice


def test_content_is_corrected_per_facts() -> None:
    text = content_text(knowledge_dir())
    lowered = text.lower()
    assert "60%" not in text
    assert "adrenal" not in lowered
    assert "90%" not in text
    assert "$" not in text
    assert "gabapentin" not in lowered
    assert "4 weeks" not in lowered and "four weeks" not in lowered
    assert "3 to 6 months" not in lowered and "3-6 months" not in lowered
    # No magnesium dose above 250 mg is ever suggested.
    for match in re.finditer(r"(\d+)\s*mg of elemental magnesium|magnesium[^.]*?(\d+)\s*mg", text):
        dose = int(next(g for g in match.groups() if g))
        assert dose <= 250, match.group(0)
    kb = load_knowledge()
    assert "about 3 to 4 months" in next(t.text for t in kb.treatments if t.id == "botox")
    assert "some people find it soothing" in kb.quick_fix("magnesium").text
    assert "250 mg" in kb.quick_fix("magnesium").text_for(True)
    assert "250 mg" not in kb.quick_fix("magnesium").text_for(False)


def test_recovery_plan_timeline() -> None:
    steps = load_knowledge().recovery_plan
    assert [(s.id, s.day_offset) for s in steps] == [
        ("week1_caffeine", 0),
        ("week2_magnesium", 7),
        ("week3_potassium", 14),
        ("week6_review", 42),
        ("month3_review", 90),
    ]
    # The dose is for adults only; under 18 the step says to ask first (review 12, S6).
    assert "250 mg" in (steps[1].adult or "") and "250 mg" not in steps[1].text
    assert "doctor or pharmacist" in (steps[1].under_18 or "")


def test_actions_for_reminders() -> None:
    kb = load_knowledge()
    assert kb.action("remind_caffeine_cutoff").time == "12:00"
    assert kb.action("remind_magnesium").time == "21:30"
    # A weekly re-check (issue 5's "run the triage again"); the GP threshold stays 2 weeks.
    assert kb.action("remind_recheck").reminder == "recheck"
    assert "2 weeks" in kb.action("remind_recheck").label


# --- broken copies --------------------------------------------------------------------------


@pytest.fixture
def kb_copy(tmp_path: Path) -> Path:
    target = tmp_path / "knowledge"
    shutil.copytree(knowledge_dir(), target)
    return target


def edit(directory: Path, stem: str, old: str, new: str) -> None:
    path = directory / f"{stem}.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {stem}.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_unmodified_copy_loads(kb_copy: Path) -> None:
    assert load_knowledge_from(kb_copy).questions == load_knowledge().questions


@pytest.mark.parametrize(
    ("stem", "old", "new", "message"),
    [
        (
            "red_flags",
            'id = "sudden_face_droop"\n',
            'id = "sudden_face_droop"\ncolour = "red"\n',
            "unknown key(s) colour",
        ),
        ("causes", 'id = "stress"\n', "", "missing 'id'"),
        ("quick_fixes", 'id = "cold_compress"', 'id = "magnesium"', "duplicate id 'magnesium'"),
        (
            "causes",
            'quick_fixes = ["magnesium"]',
            'quick_fixes = ["magnesium_pills"]',
            "unknown quick fix id 'magnesium_pills'",
        ),
        (
            "red_flags",
            'question = "swallowing_new"',
            'question = "swallowing"',
            "unknown question 'swallowing'",
        ),
        (
            "causes",
            'log_fact = "night_share"',
            'log_fact = "nights"',
            "unknown log_fact 'nights'",
        ),
        (
            "red_flags",
            'values = ["over_two_weeks"]',
            'values = ["over_four_weeks"]',
            "'over_four_weeks' is not an answer to 'duration'",
        ),
        (
            "red_flags",
            'urgency = "doctor_routine"\nreason = "You said you are twitching',
            'reason = "You said you are twitching',
            "missing 'urgency'",
        ),
        (
            "red_flags",
            'urgency = "doctor_routine"\nreason = "You said you are twitching',
            'urgency = "soonish"\nreason = "You said you are twitching',
            "urgency 'soonish' is not one of",
        ),
        (
            "red_flags",
            'urgency = "doctor_routine"\nreason = "You said you are twitching',
            'urgency = "self_care"\nreason = "You said you are twitching',
            "urgency 'self_care' is not one of",
        ),
        (
            "red_flags",
            'id = "sudden_confusion"\ntitle = "Sudden confusion"\nquestion = "stroke_confusion"\n'
            'values = ["yes"]\nurgency = "emergency"',
            'id = "sudden_confusion"\ntitle = "Sudden confusion"\nquestion = "stroke_confusion"\n'
            'values = ["yes"]\nurgency = "doctor_soon"',
            "a stroke sign must be an emergency",
        ),
        ("faq", 'sources = ["nhs-twitches"]', 'sources = ["webmd"]', "unknown source id 'webmd'"),
        ("drinks", "caffeine_mg = 63", 'caffeine_mg = "63"', "'caffeine_mg' must be a number"),
        ("actions", 'time = "21:30"', 'time = "9:30pm"', "time must be HH:MM"),
        ("wording", 'id = "self_care"', 'id = "relax"', "urgency 'relax' is not one of"),
        ("questions", 'kind = "multi"', 'kind = "checkboxes"', "kind must be one of"),
        ("sources", "[[source]]", "[[sauce]]", "unknown top-level key(s) sauce"),
        ("limits", "value = 400", "value = 400\nvalue = 200", "not valid TOML"),
    ],
)
def test_broken_copy_fails(kb_copy: Path, stem: str, old: str, new: str, message: str) -> None:
    edit(kb_copy, stem, old, new)
    with pytest.raises(KnowledgeError, match=re.escape(message)):
        load_knowledge_from(kb_copy)


def test_missing_file_fails(kb_copy: Path) -> None:
    (kb_copy / "red_flags.toml").unlink()
    with pytest.raises(KnowledgeError, match=r"red_flags\.toml is missing"):
        load_knowledge_from(kb_copy)


def test_unless_answered_needs_a_known_question(kb_copy: Path) -> None:
    edit(kb_copy, "causes", 'unless_answered = "sleep_hours"', 'unless_answered = "naps"')
    with pytest.raises(KnowledgeError, match="'unless_answered' needs a log_fact"):
        load_knowledge_from(kb_copy)


def test_signal_with_two_tests_fails(kb_copy: Path) -> None:
    edit(
        kb_copy,
        "causes",
        '{ question = "hydration", values = ["low"], weight = 3,',
        '{ question = "hydration", values = ["low"], present = true, weight = 3,',
    )
    with pytest.raises(KnowledgeError, match="needs exactly one of values"):
        load_knowledge_from(kb_copy)


# --- issue 12: the schema guards the safety rules ------------------------------------------


@pytest.mark.parametrize(
    ("stem", "old", "new", "message"),
    [
        (  # a quick fix not judged against a doctor-today flag
            "quick_fixes",
            'not_with = ["face_weakness_over_days"]\nsafe_with = ["new_swallowing_difficulty", '
            '"speech_getting_harder"]',
            'not_with = []\nsafe_with = ["new_swallowing_difficulty", "speech_getting_harder"]',
            "doctor-today flag 'face_weakness_over_days' must be in not_with or safe_with",
        ),
        (
            "strategies",
            'id = "food_diary"\ntitle = "Keep a food diary"\ntext = "Log the foods you '
            "suspect; after a few weeks the Trends page shows whether twitches really follow "
            'them."\nnot_with = []\n',
            'id = "food_diary"\ntitle = "Keep a food diary"\ntext = "Log the foods you '
            "suspect; after a few weeks the Trends page shows whether twitches really follow "
            'them."\n',
            "missing 'not_with'",
        ),
        (
            "quick_fixes",
            'not_with = ["face_weakness_over_days"]',
            'not_with = ["face_weakness_over_days", "sudden_lip_loss"]',
            "unknown red flag id 'sudden_lip_loss'",
        ),
        (
            "red_flags",
            'unsure_reason = "You were not sure whether you suddenly became confused."\n',
            "",
            "a warning sign needs 'unsure_reason'",
        ),
        (
            "emergency_numbers",
            'code = "JP"\nname = "Japan"\nnumber = "119"\nnote = "Fire and ambulance. Say '
            '\\"kyūkyū desu\\" (ambulance)."\nsources = ["en-jp-goshogawara", "en-jp-narita"]',
            'code = "JP"\nname = "Japan"\nnumber = "119"',
            "missing 'sources'",
        ),
        (
            "emergency_numbers",
            'sources = ["en-jp-goshogawara", "en-jp-narita"]',
            'sources = ["wikipedia"]',
            "unknown source id 'wikipedia'",
        ),
        (
            "emergency_numbers",
            'sources = ["en-jp-goshogawara", "en-jp-narita"]',
            "sources = []",
            "'sources' must not be empty",
        ),
        ("emergency_numbers", 'code = "DE"', 'code = "EU"', "not an ISO 3166 alpha-2"),
        (
            "red_flags",
            'call {emergency}."\nlocal_advice',
            'call {emergncy}."\nlocal_advice',
            "unknown placeholder {emergncy}",
        ),
        ("red_flags", "local_advice = { GB =", "local_advice = { UK =", "'UK' is not an ISO"),
    ],
)
def test_broken_safety_content_fails(
    kb_copy: Path, stem: str, old: str, new: str, message: str
) -> None:
    edit(kb_copy, stem, old, new)
    with pytest.raises(KnowledgeError, match=re.escape(message)):
        load_knowledge_from(kb_copy)


def test_every_warning_sign_takes_unsure_and_has_one_flag() -> None:
    kb = load_knowledge()
    assert len(kb.warning_questions) == 14
    for question in kb.warning_questions:
        assert question.answer_ids == ("yes", "no", "unsure")
        flags = [f for f in kb.red_flags if f.question == question.id]
        assert len(flags) == 1
        assert (flags[0].unsure_reason or "").startswith("You were not sure whether")
    assert kb.question("pregnant").answer_ids == ("yes", "no")


def test_every_droop_weakness_or_speech_change_fits_exactly_one_question() -> None:
    """Issue 12 point 3, as FACTS.md words it (review 12, S7): "sudden" is over minutes or
    hours, at any time, even if gone (a TIA); the slow questions are over a day or more."""
    kb = load_knowledge()
    for question in kb.questions_on("stroke"):
        assert "suddenly (over minutes or hours), at any time, even if it has gone away" in (
            question.text
        )
    for question_id in ("face_weakness_gradual", "speech_trouble_gradual", "weakness_wasting"):
        text = kb.question(question_id).text
        assert "came on slowly over a day or more" in text
        assert "not suddenly" in text


def test_wording_follows_facts() -> None:
    """Issue 12 point 12 and the potassium caveat of point 11."""
    kb = load_knowledge()
    text = content_text(knowledge_dir())
    assert "article's author" not in text
    caffeine = kb.strategy("caffeine_management").text
    assert "400 mg of caffeine taken even 6 hours before bed" in caffeine
    for item in (kb.strategy("diet_upgrade").text, kb.recovery_plan[2].text):
        assert "potassium" in item.lower()
        assert "kidney disease or take medicines that raise potassium" in item
    assert "nih-ods-potassium" in kb.strategy("diet_upgrade").sources
    dehydration = kb.quick_fix("hydration_electrolytes").text
    assert "evidence that dehydration causes twitches is weak" in dehydration
    bells = kb.red_flag("face_weakness_over_days")
    assert "urgent appointment" in bells.advice_for("GB") and "NHS 111" in bells.advice_for("GB")
    assert "See a doctor today" in bells.advice_for("FR")
    assert "NHS 111" not in bells.advice_for("FR")
    assert "nhs-tia" in kb.sources
