"""Review of issue 13, F4: an export the app made imports again, whatever the clock said when
the app wrote its rows. A run under a clock set to 2099 records firings (and any entry
typed then) "in the future" of the corrected clock; the import used to refuse the whole
file for them. Such rows are the app's own: they are imported as they are and named (in
the import's summary, the export's and `check`), and the reminder service ignores firings
ahead of the clock."""

from __future__ import annotations

import io
import shutil
import tempfile
from argparse import Namespace
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from liptwitch_desktop.core.clock import FakeClock
from liptwitch_desktop.core.entries import CheckIn, Episode, Intake, IntakeKind
from liptwitch_desktop.core.medicines import Medicine
from liptwitch_desktop.core.schedule.specs import FiringOutcome, ReminderKind
from liptwitch_desktop.core.triage.answers import TriageAnswers
from liptwitch_desktop.core.triage.engine import triage
from liptwitch_desktop.reminders.notifier import Notifier
from liptwitch_desktop.reminders.service import ReminderService
from liptwitch_desktop.runtime.context import AppContext
from liptwitch_desktop.runtime.signals import AppSignals
from liptwitch_desktop.store import reminder_store as rs
from liptwitch_desktop.store.database.db import close_database, open_database
from liptwitch_desktop.store.entries import add_episode, add_intake, save_checkin
from liptwitch_desktop.store.medicines import add_medicine
from liptwitch_desktop.store.transfer import export_import as ei
from liptwitch_desktop.store.triage_history import save_triage
from tests.reminders.fakes import ManualJobs

LONDON = ZoneInfo("Europe/London")
CORRECTED = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
GLITCH = datetime(2099, 1, 1, 12, 0, tzinfo=UTC)


def _run_the_service_once(data_dir: Path, now: datetime) -> None:
    """A start and a minute of running, as the app does at `now`."""
    clock = FakeClock(now)
    ctx = AppContext(clock, LONDON, AppSignals(), data_dir)
    jobs = ManualJobs()
    service = ReminderService(ctx, Notifier(), backend=jobs, watch_logind=False)
    service.start()
    clock.advance(timedelta(minutes=1))
    jobs.run_due(clock.now())
    service.stop()


def _write_as_the_app_does(now: datetime) -> None:
    """One of each thing the app writes, at the clock's `now`."""
    day = now.astimezone(LONDON).date()
    add_episode(Episode(now, intensity=5, duration_s=20))
    add_episode(Episode(now))  # "Twitching now", still running
    add_intake(Intake(now, IntakeKind.CAFFEINE, "Espresso", caffeine_mg=63))
    save_checkin(CheckIn(day, sleep_hours=7.0, stress=3))
    answers = TriageAnswers.parse({"stroke_face_droop": False})
    save_triage(now, answers, triage(answers))
    add_medicine(Medicine("Salbutamol", day, dose="2 puffs"))
    spec = replace(rs.get_spec(ReminderKind.CHECKIN), enabled=True, times=(time(21, 0),))
    rs.save_spec(spec, now)
    rs.record_firing(ReminderKind.CHECKIN, now, FiringOutcome.FIRED, fired_at=now)


def test_the_reviewers_glitch_run_exports_and_imports_again(
    qapp: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from liptwitch_desktop.cli.check import run_check

    data = tmp_path / "data"
    open_database(data / "liptwitch.sqlite3")
    try:
        _run_the_service_once(data, CORRECTED - timedelta(days=1))
        _write_as_the_app_does(GLITCH)
        _run_the_service_once(data, GLITCH + timedelta(hours=10))  # records firings in 2099
        _run_the_service_once(data, CORRECTED)
        assert rs.last_due(ReminderKind.CHECKIN, CORRECTED) is None or (
            rs.last_due(ReminderKind.CHECKIN, CORRECTED) <= CORRECTED
        )
        exported = ei.collect_export(CORRECTED)
    finally:
        close_database()
    assert exported["other_tables"]["reminder_firing"]
    out = io.StringIO()
    assert run_check(Namespace(data_dir=str(data), demo=False), out) == 1
    said = out.getvalue()
    assert "episode: 2 rows dated after today (the latest 2099-01-01)" in said, said
    assert "reminder_firing:" in said and "the reminders ignore it" in said
    from liptwitch_desktop.cli.export import run_export

    assert run_export(Namespace(data_dir=str(data), demo=False, out=str(tmp_path / "a.json"))) == 0
    summary = capsys.readouterr().out
    assert "Dated after today" in summary and "episode: 2 rows" in summary, summary
    open_database(tmp_path / "fresh" / "liptwitch.sqlite3")
    try:
        report = ei.import_data(exported, CORRECTED)
    finally:
        close_database()
    assert report.added["episodes"] == 2
    assert report.future["episodes"] == 2 and report.latest_future == "2099-01-01"
    assert report.future["reminder_firing"] >= 1


# Clocks the app can write under: inside the declared years, a day clear of either end so
# the local day (London) is inside them too.
CLOCKS = st.datetimes(
    min_value=datetime(2000, 1, 2), max_value=datetime(2099, 12, 30), timezones=st.just(UTC)
)


@pytest.fixture(scope="module")
def template() -> Iterator[Path]:
    """A migrated empty data file, copied for each example (migrating costs the most)."""
    folder = Path(tempfile.mkdtemp(prefix="lt-clock-"))
    open_database(folder / "template.sqlite3")
    close_database()
    yield folder / "template.sqlite3"
    shutil.rmtree(folder, ignore_errors=True)


def _open_copy(template: Path, where: Path) -> None:
    where.mkdir(parents=True)
    shutil.copy(template, where / "liptwitch.sqlite3")
    open_database(where / "liptwitch.sqlite3")


@settings(
    max_examples=20,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(written=st.lists(CLOCKS, min_size=1, max_size=3), exported_at=CLOCKS, started=CLOCKS)
def test_an_export_of_what_the_app_wrote_under_any_clock_imports(
    qapp: Any, template: Path, written: list[datetime], exported_at: datetime, started: datetime
) -> None:
    folder = Path(tempfile.mkdtemp(prefix="lt-clock-"))
    try:
        _open_copy(template, folder / "data")
        try:
            _run_the_service_once(folder / "data", started)
            for now in written:
                _write_as_the_app_does(now)
                _run_the_service_once(folder / "data", now + timedelta(hours=12))
            exported = ei.collect_export(exported_at)
        finally:
            close_database()
        _open_copy(template, folder / "fresh")
        try:
            ei.import_data(exported, exported_at)  # raises ImportRejected if refused
            again = ei.collect_export(exported_at)
        finally:
            close_database()
        assert _same(again, exported)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _same(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """The same log, settings and rows (ids are the database's: not compared)."""

    def rows(data: dict[str, Any]) -> dict[str, Any]:
        out = {s: data[s] for s in ("episodes", "intakes", "checkins", "settings")}
        for table, items in data["other_tables"].items():
            out[table] = sorted(
                sorted((k, repr(v)) for k, v in r.items() if k != "id") for r in items
            )
        return out

    return rows(a) == rows(b)
