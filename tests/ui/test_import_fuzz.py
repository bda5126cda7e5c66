"""Issue 13, "Done when": an export file mutated at any field is either refused with a message
or imported into a store the app then starts on, with its reminders scheduled, in bounded
time. Hypothesis picks the field (any key or item, and inside the JSON the triage results
keep as text) and what to put there; each example imports into a fresh data file, then does
what a start does: reads Today and the triage history, exports again, and starts the reminder
service (fake clock, jobs run by hand) under a hard time limit.
"""

from __future__ import annotations

import copy
import json
import shutil
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from liptwitch_desktop.core.clock import FakeClock
from liptwitch_desktop.core.entries import CheckIn, Episode, Intake, IntakeKind
from liptwitch_desktop.core.medicines import Medicine
from liptwitch_desktop.core.schedule.specs import FiringOutcome, ReminderKind
from liptwitch_desktop.reminders.notifier import Notifier
from liptwitch_desktop.reminders.service import ReminderService
from liptwitch_desktop.runtime.context import AppContext
from liptwitch_desktop.runtime.signals import AppSignals
from liptwitch_desktop.store import reminder_store as rs
from liptwitch_desktop.store.database.db import close_database, open_database
from liptwitch_desktop.store.transfer import export_import as ei
from tests.reminders.fakes import ManualJobs
from tests.timebox import time_limit

NOW = datetime(2026, 3, 10, 15, 30, tzinfo=UTC)
LONDON = ZoneInfo("Europe/London")
DELETE = object()  # a mutation that removes the key or item


def _fill() -> None:
    from dataclasses import replace

    from liptwitch_desktop.core.triage.answers import TriageAnswers
    from liptwitch_desktop.core.triage.engine import triage
    from liptwitch_desktop.store.entries import add_episode, add_intake, save_checkin
    from liptwitch_desktop.store.medicines import add_medicine
    from liptwitch_desktop.store.settings import set_setting
    from liptwitch_desktop.store.triage_history import save_triage

    add_episode(Episode(NOW - timedelta(hours=3), intensity=6, duration_s=40, tags=("desk",)))
    add_episode(Episode(NOW - timedelta(minutes=5)))  # still twitching
    add_intake(Intake(NOW - timedelta(hours=6), IntakeKind.CAFFEINE, "Espresso", caffeine_mg=63))
    add_intake(Intake(NOW - timedelta(hours=2), IntakeKind.WATER, water_ml=250))
    add_intake(Intake(NOW - timedelta(days=1), IntakeKind.MAGNESIUM, "glycinate", magnesium_mg=200))
    save_checkin(CheckIn(NOW.date() - timedelta(days=1), sleep_hours=6.5, stress=4, notes="ok"))
    set_setting("caffeine_target_mg", 150)
    set_setting("custom_drinks", [{"label": "Yerba", "caffeine_mg": 80}])
    set_setting("reminders_quiet_enabled", True)
    answers = TriageAnswers.parse({"stroke_face_droop": False})
    save_triage(NOW - timedelta(days=2), answers, triage(answers))
    add_medicine(Medicine("Salbutamol", NOW.date() - timedelta(days=40), dose="2 puffs"))
    for kind in (ReminderKind.MAGNESIUM, ReminderKind.HYDRATION):
        rs.save_spec(replace(rs.get_spec(kind), enabled=True), NOW - timedelta(days=3))
    rs.record_firing(ReminderKind.CHECKIN, NOW - timedelta(days=1), FiringOutcome.DONE)
    rs.record_firing(ReminderKind.MAGNESIUM, NOW - timedelta(days=1), FiringOutcome.MISSED)


@pytest.fixture(scope="module")
def world(qapp: object) -> Iterator[dict[str, Any]]:
    """A migrated empty data file to copy for each example, and the baseline export."""
    folder = Path(tempfile.mkdtemp(prefix="lt-fuzz-"))
    template = folder / "template.sqlite3"
    open_database(template)
    close_database()
    source = folder / "source" / "liptwitch.sqlite3"
    open_database(source)
    _fill()
    baseline = ei.collect_export(NOW)
    close_database()
    planned = _start(folder / "baseline", template, baseline)
    yield {"folder": folder, "template": template, "baseline": baseline, "planned": planned}
    shutil.rmtree(folder, ignore_errors=True)


def _start(where: Path, template: Path, data: Any) -> set[str] | None:
    """Import `data` into a fresh copy of the template and start on it; None if refused."""
    where.mkdir(parents=True, exist_ok=True)
    db_path = where / "liptwitch.sqlite3"
    shutil.copy(template, db_path)
    open_database(db_path)
    try:
        with time_limit(5):
            try:
                ei.import_data(data, NOW)
            except ei.ImportRejected as exc:
                assert "nothing was imported" in str(exc).lower(), str(exc)
                assert all(str(r) for r in exc.rejections)
                return None
            return _as_a_start_does(where)
    finally:
        close_database()


