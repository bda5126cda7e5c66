from datetime import date

from liptwitch_desktop.core.entries import Episode
from liptwitch_desktop.store import backup
from liptwitch_desktop.store.entries import add_episode, episodes_between
from liptwitch_desktop.store.settings import get_setting
from tests import wiring

from ..conftest import TEST_NOW


def test_settings_are_saved_as_typed_and_signal_once(ctx, qtbot):
    page = wiring.settings_page(ctx)
    qtbot.addWidget(page)
    seen = []
    ctx.signals.data_changed.connect(seen.append)
    page.editors["caffeine_half_life_h"].setValue(6.5)
    assert get_setting("caffeine_half_life_h") == 6.5
    page.editors["caffeine_limit_mg"].setCurrentIndex(1)
    assert get_setting("caffeine_limit_mg") == "200"
    assert seen == ["settings", "settings"]


def test_restore_from_backup_brings_back_deleted_data(ctx, qtbot):
    add_episode(Episode(started_at=TEST_NOW, intensity=3, duration_s=5))
    backup.daily_backup(ctx.db_path, ctx.backup_dir, date(2026, 3, 9))
    from liptwitch_desktop.store.database.db import db_proxy

    db_proxy.execute_sql("DELETE FROM episode")
    page = wiring.settings_page(ctx)
    qtbot.addWidget(page)
    assert page.backup_list.count() == 1
    with qtbot.waitSignal(ctx.signals.data_changed) as signal:
        assert page.restore(page.backup_list.item(0).data(256))
    assert signal.args == ["all"]
    assert len(episodes_between(TEST_NOW.replace(hour=0), TEST_NOW.replace(hour=23))) == 1
    assert list(ctx.data_dir.glob("*.before-restore*"))


def test_magnesium_dose_names_the_limits_next_to_the_field(ctx, qtbot):
    page = wiring.settings_page(ctx)
    qtbot.addWidget(page)
    dose = page.editors["magnesium_dose_mg"]
    dose.setValue(200)
    assert page.dose_note.isHidden()
    dose.setValue(300)
    assert not page.dose_note.isHidden()
    assert "250 mg" in page.dose_note.text() and "350 mg" in page.dose_note.text()
    dose.setValue(400)
    assert "doctor" in page.dose_note.text()


def test_the_reminders_section_and_the_magnesium_field_stay_in_step(ctx, qtbot):
    from liptwitch_desktop.store.settings import set_setting

    set_setting("magnesium_notice_shown", True)  # the one-time notice is tested elsewhere
    page = wiring.settings_page(ctx)
    qtbot.addWidget(page)
    magnesium = next(k for k in page.reminders.groups if k.value == "magnesium")
    page.reminders.groups[magnesium].setChecked(True)
    page.reminders.dose.setValue(150)
    page.reminders.dose.editingFinished.emit()
    assert page.editors["magnesium_dose_mg"].value() == 150
