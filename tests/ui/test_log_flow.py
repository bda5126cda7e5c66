from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QPushButton

from liptwitch_desktop.app.bootstrap import build_controllers
from liptwitch_desktop.core.entries import IntakeKind
from liptwitch_desktop.store.entries import episodes_between, running_episode
from liptwitch_desktop.ui.main_window import MainWindow

from ..modal import with_modal


def make_window(ctx, qtbot):
    window = MainWindow(ctx, build_controllers(ctx))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def all_episodes(ctx):
    now = ctx.clock.now()
    return episodes_between(now - timedelta(days=30), now + timedelta(days=1))


def test_twitching_now_stop_edit_delete_undo(ctx, qtbot):
    window = make_window(ctx, qtbot)
    today = window.page("today")
    qtbot.mouseClick(today.twitch_button, Qt.MouseButton.LeftButton)
    assert running_episode() is not None
    assert "Stop" in today.twitch_button.text()

    ctx.clock.advance(timedelta(minutes=2, seconds=30))
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)  # Ctrl+T stops
    [episode] = all_episodes(ctx)
    assert episode.duration_s == 150
    assert today.twitch_button.text() == "Twitching now"
    assert "1 twitch" in today.episodes_body.text()

    log = window.show_page("log")
    assert log.model.rowCount() == 1
    assert "2 min" in log.model.index(0, 3).data()

    log.table.selectRow(0)

    def edit(dialog):
        dialog.intensity.setValue(8)
        dialog.activity.setText("reading")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    assert with_modal(edit, log.edit_selected) == ["EpisodeDialog"]
    [edited] = all_episodes(ctx)
    assert edited.intensity == 8 and edited.activity == "reading"
    assert "intensity 8/10, while reading" in log.model.index(0, 2).data()

    window.activateWindow()  # the window manager's job after a dialog closes
    qtbot.waitUntil(window.isActiveWindow)
    log.table.selectRow(0)
    qtbot.mouseClick(log.delete_button, Qt.MouseButton.LeftButton)
    assert all_episodes(ctx) == [] and log.model.rowCount() == 0
    assert window.statusBar().currentMessage().startswith("Deleted 1 entry")
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    # The stale "Deleted" is gone; what the undo did is said instead (issue 15).
    assert window.statusBar().currentMessage() == "Undone: Delete entry"
    assert all_episodes(ctx) == [edited]
    assert log.model.rowCount() == 1


def test_form_refuses_bad_values_with_a_message_next_to_the_field(ctx, qtbot):
    window = make_window(ctx, qtbot)
    messages = {}

    def fill_badly(dialog):
        dialog.started.setDateTime(dialog.started.dateTime().addDays(2))  # the future
        dialog.intensity.setValue(11)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        messages["started"] = dialog.errors.message("started_at")
        messages["intensity"] = dialog.errors.message("intensity")
        assert dialog.isVisible()  # refused: still open
        dialog.reject()

    with_modal(fill_badly, window.entries.new_episode)
    assert "future" in messages["started"]
    assert "1 (barely noticeable) to 10" in messages["intensity"]
    assert all_episodes(ctx) == []


def test_drink_preset_one_click_and_today_caffeine(ctx, qtbot):
    window = make_window(ctx, qtbot)
    espresso = next(d for d in window.entries.drinks() if d.id == "espresso")
    window.entries.log_drink_preset(espresso)
    window.entries.log_drink_preset(espresso)
    today = window.page("today")
    assert "126 mg of your 400 mg daily limit" in today.caffeine_body.text()
    from liptwitch_desktop.store.settings import set_settings

    # The first dose and the safety notice are asked once (tests/ui/test_triage_edges.py).
    set_settings({"magnesium_notice_shown": True, "magnesium_dose_confirmed": True})
    window.entries.log_magnesium_now()
    assert "200 mg" in today.magnesium_body.text()

    def water(dialog):
        dialog.amount.setValue(500)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    with_modal(water, lambda: window.entries.new_intake(IntakeKind.WATER))
    assert window.page("today").summary.water_ml == 500


def test_csv_export_of_visible_rows(ctx, qtbot, tmp_path):
    window = make_window(ctx, qtbot)
    espresso = next(d for d in window.entries.drinks() if d.id == "espresso")
    window.entries.log_drink_preset(espresso)
    window.entries.toggle_twitching()
    log = window.show_page("log")
    out = tmp_path / "log.csv"
    assert log.export_csv(out) == 2
    text = out.read_text()
    assert text.splitlines()[0].startswith("kind,local_time")
    assert "caffeine" in text and "episode" in text


def test_checkin_dialog_saves_and_today_shows_sleep(ctx, qtbot):
    window = make_window(ctx, qtbot)

    def fill(dialog):
        dialog.sleep.setValue(6.5)
        dialog.stress.setValue(8)
        dialog.grinding.setChecked(True)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    with_modal(fill, window.entries.checkin)
    assert "6.5 hours" in window.page("today").sleep_body.text()
    assert "under 7 hours" in window.page("today").sleep_body.text()


