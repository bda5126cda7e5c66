"""The review of issue 12 (notes/review-12.md), in core: one test per finding, each written
against what main already had, so it fails there as the defect.
"""

from __future__ import annotations

import io
import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from liptwitch_desktop.cli.triage import format_result, run_triage
from liptwitch_desktop.core.daily import DayRecord
from liptwitch_desktop.core.facts_from_days import log_facts
from liptwitch_desktop.core.knowledge import load_knowledge
from liptwitch_desktop.core.knowledge.model import Urgency
from liptwitch_desktop.core.log_facts import LogFacts, LogFactsError
from liptwitch_desktop.core.triage.answers import Profile, TriageAnswers
from liptwitch_desktop.core.triage.engine import triage

KB = load_knowledge()
WARNING = [q.id for q in KB.warning_questions]
ALL_NO = dict.fromkeys(WARNING, "no")
FDA = "Toxic effects such as seizures"
TODAY = date(2026, 5, 20)


def facts(**values: object) -> LogFacts:
    base: dict[str, object] = {
        "caffeine_mg_per_day_7d": None,
        "sleep_hours_7d": None,
        "episode_days": 0,
        "episode_span_days": 0,
        "night_share": None,
    }
    return LogFacts(**{**base, **values})  # type: ignore[arg-type]


def everything(result: object) -> str:
    return json.dumps(result.to_json()) + format_result(result)  # type: ignore[attr-defined]


def run_cli(tmp_path: Path, data: object, *args: str) -> tuple[int, str, str]:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    code = run_triage(path, "--json" in args, out, err, allow_unanswered=True)
    return code, out.getvalue(), err.getvalue()


# --- S1: a logged day at or above 1,200 mg counts whatever the number of logged days --------


@pytest.mark.parametrize("days", [1, 2, 3])
def test_s1_a_1500_mg_average_from_few_logged_days_is_not_self_care(days: int) -> None:
    answers = TriageAnswers.parse({**ALL_NO, "duration": "under_week"})
    result = triage(answers, facts(caffeine_mg_per_day_7d=1500.0, caffeine_logged_days_7d=days))
    assert result.urgency.at_least(Urgency.DOCTOR_ROUTINE)
    assert "log_caffeine_extreme" in result.red_flags
    assert FDA in everything(result)


def test_s1_the_highest_logged_day_counts_even_when_the_average_is_low() -> None:
    days = [DayRecord(day=TODAY, caffeine_mg=1300.0, logged=True)] + [
        DayRecord(day=TODAY - timedelta(days=n), caffeine_mg=100.0, logged=True)
        for n in range(1, 7)
    ]
    known = log_facts(days, [], TODAY)
    assert known.caffeine_max_mg_7d == pytest.approx(1300.0)
    assert known.caffeine_mg_per_day_7d is not None and known.caffeine_mg_per_day_7d < 300
    result = triage(TriageAnswers.parse({**ALL_NO, "duration": "under_week"}), known)
    assert "log_caffeine_extreme" in result.red_flags
    assert any("1300 mg" in r.text for r in result.reasons)


def test_s1_the_day_maximum_is_a_log_fact_in_the_file(tmp_path: Path) -> None:
    data = {
        "answers": {**ALL_NO, "duration": "under_week"},
        "log_facts": {**facts().to_json(), "caffeine_max_mg_7d": 1250},
    }
    code, out, err = run_cli(tmp_path, data, "--json")
    assert (code, err) == (0, "")
    assert "log_caffeine_extreme" in json.loads(out)["red_flags"]


def test_s1_a_day_maximum_below_the_average_is_refused() -> None:
    with pytest.raises(LogFactsError, match="caffeine_max_mg_7d"):
        LogFacts.from_json(
            {**facts(caffeine_mg_per_day_7d=500.0).to_json(), "caffeine_max_mg_7d": 300}
        )


# --- W8: log facts bounded like answers ------------------------------------------------------


@pytest.mark.parametrize("name", ["caffeine_mg_per_day_7d", "caffeine_max_mg_7d"])
@pytest.mark.parametrize("value", [1e6, 1e308])
def test_w8_absurd_caffeine_figures_are_refused_in_one_line(
    tmp_path: Path, name: str, value: float
) -> None:
    raw = facts().to_json()
    raw[name] = value
    code, out, err = run_cli(tmp_path, {"answers": ALL_NO, "log_facts": raw})
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and len(err) < 200
    assert name in err


# --- W9: the figure shown is the figure compared ----------------------------------------------


