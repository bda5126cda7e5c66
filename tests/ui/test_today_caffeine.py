"""Today's caffeine card (the body now and at bedtime as a curve; a bar that turns amber near
and red over the limit), the question before a drink that takes the day over the limit, and
stress beside sleep."""

from __future__ import annotations

from datetime import datetime, time

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QMessageBox

from liptwitch_desktop.core.caffeine import CaffeineDose, bedtime_instant, caffeine_remaining_at
from liptwitch_desktop.core.caffeine_limit import LimitLevel
from liptwitch_desktop.core.changes import Change
from liptwitch_desktop.core.entries import CheckIn, Intake, IntakeKind
from liptwitch_desktop.store.entries import add_intake, save_checkin
from liptwitch_desktop.store.settings import set_setting
from liptwitch_desktop.ui.today_caffeine import LEVEL_COLOURS

from ..modal import with_modal
from .test_log_flow import make_window as _make_window


def make_window(ctx, qtbot):
    """The window after its first paint (the curve is built then)."""
    window = _make_window(ctx, qtbot)
    qtbot.waitUntil(lambda: window.painted)
    return window


def _drink(ctx, hour: int, mg: float, label: str = "Coffee") -> Intake:
    at = datetime.combine(ctx.today(), time(hour), tzinfo=ctx.zone)
    return add_intake(Intake(at, IntakeKind.CAFFEINE, label, caffeine_mg=mg))


