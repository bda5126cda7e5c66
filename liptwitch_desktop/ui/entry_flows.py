"""What the main window's entry actions do: twitching now, an episode, a drink, magnesium,
a check-in, a medicine, the doctor report, editing a log row (a part of MainWindow).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QWidget,
)

from ..core.entries import CheckIn, Episode, Intake, IntakeKind
from ..store.log_reads import get_checkin
from ..store.settings import get_setting
from ..store.supplements import confirmed_magnesium_dose

if TYPE_CHECKING:
    from ..controllers.log import LogController
    from ..core.drinks import Drink
    from ..core.log_rows import LogRow
    from ..core.medicines import Medicine
    from ..runtime.context import AppContext
    from .dialogs.intake_dialogs import IntakeDialog
    from .dialogs.medicine_dialog import MedicineDialog


class EntryFlows:
    """Mixed into MainWindow (a QMainWindow): its ctx, controller, pages and status bar."""

    ctx: AppContext
    controller: LogController

    def toggle_twitching(self) -> Episode | None:
        episode = self.controller.toggle_twitching()
        if episode is not None:
            self._say(self.tr("Episode started") if episode.running else self.tr("Episode stopped"))
        return episode

    def start_triage(self) -> QWidget:
        page = self.show_page("triage")
        return page.start()  # type: ignore[attr-defined, no-any-return]

    def new_episode(self) -> None:
        from .dialogs.episode_dialog import EpisodeDialog

        dialog = EpisodeDialog(self.ctx.clock.now, self.ctx.zone, parent=self)
        # Saved from inside the dialog: a disk that refuses it leaves the dialog open.
        dialog.save_with(lambda: self.controller.add(dialog.episode(), self.tr("Log episode")))
        if dialog.exec():
            self._say(self.tr("Episode logged"))

    def log_drink_preset(self, drink: Drink) -> Intake:
        intake = Intake(
            self.ctx.clock.now(), IntakeKind.CAFFEINE, drink.label, caffeine_mg=drink.caffeine_mg
        )
        saved = self.controller.add(intake, self.tr("Log drink"))
        self._say(self.tr("Logged %1").replace("%1", drink.label))
        return saved  # type: ignore[return-value]

    def log_magnesium_now(self) -> Intake | None:
        """One press logs tonight's dose; a second dose the same day is asked about first,
        with the day's total against the upper limits (FACTS.md), never logged silently.

        The first time, the safety notice comes first and the dose is asked (never a silent
        default): the dose entered becomes the one Ctrl+M logs from then on."""
        from ..reminders.texts import dose_message
        from ..store.log_reads import today_summary
        from .magnesium_notice import confirm_magnesium_notice

        if not confirm_magnesium_notice(self):
            return None
        dose = confirmed_magnesium_dose()  # None: never entered, or under 18 (no dose given)
        if dose is None:
            return self._first_magnesium_dose()
        form = str(get_setting("magnesium_form"))
        taken = today_summary(self.ctx.today(), self.ctx.zone, self.ctx.day_start).magnesium_mg
        if taken > 0:
            total = taken + dose
            question = (
                self.tr(
                    "You already logged %1 mg of magnesium today. Log another %2 mg (%3 mg in all)?"
                )
                .replace("%1", f"{taken:g}")
                .replace("%2", f"{dose:g}")
                .replace("%3", f"{total:g}")
            )
            warning = dose_message(total)
            from PySide6.QtWidgets import QMessageBox

            answer = QMessageBox.question(
                self,
                self.tr("Magnesium already logged today"),
                question + ("\n\n" + warning if warning else ""),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return None
        intake = Intake(self.ctx.clock.now(), IntakeKind.MAGNESIUM, form, magnesium_mg=dose)
        saved = self.controller.add(intake, self.tr("Log magnesium"))
        self._say(self.tr("Logged %1 mg magnesium").replace("%1", f"{dose:g}"))
        return saved  # type: ignore[return-value]

    def intake_dialog(self, kind: IntakeKind, intake: Intake | None = None) -> IntakeDialog:
        from ..reminders.texts import dose_message
        from .dialogs.intake_dialogs import IntakeDialog

        return IntakeDialog(
            kind,
            self.ctx.clock.now,
            self.ctx.zone,
            drinks=self.drinks(),
            intake=intake,
            default_magnesium_mg=confirmed_magnesium_dose() or 0.0,  # never a silent 200
            default_magnesium_form=str(get_setting("magnesium_form")),
            dose_note=dose_message,
            parent=self,
        )

    def _first_magnesium_dose(self) -> Intake | None:
        """Ask the dose once (the label's elemental magnesium), log it and remember it."""
        from ..store.settings import set_settings

        dialog = self.intake_dialog(IntakeKind.MAGNESIUM)
        dialog.setWindowTitle(self.tr("Your magnesium dose"))
        dialog.amount.setValue(0)  # empty: the person types the dose from the label
        dialog.note.setText(
            self.tr(
                "Enter the elemental magnesium on your supplement's label. LipTwitch remembers "
                "it, and Ctrl+M logs it from then on (you can change it in Settings)."
            )
        )
        dialog.note.setVisible(True)
        if not dialog.exec():
            return None
        intake = dialog.intake()
        set_settings(
            {
                "magnesium_dose_mg": int(intake.magnesium_mg),
                "magnesium_form": str(intake.label),
                "magnesium_dose_confirmed": True,
            }
        )
        saved = self.controller.add(intake, self.tr("Log magnesium"))
        self.ctx.signals.data_changed.emit("settings")
        self._say(self.tr("Logged %1 mg magnesium").replace("%1", f"{intake.magnesium_mg:g}"))
        return saved  # type: ignore[return-value]

    def new_intake(self, kind: IntakeKind) -> None:
        if kind is IntakeKind.MAGNESIUM:
            from .magnesium_notice import confirm_magnesium_notice

            if not confirm_magnesium_notice(self):
                return
        dialog = self.intake_dialog(kind)
        dialog.save_with(lambda: self.controller.add(dialog.intake()))
        if dialog.exec():
            drink = dialog.remember_drink()
            if drink is not None:
                self.remember_drink(drink)
            self._say(self.tr("Saved"))

    def remember_drink(self, drink: dict[str, object]) -> None:
        from ..store.setting_rules import MAX_CUSTOM_DRINKS
        from ..store.settings import set_setting

        kept = [d for d in get_setting("custom_drinks") if d.get("label") != drink["label"]]
        set_setting("custom_drinks", [*kept, drink][-MAX_CUSTOM_DRINKS:])  # the newest kept
        self.ctx.signals.data_changed.emit("settings")

    def checkin(self) -> None:
        from .dialogs.checkin_dialog import CheckInDialog

        day = self.ctx.today()
        dialog = CheckInDialog(self.ctx.clock.now, day, get_checkin(day), parent=self)
        dialog.save_with(lambda: self.controller.add(dialog.checkin(), self.tr("Check-in")))
        if dialog.exec():
            self._say(self.tr("Check-in saved"))

    def medicine_dialog(self, medicine: Medicine | None = None) -> MedicineDialog:
        from .dialogs.medicine_dialog import MedicineDialog

        return MedicineDialog(self.ctx.clock.now, self.ctx.today, medicine, parent=self)

    def new_medicine(self) -> None:
        dialog = self.medicine_dialog()
        dialog.save_with(lambda: self.controller.add(dialog.medicine(), self.tr("Add medicine")))
        if dialog.exec():
            self._say(self.tr("Medicine added"))

    def doctor_report(self) -> None:
        # Imported on first use: the report pulls in PDF painting the start-up never needs.
        from .report_dialog import ReportDialog

        dialog = ReportDialog(self.ctx, parent=self)
        dialog.exec()

    def edit_row(self, row: LogRow) -> None:
        # Dialogs are imported when first opened: they are not needed for the first paint.
        from ..core.medicines import Medicine
        from .dialogs.checkin_dialog import CheckInDialog
        from .dialogs.episode_dialog import EpisodeDialog

        entry = row.entry
        if isinstance(entry, Episode):
            episode_dialog = EpisodeDialog(self.ctx.clock.now, self.ctx.zone, entry, parent=self)
            episode_dialog.save_with(
                lambda: self.controller.update(entry, episode_dialog.episode())
            )
            episode_dialog.exec()
        elif isinstance(entry, Intake):
            intake_dialog = self.intake_dialog(entry.kind, entry)
            intake_dialog.save_with(lambda: self.controller.update(entry, intake_dialog.intake()))
            intake_dialog.exec()
        elif isinstance(entry, Medicine):
            medicine_dialog = self.medicine_dialog(entry)
            medicine_dialog.save_with(
                lambda: self.controller.update(
                    entry, medicine_dialog.medicine(), self.tr("Edit medicine")
                )
            )
            medicine_dialog.exec()
        elif isinstance(entry, CheckIn):
            checkin_dialog = CheckInDialog(self.ctx.clock.now, entry.day, entry, parent=self)
            conflict: list[bool] = []

            def save_checkin() -> None:
                new = checkin_dialog.checkin()
                if new.day != entry.day and get_checkin(new.day) is not None:
                    conflict.append(True)
                    return
                self.controller.update(entry, new)

            checkin_dialog.save_with(save_checkin)
            if checkin_dialog.exec() and conflict:
                from PySide6.QtWidgets import QMessageBox

                QMessageBox.warning(
                    self,
                    self.tr("Check-in exists"),
                    self.tr("There is already a check-in for that day; edit that one."),
                )