def test_custom_drink_is_remembered_as_a_preset(ctx, qtbot):
    window = make_window(ctx, qtbot)

    def custom(dialog):
        dialog.choice.setCurrentIndex(dialog.choice.count() - 1)  # "Other drink…"
        assert dialog.remember.isVisibleTo(dialog)
        dialog.label_edit.setText("Matcha latte")
        dialog.amount.setValue(70)
        dialog.remember.setChecked(True)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    with_modal(custom, lambda: window.entries.new_intake(IntakeKind.CAFFEINE))
    matcha = [d for d in window.entries.drinks() if d.label == "Matcha latte"]
    assert matcha and matcha[0].caffeine_mg == 70 and matcha[0].custom
    assert "70 mg" in window.page("today").caffeine_body.text()


def test_drink_without_a_name_is_refused(ctx, qtbot):
    window = make_window(ctx, qtbot)
    messages = {}

    def nameless(dialog):
        dialog.choice.setCurrentIndex(dialog.choice.count() - 1)
        dialog.amount.setValue(50)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        messages["label"] = dialog.errors.message("label")
        dialog.reject()

    with_modal(nameless, lambda: window.entries.new_intake(IntakeKind.CAFFEINE))
    assert "Say which drink" in messages["label"]


def test_first_start_offers_the_triage_from_today(ctx, qtbot):
    window = make_window(ctx, qtbot)
    today = window.page("today")
    assert today.triage_prompt.isVisible()
    qtbot.mouseClick(today.triage_prompt, Qt.MouseButton.LeftButton)
    wizard = window.page("triage").wizard
    assert wizard is not None and wizard.isVisible()
    assert window.stack.currentWidget() is window.page("triage")
    wizard.reject()


def test_triage_prefills_a_medicine_started_lately_from_the_list(ctx, qtbot):
    from liptwitch_desktop.core.medicines import Medicine
    from liptwitch_desktop.store.medicines import add_medicine

    today = ctx.today()
    add_medicine(Medicine(name="Salbutamol inhaler", started=today - timedelta(weeks=3)))
    add_medicine(Medicine(name="Old tablets", started=today - timedelta(weeks=20)))
    window = make_window(ctx, qtbot)
    wizard = window.start_triage()
    question = wizard.widgets["medicine_recent"]
    assert question.value() == ("other_medicine",)
    assert "Salbutamol inhaler" in question.note.text()
    assert "Old tablets" not in question.note.text()
    question.set_value(("asthma_inhaler",))  # the person corrects it
    assert wizard.answers().values["medicine_recent"] == ("asthma_inhaler",)
    wizard.reject()


def test_persistence_watch_banner_after_more_than_two_weeks(ctx, qtbot):
    from liptwitch_desktop.core.entries import Episode
    from liptwitch_desktop.store.entries import add_episode

    now = ctx.clock.now()
    for days_ago in range(0, 17, 2):  # every other day for 16 days: no 7-day gap
        add_episode(Episode(started_at=now - timedelta(days=days_ago), intensity=3, duration_s=30))
    window = make_window(ctx, qtbot)
    qtbot.waitUntil(lambda: window.page("today").banners.texts() != [])  # after first paint
    texts = window.page("today").banners.texts()
    assert len(texts) == 1
    assert "more than 2 weeks" in texts[0] and "17 days" in texts[0]
    today = window.page("today")
    [shown] = [b for b in today.banners.banners() if b.key == "persistence"]
    qtbot.mouseClick(shown.findChild(QPushButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not today.banners.findChildren(type(shown)))
    today.refresh()
    assert today.banners.texts() == []  # dismissed stays dismissed this session


def test_second_magnesium_dose_is_asked_about_and_the_day_total_warns(ctx, qtbot):
    from PySide6.QtWidgets import QMessageBox

    from liptwitch_desktop.store.settings import set_setting

    set_setting("magnesium_dose_mg", 200)
    set_setting("magnesium_dose_confirmed", True)  # the first dose is asked once (elsewhere)
    set_setting("magnesium_notice_shown", True)
    window = make_window(ctx, qtbot)
    today = window.page("today")
    assert window.entries.log_magnesium_now() is not None
    assert today.magnesium_body.text().startswith("✓")
    asked = {}

    def refuse(box):
        asked["text"] = box.text()
        box.button(QMessageBox.StandardButton.No).click()

    with_modal(refuse, window.entries.log_magnesium_now)
    assert "already logged 200 mg" in asked["text"] and "400 mg in all" in asked["text"]
    assert "350 mg" in asked["text"]  # above both limits: named, with a doctor's advice
    assert today.summary.magnesium_mg == 200  # refused: nothing logged

    def accept(box):
        box.button(QMessageBox.StandardButton.Yes).click()

    with_modal(accept, window.entries.log_magnesium_now)
    assert today.summary.magnesium_mg == 400
    assert today.magnesium_body.text().startswith("⚠")
    assert "doctor" in today.magnesium_body.text()
