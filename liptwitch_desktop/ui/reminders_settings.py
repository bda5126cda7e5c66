"""The Reminders section of Settings: each reminder on/off with its times and days, the
magnesium dose checked against the upper limits, hydration hours, quiet hours, start at login.
Every change is written at once through the reminders (or settings) controller, which emits
one Change.REMINDER (or SETTINGS); the reminder service rebuilds its jobs from that.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QTime, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from ..core.changes import Change
from ..core.entries import MAGNESIUM_FORMS
from ..core.magnesium import DoseCheck, check_magnesium_dose
from ..core.schedule.specs import (
    HYDRATION_MAX_INTERVAL_H,
    HYDRATION_MIN_INTERVAL_H,
    QuietHours,
    ReminderKind,
    ReminderSpec,
)
from ..reminders import texts
from ..runtime.context import AppContext
from ..store.reminder_store import get_policy, get_spec, load_specs
from ..store.settings import get_setting, get_time
from ..store.supplements import magnesium_offered
from .clock_refusal import reload_if_refused
from .dates import day_text
from .form_errors import set_buddy
from .reminders_behaviour import RemindersBehaviour
from .reminders_tools import RemindersTools
from .weekday_picker import DAY_NAMES, WeekdayPicker  # noqa: F401  (re-exported)

if TYPE_CHECKING:
    from ..controllers.reminders import RemindersController
    from ..controllers.settings import SettingsController

ORDER = (
    ReminderKind.CAFFEINE_LAST_CALL,
    ReminderKind.CAFFEINE_CUTOFF,
    ReminderKind.MAGNESIUM,
    ReminderKind.HYDRATION,
    ReminderKind.CHECKIN,
    ReminderKind.TRIAGE_WEEKLY,
    ReminderKind.RECOVERY_STEP,
)


def _qtime(value: time) -> QTime:
    return QTime(value.hour, value.minute)


def _time(value: QTime) -> time:
    return time(value.hour(), value.minute())


class RemindersSettings(QWidget):
    """One group per reminder kind plus quiet hours and start at login."""

    # the one-time magnesium interactions notice was shown (for tests and the settings page)
    magnesium_notice_shown = Signal(str)

    def __init__(
        self,
        ctx: AppContext,
        reminders: RemindersController,
        settings: SettingsController,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._reminders = reminders
        self._settings = settings
        self._loading = False
        self.groups: dict[ReminderKind, QGroupBox] = {}
        self.time_edits: dict[ReminderKind, QTimeEdit] = {}
        self.weekdays: dict[ReminderKind, WeekdayPicker] = {}
        self.next_labels: dict[ReminderKind, QLabel] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for kind in ORDER:
            layout.addWidget(self._group(kind))
        layout.addWidget(self._quiet_box())
        self.behaviour = RemindersBehaviour(ctx, settings)
        layout.addWidget(self.behaviour)
        self.tools = RemindersTools(ctx, reminders)
        layout.addWidget(self.tools)
        layout.addWidget(self._login_box())
        self.load()
        ctx.signals.data_changed.connect(self._data_changed)

    # --- building --------------------------------------------------------------------------

    def _group(self, kind: ReminderKind) -> QGroupBox:
        box = QGroupBox(texts.kind_label(kind))
        box.setObjectName(f"reminder_{kind.value}")
        box.setCheckable(True)
        box.setAccessibleName(self.tr("%1 reminder on").replace("%1", texts.kind_label(kind)))
        box.toggled.connect(lambda on, k=kind: self._toggled(k, on))
        form = QFormLayout(box)
        self.groups[kind] = box
        label = texts.kind_label(kind)

        def add_time(caption: str) -> None:
            edit = QTimeEdit()
            edit.setDisplayFormat("HH:mm")
            edit.setAccessibleName(f"{label}: {caption}")
            edit.editingFinished.connect(lambda k=kind: self._save(k))
            form.addRow(caption + ":", edit)
            set_buddy(form, edit, edit)
            self.time_edits[kind] = edit

        def add_days() -> None:
            picker = WeekdayPicker(label)
            picker.changed.connect(lambda k=kind: self._save(k))
            form.addRow(self.tr("Days:"), picker)
            self.weekdays[kind] = picker

        if kind is ReminderKind.CAFFEINE_LAST_CALL:
            self.lead = QSpinBox()
            self.lead.setRange(5, 180)
            self.lead.setSingleStep(5)
            self.lead.setSuffix(self.tr(" min before the cutoff"))
            self.lead.setAccessibleName(self.tr("Last call, minutes before the cutoff"))
            self.lead.editingFinished.connect(lambda: self._save(ReminderKind.CAFFEINE_LAST_CALL))
            form.addRow(self.tr("Remind me:"), self.lead)
            set_buddy(form, self.lead, self.lead)
        elif kind is ReminderKind.CAFFEINE_CUTOFF:
            add_time(self.tr("No caffeine after"))
            add_days()
            hint = QLabel(texts.cutoff_hint())  # advice: from the knowledge base
            hint.setWordWrap(True)
            form.addRow("", hint)
        elif kind is ReminderKind.MAGNESIUM:
            add_time(self.tr("At"))
            add_days()
            self.dose = QSpinBox()
            self.dose.setRange(1, 2000)
            self.dose.setSuffix(" mg")
            self.dose.setAccessibleName(self.tr("Magnesium dose, elemental mg"))
            self.dose.valueChanged.connect(self._dose_changed)
            self.dose.editingFinished.connect(lambda: self._save(ReminderKind.MAGNESIUM))
            self.dose_message = QLabel()
            self.dose_message.setObjectName("dose_message")
            self.dose_message.setWordWrap(True)
            dose_row = QWidget()
            row = QHBoxLayout(dose_row)
            row.setContentsMargins(0, 0, 0, 0)
            row.addWidget(self.dose)
            row.addWidget(self.dose_message, 1)
            form.addRow(self.tr("Dose (elemental):"), dose_row)
            set_buddy(form, dose_row, self.dose)
            self.form_combo = QComboBox()
            for value, name in MAGNESIUM_FORMS.items():
                if value != "food":
                    self.form_combo.addItem(self.tr(name), value)
            self.form_combo.setAccessibleName(self.tr("Magnesium form"))
            self.form_combo.activated.connect(lambda _i: self._save(ReminderKind.MAGNESIUM))
            form.addRow(self.tr("Form:"), self.form_combo)
            set_buddy(form, self.form_combo, self.form_combo)
        elif kind is ReminderKind.HYDRATION:
            self.interval = QDoubleSpinBox()
            # The store's bounds (store/tables): never more often than every 15 minutes.
            self.interval.setRange(HYDRATION_MIN_INTERVAL_H, HYDRATION_MAX_INTERVAL_H)
            self.interval.setSingleStep(0.25)
            self.interval.setDecimals(2)
            self.interval.setSuffix(self.tr(" h"))
            self.interval.setAccessibleName(self.tr("Water reminder every, hours"))
            self.interval.editingFinished.connect(lambda: self._save(ReminderKind.HYDRATION))
            form.addRow(self.tr("Every:"), self.interval)
            set_buddy(form, self.interval, self.interval)
            self.waking_start = QTimeEdit()
            self.waking_end = QTimeEdit()
            for edit, caption in (
                (self.waking_start, self.tr("Awake from")),
                (self.waking_end, self.tr("Awake until")),
            ):
                edit.setDisplayFormat("HH:mm")
                edit.setAccessibleName(caption)
                edit.editingFinished.connect(lambda: self._save(ReminderKind.HYDRATION))
                form.addRow(caption + ":", edit)
                set_buddy(form, edit, edit)
            hint = QLabel(self.tr("Counted from when you wake, not from midnight."))
            form.addRow("", hint)
        elif kind is ReminderKind.CHECKIN or kind is ReminderKind.TRIAGE_WEEKLY:
            add_time(self.tr("At"))
            add_days()
        elif kind is ReminderKind.RECOVERY_STEP:
            add_time(self.tr("At"))
            self.plan_label = QLabel()
            self.plan_label.setObjectName("plan_label")
            self.plan_label.setWordWrap(True)
            form.addRow(self.tr("Plan:"), self.plan_label)
            self.plan_button = QPushButton()
            self.plan_button.setObjectName("plan_button")
            self.plan_button.clicked.connect(self._plan_clicked)
            form.addRow("", self.plan_button)
        upcoming = QLabel()  # when it fires next, and why not today (reminders/upcoming.py)
        upcoming.setObjectName(f"next_{kind.value}")
        upcoming.setWordWrap(True)
        form.addRow("", upcoming)
        self.next_labels[kind] = upcoming
        return box

    def show_next(self) -> None:
        """Each reminder's "Next: ..." line, from the store as it is now."""
        from ..reminders.upcoming import next_lines

        lines = next_lines(self.ctx.clock.now(), self.ctx.zone, self.ctx.day_start)
        for kind, label in self.next_labels.items():
            label.setText(lines.get(kind, ""))
            label.setAccessibleName(texts.kind_label(kind) + ": " + label.text())

    def showEvent(self, event: QShowEvent) -> None:
        self.show_next()  # time has passed since the page was built
        super().showEvent(event)

    def _quiet_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Quiet hours"))
        box.setObjectName("quiet_hours")
        box.setCheckable(True)
        box.setAccessibleName(self.tr("Quiet hours on"))
        box.toggled.connect(lambda _on: self._save_quiet())
        form = QFormLayout(box)
        self.quiet_start = QTimeEdit()
        self.quiet_end = QTimeEdit()
        for edit, caption in (
            (self.quiet_start, self.tr("From")),
            (self.quiet_end, self.tr("Until")),
        ):
            edit.setDisplayFormat("HH:mm")
            edit.setAccessibleName(self.tr("Quiet hours") + ": " + caption)
            edit.editingFinished.connect(self._save_quiet)
            form.addRow(caption + ":", edit)
            set_buddy(form, edit, edit)
        hint = QLabel(self.tr("A reminder due in quiet hours is skipped, not delayed."))
        hint.setWordWrap(True)
        form.addRow("", hint)
        self.quiet_box = box
        return box

    def _login_box(self) -> QWidget:
        self.start_at_login = QCheckBox(self.tr("Start LipTwitch when I log in (in the tray)"))
        self.start_at_login.setObjectName("start_at_login")
        self.start_at_login.toggled.connect(self._login_toggled)
        return self.start_at_login

    # --- loading -------------------------------------------------------------------------------

    def load(self) -> None:
        self._loading = True
        try:
            specs = load_specs()
            for kind, box in self.groups.items():
                spec = specs[kind]
                box.setChecked(spec.enabled)
                if kind in self.time_edits and spec.times:
                    first = spec.times[0]
                    if kind is ReminderKind.CAFFEINE_CUTOFF:
                        first = get_time("caffeine_cutoff")
                    self.time_edits[kind].setTime(_qtime(first))
                if kind in self.weekdays:
                    self.weekdays[kind].set_days(spec.weekdays)
            # Under 18, no magnesium reminder is offered and no dose shown (FACTS.md).
            self.groups[ReminderKind.MAGNESIUM].setVisible(magnesium_offered())
            self.lead.setValue(specs[ReminderKind.CAFFEINE_LAST_CALL].lead_minutes)
            mg = specs[ReminderKind.MAGNESIUM]
            self.dose.setValue(int(mg.dose_mg or get_setting("magnesium_dose_mg")))
            index = self.form_combo.findData(mg.form or get_setting("magnesium_form"))
            self.form_combo.setCurrentIndex(max(0, index))
            self._dose_changed(self.dose.value())
            water = specs[ReminderKind.HYDRATION]
            self.interval.setValue(water.interval_hours or 2.0)
            self.waking_start.setTime(_qtime(water.waking_start))
            self.waking_end.setTime(_qtime(water.waking_end))
            self._show_plan(specs[ReminderKind.RECOVERY_STEP])
            policy = get_policy()
            self.quiet_box.setChecked(policy.quiet_hours is not None)
            self.quiet_start.setTime(_qtime(get_time("reminders_quiet_start")))
            self.quiet_end.setTime(_qtime(get_time("reminders_quiet_end")))
            self.start_at_login.setChecked(bool(get_setting("start_at_login")))
            self.show_next()
        finally:
            self._loading = False

    def _show_plan(self, spec: ReminderSpec) -> None:
        if spec.plan_start is None:
            self.plan_label.setText(self.tr("Not started. Start it from a triage result or here."))
            self.plan_button.setText(self.tr("Start the recovery plan today"))
        else:
            started = day_text(spec.plan_start)
            self.plan_label.setText(self.tr("Started on %1.").replace("%1", started))
            self.plan_button.setText(self.tr("Stop the recovery plan"))
        self.plan_button.setAccessibleName(self.plan_button.text())

    def _data_changed(self, change: Change) -> None:
        match change:
            case Change.REMINDER | Change.SETTINGS | Change.ALL:
                self.load()
            case Change.INTAKE | Change.CHECKIN | Change.ZONE:
                self.show_next()  # "already logged" may have become true
            case _:
                pass

    # --- saving --------------------------------------------------------------------------------

    def _spec_from_widgets(self, kind: ReminderKind) -> ReminderSpec:
        spec = get_spec(kind)
        spec = replace(spec, enabled=self.groups[kind].isChecked())
        if kind in self.time_edits:
            spec = replace(spec, times=(_time(self.time_edits[kind].time()),))
        if kind in self.weekdays:
            spec = replace(spec, weekdays=self.weekdays[kind].days())
        if kind is ReminderKind.CAFFEINE_LAST_CALL:
            spec = replace(spec, lead_minutes=self.lead.value())
        elif kind is ReminderKind.MAGNESIUM:
            spec = replace(
                spec, dose_mg=float(self.dose.value()), form=str(self.form_combo.currentData())
            )
        elif kind is ReminderKind.HYDRATION:
            spec = replace(
                spec,
                interval_hours=self.interval.value(),
                waking_start=_time(self.waking_start.time()),
                waking_end=_time(self.waking_end.time()),
            )
        return spec

    def _save(self, kind: ReminderKind) -> None:
        if self._loading:
            return
        reload_if_refused(self.load, self._reminders.save_spec, self._spec_from_widgets(kind))

    def _toggled(self, kind: ReminderKind, on: bool) -> None:
        if self._loading:
            return
        # Read before the notice: reading it is a settings change, which reloads this form.
        spec = self._spec_from_widgets(kind)
        if kind is ReminderKind.MAGNESIUM and on and not self.confirm_magnesium_notice():
            self._loading = True  # cancelled: the reminder stays off, nothing is saved
            try:
                self.groups[kind].setChecked(False)
            finally:
                self._loading = False
            return
        reload_if_refused(self.load, self._reminders.save_spec, spec)

    def confirm_magnesium_notice(self) -> bool:
        """The safety notice, once, before the magnesium reminder is first switched on."""
        from .magnesium_notice import confirm_magnesium_notice, magnesium_notice_needed

        if not magnesium_notice_needed():
            return True
        self.magnesium_notice_shown.emit(texts.interactions_notice())
        return confirm_magnesium_notice(self, self._settings)

    def _dose_changed(self, mg: int) -> None:
        message = texts.dose_message(float(mg))
        check = check_magnesium_dose(float(mg))
        prefix = "⚠ " if check is not DoseCheck.OK else ""
        self.dose_message.setText(prefix + message)
        self.dose_message.setVisible(bool(message))
        self.dose.setAccessibleDescription(message)

    def _save_quiet(self) -> None:
        if self._loading:
            return
        quiet = None
        if self.quiet_box.isChecked():
            quiet = QuietHours(_time(self.quiet_start.time()), _time(self.quiet_end.time()))
        self._reminders.set_quiet_hours(quiet)

    def _plan_clicked(self) -> None:
        if get_spec(ReminderKind.RECOVERY_STEP).plan_start is None:
            reload_if_refused(self.load, self._reminders.adopt_plan_items, ["recovery_plan"])
        else:
            reload_if_refused(self.load, self._reminders.stop_recovery_plan)

    def _login_toggled(self, on: bool) -> None:
        if self._loading:
            return
        self._settings.set_start_at_login(on)
