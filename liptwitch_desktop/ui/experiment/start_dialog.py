"""Start an experiment: pick one change, its setting, the length; see the plan's shape and
what it can show before committing weeks to it. Writes through ExperimentController."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from ...core.experiment.changes import timing_for
from ...core.experiment.design import length_weeks_choices, pairs_for_weeks
from ...core.experiment.foresight import default_weeks, plan_can_show
from ...core.experiment.judging import DEFAULT_MG
from ...core.experiment.text import format_day
from ...core.knowledge import load_knowledge
from ...core.settings_schema import SPECS
from ...runtime.context import AppContext
from ...store.settings import get_setting, get_time
from .strip import CalendarStrip, preview_boxes
from .texts import keep_logging, tr, why_both, why_random

if TYPE_CHECKING:
    from ...controllers.experiment import ExperimentController
    from ...controllers.settings import SettingsController
    from ...store.experiments import StoredExperiment

WASHOUT_DAYS = 2  # core/experiment/changes.DEFAULT_WASHOUT_DAYS


def _wrapped(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class StartDialog(QDialog):
    def __init__(
        self,
        ctx: AppContext,
        controller: ExperimentController,
        settings: SettingsController,
        change_id: str | None = None,
        params: dict[str, str | int | float] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("experiment_start")
        self.setWindowTitle(self.tr("Find out for sure"))
        self.ctx = ctx
        self.controller = controller
        self.settings = settings
        self.started: StoredExperiment | None = None
        kb = load_knowledge()
        self.under_18 = get_setting("adult") == "no"
        self.choices = [c for c in kb.experiments if not (c.adult_only and self.under_18)]

        intro = _wrapped(
            self.tr(
                "Test one change for a few weeks, in weeks with the change and weeks as usual, "
                "and get an honest answer: did it make a difference for you?"
            )
        )
        self.change = QComboBox()
        self.change.setObjectName("experiment_change")
        for c in self.choices:
            self.change.addItem(tr(c.label), c.id)
        self.cutoff = QTimeEdit()
        self.cutoff.setDisplayFormat("HH:mm")
        cutoff = get_time("caffeine_cutoff")
        self.cutoff.setTime(QTime(cutoff.hour, cutoff.minute))
        self.mg = QSpinBox()
        self.mg.setRange(25, int(SPECS["caffeine_target_mg"].maximum or 0))
        self.mg.setSingleStep(25)
        self.mg.setSuffix(" mg")
        self.mg.setValue(max(25, int(get_setting("caffeine_target_mg")) or DEFAULT_MG))
        self.food = QLineEdit()
        self.food.setPlaceholderText(self.tr("e.g. cheese, chocolate, msg"))
        self.weeks = QComboBox()
        self.weeks.setObjectName("experiment_weeks")
        self.start_day = QDateEdit()
        self.start_day.setCalendarPopup(True)
        self.start_day.setDisplayFormat("ddd d MMM yyyy")
        today = ctx.today()
        self.start_day.setMinimumDate(QDate(today.year, today.month, today.day))
        self.start_day.setDate(QDate(today.year, today.month, today.day))

        self.washout = QCheckBox(
            self.tr("Leave out the first 2 days of each period, so the one before wears off")
        )
        self.washout.setObjectName("experiment_washout")
        form = QFormLayout()
        form.addRow(self.tr("The change to test"), self.change)
        form.addRow(self.tr("No caffeine after"), self.cutoff)
        form.addRow(self.tr("Caffeine under"), self.mg)
        form.addRow(self.tr("The food to leave out"), self.food)
        form.addRow(self.tr("Length"), self.weeks)
        form.addRow(self.tr("Starts on"), self.start_day)
        form.addRow("", self.washout)
        self.form = form

        self.kept = _wrapped()
        self.kept.setObjectName("experiment_kept_rule")
        self.why_length = _wrapped()
        self.can_show = _wrapped()
        self.can_show.setObjectName("experiment_can_show")
        bold = self.can_show.font()
        bold.setBold(True)
        self.can_show.setFont(bold)
        self.strip = CalendarStrip()
        self.error = _wrapped()
        self.error.setObjectName("experiment_start_error")
        self.error.setStyleSheet("color: palette(highlight);")
        self.error.hide()

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.start_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.start_button.setText(self.tr("&Start the experiment"))
        buttons.accepted.connect(self.start)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.kept)
        layout.addWidget(self.why_length)
        layout.addWidget(self.strip)
        layout.addWidget(self.can_show)
        layout.addWidget(_wrapped(why_both()))
        layout.addWidget(_wrapped(why_random()))
        layout.addWidget(_wrapped(keep_logging()))
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(640, 720)

        self.change.currentIndexChanged.connect(self._change_changed)
        self.weeks.currentIndexChanged.connect(self._update_plan)
        self._length_picked = False
        self.weeks.activated.connect(self._pick_length)
        self.start_day.dateChanged.connect(self._update_plan)
        self.food.textChanged.connect(self._update_plan)
        self.cutoff.timeChanged.connect(self._update_plan)
        self.mg.valueChanged.connect(self._update_plan)
        if params and "food" in params:
            self.food.setText(str(params["food"]))
        if params and "mg" in params:
            self.mg.setValue(int(params["mg"]))
        index = self.change.findData(change_id) if change_id else 0
        self.change.setCurrentIndex(max(0, index))
        self._change_changed()

    # --- what is chosen -------------------------------------------------------------------

    @property
    def change_id(self) -> str:
        return str(self.change.currentData())

    def chosen_weeks(self) -> int:
        return int(self.weeks.currentData())

    def params(self) -> dict[str, str | int | float]:
        choice = load_knowledge().experiment(self.change_id)
        out: dict[str, str | int | float] = {}
        if "cutoff" in choice.params:
            out["cutoff"] = self.cutoff.time().toString("HH:mm")
        if "mg" in choice.params:
            out["mg"] = self.mg.value()
        if "food" in choice.params:
            out["food"] = self.food.text().strip().lower()
        return out

    def _pick_length(self, _index: int) -> None:
        self._length_picked = True

    def _change_changed(self) -> None:
        choice = load_knowledge().experiment(self.change_id)
        for name, field in (("cutoff", self.cutoff), ("mg", self.mg), ("food", self.food)):
            visible = name in choice.params
            field.setVisible(visible)
            self.form.labelForField(field).setVisible(visible)
        timing = timing_for(self.change_id)
        keep = self.weeks.currentData()
        self.weeks.blockSignals(True)
        self.weeks.clear()
        for weeks in length_weeks_choices(timing.period_days):
            self.weeks.addItem(self.tr("%n week(s)", "", weeks), weeks)
        # The person's own pick of a length is kept across changes; until then each change
        # starts at its shortest plan that can give a clear answer (12 or 24 weeks).
        wanted = keep if self._length_picked else default_weeks(timing.period_days)
        index = self.weeks.findData(wanted)
        if index < 0:
            index = self.weeks.findData(default_weeks(timing.period_days))
        self.weeks.setCurrentIndex(max(0, index))
        self.weeks.blockSignals(False)
        self.washout.setChecked(timing.washout_days > 0)  # on for magnesium
        self.why_length.setText(tr(timing.why) if timing.why else "")
        self.why_length.setVisible(bool(timing.why))
        self._update_plan()

    def _update_plan(self) -> None:
        choice = load_knowledge().experiment(self.change_id)
        params = self.params()
        self.kept.setText(tr(choice.kept).format_map(_Keep(params)))
        timing = timing_for(self.change_id)
        weeks = self.chosen_weeks()
        periods = 2 * pairs_for_weeks(weeks, timing.period_days)
        start = self.start_day.date().toPython()
        assert isinstance(start, date)
        self.strip.set_boxes(preview_boxes(periods, timing.period_days, start, tr))
        self.strip.setToolTip(
            self.tr(
                "Each pair holds one change period and one as usual; the coin decides "
                "the order of each pair when you start."
            )
        )
        end = start + timedelta(days=periods * timing.period_days - 1)
        self.can_show.setText(
            plan_can_show(self.change_id, weeks, tr)
            + " "
            + self.tr("It would end on {day}.").format(day=format_day(end, tr))
        )
        missing_food = "food" in choice.params and not params.get("food")
        self.start_button.setEnabled(not missing_food)

    # --- start ----------------------------------------------------------------------------

    def start(self) -> None:
        from ...core.experiment import ExperimentRefused

        choice = load_knowledge().experiment(self.change_id)
        if choice.adult_only:
            from ..magnesium_notice import confirm_magnesium_notice

            if not confirm_magnesium_notice(self, self.settings):
                return
        start = self.start_day.date().toPython()
        assert isinstance(start, date)
        try:
            self.started = self.controller.start(
                self.change_id,
                self.chosen_weeks(),
                self.params(),
                start_day=start,
                tr=tr,
                washout_days=WASHOUT_DAYS if self.washout.isChecked() else 0,
            )
        except ExperimentRefused as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.accept()


class _Keep(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
