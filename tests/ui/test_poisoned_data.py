"""Issue 13, item 1: a poisoned import (or a damaged reminder row) can no longer brick the app.

Every imported row meets its table's declaration; rows already in a file that the reminder
service cannot use are logged and read as their defaults; the triage history skips a row it
cannot read. Each start is bounded in time whatever the data.
"""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest

from liptwitch_desktop.core.schedule.specs import ReminderKind
from liptwitch_desktop.reminders.notifier import Notifier
from liptwitch_desktop.reminders.service import ReminderService
from liptwitch_desktop.store.database.db import db_proxy
from liptwitch_desktop.store.transfer import export_import as ei
from tests import wiring
from tests.reminders.fakes import ManualJobs
from tests.timebox import time_limit

from ..conftest import TEST_NOW


def export_with(**tables: list[dict[str, Any]]) -> dict[str, Any]:
    return {"format": "liptwitch-export", "format_version": 1, "other_tables": tables}


def started_service(ctx: Any) -> ReminderService:
    service = ReminderService(ctx, Notifier(), backend=ManualJobs(), watch_logind=False)
    with time_limit(5):
        service.start()
    return service


POISON = [
    {"kind": "hydration", "enabled": 1, "interval_hours": 1e-12},  # the file
    {"kind": "hydration", "enabled": 1, "interval_hours": 0},
    {"kind": "magnesium", "enabled": 1, "waking_start": "garbage"},
    {"kind": "magnesium", "enabled": 1, "weekdays": "789"},
    {"kind": "checkin", "enabled": 1, "times": "99:99"},
    {"kind": "caffeine_last_call", "enabled": 1, "lead_minutes": 10**6},
]


@pytest.mark.parametrize("row", POISON, ids=lambda r: f"{r['kind']}-{sorted(r)[-1]}")
def test_a_poisoned_reminder_row_is_refused_by_the_import(ctx: Any, row: dict[str, Any]) -> None:
    with pytest.raises(ei.ImportRejected) as caught:
        ei.import_data(export_with(reminder_setting=[row]), TEST_NOW)
    assert "nothing was imported" in str(caught.value)
    assert caught.value.rejections[0].section == "reminder_setting"
    service = started_service(ctx)
    assert ReminderKind.CHECKIN.value in service.planned()
    service.stop()


_COLUMNS = {"interval_hours", "waking_start", "weekdays", "times", "lead_minutes"}


@pytest.mark.parametrize("row", POISON, ids=lambda r: f"{r['kind']}-{sorted(r)[-1]}")
def test_a_poisoned_row_already_in_the_file_does_not_stop_the_service(
    ctx: Any, row: dict[str, Any], caplog: pytest.LogCaptureFixture
) -> None:
    """What an older version's import left behind: the row is read as its default."""
    changes = {k: v for k, v in row.items() if k in _COLUMNS | {"enabled"}}
    db_proxy.execute_sql(
        "UPDATE reminder_setting SET " + ", ".join(f"{k} = ?" for k in changes) + " WHERE kind = ?",
        (*changes.values(), row["kind"]),
    )
    caplog.set_level(logging.WARNING)
    service = started_service(ctx)
    planned = service.planned()
    # Everything else still fires; the bad row was logged and read as the default.
    for kind in (ReminderKind.CHECKIN, ReminderKind.TRIAGE_WEEKLY, ReminderKind.CAFFEINE_CUTOFF):
        if kind.value != row["kind"]:
            assert kind.value in planned, kind
    assert "unusable" in caplog.text
    service.stop()


def test_a_triage_result_that_cannot_be_read_is_refused_and_skipped(ctx: Any, qtbot: Any) -> None:
    bad = {
        "created_at": int(TEST_NOW.timestamp()) - 3600,
        "urgency": "self_care",
        "answers_json": "{{{",
        "result_json": "{}",
    }
    with pytest.raises(ei.ImportRejected) as caught:
        ei.import_data(export_with(triage_result=[bad]), TEST_NOW)
    assert "answers_json" in str(caught.value.rejections[0])
    # One already in the file (written by an older version) no longer breaks the page.
    db_proxy.execute_sql(
        "INSERT INTO triage_result (created_at, urgency, answers_json, result_json) "
        "VALUES (?, ?, ?, ?)",
        tuple(bad.values()),
    )

    page = wiring.triage_page(ctx)
    qtbot.addWidget(page)
    assert page.history == []


def test_a_result_whose_fields_have_the_wrong_types_is_refused(ctx: Any) -> None:
    from liptwitch_desktop.core.triage.answers import TriageAnswers
    from liptwitch_desktop.core.triage.engine import triage

    answers = TriageAnswers.parse({"stroke_face_droop": False})
    result = triage(answers).to_json()
    result["word"] = ["not", "text"]
    row = {
        "created_at": int(TEST_NOW.timestamp()) - 3600,
        "urgency": result["urgency"],
        "answers_json": json.dumps({"answers": {"stroke_face_droop": False}}),
        "result_json": json.dumps(result),
    }
    with pytest.raises(ei.ImportRejected) as caught:
        ei.import_data(export_with(triage_result=[row]), TEST_NOW)
    assert "result.word" in str(caught.value.rejections[0])
