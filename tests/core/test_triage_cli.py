"""The `liptwitch triage` command function and the generated id reference."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from liptwitch_desktop.cli_triage import render_ids_markdown, run_triage

DOCS = Path(__file__).resolve().parents[2] / "docs" / "triage-ids.md"


def write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_readable_output(tmp_path: Path) -> None:
    path = write(tmp_path, {"answers": {"medicine_recent": ["asthma_inhaler"]}})
    out = io.StringIO()
    assert run_triage(path, False, out) == 0
    text = out.getvalue()
    assert text.startswith("BOOK A GP VISIT: Book a GP appointment.")
    assert "You said you started or changed an asthma inhaler" in text
    assert "1. A medicine's side effect" in text
    assert "Never stop a prescribed medicine without talking to your doctor." in text
    assert "not a diagnosis" in text


def test_json_output(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        {
            "answers": {"short_night": "yes", "caffeine_mg_per_day": 189},
            "log_facts": {
                "caffeine_mg_per_day_7d": None,
                "sleep_hours_7d": None,
                "episode_days": 1,
                "episode_span_days": 0,
                "night_share": None,
            },
        },
    )
    out = io.StringIO()
    assert run_triage(path, True, out) == 0
    data = json.loads(out.getvalue())
    assert data["urgency"] == "self_care"
    assert data["causes"][0]["id"] == "sleep_loss"
    assert data["plan"]["recheck_days"] == 14


def test_emergency_output_names_the_number(tmp_path: Path) -> None:
    out = io.StringIO()
    assert run_triage(write(tmp_path, {"answers": {"stroke_speech": "yes"}}), False, out) == 0
    assert out.getvalue().startswith("EMERGENCY: Call your local emergency number now.")
    assert "112" in out.getvalue()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot read"),
        ("{not json", "is not valid JSON"),
        ('{"answers": {"lip_droop": "yes"}}', "unknown question id 'lip_droop'"),
        ('{"answers": {"duration": "forever"}}', "must be one of"),
    ],
)
def test_bad_input_exits_2_with_a_message(
    tmp_path: Path, content: str | None, message: str
) -> None:
    path = tmp_path / "answers.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert run_triage(path, False, out, err) == 2
    assert out.getvalue() == ""
    assert message in err.getvalue()
    assert err.getvalue().startswith("liptwitch triage: ")


def test_liptwitch_triage_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from liptwitch_desktop.cli import main

    path = write(tmp_path, {"answers": {"twitch_spreading": "yes"}})
    assert main(["triage", "--answers", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["urgency"] == "doctor_soon"
    assert main(["triage", "--answers", str(tmp_path / "nope.json")]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_docs_are_current() -> None:
    assert DOCS.read_text(encoding="utf-8") == render_ids_markdown(), (
        "docs/triage-ids.md is stale: run "
        "`python -m liptwitch_desktop.cli_triage docs > docs/triage-ids.md`"
    )
