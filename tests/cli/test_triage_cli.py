"""The `liptwitch triage` command function and the generated id reference."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from liptwitch_desktop.cli.triage import run_triage
from liptwitch_desktop.cli.triage_docs import render_ids_markdown
from liptwitch_desktop.core.knowledge import load_knowledge

DOCS = Path(__file__).resolve().parents[2] / "docs" / "triage-ids.md"
KB = load_knowledge()
WARNING = [q.id for q in KB.warning_questions]
ALL_NO = dict.fromkeys(WARNING, "no")
ROOT = Path(__file__).resolve().parents[2]


def write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def run(path: Path, *, as_json: bool = False, **kwargs: object) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    kwargs.setdefault("environ", {})
    code = run_triage(path, as_json, out, err, **kwargs)  # type: ignore[arg-type]
    return code, out.getvalue(), err.getvalue()


def test_readable_output(tmp_path: Path) -> None:
    path = write(tmp_path, {"answers": {**ALL_NO, "medicine_recent": ["asthma_inhaler"]}})
    code, text, _ = run(path)
    assert code == 0
    assert text.startswith("BOOK A GP VISIT: It is not urgent, but it is worth having it checked.")
    assert "You said you started or changed an asthma inhaler" in text
    assert "1. A medicine's side effect" in text
    assert "Never stop a prescribed medicine without talking to your doctor." in text
    assert "not a diagnosis" in text
    assert text.lower().count("book a gp") == 1  # said once


def test_json_output(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        {
            "answers": {**ALL_NO, "short_night": "yes", "caffeine_mg_per_day": 189},
            "log_facts": {
                "caffeine_mg_per_day_7d": None,
                "sleep_hours_7d": None,
                "episode_days": 1,
                "episode_span_days": 1,
                "night_share": None,
            },
        },
    )
    code, out, _ = run(path, as_json=True)
    assert code == 0
    data = json.loads(out)
    assert data["urgency"] == "self_care"
    assert data["causes"][0]["id"] == "sleep_loss"
    assert data["plan"]["recheck_days"] == 14
    assert data["unanswered"] == []
    assert "You said none of the warning signs apply to you." in data["said"]
    assert data["emergency_number"] is None  # no country given, none in the environment


@pytest.mark.parametrize(
    ("country", "number"), [("JP", "119"), ("GB", "999"), ("nz", "111"), ("BR", "192")]
)
def test_emergency_output_names_the_countrys_number(
    tmp_path: Path, country: str, number: str
) -> None:
    path = write(tmp_path, {"answers": {"stroke_speech": "yes"}})
    code, text, _ = run(path, country=country)
    assert code == 0
    assert text.startswith(f"EMERGENCY\n\n  CALL {number} NOW\n")
    assert text.lower().count("call ") == 1  # "Call 999 now." is not said twice (review 12)
    code, out, _ = run(path, as_json=True, country=country)
    assert json.loads(out)["emergency_number"] == number


def test_emergency_for_an_unknown_country_has_no_number_in_large_type(tmp_path: Path) -> None:
    path = write(tmp_path, {"answers": {"stroke_speech": "yes"}})
    for country in (None, "IL", "PE"):
        code, text, _ = run(path, country=country)
        assert code == 0
        assert "CALL YOUR LOCAL EMERGENCY NUMBER" in text
        assert "CALL 112" not in text
        assert "112 reaches emergency services from mobiles in the EU" in text
        data = json.loads(run(path, as_json=True, country=country)[1])
        assert data["emergency_number"] is None


def test_country_comes_from_the_setting_then_the_locale(tmp_path: Path) -> None:
    path = write(tmp_path, {"answers": {"stroke_face_droop": "yes"}})
    by_locale = run(path, as_json=True, environ={"LANG": "en_AU.UTF-8"})[1]
    assert json.loads(by_locale)["emergency_number"] == "000"
    by_setting = run(
        path, as_json=True, environ={"LANG": "en_AU.UTF-8"}, settings={"emergency_country": "JP"}
    )[1]
    assert json.loads(by_setting)["emergency_number"] == "119"
    by_flag = run(path, as_json=True, country="US", settings={"emergency_country": "JP"})[1]
    assert json.loads(by_flag)["emergency_number"] == "911"


def test_a_bad_country_code_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, {"answers": ALL_NO})
    for bad in ("EU", "UK", "XX", "GBR", ""):
        code, out, err = run(path, country=bad)
        assert (code, out) == (2, "")
        assert "--country must be an ISO 3166 alpha-2 country code" in err


def test_an_emergency_carries_only_emergency_advice_in_text_and_json(tmp_path: Path) -> None:
    """Issue 12 point 5: no "Book a GP appointment", no plan, no disclaimer under "Call"."""
    answers = {
        **ALL_NO,
        "stroke_speech": "yes",
        "multiple_places": "yes",
        "duration": "over_two_weeks",
        "stress_level": "high",
    }
    path = write(tmp_path, {"answers": answers})
    code, text, _ = run(path, country="GB")
    assert code == 0
    data = json.loads(run(path, as_json=True, country="GB")[1])
    for shown in (text, json.dumps(data)):
        assert "GP" not in shown
        assert "not a diagnosis" not in shown
        assert "Stress" not in shown
        assert "999" in shown
    assert data["red_flags"] == ["sudden_speech_trouble"]
    assert data["disclaimer"] is None
    assert data["causes"] == [] and data["plan"]["quick_fixes"] == []


def test_unanswered_warning_signs_exit_2_naming_them(tmp_path: Path) -> None:
    path = write(tmp_path, {"answers": {**ALL_NO, "swallowing_new": None, "multiple_places": None}})
    code, out, err = run(path)
    assert (code, out) == (2, "")
    assert "not answered: swallowing_new, multiple_places" in err
    assert "--allow-unanswered" in err


def test_allow_unanswered_names_the_unknown_signs_and_is_never_self_care(tmp_path: Path) -> None:
    path = write(tmp_path, {"answers": {}})
    code, out, _ = run(path, as_json=True, allow_unanswered=True)
    assert code == 0
    data = json.loads(out)
    assert data["urgency"] != "self_care"
    assert data["unanswered"] == WARNING
    assert not any("none of the warning signs" in s for s in data["said"])
    code, text, _ = run(path, allow_unanswered=True)
    assert "Not answered: Has one side of your face drooped suddenly" in text
    assert "You said none" not in text


def test_unsure_counts_as_yes(tmp_path: Path) -> None:
    path = write(tmp_path, {"answers": {**ALL_NO, "swallowing_new": "unsure"}})
    data = json.loads(run(path, as_json=True)[1])
    assert (data["urgency"], data["today"]) == ("doctor_soon", True)
    assert data["said"][0] == "You were not sure whether you have new difficulty swallowing."


def test_log_facts_are_kept_apart_from_what_was_said(tmp_path: Path) -> None:
    facts = {
        "caffeine_mg_per_day_7d": 1300,
        "sleep_hours_7d": None,
        "episode_days": 3,
        "episode_span_days": 4,
        "night_share": None,
        "recent_medicine_names": ["salbutamol"],
        "caffeine_logged_days_7d": 6,
    }
    path = write(tmp_path, {"answers": ALL_NO, "log_facts": facts})
    data = json.loads(run(path, as_json=True)[1])
    assert data["urgency"] == "doctor_routine"
    assert "Your log shows you started salbutamol in the last 8 weeks." in data["log_shows"]
    assert any("1300 mg" in s for s in data["log_shows"])
    assert not any("salbutamol" in s or "1300" in s for s in data["said"])


BAD_INPUT = [
    (None, "cannot read"),
    ("{not json", "is not valid JSON"),
    ('{"answers": {"lip_droop": "yes"}}', "unknown question id 'lip_droop'"),
    ('{"answers": {"duration": "forever"}}', "must be one of"),
    ('{"answers": {"caffeine_mg_per_day": 1' + "0" * 400 + "}}", "an integer with 401 digits"),
    ('{"answers": {"caffeine_mg_per_day": 1' + "0" * 5000 + "}}", "an integer with 5001 digits"),
    ('{"answers": {"caffeine_mg_per_day": 1e400}}', "too large"),
    ('{"answers": {}, "log_facts": {"caffeine_mg_per_day_7d": NaN}}', "holds NaN"),
    ('{"answers": {}, "log_facts": {"sleep_hours_7d": Infinity}}', "holds Infinity"),
    ("[" * 100_000 + "]" * 100_000, "nested more than"),
    ('{"answers": {}, "answers": {}}', "has the key 'answers' twice"),
    ('{"answers": {"stroke_speech": "yes", "stroke_speech": "no"}}', "'stroke_speech' twice"),
    ('{"version": true, "answers": {}}', "unsupported version True"),
    ('{"version": 1.0, "answers": {}}', "unsupported version"),
    ('{"answers": {"stroke_speech": "\\ud800"}}', "lone surrogate"),
]
FACTS = {
    "caffeine_mg_per_day_7d": None,
    "sleep_hours_7d": None,
    "episode_days": 1,
    "episode_span_days": 1,
    "night_share": None,
}
BAD_FACTS = [
    ({"episode_days": True}, "episode_days must be a whole number"),
    ({"episode_span_days": 2.7}, "episode_span_days must be a whole number"),
    ({"recent_medicine_names": "salbutamol"}, "must be a list of names"),
    ({"recent_medicine_names": [1, 2]}, "a medicine name must be text"),
    ({"recent_medicine_names": [{"name": "x"}]}, "a medicine name must be text"),
    ({"recent_medicine_names": [""]}, "must not be empty"),
    ({"recent_medicine_names": ["  "]}, "must not be empty"),
    ({"night_share": 3}, "night_share must be between 0 and 1"),
    ({"caffeine_mg_per_day_7d": -5}, "not negative"),
    ({"caffeine_mg_per_day_7d": "400"}, "must be a number or null"),
    ({"episode_months_6m": 9}, "between 0 and 6"),
    ({"colour": "red"}, "unknown log fact(s): 'colour'"),
]


@pytest.mark.parametrize(("content", "message"), BAD_INPUT, ids=lambda v: str(v)[:30])
def test_bad_input_exits_2_with_a_message(
    tmp_path: Path, content: str | None, message: str
) -> None:
    path = tmp_path / "answers.json"
    if content is not None:
        path.write_text(content, encoding="utf-8", errors="surrogatepass")
    code, out, err = run(path)
    assert (code, out) == (2, "")
    assert message in err
    assert err.startswith("liptwitch triage: ")
    assert err.count("\n") == 1 and len(err) < 400  # one line, never the input at length


@pytest.mark.parametrize(("change", "message"), BAD_FACTS, ids=lambda v: str(v)[:30])
def test_bad_log_facts_are_refused(tmp_path: Path, change: dict[str, object], message: str) -> None:
    path = write(tmp_path, {"answers": ALL_NO, "log_facts": {**FACTS, **change}})
    code, out, err = run(path)
    assert (code, out) == (2, "")
    assert message in err


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"\xff\xfe{\x00}\x00", "is UTF-16 text"),
        ('{"answers": {}}'.encode("utf-16"), "is UTF-16 text"),
        (b'{"answers": {"stroke_speech": "\xe9"}}', "is not UTF-8 text"),
        (b"x" * (1024 * 1024 + 1), "larger than 1024 KiB"),
    ],
)
def test_bad_bytes_are_refused(tmp_path: Path, raw: bytes, message: str) -> None:
    path = tmp_path / "answers.json"
    path.write_bytes(raw)
    code, out, err = run(path)
    assert (code, out) == (2, "")
    assert message in err


def test_a_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "answers.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"answers": ALL_NO}).encode())
    assert run(path)[0] == 0


def test_an_error_never_echoes_the_input_at_length(tmp_path: Path) -> None:
    path = write(tmp_path, {"answers": {"x" * 10_000: "yes"}})
    code, _, err = run(path)
    assert code == 2 and len(err) < 200
    path = write(tmp_path, {"answers": {"duration": "y" * 10_000}})
    code, _, err = run(path)
    assert code == 2 and len(err) < 300


def test_liptwitch_triage_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from liptwitch_desktop.__main__ import main

    path = write(tmp_path, {"answers": {**ALL_NO, "twitch_spreading": "yes"}})
    data_dir = str(tmp_path / "data")
    assert main(["--data-dir", data_dir, "triage", "--answers", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["urgency"] == "doctor_soon"
    assert main(["--data-dir", data_dir, "triage", "--answers", str(tmp_path / "nope.json")]) == 2
    assert "cannot read" in capsys.readouterr().err
    assert not (tmp_path / "data").exists()  # a triage run creates no data folder


def test_the_command_reads_the_country_setting_from_the_data_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from liptwitch_desktop.__main__ import main
    from liptwitch_desktop.store.database.db import close_database, open_database
    from liptwitch_desktop.store.settings import set_setting

    open_database(tmp_path / "data" / "liptwitch.sqlite3")
    set_setting("emergency_country", "NZ")
    close_database()
    path = write(tmp_path, {"answers": {"stroke_vision": "unsure"}})
    assert main(["--data-dir", str(tmp_path / "data"), "triage", "--answers", str(path)]) == 0
    assert "CALL 111" in capsys.readouterr().out


def _cli(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LANG": "C.UTF-8"}
    return subprocess.run(
        [sys.executable, "-m", "liptwitch_desktop", *args],
        capture_output=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_the_real_command_never_shows_a_traceback(tmp_path: Path) -> None:
    cases = {
        "deep.json": b"[" * 100_000 + b"]" * 100_000,
        "big.json": b'{"answers": {"caffeine_mg_per_day": 1' + b"0" * 5000 + b"}}",
        "latin1.json": b'{"answers": {"duration": "\xe9t\xe9"}}',
        "surrogate.json": b'{"answers": {"stroke_speech": "\\udc80"}}',
        "medicines.json": json.dumps(
            {"answers": ALL_NO, "log_facts": {**FACTS, "recent_medicine_names": [1, None]}}
        ).encode(),
    }
    for name, content in cases.items():
        path = tmp_path / name
        path.write_bytes(content)
        done = _cli("--data-dir", str(tmp_path / "d"), "triage", "--answers", str(path))
        assert done.returncode == 2, (name, done.stderr)
        assert b"Traceback" not in done.stderr, (name, done.stderr)
        assert done.stderr.count(b"\n") == 1, (name, done.stderr)


def test_the_real_command_with_its_output_closed_shows_no_traceback(tmp_path: Path) -> None:
    path = write(tmp_path, {"answers": {**ALL_NO, "duration": "over_two_weeks"}})
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LANG": "C.UTF-8"}
    child = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "liptwitch_desktop",
            "--data-dir",
            str(tmp_path / "d"),
            "triage",
            "--answers",
            str(path),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()  # the reader leaves before the child has even started
    stderr = child.stderr.read()
    child.stderr.close()
    assert child.wait(timeout=120) == 2
    assert b"Traceback" not in stderr
    assert stderr == b"liptwitch triage: the output was closed before the result was written\n"


def test_docs_are_current() -> None:
    assert DOCS.read_text(encoding="utf-8") == render_ids_markdown(), (
        "docs/triage-ids.md is stale: run "
        "`python -m liptwitch_desktop.cli.triage docs > docs/triage-ids.md`"
    )


def test_docs_name_the_new_answers_flags_and_fields() -> None:
    docs = DOCS.read_text(encoding="utf-8")
    for needle in (
        '"unsure"',
        "--country",
        "--allow-unanswered",
        "`emergency_number`",
        "`null` when the country is unknown",
        "`unanswered`",
        "`said`",
        "`log_shows`",
        "`hydration_electrolytes`",
        "`facial_press_stretch`",
        "both days counted",
    ):
        assert needle in docs, needle


# --- hypothesis: arbitrary JSON and arbitrary bytes -----------------------------------------

QUESTION_IDS = [q.id for q in KB.questions]
json_leaves = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20)
    | st.sampled_from(["yes", "no", "unsure", "over_two_weeks", "low", "high", "asthma_inhaler"])
)
json_values = st.recursive(
    json_leaves,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.text(max_size=10) | st.sampled_from(QUESTION_IDS), children, max_size=5
        )
    ),
    max_leaves=20,
)
answer_files = st.one_of(
    json_values,
    st.fixed_dictionaries(
        {"answers": st.dictionaries(st.sampled_from(QUESTION_IDS), json_values, max_size=30)},
        optional={
            "version": json_values,
            "log_facts": st.dictionaries(
                st.sampled_from([*FACTS, "recent_medicine_names", "episode_months_6m"]),
                json_values,
            ),
        },
    ),
    st.builds(
        lambda extra: {"answers": {**ALL_NO, **extra}},
        st.dictionaries(st.sampled_from(QUESTION_IDS), json_values, max_size=6),
    ),
)


def _check_outcome(code: int, out: str, err: str, answers: object, allow: bool) -> None:
    assert code in (0, 2)
    if code == 2:
        assert out == "" and err.startswith("liptwitch triage: ") and err.count("\n") == 1
        return
    data = json.loads(out)
    if data["urgency"] == "self_care":
        assert isinstance(answers, dict)
        for question_id in WARNING:  # only "no" to every warning sign can be self-care
            assert answers.get(question_id) in ("no", False), question_id


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=answer_files, allow=st.booleans())
def test_property_any_json_value_exits_0_or_2_and_never_self_care_with_a_sign(
    tmp_path: Path, data: object, allow: bool
) -> None:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(data, allow_nan=True), encoding="utf-8")
    code, out, err = run(path, as_json=True, allow_unanswered=allow)
    answers = data.get("answers") if isinstance(data, dict) else None
    _check_outcome(code, out, err, answers, allow)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(raw=st.binary(max_size=200) | answer_files.map(lambda d: json.dumps(d).encode()[:-1]))
def test_property_any_bytes_exit_0_or_2(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "answers.json"
    path.write_bytes(raw)
    code, out, err = run(path, as_json=True, allow_unanswered=True)
    assert code in (0, 2)
    if code == 2:
        assert out == "" and err.count("\n") == 1
