"""The undo stack's commands hold no reference back to their controller: such a cycle was
collected by the garbage collector in an order that freed commands under the stack
(a segfault in QUndoStack::clear(), seen in the UI tests)."""

from __future__ import annotations

import gc
import weakref

from liptwitch_desktop.controllers.log import LogController
from liptwitch_desktop.core.entries import Intake, IntakeKind


def test_a_dropped_controller_goes_at_once_without_the_collector(ctx) -> None:
    controller = LogController(ctx)
    controller.add(Intake(ctx.clock.now(), IntakeKind.WATER, "", water_ml=250))
    gone = weakref.ref(controller)
    gc.disable()
    try:
        del controller
        assert gone() is None  # freed by its last reference, not left for the collector
    finally:
        gc.enable()
