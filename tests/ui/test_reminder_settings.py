"""The Reminders settings section writes through the store, shows the dose check next to the
field, shows the interactions notice once, and starts/stops the recovery plan."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest
from PySide6.QtCore import QTime, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from liptwitch_desktop.core.changes import Change
from liptwitch_desktop.core.schedule.specs import QuietHours, ReminderKind
from liptwitch_desktop.platform import autostart
from liptwitch_desktop.store import reminder_store as rs
from liptwitch_desktop.store.settings import get_setting
from liptwitch_desktop.ui.reminders_settings import RemindersSettings

from ..modal import with_modal


@pytest.fixture
def page(ctx, controllers, qtbot, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    ctx.clock.set(datetime(2026, 11, 27, 12, 0, tzinfo=UTC))
    widget = RemindersSettings(ctx, controllers.reminders, controllers.settings)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def changes(ctx) -> list[str]:  # type: ignore[no-untyped-def]
    seen: list[str] = []
    ctx.signals.data_changed.connect(seen.append)
    return seen


def test_loads_the_stored_reminders(page) -> None:  # type: ignore[no-untyped-def]
    assert page.groups[ReminderKind.CAFFEINE_CUTOFF].isChecked()
    assert not page.groups[ReminderKind.MAGNESIUM].isChecked()
    assert page.time_edits[ReminderKind.MAGNESIUM].time() == QTime(21, 30)
    assert page.time_edits[ReminderKind.CAFFEINE_CUTOFF].time() == QTime(12, 0)
    assert page.weekdays[ReminderKind.TRIAGE_WEEKLY].days() == frozenset({6})
    assert page.lead.value() == 30
    assert page.dose.value() == 200 and not page.dose_message.isVisibleTo(page)


def test_every_group_and_editor_is_named_for_assistive_tech(page) -> None:  # type: ignore[no-untyped-def]
    for box in page.groups.values():
        assert box.accessibleName().endswith("reminder on")
    for edit in page.time_edits.values():
        assert edit.accessibleName()
    assert page.dose.accessibleName() and page.interval.accessibleName()


def test_enabling_magnesium_shows_the_interactions_notice_once(ctx, page) -> None:  # type: ignore[no-untyped-def]
    seen = changes(ctx)
    notice: list[str] = []

    def read_and_close(box: QMessageBox) -> None:
        notice.append(box.text())
        box.accept()

    magnesium = page.groups[ReminderKind.MAGNESIUM]
    opened = with_modal(read_and_close, lambda: magnesium.setChecked(True))
    assert opened == ["QMessageBox"]
    text = notice[0]
    for needle in (
        "kidney",
        "tetracyclines",
        "quinolones",
        "2 hours before",
        "4 to 6 hours",
        "bisphosphonates",
    ):
        assert needle in text
    assert rs.get_spec(ReminderKind.MAGNESIUM).enabled
    assert get_setting("magnesium_notice_shown")
    assert "reminder" in seen
    # off and on again: no second notice (a stray one would be closed, and then counted)
    again: list[str] = []
    page.magnesium_notice_shown.connect(again.append)

    def close_stray() -> None:
        stray = QApplication.activeModalWidget()
        if stray is not None:
            stray.close()

    QTimer.singleShot(200, close_stray)
    magnesium.setChecked(False)
    magnesium.setChecked(True)
    assert again == []
    assert rs.get_spec(ReminderKind.MAGNESIUM).enabled


@pytest.mark.parametrize(
    ("mg", "needles"),
    [
        (200, ()),
        (300, ("EU upper limit of 250 mg", "US", "350 mg")),
        (400, ("both upper limits", "250", "350", "doctor's advice")),
    ],
)
def test_dose_check_message_next_to_the_field(page, mg, needles) -> None:  # type: ignore[no-untyped-def]
    page.dose.setValue(mg)
    page.dose.editingFinished.emit()
    message = page.dose_message.text()
    assert page.dose_message.isVisibleTo(page) is bool(needles)
    for needle in needles:
        assert needle in message
    if needles:
        assert message.startswith("⚠")  # a sign, not only a colour
    assert get_setting("magnesium_dose_mg") == mg


def test_times_and_days_are_saved(ctx, page) -> None:  # type: ignore[no-untyped-def]
    page.time_edits[ReminderKind.CHECKIN].setTime(QTime(20, 15))
    page.time_edits[ReminderKind.CHECKIN].editingFinished.emit()
    page.weekdays[ReminderKind.CHECKIN].boxes[6].setChecked(False)
    spec = rs.get_spec(ReminderKind.CHECKIN)
    assert spec.times == (time(20, 15),)
    assert spec.weekdays == frozenset(range(6))
    page.time_edits[ReminderKind.CAFFEINE_CUTOFF].setTime(QTime(11, 0))
    page.time_edits[ReminderKind.CAFFEINE_CUTOFF].editingFinished.emit()
    assert get_setting("caffeine_cutoff") == "11:00"
    page.lead.setValue(45)
    page.lead.editingFinished.emit()
    last = rs.get_spec(ReminderKind.CAFFEINE_LAST_CALL)
    assert last.lead_minutes == 45 and last.times == (time(11, 0),)


def test_hydration_interval_and_waking_hours(page) -> None:  # type: ignore[no-untyped-def]
    page.groups[ReminderKind.HYDRATION].setChecked(True)
    page.interval.setValue(1.5)
    page.interval.editingFinished.emit()
    page.waking_start.setTime(QTime(7, 0))
    page.waking_start.editingFinished.emit()
    spec = rs.get_spec(ReminderKind.HYDRATION)
    assert spec.enabled and spec.interval_hours == 1.5 and spec.waking_start == time(7, 0)


def test_quiet_hours(ctx, page) -> None:  # type: ignore[no-untyped-def]
    seen = changes(ctx)
    page.quiet_start.setTime(QTime(22, 30))
    page.quiet_box.setChecked(True)
    assert rs.get_policy().quiet_hours == QuietHours(time(22, 30), time(7, 0))
    page.quiet_box.setChecked(False)
    assert rs.get_policy().quiet_hours is None
    assert "settings" in seen


def test_recovery_plan_start_and_stop(page) -> None:  # type: ignore[no-untyped-def]
    assert page.plan_button.text() == "Start the recovery plan today"
    page.plan_button.click()
    assert rs.get_spec(ReminderKind.RECOVERY_STEP).plan_start == date(2026, 11, 27)
    assert page.plan_label.text() == "Started on 27 Nov 2026."
    page.plan_button.click()
    assert rs.get_spec(ReminderKind.RECOVERY_STEP).plan_start is None


def test_start_at_login_writes_and_removes_the_entry(page, tmp_path) -> None:  # type: ignore[no-untyped-def]
    entry = tmp_path / "config" / "autostart" / "liptwitch.desktop"
    page.start_at_login.setChecked(True)
    assert entry.is_file() and get_setting("start_at_login")
    assert autostart.parse_exec(entry.read_text())[-1] == "--hidden"
    page.start_at_login.setChecked(False)
    assert not entry.exists() and not get_setting("start_at_login")


def test_outside_changes_reload_the_section(ctx, page) -> None:  # type: ignore[no-untyped-def]
    rs.adopt_plan_items(["magnesium_nightly"], date(2026, 11, 27), ctx.clock.now())
    ctx.signals.changed(Change.REMINDER)
    assert page.groups[ReminderKind.MAGNESIUM].isChecked()


def test_hydration_is_never_more_often_than_every_15_minutes(page) -> None:  # type: ignore[no-untyped-def]
    """The Settings page offers what the store's declaration accepts, and no less."""
    from liptwitch_desktop.store.tables import REMINDER_SETTING, RowError

    assert page.interval.minimum() == 0.25
    page.groups[ReminderKind.HYDRATION].setChecked(True)
    page.interval.setValue(0.1)  # typed below the limit: held at it
    page.interval.editingFinished.emit()
    assert rs.get_spec(ReminderKind.HYDRATION).interval_hours == 0.25
    with pytest.raises(RowError, match="15 minutes"):
        REMINDER_SETTING.clean({"kind": "hydration", "enabled": 1, "interval_hours": 0.2})
