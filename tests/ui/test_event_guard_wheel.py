"""The wheel changes only the field the person chose (issue 15 broken 2, review 12 W6).

Scrolling down Settings turned the weekly triage time from 10:00 to 01:00 and the caffeine
cutoff to 03:00, and saved them. With the app's wheel guard a wheel over a field without
focus changes nothing (not on screen, not in the store) and scrolls the page instead.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QScrollArea,
    QScrollBar,
    QWidget,
)

from liptwitch_desktop.core.schedule.specs import ReminderKind
from liptwitch_desktop.store.settings import all_settings
from liptwitch_desktop.ui.event_guard import install_event_guard

from .. import wiring


def wheel(widget: QWidget, steps: int = -3, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    """Turn the wheel over `widget`'s centre (negative: towards the person, i.e. down)."""
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(QPoint(int(centre.x()), int(centre.y())))),
        QPoint(0, 0),
        QPoint(0, 120 * steps),
        Qt.MouseButton.NoButton,
        modifiers,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def value_of(field: QWidget) -> object:
    if isinstance(field, QAbstractSpinBox):
        return field.text()
    if isinstance(field, QComboBox):
        return field.currentIndex()
    assert isinstance(field, QAbstractSlider)
    return field.value()


def fields(root: QWidget) -> list[QWidget]:
    found = root.findChildren(QAbstractSpinBox) + root.findChildren(QComboBox)
    found += [s for s in root.findChildren(QAbstractSlider) if not isinstance(s, QScrollBar)]
    return [f for f in found if f.isVisibleTo(root) and f.isEnabled()]


def test_wheel_over_settings_changes_nothing_and_scrolls(ctx, qapp, qtbot) -> None:
    install_event_guard(qapp)
    page = wiring.settings_page(ctx)
    qtbot.addWidget(page)
    page.resize(700, 500)
    page.show()
    qtbot.waitExposed(page)
    page.setFocus()
    before_settings = all_settings()
    triage_time = page.reminders.time_edits[ReminderKind.TRIAGE_WEEKLY]
    checked = fields(page)
    assert triage_time in checked and len(checked) >= 8
    bar = page.findChild(QScrollArea).verticalScrollBar()
    assert bar.maximum() > 0
    start = bar.value()
    for field in checked:
        # The inner line edit of a spin box is what lies under the pointer.
        target = field.findChild(QWidget, "qt_spinbox_lineedit") or field
        before = value_of(field)
        wheel(target, -3)
        wheel(target, +1)
        assert value_of(field) == before, field.accessibleName() or field.objectName()
        assert not field.hasFocus()
    # The store is untouched, and the page moved.
    triage_time.clearFocus()
    assert all_settings() == before_settings
    bar.setValue(start)
    wheel(triage_time.findChild(QWidget, "qt_spinbox_lineedit"), -3)
    assert bar.value() > start


def test_a_focused_field_still_takes_the_wheel(ctx, qapp, qtbot) -> None:
    install_event_guard(qapp)
    page = wiring.settings_page(ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    cutoff = page.editors["caffeine_cutoff"]
    before = cutoff.text()
    page.activateWindow()
    cutoff.setFocus()
    qtbot.waitUntil(cutoff.hasFocus)
    wheel(cutoff, -1)
    assert cutoff.text() != before


def test_value_fields_get_focus_by_click_or_tab_not_by_the_wheel(ctx, qapp, qtbot) -> None:
    install_event_guard(qapp)
    page = wiring.settings_page(ctx)
    qtbot.addWidget(page)
    for field in fields(page):
        assert field.focusPolicy() != Qt.FocusPolicy.WheelFocus


def test_the_app_installs_the_guard_once_after_the_first_paint(qapp, ctx) -> None:
    from types import SimpleNamespace

    from liptwitch_desktop.app.after_paint import after_paint_steps
    from liptwitch_desktop.ui.event_guard import EventGuard
    from liptwitch_desktop.ui.window_on_demand import WindowOnDemand

    window = WindowOnDemand(QWidget)
    root = SimpleNamespace(app=qapp, ctx=ctx, window=window, service_steps=lambda: [])
    steps = dict(after_paint_steps(root, follow_scheme=False))  # type: ignore[arg-type]
    before = len(qapp.findChildren(EventGuard))  # (an earlier test's app may have one)
    steps["the mouse wheel guard"]()
    # Started in the tray: no window whose fields the wheel could change, no filter yet.
    assert len(qapp.findChildren(EventGuard)) == before
    assert len(window._on_build) == 1  # it waits for the window
    window.get()  # first opened
    steps["the mouse wheel guard"]()
    assert len(qapp.findChildren(EventGuard)) == 1
