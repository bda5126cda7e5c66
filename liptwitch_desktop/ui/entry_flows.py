"""What the entry actions do: twitching now, an episode, a drink, magnesium, a check-in, a
medicine, the doctor report, editing a log row.

A collaborator of the main window, not a part of it: it needs the log and settings
controllers, a widget to open its dialogs over and a line to report in, and nothing else of
the window (the menus, the tray and the Today page's buttons all call it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from ..controllers.entry_kinds import kind_of
from ..core.changes import Change
from ..core.entries import CheckIn, Episode, Intake, IntakeKind
from ..store.log_reads import get_checkin
from ..store.settings import get_setting

if TYPE_CHECKING:
    from ..controllers.log import LogController
    from ..controllers.settings import SettingsController
    from ..core.drinks import Drink
    from ..core.log_rows import LogRow
    from ..core.medicines import Medicine
    from ..runtime.context import AppContext
    from .dialogs.intake_dialogs import IntakeDialog
    from .dialogs.intensity_prompt import IntensityPrompt
    from .dialogs.medicine_dialog import MedicineDialog


class EntryFlows(QObject):
    def __init__(
        self,
        ctx: AppContext,
        log: LogController,
        settings: SettingsController,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.log = log
        self.settings = settings
        self._parent = parent  # the dialogs open over it, and it reports in its window
        self.intensity_prompt: IntensityPrompt | None = None  # open after a stop

    def _say(self, text: str, undoable: bool = True) -> None:
        """Say what was done; `undoable`: it was the undo stack's newest step, and the line
        offers Undo for it (ui/feedback.py is imported here, after the first paint)."""
        from .feedback import say

        say(self._parent, text, undo=self.log.undo_stack if undoable else None)

    def drinks(self) -> list[Drink]:
        from ..core.drinks import all_drinks

        return all_drinks(get_setting("custom_drinks"))

    def toggle_twitching(self) -> Episode | None:
        episode = self.log.toggle_twitching()
        if episode is not None:
            self._say(self.tr("Episode started") if episode.running else self.tr("Episode stopped"))
            if not episode.running:
                self._ask_intensity(episode)
        return episode

    def _ask_intensity(self, stopped: Episode) -> None:
        """One tap for how strong it was (skippable); a separate step Ctrl+Z undoes."""
        from .dialogs.intensity_prompt import IntensityPrompt

        if self.intensity_prompt is not None:
            self.intensity_prompt.close()
        prompt = IntensityPrompt(self._parent)
        self.intensity_prompt = prompt

        def chosen(value: int) -> None:
            if value != stopped.intensity:
                self.log.update(stopped, stopped._replace(intensity=value), self.tr("Intensity"))
            saved = self.tr("Intensity %1 of 10 saved").replace("%1", str(value))
            # The same intensity again is no step: Undo would undo the stop before it.
            self._say(saved, undoable=value != stopped.intensity)

        prompt.chosen.connect(chosen)
        prompt.destroyed.connect(lambda: setattr(self, "intensity_prompt", None))
        prompt.show()

    def new_episode(self) -> None:
        from .dialogs.episode_dialog import EpisodeDialog

        dialog = EpisodeDialog(self.ctx.clock.now, self.ctx.zone, parent=self._parent)
        # Saved from inside the dialog: a disk that refuses it leaves the dialog open.
        dialog.save_with(lambda: self.log.add(dialog.episode(), self.tr("Log episode")))
        if dialog.exec():
            self._say(self.tr("Episode logged"))

    def _caffeine_ok(self, intake: Intake, parent: QWidget | None = None) -> bool:
        """A drink that takes the day over the limit asks first (ui/caffeine_limit.py)."""
        from .caffeine_limit import confirm_caffeine

        ctx = self.ctx
        return confirm_caffeine(
            parent or self._parent, intake, ctx.today(), ctx.zone, ctx.day_start
        )

    def log_drink_preset(self, drink: Drink) -> Intake | None:
        intake = Intake(
            self.ctx.clock.now(), IntakeKind.CAFFEINE, drink.label, caffeine_mg=drink.caffeine_mg
        )
        if not self._caffeine_ok(intake):
            self._say(self.tr("Not logged: %1").replace("%1", drink.label), undoable=False)
            return None
        saved = cast(Intake, self.log.add(intake, self.tr("Log drink")))
        self._say(self.tr("Logged %1").replace("%1", drink.label))
        return saved

    def _magnesium_notice_read(self) -> bool:
        from .magnesium_notice import confirm_magnesium_notice

        return confirm_magnesium_notice(self._parent, self.settings)

    def log_magnesium_now(self) -> Intake | None:
        """One press logs tonight's dose; a second dose the same day is asked about first,
        with the day's total against the upper limits (FACTS.md), never logged silently.

        The first time, the safety notice comes first and the dose is asked (never a silent
        default): the dose entered becomes the one Ctrl+M logs from then on."""
        from ..reminders.texts import dose_message
        from ..store.log_reads import today_summary
        from ..store.supplements import confirmed_magnesium_dose

        if not self._magnesium_notice_read():
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
                self._parent,
                self.tr("Magnesium again?"),
                question + ("\n\n" + warning if warning else ""),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return None
        intake = Intake(self.ctx.clock.now(), IntakeKind.MAGNESIUM, form, magnesium_mg=dose)
        saved = cast(Intake, self.log.add(intake, self.tr("Log magnesium")))
        self._say(self.tr("Logged %1 mg magnesium").replace("%1", f"{dose:g}"))
        return saved

    def intake_dialog(self, kind: IntakeKind, intake: Intake | None = None) -> IntakeDialog:
        from ..reminders.texts import dose_message
        from ..store.supplements import confirmed_magnesium_dose
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
            parent=self._parent,
        )

    def _first_magnesium_dose(self) -> Intake | None:
        """Ask the dose once (the label's elemental magnesium), log it and remember it."""
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
        self.settings.set_magnesium_dose(intake.magnesium_mg or 0.0, str(intake.label))
        saved = cast(Intake, self.log.add(intake, self.tr("Log magnesium")))
        self._say(self.tr("Logged %1 mg magnesium").replace("%1", f"{intake.magnesium_mg:g}"))
        return saved

    def new_intake(self, kind: IntakeKind, other_drink: bool = False) -> None:
        """`other_drink`: "Other drink…" was chosen: the dialog opens on it, empty."""
        if kind is IntakeKind.MAGNESIUM and not self._magnesium_notice_read():
            return
        dialog = self.intake_dialog(kind)
        if other_drink:
            dialog.choose_other_drink()
        declined: list[bool] = []

        def save() -> None:
            intake = dialog.intake()
            if not self._caffeine_ok(intake, dialog):
                declined.append(True)  # the person chose not to log it: nothing saved
                return
            self.log.add(intake)

        dialog.save_with(save)
        if dialog.exec() and declined:
            self._say(self.tr("Not logged"), undoable=False)
        elif dialog.result():
            drink = dialog.remember_drink()
            if drink is not None:
                self.settings.remember_drink(drink)
            self._say(self.tr("Saved"))

    def checkin(self) -> None:
        from .dialogs.checkin_dialog import CheckInDialog

        day = self.ctx.today()
        dialog = CheckInDialog(self.ctx.clock.now, day, get_checkin(day), parent=self._parent)
        dialog.save_with(lambda: self.log.add(dialog.checkin(), self.tr("Check-in")))
        if dialog.exec():
            self._say(self.tr("Check-in saved"))

    def medicine_dialog(self, medicine: Medicine | None = None) -> MedicineDialog:
        from .dialogs.medicine_dialog import MedicineDialog

        return MedicineDialog(self.ctx.clock.now, self.ctx.today, medicine, parent=self._parent)

    def new_medicine(self) -> None:
        dialog = self.medicine_dialog()
        dialog.save_with(lambda: self.log.add(dialog.medicine(), self.tr("Add medicine")))
        if dialog.exec():
            self._say(self.tr("Medicine added"))

    def doctor_report(self) -> None:
        # Imported on first use: the report pulls in PDF painting the start-up never needs.
        from .report_dialog import ReportDialog

        dialog = ReportDialog(self.ctx, parent=self._parent)
        dialog.exec()

    # --- editing a log row: one editor per kind of entry (controllers/entry_kinds) ----------

    def editors(self) -> dict[Change, Callable[[Any], None]]:
        """The editor of each kind, by the change its kind makes (one per entry kind)."""
        return {
            Change.EPISODE: self._edit_episode,
            Change.INTAKE: self._edit_intake,
            Change.MEDICINE: self._edit_medicine,
            Change.CHECKIN: self._edit_checkin,
        }

    def edit_row(self, row: LogRow) -> None:
        self.editors()[kind_of(row.entry).change](row.entry)

    def _edit_episode(self, entry: Episode) -> None:
        # Dialogs are imported when first opened: they are not needed for the first paint.
        from .dialogs.episode_dialog import EpisodeDialog

        dialog = EpisodeDialog(self.ctx.clock.now, self.ctx.zone, entry, parent=self._parent)
        dialog.save_with(lambda: self.log.update(entry, dialog.episode()))
        if dialog.exec():
            self._say(self.tr("Episode changed"))

    def _edit_intake(self, entry: Intake) -> None:
        dialog = self.intake_dialog(entry.kind, entry)
        dialog.save_with(lambda: self.log.update(entry, dialog.intake()))
        if dialog.exec():
            self._say(self.tr("Entry changed"))

    def _edit_medicine(self, entry: Medicine) -> None:
        dialog = self.medicine_dialog(entry)
        dialog.save_with(
            lambda: self.log.update(entry, dialog.medicine(), self.tr("Edit medicine"))
        )
        if dialog.exec():
            self._say(self.tr("Medicine changed"))

    def _edit_checkin(self, entry: CheckIn) -> None:
        from .dialogs.checkin_dialog import CheckInDialog

        dialog = CheckInDialog(self.ctx.clock.now, entry.day, entry, parent=self._parent)
        conflict: list[bool] = []

        def save_checkin() -> None:
            new = dialog.checkin()
            if new.day != entry.day and get_checkin(new.day) is not None:
                conflict.append(True)
                return
            self.log.update(entry, new)

        dialog.save_with(save_checkin)
        accepted = dialog.exec()
        if accepted and not conflict:
            self._say(self.tr("Check-in changed"))
        if accepted and conflict:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(
                self._parent,
                self.tr("Check-in exists"),
                self.tr("There is already a check-in for that day; edit that one."),
            )
