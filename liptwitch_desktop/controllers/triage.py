"""Triage results kept in the history: saving one and the plan items adopted on it, each one
transaction and one Change.TRIAGE; and which reminders a result's plan items stand for."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from ..core.changes import Change
from ..runtime.context import AppContext

if TYPE_CHECKING:
    from ..core.log_facts import LogFacts
    from ..core.triage.answers import TriageAnswers
    from ..core.triage.history import SavedTriage
    from ..core.triage.result import TriageResult


class TriageController(QObject):
    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx

    def save(
        self,
        answers: TriageAnswers,
        result: TriageResult,
        log_facts: LogFacts | None,
        adopted: Iterable[str],
    ) -> SavedTriage:
        """A result reached now, with the answers that led to it (ClockLooksWrong, nothing
        saved, under a clock that says 1970: the person has seen the result already)."""
        from ..core.clock_sense import can_date
        from ..store.triage_history import save_triage

        now = self._ctx.clock.now()
        can_date(now)
        saved = save_triage(now, answers, result, log_facts, adopted)
        self._ctx.signals.changed(Change.TRIAGE)
        return saved

    def set_adopted(self, record_id: int, adopted: Iterable[str]) -> SavedTriage:
        from ..store.triage_history import set_adopted

        saved = set_adopted(record_id, adopted)
        self._ctx.signals.changed(Change.TRIAGE)
        return saved

    @staticmethod
    def plan_reminders(action_ids: Iterable[str]) -> list[str]:
        """The reminder each adopted action names (knowledge base ids), in order; actions
        without one (advice, a doctor's visit) name none."""
        from ..core.knowledge import load_knowledge

        reminder_of = {action.id: action.reminder for action in load_knowledge().actions}
        return [reminder_of[a] for a in action_ids if reminder_of.get(a)]
