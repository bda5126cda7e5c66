"""Issue 12, one test per defect found, written against the interfaces main already had
(`triage`, `TriageAnswers.parse`, `run_triage(path, as_json, out, err)`, the knowledge base),
so each of them fails on main as the defect, not as a missing name.
"""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from liptwitch_desktop.cli.triage import run_triage
from liptwitch_desktop.core.daily import DayRecord
from liptwitch_desktop.core.facts_from_days import log_facts
from liptwitch_desktop.core.knowledge import load_knowledge
from liptwitch_desktop.core.knowledge.model import Urgency
from liptwitch_desktop.core.log_facts import LogFacts
from liptwitch_desktop.core.triage.answers import TriageAnswers
from liptwitch_desktop.core.triage.engine import triage
from liptwitch_desktop.core.triage.history import SavedTriage, changes_between

KB = load_knowledge()
WARNING = [q.id for q in KB.questions if q.page in ("stroke", "red_flags")]
ALL_NO = dict.fromkeys(WARNING, "no")
NONE_SAID = "You said none of the warning signs apply to you."


def cli(tmp_path: Path, content: str | bytes, as_json: bool = True) -> tuple[int, str, str]:
    path = tmp_path / "answers.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", errors="surrogatepass")
    out, err = io.StringIO(), io.StringIO()
    code = run_triage(path, as_json, out, err)
    return code, out.getvalue(), err.getvalue()


# 1. Unanswered warning signs read as "no".
def test_1_no_answers_is_not_self_care_and_never_says_you_said_none() -> None:
    result = triage(TriageAnswers.parse({}))
    assert result.urgency is not Urgency.SELF_CARE
    assert NONE_SAID not in json.dumps(result.to_json())
    result = triage(TriageAnswers.parse({**ALL_NO, "swallowing_new": None}))
    assert result.urgency is not Urgency.SELF_CARE
    assert any("new difficulty swallowing" in r.text for r in result.reasons)


def test_1_the_cli_refuses_unanswered_warning_signs(tmp_path: Path) -> None:
    code, out, err = cli(tmp_path, '{"answers": {}}')
    assert (code, out) == (2, "")
    assert "stroke_face_droop" in err and "multiple_places" in err


# 2. No "not sure".
@pytest.mark.parametrize("question_id", ["stroke_face_droop", "swallowing_new", "multiple_places"])
def test_2_not_sure_is_an_answer_and_counts_as_yes(question_id: str) -> None:
    unsure = triage(TriageAnswers.parse({**ALL_NO, question_id: "unsure"}))
    yes = triage(TriageAnswers.parse({**ALL_NO, question_id: "yes"}))
    assert unsure.urgency is yes.urgency
    assert unsure.reasons[0].text.startswith("You were not sure whether")


# 3. A gap between "sudden" and "gradual".
def test_3_a_droop_that_came_suddenly_yesterday_fits_the_stroke_question() -> None:
    droop = KB.question("stroke_face_droop").text
    assert "in the last minutes or hours" not in droop
    assert "at any time, even if it has gone away" in droop
    # FACTS.md: the Bell's palsy row is weakness over a day or more (review 12, S7).
    assert "came on slowly over a day or more" in KB.question("face_weakness_gradual").text


# 4. The emergency number: unknown countries got "Call 112" in large type.
@pytest.mark.parametrize(("country", "number"), [("JP", "119"), ("BR", "192"), ("CN", "120")])
def test_4_countries_beyond_the_old_table_have_their_number(country: str, number: str) -> None:
    assert KB.emergency_number(country).number == number


def test_4_an_unknown_country_has_no_number(tmp_path: Path) -> None:
    assert KB.emergency_number("ZZ") is None
    code, out, _ = cli(tmp_path, '{"answers": {"stroke_speech": "yes"}}')
    assert code == 0
    assert json.loads(out)["emergency_number"] is None


def test_4_eu_is_not_a_country_for_the_setting() -> None:
    from liptwitch_desktop.core.settings_schema import SPECS, SettingError, coerce

    with pytest.raises(SettingError):
        coerce(SPECS["emergency_country"], "EU")
    assert coerce(SPECS["emergency_country"], "jp") == "JP"


# 5. An emergency result is diluted where it is kept.
def test_5_an_emergency_carries_no_lower_advice_nor_disclaimer(tmp_path: Path) -> None:
    answers = {**ALL_NO, "stroke_face_droop": "yes", "duration": "over_two_weeks"}
    result = triage(TriageAnswers.parse(answers))
    saved = json.dumps(result.to_json())
    assert "GP" not in saved
    assert result.to_json()["disclaimer"] is None
    assert result.plan.doctor_questions == () and result.plan.tracking == ()
    code, text, _ = cli(tmp_path, json.dumps({"answers": answers}), as_json=False)
    assert code == 0 and "GP" not in text and "not a diagnosis" not in text


