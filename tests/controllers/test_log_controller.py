"""The log controller on its own, without a window: one store call, one undo step and one
change signal for each action, and undo/redo put the store back exactly."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from liptwitch_desktop.controllers.log import LogController
from liptwitch_desktop.core.entries import Episode
from liptwitch_desktop.store.log_reads import episodes_between, running_episode


def test_twitching_now_then_stop_then_undo_each_step(ctx: Any, qtbot: Any) -> None:
    controller = LogController(ctx)
    changes: list[str] = []
    ctx.signals.data_changed.connect(changes.append)
    started = controller.toggle_twitching()
    assert started is not None and started.running
    assert running_episode() is not None and changes == ["episode"]
    ctx.clock.advance(timedelta(seconds=40))
    stopped = controller.toggle_twitching()
    assert stopped is not None and not stopped.running and running_episode() is None
    assert controller.undo_stack.count() == 2 and changes == ["episode", "episode"]
    controller.undo_stack.undo()
    assert running_episode() is not None  # back to running
    controller.undo_stack.undo()
    assert running_episode() is None
    now = ctx.clock.now()
    assert episodes_between(now - timedelta(hours=1), now + timedelta(hours=1)) == []
    assert changes == ["episode"] * 4


def test_add_then_undo_and_redo_an_episode(ctx: Any, qtbot: Any) -> None:
    controller = LogController(ctx)
    now = ctx.clock.now()
    saved = controller.add(Episode(now - timedelta(minutes=5), intensity=6, duration_s=20))
    window = (now - timedelta(hours=1), now + timedelta(hours=1))
    assert [e.id for e in episodes_between(*window)] == [saved.id]
    controller.undo_stack.undo()
    assert episodes_between(*window) == []
    controller.undo_stack.redo()
    assert [(e.intensity, e.duration_s) for e in episodes_between(*window)] == [(6, 20)]
