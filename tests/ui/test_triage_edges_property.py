"""Issue 12 point 5 as a property: an emergency result in the history, the printout/PDF
(the same HTML) and the doctor report carries only what FACTS.md allows, plus the number."""

from __future__ import annotations

from hypothesis import given, settings

from liptwitch_desktop.core.knowledge import load_knowledge

from ..core.test_triage_safety import (
    emergency_allowed,
    log_facts_strategy,
    profiles,
    stroke_answers,
)

KB = load_knowledge()


# --- 5, as a property: the history, the printout/PDF and the report --------------------------


@settings(max_examples=150, deadline=None)
@given(raw=stroke_answers, facts=log_facts_strategy, profile=profiles)
def test_property_an_emergency_in_history_pdf_and_report_carries_only_the_call(
    qapp, raw, facts, profile
) -> None:  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime

    from PySide6.QtGui import QTextDocument

    from liptwitch_desktop.core.triage.answers import TriageAnswers
    from liptwitch_desktop.core.triage.engine import triage
    from liptwitch_desktop.core.triage.history import SavedTriage
    from liptwitch_desktop.core.triage.result import TriageResult
    from liptwitch_desktop.store.report_query import _snapshot
    from liptwitch_desktop.ui.triage.render import result_html

    answers = TriageAnswers.parse(raw)
    result = triage(answers, facts, profile=profile)
    allowed = emergency_allowed(result)
    when = datetime(2026, 3, 1, 9, tzinfo=UTC)
    for shown in (result, TriageResult.from_json(result.to_json())):  # as saved, read back
        document = QTextDocument()
        document.setHtml(result_html(shown, when=when, include_headline=True))
        for line in document.toPlainText().splitlines():
            line = line.strip()
            if line in ("", "Why", "‼ Emergency") or line.startswith("Checked on "):
                continue
            assert line in allowed, line
        snapshot = _snapshot(SavedTriage(1, when, answers, facts, shown), KB)
        assert snapshot.headline in allowed and snapshot.word in allowed
        assert all(reason in allowed for reason in snapshot.reasons)
        assert {flag.flag_id for flag in snapshot.red_flags} <= {
            f.id for f in KB.red_flags if f.stroke
        }
        assert snapshot.emergency_number == result.emergency_number
