"""Today's experiment line: "Week 3 of 6: no caffeine after 12:00 this week", the days kept,
and a button to the Experiment page; without an experiment, a quiet offer to start one.

Built just after the first paint (TodayPage.first_paint_done): reading the plan and the log
for it must not delay the window.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...core.changes import Change
from ...runtime.context import AppContext

REFRESH_ON = {
    Change.EXPERIMENT,
    Change.INTAKE,
    Change.CHECKIN,
    Change.EPISODE,
    Change.SETTINGS,  # the day start
    Change.ZONE,
    Change.ALL,
}


class ExperimentCard(QFrame):
    def __init__(
        self,
        ctx: AppContext,
        open_page: Callable[[], None],
        parent: QWidget | None = None,
        note_seen: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._note_seen = note_seen
        self.setObjectName("today_experiment")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.heading = QLabel(self.tr("Find out for sure"))
        bold = self.heading.font()
        bold.setBold(True)
        self.heading.setFont(bold)
        self.line = QLabel()
        self.line.setObjectName("today_experiment_line")
        self.line.setWordWrap(True)
        self.kept = QLabel()
        self.kept.setObjectName("today_experiment_kept")
        self.kept.setWordWrap(True)
        self.button = QPushButton()
        self.button.setObjectName("today_experiment_open")
        self.button.clicked.connect(open_page)
        text = QVBoxLayout()
        text.addWidget(self.heading)
        text.addWidget(self.line)
        text.addWidget(self.kept)
        row = QHBoxLayout(self)
        row.addLayout(text, 1)
        row.addWidget(self.button)
        ctx.signals.data_changed.connect(self._changed)
        self.refresh()

    def _changed(self, change: Change) -> None:
        if change in REFRESH_ON:
            self.refresh()

    def refresh(self) -> None:
        from ...store.experiment_view import current_view
        from .texts import tr

        if self._note_seen is not None:
            self._note_seen()  # the controller remembers today as seen (a clock set back)
        found = current_view(self.ctx.today(), self.ctx.zone, tr)
        view = found[1] if found else None
        if view is None or not view.active:
            self.line.setText(
                self.tr(
                    "Suspect caffeine, short nights or a food? Test one change for a few "
                    "weeks and get an honest answer."
                )
            )
            if view is not None:
                self.line.setText(view.analysis.answer)
            self.kept.hide()
            self.button.setText(self.tr("Test a change…"))
            return
        self.line.setText(view.status)
        self.kept.setText(view.kept_line or "")
        self.kept.setVisible(bool(view.kept_line))
        self.button.setText(self.tr("Open the experiment"))
