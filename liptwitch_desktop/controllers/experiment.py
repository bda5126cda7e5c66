"""Starting and steering a self-experiment (issue 17): each call is one store transaction
and one Change.EXPERIMENT. A refusal (another experiment running, a stopped one, too many
pairs) raises ExperimentRefused with its sentence before anything is stored or announced;
a clock that cannot be right (1970, 2150) raises ClockLooksWrong, as the log's controller.

The order of periods is drawn here, from the operating system's randomness: the coin must
not be predictable from the clock or the data.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoCommand, QUndoStack

from ..core.changes import Change
from ..runtime.context import AppContext

if TYPE_CHECKING:
    from ..core.experiment import Experiment
    from ..core.experiment.text import Translate
    from ..store.experiments import StoredExperiment


def zone_name(zone: object) -> str:
    """The IANA name of the person's zone; a fixed offset (no name) falls back to UTC."""
    key = getattr(zone, "key", None)
    return key if isinstance(key, str) and key else "UTC"


class _ExperimentStep(QUndoCommand):
    """Pause, resume, extend or stop as one step on the window's undo stack (the log's), so
    Ctrl+Z takes back that step, not an older entry. Undo and redo put the stored plan back
    as it was before or after, keeping the latest day seen (a clock check must not forget it).
    """

    def __init__(
        self,
        text: str,
        experiment_id: int,
        before: Experiment,
        after: Experiment,
        notify: Callable[[], None],
    ) -> None:
        super().__init__(text)
        self._id = experiment_id
        self._before = before
        self._after = after
        self._notify = notify
        self._done = True  # pushed after the step was stored

    def _put(self, plan: Experiment) -> None:
        from dataclasses import replace

        from ..store import experiments as store

        store.update(
            self._id,
            lambda e: replace(plan, last_seen_day=max(e.last_seen_day, plan.last_seen_day)),
        )
        self._notify()

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self._put(self._after)

    def undo(self) -> None:
        self._put(self._before)


class ExperimentController(QObject):
    def __init__(
        self,
        ctx: AppContext,
        parent: QObject | None = None,
        rng: random.Random | None = None,
        undo_stack: QUndoStack | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._rng = rng if rng is not None else random.SystemRandom()
        # The log's stack (one Ctrl+Z for the window); None in tests that need no undo.
        self._undo = undo_stack

    @property
    def undo_stack(self) -> QUndoStack | None:
        """The stack its pause, resume, extend and stop go on (the window's one stack)."""
        return self._undo

    def start(
        self,
        change_id: str,
        weeks: int,
        params: dict[str, str | int | float] | None = None,
        start_day: date | None = None,
        tr: Translate | None = None,
        washout_days: int | None = None,
    ) -> StoredExperiment:
        from ..core.clock_sense import can_date
        from ..core.experiment import new_experiment
        from ..store import experiments as store

        can_date(self._ctx.clock.now())  # a 1970 clock plans nothing (ClockLooksWrong)
        today = self._ctx.today()
        kw = {} if tr is None else {"tr": tr}
        existing = [s.experiment for s in store.history()[0]]
        exp = new_experiment(
            change_id,
            weeks,
            today,
            self._rng,
            day_start=self._ctx.day_start,
            zone_name=zone_name(self._ctx.zone),
            start_day=start_day,
            params=params,
            washout_days=washout_days,
            existing=existing,
            **kw,
        )
        stored = store.start(exp, today, self._ctx.clock.now())
        if self._undo is not None:
            # A start is not undoable (stop it instead); Ctrl+Z must not reach past it to an
            # older log entry the person no longer has in mind.
            self._undo.clear()
        self._ctx.signals.changed(Change.EXPERIMENT)
        return stored

    def _step(
        self, experiment_id: int, step: Callable[[Experiment], Experiment], label: str
    ) -> StoredExperiment:
        from ..core.clock_sense import can_date
        from ..store import experiments as store

        can_date(self._ctx.clock.now())
        before = store.get(experiment_id).experiment
        stored = store.update(experiment_id, step)
        if self._undo is not None and stored.experiment != before:
            self._undo.push(
                _ExperimentStep(
                    label,
                    experiment_id,
                    before,
                    stored.experiment,
                    lambda: self._ctx.signals.changed(Change.EXPERIMENT),
                )
            )
        self._ctx.signals.changed(Change.EXPERIMENT)
        return stored

    def pause(self, experiment_id: int, tr: Translate | None = None) -> StoredExperiment:
        from ..core.experiment import pause

        today = self._ctx.today()
        return self._step(
            experiment_id, lambda e: pause(e, today, *_tr(tr)), self.tr("Pause the experiment")
        )

    def resume(self, experiment_id: int, tr: Translate | None = None) -> StoredExperiment:
        from ..core.experiment import resume

        today = self._ctx.today()
        return self._step(
            experiment_id, lambda e: resume(e, today, *_tr(tr)), self.tr("Resume the experiment")
        )

    def extend(self, experiment_id: int, tr: Translate | None = None) -> StoredExperiment:
        from ..core.experiment import extend

        today = self._ctx.today()
        return self._step(
            experiment_id,
            lambda e: extend(e, today, self._rng, *_tr(tr)),
            self.tr("Extend the experiment"),
        )

    def stop(self, experiment_id: int, tr: Translate | None = None) -> StoredExperiment:
        from ..core.experiment import stop

        today = self._ctx.today()
        return self._step(
            experiment_id, lambda e: stop(e, today, *_tr(tr)), self.tr("Stop the experiment")
        )

    def note_seen(self) -> None:
        """Remember today as seen on the running plan (store.experiments.note_seen), so a
        clock set back later is noticed; no Change: nothing anyone shows differs."""
        from ..store import experiments as store

        store.note_seen(self._ctx.today(), self._ctx.clock.now())


def _tr(tr: Translate | None) -> tuple[Translate, ...]:
    return () if tr is None else (tr,)