# 6. "See a doctor today" results carry unsafe self-care.
def test_6_new_swallowing_trouble_gets_no_drinks_supplements_or_exercises() -> None:
    result = triage(TriageAnswers.parse({**ALL_NO, "swallowing_new": "yes"}))
    shown = {i.id for i in (*result.plan.quick_fixes, *result.plan.strategies)}
    assert not shown & {"hydration_electrolytes", "magnesium", "facial_press_stretch"}
    assert "small sips and soft food" in json.dumps(result.to_json())


def test_6_face_weakness_gets_no_exercises_and_no_top_cause() -> None:
    answers = {**ALL_NO, "face_weakness_gradual": "yes", "caffeine_mg_per_day": 600}
    result = triage(TriageAnswers.parse(answers))
    shown = {i.id for i in (*result.plan.quick_fixes, *result.plan.strategies)}
    assert not shown & {"facial_press_stretch", "facial_massage"}
    assert result.causes == ()


# 7. Extreme caffeine.
def test_7_3000_mg_of_caffeine_a_day_is_not_self_care() -> None:
    result = triage(TriageAnswers.parse({**ALL_NO, "caffeine_mg_per_day": 3000}))
    assert result.urgency.at_least(Urgency.DOCTOR_ROUTINE)
    text = json.dumps(result.to_json())
    assert "1,200 mg" in text and "gradually" in text


# 8. Medicines in the log.
def test_8_a_medicine_in_the_log_is_at_least_doctor_routine() -> None:
    facts = LogFacts(None, None, 2, 3, None, ("salbutamol",))
    result = triage(TriageAnswers.parse(ALL_NO), facts)
    assert result.urgency is Urgency.DOCTOR_ROUTINE
    assert result.reasons[0].text == "Your log shows you started salbutamol in the last 8 weeks."
    never = "Never stop a prescribed medicine without talking to your doctor."
    assert never in (result.reasons[0].advice or "")
    evidence = " ".join(e for c in result.causes for e in c.evidence)
    assert "salbutamol" not in evidence  # the log's words, kept apart from "you said"


def test_8_unticking_the_medicine_removes_it() -> None:
    facts = LogFacts(None, None, 2, 3, None, ("salbutamol",))
    result = triage(TriageAnswers.parse({**ALL_NO, "medicine_recent": []}), facts)
    assert result.urgency is Urgency.SELF_CARE
    assert "salbutamol" not in json.dumps(result.to_json())


# 9. Persistence from the log.
def _day(d: date, episodes: int = 0, logged: bool = True) -> DayRecord:
    return DayRecord(day=d, episodes=episodes, logged=logged)


def test_9_coming_back_for_months_is_detected_from_the_log() -> None:
    today = date(2026, 6, 10)
    days = [_day(date(2026, m, 5), episodes=2) for m in (2, 4, 6)]
    facts = log_facts(days, [], today)
    result = triage(TriageAnswers.parse(ALL_NO), facts)
    assert result.urgency is Urgency.DOCTOR_ROUTINE
    assert "3 different calendar months" in result.reasons[0].text


def test_9_episode_span_days_means_one_thing_everywhere() -> None:
    today = date(2026, 6, 10)
    single = log_facts([_day(today, episodes=1)], [], today)
    assert single.episode_span_days == 1  # both end days counted, as the banner counts
    docs = (Path(__file__).resolve().parents[2] / "docs" / "triage-ids.md").read_text()
    row = next(line for line in docs.splitlines() if line.startswith("| `episode_span_days`"))
    assert "both days counted" in row and "(0 with one day" not in row


# 10. Honest pre-fills: one logged day is not a weekly average.
def test_10_one_logged_day_is_not_used_as_a_weekly_average() -> None:
    today = date(2026, 6, 10)
    days = [DayRecord(day=today, logged=True, caffeine_mg=900.0, episodes=1)]
    facts = log_facts(days, [12], today)
    result = triage(TriageAnswers.parse(ALL_NO), facts)
    assert "caffeine" not in [c.id for c in result.causes]


# 11. Adults: potassium advice carries its caveat.
def test_11_potassium_advice_carries_the_kidney_and_medicine_caveat() -> None:
    diet = KB.strategy("diet_upgrade").text
    assert "kidney disease or take medicines that raise potassium" in diet