@pytest.mark.parametrize("mg", [1199.5, 1199.9, 1200.4])
def test_w9_a_figure_shown_as_1200_gets_the_1200_mg_advice(mg: float) -> None:
    for answers, known in (
        ({**ALL_NO, "caffeine_mg_per_day": mg}, None),
        (ALL_NO, facts(caffeine_mg_per_day_7d=mg, caffeine_logged_days_7d=7)),
    ):
        result = triage(TriageAnswers.parse(answers), known)
        assert "1200 mg" in everything(result)
        assert result.urgency.at_least(Urgency.DOCTOR_ROUTINE)
        assert FDA in everything(result)


def test_w9_a_figure_shown_as_400_is_not_above_the_400_mg_limit() -> None:
    result = triage(TriageAnswers.parse({**ALL_NO, "caffeine_mg_per_day": 400.4}))
    evidence = [e for c in result.causes for e in c.evidence]
    assert not any("the limit for healthy adults is 400 mg" in e for e in evidence), evidence


def test_w9_profile_is_unchanged_by_the_rounding() -> None:
    result = triage(
        TriageAnswers.parse({**ALL_NO, "caffeine_mg_per_day": 250.0}),
        profile=Profile(caffeine_limit_mg=200.0),
    )
    assert result.causes and result.causes[0].id == "caffeine"


# --- S2: an unanswered warning sign filters the plan like yes ----------------------------------


def plan_ids(result: object) -> set[str]:
    plan = result.plan  # type: ignore[attr-defined]
    return {i.id for i in (*plan.quick_fixes, *plan.strategies)}


@pytest.mark.parametrize(
    "raw",
    [
        {**ALL_NO, "swallowing_new": None, "caffeine_mg_per_day": 500, "hydration": "low"},
        {},
        {"swallowing_new": "yes", "stroke_face_droop": "no"},
        {**ALL_NO, "face_weakness_gradual": None},
    ],
    ids=["swallowing-missing", "nothing", "only-two", "face-missing"],
)
def test_s2_an_unanswered_sign_drops_its_not_with_items(raw: dict[str, object]) -> None:
    answers = TriageAnswers.parse(raw)
    result = triage(answers)
    assert result.urgency is not Urgency.EMERGENCY
    signs = {
        f.id for f in KB.red_flags if f.question in WARNING and answers.get(f.question) != "no"
    }
    shown = [KB.quick_fix(i) for i in plan_ids(result) if i in {q.id for q in KB.quick_fixes}]
    shown += [KB.strategy(i) for i in plan_ids(result) if i in {s.id for s in KB.strategies}]
    assert [i.id for i in shown if set(i.not_with) & signs] == []
    text = everything(result)
    if answers.get("swallowing_new") is None:
        assert "pinch of salt" not in text
        assert "Magnesium, within the safe limit" not in text
    if answers.get("face_weakness_gradual") is None:
        assert "Cold compress" not in text and "Press, then stretch" not in text


# --- S3: an emergency never points to a non-emergency line -----------------------------------

NOT_EMERGENCY_WORDS = ("NHS 111", "not an emergency", "Non-emergency", "1777")


@pytest.mark.parametrize("country", ["GB", "SG"])
@pytest.mark.parametrize("answer", ["yes", "unsure"])
def test_s3_a_stroke_result_carries_no_non_emergency_line(country: str, answer: str) -> None:
    result = triage(
        TriageAnswers.parse({"stroke_face_droop": answer}), profile=Profile(country=country)
    )
    assert result.urgency is Urgency.EMERGENCY
    saved = type(result).from_json(json.loads(json.dumps(result.to_json())))
    for form in (json.dumps(result.to_json()), format_result(result), json.dumps(saved.to_json())):
        for words in NOT_EMERGENCY_WORDS:
            assert words not in form, (words, form)
    assert result.emergency_number == KB.emergency_number(country).number  # type: ignore[union-attr]


def test_s3_an_old_saved_emergency_loses_its_nhs_111_note() -> None:
    result = triage(TriageAnswers.parse({"stroke_speech": "yes"}), profile=Profile(country="GB"))
    old = result.to_json()
    old["emergency_note"] = (
        "For urgent advice that is not an emergency: NHS 111 (England, Scotland and Wales)."
    )
    loaded = type(result).from_json(old)
    assert "NHS 111" not in json.dumps(loaded.to_json())
    assert loaded.emergency_number == "999"


