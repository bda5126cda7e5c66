"""The Reminders settings under a clock that cannot be right (1970, 2150): switching a
reminder on or starting the recovery plan is refused in words (ClockLooksWrong, which the
app's error hook shows as "the clock looks wrong", never the crash dialog), the form goes
back to what is stored (no box left ticked that was not saved), and the error hook's clock
message is what the person sees."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from liptwitch_desktop.core.clock_sense import ClockLooksWrong
from liptwitch_desktop.core.schedule.specs import ReminderKind
from liptwitch_desktop.store import reminder_store as rs
from liptwitch_desktop.ui.reminders_settings import RemindersSettings
from liptwitch_desktop.ui.unexpected_error import ExceptionDialogHook

WRONG = [datetime(1970, 1, 2, 9, tzinfo=UTC), datetime(2150, 6, 1, 9, tzinfo=UTC)]


@pytest.fixture
def page(ctx: Any, controllers: Any, qtbot: Any) -> RemindersSettings:
    widget = RemindersSettings(ctx, controllers.reminders, controllers.settings)
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.mark.parametrize("now", WRONG, ids=["1970", "2150"])
def test_a_reminder_switched_on_under_a_wrong_clock_is_not_left_ticked(
    ctx: Any, page: RemindersSettings, qtbot: Any, now: datetime
) -> None:
    ctx.clock.set(now)
    with qtbot.capture_exceptions() as raised:
        page.groups[ReminderKind.HYDRATION].setChecked(True)
    assert [type(exc) for _t, exc, _tb in raised] == [ClockLooksWrong]
    assert not rs.get_spec(ReminderKind.HYDRATION).enabled
    assert not page.groups[ReminderKind.HYDRATION].isChecked()


@pytest.mark.parametrize("now", WRONG, ids=["1970", "2150"])
def test_the_recovery_plan_does_not_start_under_a_wrong_clock(
    ctx: Any, page: RemindersSettings, qtbot: Any, now: datetime
) -> None:
    ctx.clock.set(now)
    with qtbot.capture_exceptions() as raised:
        page.plan_button.click()
    assert [type(exc) for _t, exc, _tb in raised] == [ClockLooksWrong]
    assert rs.get_spec(ReminderKind.RECOVERY_STEP).plan_start is None


def test_the_error_hook_shows_the_clock_message_not_the_crash_dialog(
    ctx: Any, controllers: Any, qtbot: Any, monkeypatch: Any
) -> None:
    ctx.clock.set(WRONG[0])
    shown: list[str] = []
    hook = ExceptionDialogHook()
    monkeypatch.setattr(hook, "_show", lambda exc, details: shown.append("crash"))
    monkeypatch.setattr(hook, "_show_clock", lambda exc: shown.append("clock"))
    try:
        controllers.reminders.set_enabled(ReminderKind.HYDRATION, True)
    except ClockLooksWrong as exc:
        hook(type(exc), exc, exc.__traceback__)
    assert shown == ["clock"]
    assert QApplication.instance() is not None
