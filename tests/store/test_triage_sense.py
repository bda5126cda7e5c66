"""Review of issue 13, F14: an imported triage result is checked for sense, not only for
type. A result calmer than its own answers (sudden face droop "yes", saved as self_care,
"Fine", "Nothing to worry about") gets the engine's result for those answers on import, the
history never shows a calmer result than the answers give, and `check` names such a row."""

from __future__ import annotations

import io
import json
from argparse import Namespace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings

from liptwitch_desktop.core.knowledge import load_knowledge
from liptwitch_desktop.core.knowledge.model import Urgency
from liptwitch_desktop.core.triage.answers import TriageAnswers
from liptwitch_desktop.core.triage.engine import triage
from liptwitch_desktop.store.database.db import db_proxy
from liptwitch_desktop.store.transfer import export_import as ei
from liptwitch_desktop.store.triage_history import list_triage_history
from tests.core.test_triage_safety import raw_answers

KB = load_knowledge()
ALL_NO = {q.id: "no" for q in KB.warning_questions}
NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def _calm() -> dict[str, Any]:
    result = triage(TriageAnswers.parse(ALL_NO))
    assert result.urgency is Urgency.SELF_CARE
    return result.to_json()


def _row(answers: dict[str, Any], result: dict[str, Any]) -> dict[str, Any]:
    return {
        "created_at": int((NOW - timedelta(days=1)).timestamp()),
        "urgency": result["urgency"],
        "top_cause": None,
        "answers_json": json.dumps({"version": 1, "answers": answers}),
        "result_json": json.dumps(result),
        "adopted_json": "[]",
    }


def _import(rows: list[dict[str, Any]]) -> ei.ImportReport:
    data = {"format": "liptwitch-export", "format_version": 1}
    data["other_tables"] = {"triage_result": rows}
    return ei.import_data(data, NOW)


def test_a_calm_result_with_a_stroke_sign_is_re_derived_on_import(db: object) -> None:
    forged = _row({**ALL_NO, "stroke_face_droop": "yes"}, _calm())
    report = _import([forged])
    assert report.rederived == 1
    [saved] = list_triage_history()
    assert saved.result.urgency is Urgency.EMERGENCY
    assert "Nothing to worry about" not in saved.result.headline
    stored = db_proxy.execute_sql("SELECT urgency FROM triage_result").fetchone()[0]
    assert stored == "emergency"


def test_a_result_that_agrees_with_its_answers_is_kept_word_for_word(db: object) -> None:
    row = _row(ALL_NO, _calm())
    assert _import([row]).rederived == 0
    stored = db_proxy.execute_sql("SELECT result_json FROM triage_result").fetchone()[0]
    assert json.loads(stored) == json.loads(row["result_json"])


def test_a_calm_row_in_the_file_shows_its_answers_result_and_check_names_it(
    ctx: Any,
) -> None:
    from liptwitch_desktop.cli.check import run_check

    forged = _row({**ALL_NO, "stroke_face_droop": "yes"}, _calm())
    columns = ", ".join(forged)
    marks = ", ".join("?" for _ in forged)
    db_proxy.execute_sql(  # a hand edit: no rule on the way in
        f"INSERT INTO triage_result ({columns}) VALUES ({marks})", tuple(forged.values())
    )
    [shown] = list_triage_history()
    assert shown.result.urgency is Urgency.EMERGENCY
    out = io.StringIO()
    assert run_check(Namespace(data_dir=str(Path(ctx.data_dir)), demo=False), out) == 1
    assert "saved as self_care, but its answers give emergency" in out.getvalue()


@settings(
    max_examples=120,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(answers=raw_answers, other=raw_answers)
def test_the_history_is_never_calmer_than_the_answers(
    db: object, answers: dict[str, Any], other: dict[str, Any]
) -> None:
    """Any answers saved with the result of any other answers: after the import, what the
    history shows is at least as urgent as the engine's result for the saved answers."""
    db_proxy.execute_sql("DELETE FROM triage_result")
    saved = triage(TriageAnswers.parse(other)).to_json()
    try:
        _import([_row(answers, saved)])
    except ei.ImportRejected as exc:  # a refusal is fine too; a calm row is not
        assert exc.rejections, exc
        return
    [shown] = list_triage_history()
    due = triage(TriageAnswers.parse(answers))
    assert (shown.result.urgency.severity, shown.result.today) >= (
        due.urgency.severity,
        due.today,
    )


def test_the_check_on_the_whole_history_is_cheap(db: object) -> None:
    """The history runs the engine once per saved result: fine for years of weekly checks."""
    import time

    rows = [_row({**ALL_NO, "stroke_face_droop": "yes"}, _calm()) for _ in range(200)]
    _import(rows)
    started = time.perf_counter()
    assert len(list_triage_history()) == 200
    assert time.perf_counter() - started < 5