@pytest.mark.parametrize("country", ["GB", "SG"])
def test_s3_the_non_emergency_line_shows_in_doctor_soon_results(country: str) -> None:
    row = KB.emergency_number(country)
    assert row is not None and row.not_emergency
    result = triage(
        TriageAnswers.parse({**ALL_NO, "twitch_spreading": "yes"}), profile=Profile(country=country)
    )
    assert result.urgency is Urgency.DOCTOR_SOON
    assert result.non_emergency_note == row.not_emergency
    assert row.not_emergency in format_result(result)
    calm = triage(TriageAnswers.parse(ALL_NO), profile=Profile(country=country))
    assert row.not_emergency not in everything(calm)


def test_s3_no_call_note_names_a_non_emergency_line() -> None:
    for row in KB.emergency_numbers.values():
        for words in NOT_EMERGENCY_WORDS:
            assert words not in (row.note or ""), row.code


# --- W9: an emergency's JSON names the unanswered signs ----------------------------------------


def test_w9_an_emergency_lists_the_unanswered_ids() -> None:
    result = triage(TriageAnswers.parse({"stroke_face_droop": "yes"}))
    missing = [q for q in WARNING if q != "stroke_face_droop"]
    assert list(result.unanswered) == missing
    assert result.to_json()["unanswered"] == missing
    assert list(type(result).from_json(result.to_json()).unanswered) == missing
    assert not any(q.text in format_result(result) for q in KB.warning_questions)


# --- C1: each sentence once -------------------------------------------------------------------


def sentences(text: str) -> list[str]:
    import re

    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if len(s.strip()) > 20]


def repeated(text: str) -> list[str]:
    seen: list[str] = []
    twice = []
    for sentence in sentences(text):
        if sentence in seen:
            twice.append(sentence)
        seen.append(sentence)
    return twice


@pytest.mark.parametrize(
    "raw,known",
    [
        ({**ALL_NO, "medicine_recent": ["steroid"], "duration": "months_recurring"}, None),
        (
            {**ALL_NO, "duration": "months_recurring"},
            facts(episode_days=9, episode_span_days=20, episode_months_6m=4),
        ),
        (
            {**ALL_NO, "duration": "over_two_weeks", "caffeine_mg_per_day": 1500},
            facts(
                episode_days=9,
                episode_span_days=20,
                caffeine_mg_per_day_7d=1400.0,
                caffeine_logged_days_7d=7,
                recent_medicine_names=("salbutamol",),
            ),
        ),
    ],
)
def test_c1_no_sentence_is_said_twice(raw: dict[str, object], known: LogFacts | None) -> None:
    for country in (None, "GB"):
        result = triage(TriageAnswers.parse(raw), known, profile=Profile(country=country))
        assert repeated(format_result(result)) == []


@pytest.mark.parametrize("country", [None, "GB", "NZ"])
def test_c1_the_cli_says_the_word_once(country: str | None) -> None:
    today = triage(
        TriageAnswers.parse({**ALL_NO, "swallowing_new": "yes"}), profile=Profile(country=country)
    )
    first = format_result(today).splitlines()[0]
    assert first.lower().count("see a doctor today") == 1, first
    emergency = format_result(
        triage(TriageAnswers.parse({"stroke_speech": "yes"}), profile=Profile(country=country))
    )
    assert emergency.lower().count("call ") == 1, emergency
    assert emergency.lower().count("note the time") == 1


# --- S7: every droop fits exactly one question ------------------------------------------------


def test_s7_stroke_questions_say_minutes_or_hours_and_slow_ones_a_day_or_more() -> None:
    sudden = "suddenly (over minutes or hours), at any time, even if it has gone away"
    for question in KB.questions_on("stroke"):
        assert sudden in question.text, question.id
    slow = "came on slowly over a day or more (not suddenly)"
    for question_id in ("face_weakness_gradual", "speech_trouble_gradual", "weakness_wasting"):
        text = KB.question(question_id).text
        assert slow in text and "hours" not in text, question_id
    for question_id in ("stroke_face_droop", "stroke_limb_weakness", "stroke_speech"):
        assert KB.question(question_id).hint == (
            "If you are not sure how fast it came on, choose Not sure."
        )
    flag = KB.red_flag("face_weakness_over_days")
    assert "hours" not in flag.title and "hours" not in flag.reason
    assert "over a day or more" in flag.reason


# --- W7: stdout closed --------------------------------------------------------------------------


