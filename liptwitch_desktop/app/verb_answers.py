"""The running app's answer to a headless verb (`liptwitch twitch`, `log`, `status`; see
cli/verbs.py): the composition root hands each request the single-instance listener reads
to `answer_verb`, which does it through the root's log controller, so the window updates at
once and Ctrl+Z undoes it there. Imported at the first request, after the first paint.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer

from ..cli.verb_actions import VerbContext, serve
from ..core.entries import IntakeKind

if TYPE_CHECKING:
    from ..platform.ipc_protocol import JSONObject, Request
    from .bootstrap import Root

log = logging.getLogger("liptwitch.app")


def open_in_app(root: Root, what: str) -> None:
    """`--in-app` (and a drink with no name): the window's own way, after the answer has
    gone (a dialog runs its own event loop): Ctrl+M's magnesium (the safety notice, the
    dose, a second dose asked about), or the drink or water dialog."""

    def show() -> None:
        window: Any = root.window.get()
        root.window.bring_forward()
        if what == "magnesium":
            window.entries.log_magnesium_now()
        else:
            window.entries.new_intake(IntakeKind.CAFFEINE if what == "drink" else IntakeKind.WATER)

    QTimer.singleShot(0, show)


def snoozed(root: Root) -> dict[str, datetime]:
    """The reminder service's snooze jobs, kind -> when the reminder shows again."""
    from ..reminders.followups import SNOOZE_PREFIX

    service = root.reminders
    planned = service.planned() if service is not None else {}
    return {
        job[len(SNOOZE_PREFIX) :]: at
        for job, at in planned.items()
        if job.startswith(SNOOZE_PREFIX)
    }


def answer_verb(root: Root, request: Request) -> JSONObject:
    """The result for the command's answer; VerbRefused (one line) when it is refused."""
    ctx = VerbContext(
        root.ctx.clock.now, root.ctx.zone, lambda: root.ctx.day_start, lambda: snoozed(root)
    )
    stack = root.controllers.log.undo_stack
    newest = stack.command(stack.index() - 1)
    result = serve(
        request.cmd,
        request.args,
        root.controllers.log,
        ctx,
        lambda what: open_in_app(root, what),
    )
    message = str(result.get("message", ""))
    log.info("verb %s from another process: %s", request.cmd, message.splitlines()[0])
    built: Any = root.window.built_window()
    if built is not None and request.cmd != "status" and "opened" not in result:
        from ..ui.feedback import say

        # Undo beside the line only for a step this verb made (its own, not an older one).
        made_a_step = stack.command(stack.index() - 1) is not newest
        say(built, message, undo=stack if made_a_step else None)
    return result
