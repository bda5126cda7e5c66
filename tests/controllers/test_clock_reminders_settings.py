"""Reminder and settings writes under a clock that cannot be right (1970 after a flat CMOS
battery, 2150): what the clock would date is refused in words (ClockLooksWrong, which the
app's error hook shows as "the clock looks wrong", never the crash dialog), nothing is
written and no Change announced; under any clock from 2000 to 2100 the same calls save.
Settings and quiet hours carry no date: they save under any clock."""

from __future__ import annotations

from datetime import UTC, datetime, time
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from liptwitch_desktop.core.changes import Change
from liptwitch_desktop.core.clock_sense import ClockLooksWrong, clock_looks_wrong
from liptwitch_desktop.core.schedule.specs import QuietHours, ReminderKind
from liptwitch_desktop.store import reminder_store
from liptwitch_desktop.store.database.db import db_proxy
from liptwitch_desktop.store.settings import get_setting

clocks = st.datetimes(
    min_value=datetime(1970, 1, 1), max_value=datetime(2200, 1, 1), timezones=st.just(UTC)
)
WRONG = [datetime(1970, 1, 2, 9, tzinfo=UTC), datetime(2150, 6, 1, 9, tzinfo=UTC)]


def _stored() -> list[tuple[object, ...]]:
    """Every reminder row and setting as the database holds them."""
    rows = db_proxy.execute_sql("SELECT * FROM reminder_setting ORDER BY kind").fetchall()
    return [*rows, *db_proxy.execute_sql("SELECT * FROM setting ORDER BY key").fetchall()]


def _dated_calls(controllers: Any) -> list[Any]:
    hydration = reminder_store.get_spec(ReminderKind.HYDRATION)
    return [
        lambda: controllers.reminders.set_enabled(ReminderKind.HYDRATION, True),
        lambda: controllers.reminders.save_spec(hydration),
        lambda: controllers.reminders.adopt_plan_items(["recovery_plan"]),
        lambda: controllers.reminders.stop_recovery_plan(),
        lambda: controllers.settings.settle_magnesium_notice(True),
    ]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(now=clocks)
def test_dated_reminder_writes_save_only_under_a_clock_that_can_be_right(
    ctx: Any, controllers: Any, now: datetime
) -> None:
    seen: list[Change] = []
    ctx.signals.data_changed.connect(seen.append)
    try:
        ctx.clock.set(now)
        before = _stored()
        calls = _dated_calls(controllers)
        if clock_looks_wrong(now):
            for call in calls:
                with pytest.raises(ClockLooksWrong):
                    call()
            assert seen == []
            assert _stored() == before
        elif ctx.today().year < 2000:
            # 2000-01-01 02:00 UTC is still the person's 31 Dec 1999 (the day starts at
            # 04:00): the recovery plan cannot start on that day; the rest saves.
            with pytest.raises(ClockLooksWrong):
                controllers.reminders.adopt_plan_items(["recovery_plan"])
            assert _stored() == before
        else:
            for call in calls:
                call()
            assert Change.REMINDER in seen
            assert reminder_store.spec_changed_at(ReminderKind.HYDRATION) == now.replace(
                microsecond=0
            )
    finally:
        ctx.signals.data_changed.disconnect(seen.append)


@pytest.mark.parametrize("now", WRONG, ids=["1970", "2150"])
def test_settings_without_a_date_save_under_any_clock(
    ctx: Any, controllers: Any, now: datetime
) -> None:
    ctx.clock.set(now)
    controllers.settings.set("reminders_repeat_minutes", 15)
    controllers.reminders.set_quiet_hours(QuietHours(time(22), time(7)))
    assert get_setting("reminders_repeat_minutes") == 15


@pytest.mark.parametrize("now", WRONG, ids=["1970", "2150"])
def test_holding_an_unnoticed_magnesium_reminder_stamps_no_impossible_date(
    ctx: Any, controllers: Any, now: datetime
) -> None:
    db_proxy.execute_sql(
        "UPDATE reminder_setting SET enabled = 1, changed_at = 0 WHERE kind = ?",
        (ReminderKind.MAGNESIUM.value,),
    )
    ctx.clock.set(now)
    assert controllers.settings.hold_unnoticed_magnesium()  # held off, as under any clock
    assert not reminder_store.get_spec(ReminderKind.MAGNESIUM).enabled
    assert reminder_store.spec_changed_at(ReminderKind.MAGNESIUM) is None