def _as_a_start_does(data_dir: Path) -> set[str]:
    from liptwitch_desktop.store.log_reads import has_triage_history, today_summary
    from liptwitch_desktop.store.triage_history import list_triage_history

    ctx = AppContext(FakeClock(NOW), LONDON, AppSignals(), data_dir)
    today_summary(ctx.today(), LONDON, ctx.day_start)
    has_triage_history()
    list_triage_history()
    ei.collect_export(NOW)  # and it can be exported again
    # An imported magnesium reminder waits for the safety notice this computer never showed
    # (review 12, S5); the start shows it and the person answers "I understand".
    from liptwitch_desktop.store.magnesium_notice import settle_magnesium_notice

    settle_magnesium_notice(True, NOW)
    service = ReminderService(ctx, Notifier(), backend=ManualJobs(), watch_logind=False)
    service.start()
    try:
        planned = set(service.planned())
        for kind, spec in service.specs().items():
            if spec.enabled and service._next_due(spec, NOW) is not None:
                assert kind.value in planned, kind
        return planned
    finally:
        service.stop()


# --- mutations ----------------------------------------------------------------------------------


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for n, item in enumerate(value):
            found += _paths(item, (*prefix, n))
    return found


def _leaves(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return [leaf for item in value.values() for leaf in _leaves(item)]
    if isinstance(value, list):
        return [leaf for item in value for leaf in _leaves(item)]
    return [value]


NASTY = st.one_of(
    st.sampled_from(
        [
            None, True, False, 0, -1, 1, 7, 1e-12, 0.2, 0.25, 2.5, 1e300, float("nan"),
            float("inf"), 10**30, "", "garbage", "789", "0123456", "25:99", "00:00", "23:59",
            "2099-01-01T00:00:00Z", "0001-01-01T00:00:00+05:00", "2026-02-30", "2026-03-09",
            "\ud800", "{{{", "[]", "{}", [], {}, [[[[[]]]]], "x" * 6000, DELETE,
        ]
    ),
    st.integers(min_value=-(2**64), max_value=2**64),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.lists(st.text(max_size=5), max_size=3),
)  # fmt: skip


def _mutate(data: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return None if new is DELETE else new
    parent = data
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    if new is DELETE:
        del parent[last]
    else:
        parent[last] = new
    return data


@st.composite
def mutated(draw: st.DrawFn, baseline: dict[str, Any]) -> tuple[tuple[Any, ...], Any]:
    data = copy.deepcopy(baseline)
    path = draw(st.sampled_from(_paths(data)))
    target: Any = data
    for step in path:
        target = target[step]
    # Nasty values, and values from elsewhere in the file (plausible, in the wrong place).
    leaves = [v for v in _leaves(baseline) if v is not None]
    values = st.one_of(NASTY, st.sampled_from(leaves))
    if isinstance(target, str) and target.startswith(("[", "{")) and draw(st.booleans()):
        inner = json.loads(target)  # the triage results keep JSON as text: mutate inside
        inner_path = draw(st.sampled_from(_paths(inner)))
        replacement: Any = json.dumps(_mutate(inner, inner_path, draw(values)))
    else:
        replacement = draw(values)
    return path, _mutate(data, path, replacement)


def _as_file_text(data: Any) -> str:
    """What a file would hold: NaN and Infinity as JavaScript writes them, \\ud800 escaped."""
    return json.dumps(data, allow_nan=True)


def _touched_reminders(path: tuple[Any, ...], baseline: dict[str, Any]) -> set[str] | None:
    """Reminder kinds the mutation may rightly change; None: any of them may change (a
    setting such as quiet hours, a whole table, a reminder's kind)."""
    if not path or path[0] in ("settings", "format", "format_version"):
        return None
    if path[0] != "other_tables":
        return set()  # a log entry: it may move a reminder to tomorrow, never silence it
    if len(path) < 3:
        return None
    if path[1] != "reminder_setting":
        return set()
    if len(path) < 4 or path[3] == "kind":
        return None
    kind = baseline["other_tables"]["reminder_setting"][path[2]]["kind"]
    if kind == ReminderKind.CAFFEINE_CUTOFF.value:
        return {kind, ReminderKind.CAFFEINE_LAST_CALL.value}
    return {kind}


@settings(
    max_examples=300,
    deadline=None,  # bounded by time_limit instead: a runaway loop fails, not hangs
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)
@given(data=st.data())
def test_any_mutated_export_is_refused_in_words_or_started_on(
    world: dict[str, Any], data: st.DataObject
) -> None:
    baseline = world["baseline"]
    path, changed = data.draw(mutated(baseline))
    text = _as_file_text(changed)
    try:
        parsed = ei.parse_export(text)
    except ei.ImportRejected as exc:
        assert str(exc).startswith("Nothing was imported:"), str(exc)
        event("refused as a file")
        return
    where = Path(tempfile.mkdtemp(dir=world["folder"]))
    planned = _start(where, world["template"], parsed)
    if planned is None:
        event("refused, with the items named")
        return
    event("imported and started on")
    touched = _touched_reminders(path, baseline)
    if touched is not None:
        expected = {k for k in world["planned"] if k not in touched}
        assert expected <= planned, (path, expected - planned)


def test_the_baseline_itself_imports_and_schedules(world: dict[str, Any]) -> None:
    assert {"magnesium", "hydration", "checkin"} <= world["planned"]
