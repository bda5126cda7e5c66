"""Each kind of log entry once, in one registry, and every use of the kinds reads it."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from liptwitch_desktop.controllers.entry_kinds import entry_kinds, kind_of
from liptwitch_desktop.controllers.log import LogController
from liptwitch_desktop.core.changes import Change
from liptwitch_desktop.core.entries import CheckIn, Episode, Intake, IntakeKind
from liptwitch_desktop.core.medicines import Medicine
from tests.conftest import TEST_NOW


def test_every_kind_of_entry_is_registered_once_with_its_own_change() -> None:
    kinds = entry_kinds()
    assert {k.type for k in kinds} == {Episode, Intake, CheckIn, Medicine}
    assert len({k.change for k in kinds}) == len(kinds) == 4
    assert kind_of(Episode(started_at=TEST_NOW)).change is Change.EPISODE
    with pytest.raises(TypeError, match="not a kind of log entry"):
        kind_of(object())  # type: ignore[arg-type]


def test_the_window_has_an_editor_for_every_registered_kind(ctx: Any, controllers: Any) -> None:
    from liptwitch_desktop.ui.main_window import MainWindow

    window = MainWindow(ctx, controllers)
    try:
        assert set(window.entries.editors()) == {k.change for k in entry_kinds()}
    finally:
        window.deleteLater()


def test_one_change_per_step_the_kinds_own_or_all_when_mixed(ctx: Any, qtbot: Any) -> None:
    controller = LogController(ctx)
    changes: list[Change] = []
    ctx.signals.data_changed.connect(changes.append)
    now = ctx.clock.now()
    episode = controller.add(Episode(now - timedelta(minutes=5), duration_s=20))
    intake = controller.add(Intake(now, IntakeKind.WATER, water_ml=250))
    checkin = controller.add(CheckIn(day=date(2026, 3, 10), sleep_hours=7))
    again = controller.add(CheckIn(day=date(2026, 3, 10), sleep_hours=6))  # edits the first
    assert again.id == checkin.id
    assert changes == [Change.EPISODE, Change.INTAKE, Change.CHECKIN, Change.CHECKIN]
    controller.delete([intake])
    controller.delete([episode, again])
    assert changes[-2:] == [Change.INTAKE, Change.ALL]