@pytest.mark.parametrize("close", [">&-", ">&- 2>&-"])
def test_w7_a_closed_stdout_exits_2_with_one_line_and_no_traceback(
    tmp_path: Path, close: str
) -> None:
    import os
    import subprocess
    import sys

    path = tmp_path / "answers.json"
    path.write_text(json.dumps({"answers": ALL_NO}), encoding="utf-8")
    errors = tmp_path / "err.txt"
    command = (
        f"{sys.executable} -m liptwitch_desktop --data-dir {tmp_path / 'd'} triage "
        f"--answers {path} {close}"
    )
    if "2>&-" not in close:
        command += f" 2>{errors}"
    done = subprocess.run(["bash", "-c", command], env=os.environ, timeout=60)
    assert done.returncode == 2
    if errors.exists():
        text = errors.read_text(encoding="utf-8")
        assert "Traceback" not in text
        assert text.count("\n") == 1 and "output is closed" in text


# --- W9: UTF-16 without a byte-order mark ----------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_w9_utf16_without_a_bom_is_named(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "answers.json"
    path.write_bytes(json.dumps({"answers": ALL_NO}).encode(encoding))
    out, err = io.StringIO(), io.StringIO()
    assert run_triage(path, False, out, err) == 2
    assert "is UTF-16 text; save it as UTF-8" in err.getvalue()


# --- W9: the "1 or 2 cups" strategy is the goal after the gradual cut ---------------------------


def test_w9_one_or_two_cups_reads_as_the_goal_beside_the_gradual_cut() -> None:
    result = triage(TriageAnswers.parse({**ALL_NO, "caffeine_mg_per_day": 1500}))
    strategy = next(s for s in result.plan.strategies if s.id == "caffeine_management")
    text = format_result(result)
    assert "Cut down gradually over a week or two" in text
    assert not strategy.text.startswith("Keep to 1 or 2 cups")
    assert strategy.text.startswith("The goal is 1 or 2 cups a day")
    assert "step by step over a week or two" in strategy.text


# --- S4: the country search finds the country people mean ----------------------------------


def test_s4_codes_and_common_names_find_the_country_first() -> None:
    from liptwitch_desktop.core.knowledge.countries import (
        ISO_COUNTRIES,
        best_country,
        rank_countries,
    )

    # The names Qt shows (QLocale.territoryToString, Qt 6) for the countries that matter here.
    names = {code: code for code in ISO_COUNTRIES}
    names.update(
        GB="United Kingdom",
        UA="Ukraine",
        US="United States",
        AS="American Samoa",
        UM="U.S. Outlying Islands",
        NZ="New Zealand",
        TZ="Tanzania",
        AE="United Arab Emirates",
        NL="Netherlands",
        DE="Germany",
        TR="Türkiye",
        JP="Japan",
        DZ="Algeria",
        NE="Niger",
        NG="Nigeria",
        CI="Côte d’Ivoire",
        KR="South Korea",
        KP="North Korea",
    )
    expected = {
        "uk": "GB",
        "UK": "GB",
        "gb": "GB",
        "england": "GB",
        "scotland": "GB",
        "wales": "GB",
        "britain": "GB",
        "great britain": "GB",
        "us": "US",
        "usa": "US",
        "U.S.A.": "US",
        "america": "US",
        "nz": "NZ",
        "uae": "AE",
        "holland": "NL",
        "deutschland": "DE",
        "turkey": "TR",
        "turkiye": "TR",
        "jp": "JP",
        "ukr": "UA",
        "ger": "DE",
        "zeal": "NZ",
        "ivory coast": "CI",
        "cote d'ivoire": "CI",
        "korea": "KR",
    }
    for typed, code in expected.items():
        assert best_country(typed, names) == code, typed
        assert rank_countries(typed, names)[0] == code, typed
    assert rank_countries("uk", names)[:2] == ["GB", "UA"]  # Ukraine is still offered
    for ambiguous in ("united", "a"):
        assert best_country(ambiguous, names) is None
    for nothing in ("englnd", "", "   "):
        assert best_country(nothing, names) is None


# --- W5: the README's country count is the table's --------------------------------------------


def test_w5_the_readme_counts_the_countries_with_a_number() -> None:
    import re

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    said = re.search(r"(\d+) countries have a number", readme)
    assert said is not None
    assert int(said.group(1)) == len(KB.emergency_numbers)


def test_w5_ukraine_has_no_out_of_date_claim_and_an_official_source() -> None:
    row = KB.emergency_number("UA")
    assert row is not None and "2024" not in (row.note or "") and "roll-out" not in (row.note or "")
    for source in row.sources:
        assert "interfax" not in (KB.sources[source].url or "").lower()
