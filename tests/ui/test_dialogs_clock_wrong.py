"""The episode, drink and check-in dialogs under a clock that cannot be right (1970, 2150):
they say the computer's clock looks wrong (not only "Dates before the year 2000 are not
accepted"), save nothing and keep what was typed; once the clock is right, Save saves."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from liptwitch_desktop.core.clock import FakeClock
from liptwitch_desktop.core.entries import IntakeKind
from liptwitch_desktop.ui.dialogs.base import ValidatingDialog
from liptwitch_desktop.ui.dialogs.checkin_dialog import CheckInDialog
from liptwitch_desktop.ui.dialogs.episode_dialog import EpisodeDialog
from liptwitch_desktop.ui.dialogs.intake_dialogs import IntakeDialog
from liptwitch_desktop.ui.timeedit import to_qdatetime

ZONE = ZoneInfo("Europe/London")
RIGHT = datetime(2026, 3, 10, 12, tzinfo=UTC)

DIALOGS: dict[str, Callable[[FakeClock], ValidatingDialog]] = {
    "episode": lambda clock: EpisodeDialog(clock.now, ZONE),
    "drink": lambda clock: IntakeDialog(IntakeKind.CAFFEINE, clock.now, ZONE),
    "water": lambda clock: IntakeDialog(IntakeKind.WATER, clock.now, ZONE),
    "checkin": lambda clock: CheckInDialog(clock.now, clock.now().date()),
}


def _field_errors(dialog: ValidatingDialog) -> list[str]:
    return [label.text() for label in dialog.errors._labels.values() if label.isVisible()]


@pytest.mark.parametrize("kind", sorted(DIALOGS))
@pytest.mark.parametrize(
    "wrong",
    [datetime(1970, 1, 2, 9, tzinfo=UTC), datetime(2150, 6, 1, 9, tzinfo=UTC)],
    ids=["1970", "2150"],
)
def test_a_wrong_clock_is_named_and_nothing_is_saved(
    qtbot: Any, kind: str, wrong: datetime
) -> None:
    clock = FakeClock(wrong)
    dialog = DIALOGS[kind](clock)
    qtbot.addWidget(dialog)
    saved: list[int] = []
    dialog.save_with(lambda: saved.append(1))
    dialog.show()
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    save.click()
    assert dialog.isVisible() and saved == []
    text = dialog.clock_error.text()
    assert dialog.clock_error.isVisible() and "clock looks wrong" in text, text
    assert str(wrong.year) in text
    assert not any("2000" in e for e in _field_errors(dialog)), _field_errors(dialog)
    clock.set(RIGHT)  # the person set the clock; what they typed is still there
    if kind == "checkin":
        dialog.day.setDate(date(2026, 3, 10))
        dialog.sleep.setValue(7)  # (a check-in starts empty and needs one value)
    else:
        _move_to_now(dialog)
    if kind == "drink":
        dialog.label_edit.setText("Coffee")  # type: ignore[attr-defined]
        dialog.amount.setValue(95)  # type: ignore[attr-defined]
    save.click()
    assert saved == [1] and not dialog.isVisible()
    assert not dialog.clock_error.isVisible()


def _move_to_now(dialog: ValidatingDialog) -> None:
    """The person corrects the time the 1970 clock filled in."""
    field = getattr(dialog, "started", None) or dialog.taken  # type: ignore[attr-defined]
    field.setDateTime(to_qdatetime(RIGHT.replace(hour=11), ZONE))
