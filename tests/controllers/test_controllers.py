"""The controllers on their own, without a widget: each call writes in one go and announces
one Change; a call the store refuses announces nothing and leaves the store as it was."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time, timedelta
from pathlib import Path
from typing import Any

import pytest

from liptwitch_desktop.core.changes import Change
from liptwitch_desktop.core.schedule.specs import QuietHours, ReminderKind
from liptwitch_desktop.core.settings_schema import SettingError
from liptwitch_desktop.core.triage.answers import TriageAnswers
from liptwitch_desktop.core.triage.engine import triage
from liptwitch_desktop.store import reminder_store as rs
from liptwitch_desktop.store.log_reads import episodes_between
from liptwitch_desktop.store.settings import get_setting
from liptwitch_desktop.store.triage_history import list_triage_history


@pytest.fixture
def changes(ctx: Any) -> list[Change]:
    seen: list[Change] = []
    ctx.signals.data_changed.connect(seen.append)
    return seen


def test_settings_one_change_per_call_and_none_for_a_refused_value(
    controllers: Any, changes: list[Change]
) -> None:
    settings = controllers.settings
    assert settings.set("caffeine_target_mg", 150) == 150
    settings.set_many({"adult": "yes", "emergency_country": "NZ"})
    assert changes == [Change.SETTINGS, Change.SETTINGS]
    with pytest.raises(SettingError):
        settings.set("caffeine_target_mg", 9999)
    with pytest.raises(SettingError):  # all or nothing: the good one is not kept either
        settings.set_many({"adult": "no", "caffeine_target_mg": -1})
    assert changes == [Change.SETTINGS, Change.SETTINGS]
    assert get_setting("caffeine_target_mg") == 150 and get_setting("adult") == "yes"


def test_settings_remember_a_drink_and_the_first_magnesium_dose(
    controllers: Any, changes: list[Change]
) -> None:
    settings = controllers.settings
    settings.remember_drink({"label": "Matcha latte", "caffeine_mg": 70})
    settings.remember_drink({"label": "Matcha latte", "caffeine_mg": 80})  # replaces it
    assert [d["caffeine_mg"] for d in get_setting("custom_drinks")] == [80]
    settings.set_magnesium_dose(150.0, "glycinate")
    assert get_setting("magnesium_dose_mg") == 150 and get_setting("magnesium_dose_confirmed")
    settings.magnesium_notice_read()
    assert get_setting("magnesium_notice_shown")
    assert changes == [Change.SETTINGS] * 4


def test_start_at_login_writes_the_desktop_entry_and_the_setting(
    controllers: Any, changes: list[Change], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    controllers.settings.set_start_at_login(True)
    assert (tmp_path / "config" / "autostart" / "liptwitch.desktop").exists()
    assert get_setting("start_at_login")
    controllers.settings.set_start_at_login(False)
    assert not (tmp_path / "config" / "autostart" / "liptwitch.desktop").exists()
    assert changes == [Change.SETTINGS, Change.SETTINGS]


def test_reminders_each_write_one_change(ctx: Any, controllers: Any, changes: list[Change]) -> None:
    reminders = controllers.reminders
    spec = rs.get_spec(ReminderKind.MAGNESIUM)
    reminders.save_spec(replace(spec, enabled=True, times=(time(22, 0),)))
    assert rs.get_spec(ReminderKind.MAGNESIUM).times == (time(22, 0),)
    reminders.set_enabled(ReminderKind.MAGNESIUM, False)
    reminders.set_quiet_hours(QuietHours(time(23, 0), time(6, 0)))
    assert rs.get_policy().quiet_hours == QuietHours(time(23, 0), time(6, 0))
    assert changes == [Change.REMINDER, Change.REMINDER, Change.SETTINGS]
    assert reminders.adopt_plan_items(["not_a_plan_item"]) == []  # nothing on: nothing said
    assert changes == [Change.REMINDER, Change.REMINDER, Change.SETTINGS]
    assert reminders.adopt_plan_items(["recovery_plan"]) == [ReminderKind.RECOVERY_STEP]
    assert rs.get_spec(ReminderKind.RECOVERY_STEP).plan_start == ctx.today()
    reminders.stop_recovery_plan()
    assert rs.get_spec(ReminderKind.RECOVERY_STEP).plan_start is None
    assert changes[3:] == [Change.REMINDER, Change.REMINDER]


def test_triage_saves_a_result_and_its_plan_items(controllers: Any, changes: list[Change]) -> None:
    answers = TriageAnswers.parse({"stress_level": "high", "caffeine_mg_per_day": 600})
    result = triage(answers)
    saved = controllers.triage.save(answers, result, None, ["remind_magnesium"])
    updated = controllers.triage.set_adopted(saved.id, [])
    assert [s.id for s in list_triage_history()] == [saved.id]
    assert list(updated.adopted) == []
    assert changes == [Change.TRIAGE, Change.TRIAGE]
    # Which reminders a result's actions stand for: read from the knowledge base.
    assert controllers.triage.plan_reminders(["remind_magnesium", "see_gp"]) == ["magnesium"]


def test_data_delete_all_is_one_change_and_a_failed_restore_none(
    ctx: Any, controllers: Any, changes: list[Change], tmp_path: Path
) -> None:
    data = controllers.data
    controllers.log.toggle_twitching()
    taken = data.backup_now()  # changes nothing in the store: says nothing
    assert taken.exists() and changes == [Change.EPISODE]
    not_a_backup = tmp_path / "not-a-backup.sqlite3"
    not_a_backup.write_bytes(b"no database here" * 100)
    with pytest.raises(Exception):  # noqa: B017 - whatever the store raises, it is passed on
        data.restore(not_a_backup)
    now = ctx.clock.now()
    window = (now - timedelta(hours=1), now + timedelta(hours=1))
    assert len(episodes_between(*window)) == 1  # the file is open again, as it was
    assert changes == [Change.EPISODE]
    data.delete_all()
    assert episodes_between(*window) == [] and changes == [Change.EPISODE, Change.ALL]
    data.restore(taken)  # today's backup, taken before the delete
    assert len(episodes_between(*window)) == 1
    assert changes == [Change.EPISODE, Change.ALL, Change.ALL]
    assert date.fromisoformat(taken.stem.removeprefix("liptwitch-")) == ctx.today()


def test_the_pages_controllers_are_built_once_when_first_asked_for(ctx: Any) -> None:
    """The root hands the pages' controllers as factories (the first paint needs only the
    log's and the settings'): each is made at its first use, once, and the experiment's
    steps go on the window's one undo stack."""
    from liptwitch_desktop.app.bootstrap import build_controllers

    built = build_controllers(ctx)
    assert not {"reminders", "triage", "data", "experiment"} & set(vars(built))
    assert built.experiment is built.experiment
    assert built.experiment.undo_stack is built.log.undo_stack
    assert built.reminders is built.reminders and built.data is built.data
    assert built.triage is built.triage