# 12. Wording.
def test_12_no_article_author_and_drake_is_400_mg() -> None:
    texts = [s.text for s in KB.strategies] + [q.text for q in KB.quick_fixes]
    assert not any("article's author" in t for t in texts)
    assert "400 mg of caffeine taken even 6 hours before bed" in (
        KB.strategy("caffeine_management").text
    )


def test_12_book_a_gp_is_said_once(tmp_path: Path) -> None:
    answers = {**ALL_NO, "duration": "over_two_weeks"}
    code, text, _ = cli(tmp_path, json.dumps({"answers": answers}), as_json=False)
    assert code == 0
    assert text.lower().count("book a gp") == 1


# 13. Results that change: a stroke sign that went away still needs urgent care.
def test_13_from_emergency_to_lower_names_the_tia() -> None:
    first_answers = TriageAnswers.parse({**ALL_NO, "stroke_face_droop": "yes"})
    later_answers = TriageAnswers.parse(ALL_NO)
    when = datetime(2026, 3, 1, tzinfo=UTC)
    first = SavedTriage(1, when, first_answers, None, triage(first_answers))
    later = SavedTriage(2, when + timedelta(days=1), later_answers, None, triage(later_answers))
    changes = changes_between(first, later)
    assert "TIA" in changes[0]
    assert "still need urgent care" in changes[0]


# Bad input to the CLI: one line, exit 2, never a traceback.
@pytest.mark.parametrize(
    "content",
    [
        '{"answers": {"caffeine_mg_per_day": 1' + "0" * 400 + "}}",
        '{"answers": {"caffeine_mg_per_day": 1' + "0" * 5000 + "}}",
        '{"answers": {}, "log_facts": {"caffeine_mg_per_day_7d": null, "sleep_hours_7d": null,'
        ' "episode_days": 1, "episode_span_days": 1, "night_share": null,'
        ' "recent_medicine_names": [1, 2]}}',
        "[" * 100_000 + "]" * 100_000,
        b'{"answers": {"duration": "\xe9"}}',
        '{"answers": {}}'.encode("utf-16"),
        '{"answers": {}, "log_facts": {"caffeine_mg_per_day_7d": null, "sleep_hours_7d": null,'
        ' "episode_days": 1, "episode_span_days": 1, "night_share": null,'
        ' "recent_medicine_names": ["\\ud800"]}}',
        '{"answers": {}, "log_facts": {"caffeine_mg_per_day_7d": NaN, "sleep_hours_7d": null,'
        ' "episode_days": 1, "episode_span_days": 1, "night_share": null}}',
        '{"answers": {}, "log_facts": {"caffeine_mg_per_day_7d": null, "sleep_hours_7d": null,'
        ' "episode_days": true, "episode_span_days": 2.7, "night_share": null}}',
        '{"answers": {}, "log_facts": {"caffeine_mg_per_day_7d": null, "sleep_hours_7d": null,'
        ' "episode_days": 1, "episode_span_days": 1, "night_share": null,'
        ' "recent_medicine_names": "salbutamol"}}',
        '{"answers": {}, "log_facts": {"caffeine_mg_per_day_7d": null, "sleep_hours_7d": null,'
        ' "episode_days": 1, "episode_span_days": 1, "night_share": null,'
        ' "recent_medicine_names": [""]}}',
        '{"version": true, "answers": {}}',
        '{"answers": {"stroke_speech": "yes", "stroke_speech": "no"}}',
    ],
    ids=lambda c: str(c)[:40],
)
def test_bad_input_is_refused_with_one_line(tmp_path: Path, content: str | bytes) -> None:
    code, out, err = cli(tmp_path, content)
    assert (code, out) == (2, "")
    assert err.startswith("liptwitch triage: ") and err.count("\n") == 1


def test_12_drake_is_never_quoted_as_any_amount_of_caffeine() -> None:
    root = Path(__file__).resolve().parents[2]
    files = [*(root / "liptwitch_desktop").rglob("*.py"), *(root / "resources").rglob("*.toml")]
    for path in files:
        text = " ".join(path.read_text(encoding="utf-8").split())
        text = text.replace('" "', "")  # strings split over lines in the source
        assert "Caffeine even 6 hours before bed disturbs" not in text, path
        assert "caffeine even 6 hours before bed disturbs" not in text, path


def test_output_closed_early_is_one_line_and_exit_2(tmp_path: Path) -> None:
    """As when piped into `head`: the reader is gone before the result is written."""
    path = tmp_path / "answers.json"
    path.write_text(json.dumps({"answers": {**ALL_NO, "duration": "over_two_weeks"}}))

    class ClosedPipe(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

    err = io.StringIO()
    assert run_triage(path, False, ClosedPipe(), err) == 2
    assert err.getvalue() == (
        "liptwitch triage: the output was closed before the result was written\n"
    )
