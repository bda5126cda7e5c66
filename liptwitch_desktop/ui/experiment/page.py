"""The Experiment page: the running plan (where it stands, pause / extend / stop), its answer
(so far or final: one sentence, the picture, the details) and the history of past ones."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...core.changes import Change
from ...core.experiment.text import format_day
from ...runtime.context import AppContext
from .strip import CalendarStrip, plan_boxes
from .texts import tr, why_both, why_random

if TYPE_CHECKING:
    from ...controllers.experiment import ExperimentController
    from ...controllers.settings import SettingsController
    from ...core.experiment.view import ExperimentView
    from .chart import ResultsChart
    from .start_dialog import StartDialog

REFRESH_ON = {
    Change.EXPERIMENT,
    Change.EPISODE,
    Change.INTAKE,
    Change.CHECKIN,
    Change.SETTINGS,
    Change.ZONE,
    Change.ALL,
}


def _label(name: str, bold: bool = False, scale: float = 1.0) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if bold or scale != 1.0:
        font = label.font()
        font.setBold(bold)
        font.setPointSizeF(font.pointSizeF() * scale)
        label.setFont(font)
    return label


class ExperimentPage(QWidget):
    def __init__(
        self,
        ctx: AppContext,
        controller: ExperimentController,
        settings: SettingsController,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.controller = controller
        self.settings = settings
        self.view: ExperimentView | None = None
        self.stored_id: int | None = None
        self.chart: ResultsChart | None = None
        self.start_dialog: StartDialog | None = None
        # Asked before stopping; tests replace it (a message box would block them).
        self.confirm: Callable[[str, str], bool] = self._ask  # (text, title)

        heading = _label("experiment_heading", bold=True, scale=1.5)
        heading.setText(self.tr("Find out for sure"))
        self.none_label = _label("experiment_none")
        self.none_label.setText(
            self.tr(
                "The trends can only say what went with more twitching. To find out whether "
                "changing something helps you, test it: weeks with the change and weeks as "
                "usual, in an order a coin decides, then an honest answer."
            )
            + "\n\n"
            + why_both()
            + "\n\n"
            + why_random()
        )
        self.title = _label("experiment_title", bold=True, scale=1.2)
        self.status = _label("experiment_status", scale=1.15)
        self.kept = _label("experiment_kept")
        self.note = _label("experiment_note")
        self.strip = CalendarStrip()
        self.pause_button = QPushButton(self.tr("&Pause"))
        self.pause_button.setObjectName("experiment_pause")
        self.pause_button.setToolTip(self.tr("A sick week or a holiday: the plan waits for you"))
        self.extend_button = QPushButton(self.tr("&Extend by a pair"))
        self.extend_button.setObjectName("experiment_extend")
        self.extend_button.setToolTip(
            self.tr("Two more periods, one of each kind, in an order the coin decides")
        )
        self.stop_button = QPushButton(self.tr("St&op…"))
        self.stop_button.setObjectName("experiment_stop")
        self.new_button = QPushButton(self.tr("&Start an experiment…"))
        self.new_button.setObjectName("experiment_new")
        self.pause_button.clicked.connect(self._pause_or_resume)
        self.extend_button.clicked.connect(self._extend)
        self.stop_button.clicked.connect(self._stop)
        self.new_button.clicked.connect(lambda: self.open_start())
        self.error = _label("experiment_error")
        self.error.hide()
        buttons = QHBoxLayout()
        for b in (self.pause_button, self.extend_button, self.stop_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.new_button)

        self.results_heading = _label("experiment_results_heading", bold=True)
        self.answer = _label("experiment_answer", bold=True, scale=1.1)
        self.chart_box = QVBoxLayout()
        self.details = _label("experiment_details")
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.can_show = _label("experiment_can_show")
        self.history_heading = _label("experiment_history_heading", bold=True)
        self.history_heading.setText(self.tr("Earlier experiments"))
        self.history = _label("experiment_history")
        self.history.setTextFormat(Qt.TextFormat.PlainText)

        content = QWidget()
        body = QVBoxLayout(content)
        body.addWidget(heading)
        body.addWidget(self.none_label)
        body.addWidget(self.title)
        body.addWidget(self.status)
        body.addWidget(self.kept)
        body.addWidget(self.note)
        body.addWidget(self.strip)
        body.addLayout(buttons)
        body.addWidget(self.error)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        body.addWidget(line)
        body.addWidget(self.results_heading)
        body.addWidget(self.answer)
        body.addLayout(self.chart_box)
        body.addWidget(self.details)
        body.addWidget(self.can_show)
        body.addWidget(self.history_heading)
        body.addWidget(self.history)
        body.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        ctx.signals.data_changed.connect(self._on_data_changed)
        self.refresh()

    # --- showing ----------------------------------------------------------------------------

    def _on_data_changed(self, change: Change) -> None:
        if change in REFRESH_ON:
            self.refresh()

    def refresh(self) -> None:
        from ...store.experiment_view import current_view
        from ...store.experiments import history

        today = self.ctx.today()
        self.controller.note_seen()  # so a clock set back later is noticed and said
        found = current_view(today, self.ctx.zone, tr)
        self.view = found[1] if found else None
        self.stored_id = found[0].id if found else None
        has = self.view is not None
        shown: tuple[QWidget, ...] = (
            self.title,
            self.status,
            self.strip,
            self.results_heading,
            self.answer,
            self.details,
            self.can_show,
            self.pause_button,
            self.extend_button,
            self.stop_button,
        )
        for w in shown:
            w.setVisible(has)
        self.none_label.setVisible(not has)
        self.error.hide()
        if self.view is not None:
            self._show(self.view, today)
        else:
            self.kept.hide()
            self.note.hide()
        self.new_button.setEnabled(self.view is None or not self.view.active)
        good, bad = history()
        past = [s for s in good if s.id != self.stored_id]
        lines = [self._history_line(s) for s in reversed(past)]
        lines += [
            self.tr("An experiment that cannot be read (kept as it is): {why}").format(why=b.reason)
            for b in bad
        ]
        self.history.setText("\n".join(lines))
        self.history.setVisible(bool(lines))
        self.history_heading.setVisible(bool(lines))

    def _history_line(self, stored: Any) -> str:
        from ...store.experiment_view import view_of

        v = view_of(stored.experiment, self.ctx.today(), self.ctx.zone, tr)
        return "• " + self.tr("{label}, %n week(s) from {day}: {answer}", "", v.weeks).format(
            label=tr(v.choice.label),
            day=format_day(stored.experiment.start_day, tr),
            answer=v.analysis.answer,
        )

    def _show(self, view: ExperimentView, today: Any) -> None:
        from ...core.experiment import Phase

        exp = view.experiment
        self.title.setText(
            self.tr("{label}: %n week(s) from {day}", "", view.weeks).format(
                label=tr(view.choice.label), day=format_day(exp.start_day, tr)
            )
        )
        self.status.setText(view.status)
        self.kept.setText(view.kept_line or "")
        self.kept.setVisible(bool(view.kept_line))
        self.note.setText(view.state.clock_note or "")
        self.note.setVisible(bool(view.state.clock_note))
        self.strip.set_boxes(plan_boxes(exp, view.state.day, tr))
        phase = view.state.phase
        self.pause_button.setText(
            self.tr("&Resume") if phase is Phase.PAUSED else self.tr("&Pause")
        )
        self.pause_button.setEnabled(view.active)
        self.stop_button.setEnabled(view.active)
        self.extend_button.setEnabled(phase is not Phase.STOPPED and exp.pairs < 12)
        a = view.analysis
        self.results_heading.setText(
            self.tr("The answer so far") if a.so_far else self.tr("The answer")
        )
        self.answer.setText(a.answer)
        self.details.setText("\n".join(f"• {line}" for line in a.details))
        self.can_show.setText(view.can_show)
        self._show_chart(view)

    def _show_chart(self, view: ExperimentView) -> None:
        if not view.analysis.periods:
            if self.chart is not None:
                self.chart.hide()
            return
        if self.chart is None:
            from .chart import ResultsChart  # pyqtgraph: only once a result is there

            self.chart = ResultsChart()
            self.chart_box.addWidget(self.chart)
        from ...core.experiment.wording import _which

        labels = [_which(p.index, view.experiment, tr) for p in view.analysis.periods]
        self.chart.show_analysis(view.analysis, labels)
        self.chart.show()

    # --- acting -----------------------------------------------------------------------------

    def _run(self, step: Callable[[int], object], done: str) -> None:
        """`step` on the running experiment, then `done` said in the status bar, with an
        Undo button (the step is on the window's undo stack)."""
        from ...core.experiment import ExperimentRefused
        from ..feedback import say

        if self.stored_id is None:
            return
        try:
            step(self.stored_id)
        except ExperimentRefused as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        say(self, done, undo=self.controller.undo_stack)

    def _pause_or_resume(self) -> None:
        from ...core.experiment import Phase

        if self.view is not None and self.view.state.phase is Phase.PAUSED:
            self._run(lambda i: self.controller.resume(i, tr), self.tr("Experiment resumed"))
        else:
            self._run(lambda i: self.controller.pause(i, tr), self.tr("Experiment paused"))

    def _extend(self) -> None:
        from ...core.experiment import Phase

        view = self.view
        # Extending re-opens a finished experiment: its answer turns back into "so far" and
        # the phase reminders come back, so it is asked first, as Stop is.
        finished = view is not None and view.state.phase is Phase.FINISHED
        if (
            view is not None
            and finished
            and not self.confirm(self._extend_question(view), self.tr("Extend experiment"))
        ):
            return
        self._run(lambda i: self.controller.extend(i, tr), self.tr("Experiment extended"))

    def _extend_question(self, view: ExperimentView) -> str:
        import random

        from ...core.experiment import extend, schedule
        from ...core.experiment.wording import pair_span

        # Where the new pair would start (the coin's order does not move it).
        preview = extend(view.experiment, self.ctx.today(), random.Random(0), tr)
        first = schedule(preview).periods[-2].first_day
        return self.tr(
            "This experiment is finished. Add {span} starting {day}? It runs again, and its "
            'answer is only an answer "so far" until the new weeks are done.'
        ).format(span=pair_span(view.experiment.period_days, tr), day=format_day(first, tr))

    def _stop(self) -> None:
        text = self.tr(
            "Stop this experiment for good? It stays in your history as stopped, with its "
            "data and the answer so far. To take a break instead, pause it."
        )
        if self.confirm(text, self.tr("Stop experiment")):
            self._run(lambda i: self.controller.stop(i, tr), self.tr("Experiment stopped"))

    def _ask(self, text: str, title: str) -> bool:
        return question_box(self, title, text).exec() == QMessageBox.StandardButton.Yes

    def open_start(
        self, change_id: str | None = None, params: dict[str, str | int | float] | None = None
    ) -> StartDialog | None:
        """The start dialog (not modal), or None while an experiment is running: then the
        page says so instead."""
        from ...core.experiment.lifecycle import ACTIVE_PHASES

        if self.view is not None and self.view.state.phase in ACTIVE_PHASES:
            self.error.setText(
                tr(
                    "Another experiment is still running. Let it finish, or stop it, before "
                    "starting a new one: with two changes at once, neither answer could be "
                    "trusted."
                )
            )
            self.error.show()
            return None
        from .start_dialog import StartDialog

        self.start_dialog = StartDialog(
            self.ctx, self.controller, self.settings, change_id, params, self
        )
        self.start_dialog.open()
        return self.start_dialog


def question_box(parent: QWidget, title: str, text: str) -> QMessageBox:
    """Yes / No for a step that changes the plan for good; No is the default, so a stray
    Enter keeps the experiment as it is."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box