def test_body_now_and_at_bedtime_as_a_curve(ctx, qtbot):
    doses = [_drink(ctx, 8, 200), _drink(ctx, 13, 95)]
    window = make_window(ctx, qtbot)
    card = window.page("today").caffeine_card
    now = ctx.clock.now()
    model = [CaffeineDose(d.taken_at, d.caffeine_mg) for d in doses]
    expected_now = caffeine_remaining_at(model, now, 5.0)
    bed = bedtime_instant(ctx.today(), time(23), ctx.zone, ctx.day_start)
    expected_bed = caffeine_remaining_at(model, bed, 5.0)
    assert card.now_mg == pytest.approx(expected_now)
    assert card.bedtime_mg == pytest.approx(expected_bed)
    text = card.body_now.text()
    assert f"In your body now: about {expected_now:.0f} mg" in text
    assert f"Expected at bedtime (23:00): about {expected_bed:.0f} mg" in text
    assert card.curve.isVisible() and len(card.curve.points) > 50
    # The curve's top is at a drink (the rise is drawn at the drink itself, not before it);
    # now and bedtime are marked.
    assert 0 < card.curve.now_at < card.curve.bed_at < 1
    peak_x, peak = max(card.curve.points, key=lambda p: p[1])
    at_drinks = [caffeine_remaining_at(model, d.taken_at, 5.0) for d in doses]
    assert peak == pytest.approx(max(at_drinks), rel=1e-6)
    # Painted, not blank: under the curve, between the first drink and now, is filled.
    image = card.curve.grab().toImage()
    background = image.pixelColor(image.width() - 1, image.height() // 2)
    x = int((peak_x + card.curve.now_at) / 2 * image.width())
    filled = [y for y in range(image.height()) if image.pixelColor(x, y) != background]
    assert len(filled) > image.height() // 4
    # The half-life setting is the model's: a longer one leaves more at bedtime.
    set_setting("caffeine_half_life_h", 8.0)
    ctx.signals.changed(Change.SETTINGS)
    assert card.bedtime_mg == pytest.approx(caffeine_remaining_at(model, bed, 8.0))
    assert card.bedtime_mg > expected_bed


def test_no_drinks_no_curve(ctx, qtbot):
    card = make_window(ctx, qtbot).page("today").caffeine_card
    assert card.curve is not None and not card.curve.isVisible()
    assert "No caffeine" in card.body_now.text()


def test_bar_turns_amber_near_and_red_over_the_limit(ctx, qtbot):
    window = make_window(ctx, qtbot)
    today = window.page("today")
    card = today.caffeine_card
    default = card.bar.palette().color(QPalette.ColorRole.Highlight)
    _drink(ctx, 8, 300)
    ctx.signals.changed(Change.INTAKE)
    assert card.level is LimitLevel.OK
    assert card.bar.palette().color(QPalette.ColorRole.Highlight) == default
    _drink(ctx, 9, 30)  # 330 of 400 mg: near
    ctx.signals.changed(Change.INTAKE)
    assert card.level is LimitLevel.NEAR
    assert card.bar.palette().color(QPalette.ColorRole.Highlight) == QColor(
        LEVEL_COLOURS[LimitLevel.NEAR]
    )
    assert "near the limit" in today.caffeine_body.text()  # words, not colour alone
    _drink(ctx, 10, 95)
    ctx.signals.changed(Change.INTAKE)
    assert card.level is LimitLevel.OVER
    assert card.bar.palette().color(QPalette.ColorRole.Highlight) == QColor(
        LEVEL_COLOURS[LimitLevel.OVER]
    )
    assert "over the limit" in today.caffeine_body.text()
    # In pregnancy the limit is 200 mg (settings): the same day is over it.
    set_setting("caffeine_limit_mg", 200)
    ctx.signals.changed(Change.SETTINGS)
    assert "425 mg of your 200 mg daily limit" in today.caffeine_body.text()


def test_a_drink_over_the_limit_asks_first(ctx, qtbot):
    _drink(ctx, 8, 500)
    _drink(ctx, 10, 531)
    window = make_window(ctx, qtbot)
    today = window.page("today")
    espresso = next(d for d in window.entries.drinks() if d.id == "espresso")
    asked: dict[str, str] = {}

    def refuse(box: QMessageBox) -> None:
        asked["text"] = box.text()
        box.escapeButton().click()  # the default: don't log it

    with_modal(refuse, lambda: window.entries.log_drink_preset(espresso))
    total = 1031 + espresso.caffeine_mg
    assert asked["text"] == (
        f"This takes today to {total:,.0f} mg, above your 400 mg limit. Log it anyway?"
    )
    assert today.summary.caffeine_mg == 1031  # refused: nothing logged

    def accept(box: QMessageBox) -> None:
        next(b for b in box.buttons() if "anyway" in b.text()).click()

    with_modal(accept, lambda: window.entries.log_drink_preset(espresso))
    assert today.summary.caffeine_mg == pytest.approx(total)


def test_a_drink_within_the_limit_is_logged_without_a_question(ctx, qtbot):
    window = make_window(ctx, qtbot)
    espresso = next(d for d in window.entries.drinks() if d.id == "espresso")
    assert window.entries.log_drink_preset(espresso) is not None  # no modal: would hang


def test_the_dialog_asks_too_and_keeps_nothing_when_refused(ctx, qtbot):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QDialogButtonBox

    _drink(ctx, 8, 390)
    window = make_window(ctx, qtbot)
    asked: list[str] = []

    def answer_box() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            asked.append(box.text())
            box.escapeButton().click()
        else:
            QTimer.singleShot(10, answer_box)

    def fill(dialog) -> None:
        dialog.label_edit.setText("Energy drink")
        dialog.amount.setValue(160)
        QTimer.singleShot(10, answer_box)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    with_modal(fill, lambda: window.entries.new_intake(IntakeKind.CAFFEINE))
    assert asked and "550 mg, above your 400 mg limit" in asked[0]
    assert window.page("today").summary.caffeine_mg == 390


def test_stress_shows_beside_sleep(ctx, qtbot):
    save_checkin(CheckIn(day=ctx.today(), sleep_hours=6.5, stress=8))
    window = make_window(ctx, qtbot)
    text = window.page("today").sleep_body.text()
    assert "Sleep last night: 6.5 hours — under 7 hours" in text
    assert "Stress today: 8 of 10 — high" in text
