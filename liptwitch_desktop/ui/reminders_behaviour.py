"""How every reminder behaves when it is shown: how long the one "Snooze" button snoozes
(where a notification has no room for the four choices) and whether an ignored reminder is
shown once more, and after how long. Part of the Reminders settings.

Each change is one setting through the settings controller (one Change.SETTINGS).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QSpinBox, QWidget

from ..core.changes import Change
from ..reminders.snooze import CHOICES, valid_choice
from ..reminders.texts import snooze_choice_label
from ..runtime.context import AppContext
from ..store.settings import get_setting
from .form_errors import set_buddy

if TYPE_CHECKING:
    from ..controllers.settings import SettingsController


class RemindersBehaviour(QGroupBox):
    def __init__(
        self, ctx: AppContext, settings: SettingsController, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("When a reminder is shown"))
        self.setObjectName("reminder_behaviour")
        self._settings = settings
        self._loading = False
        form = QFormLayout(self)
        self.snooze = QComboBox()
        self.snooze.setObjectName("snooze_default")
        for choice in CHOICES:
            self.snooze.addItem(snooze_choice_label(choice), choice)
        self.snooze.setAccessibleName(self.tr("Snooze button snoozes for"))
        self.snooze.activated.connect(self._snooze_chosen)
        form.addRow(self.tr("Snooze for:"), self.snooze)
        set_buddy(form, self.snooze, self.snooze)
        hint = QLabel(
            self.tr(
                "Where the notification has room, and in the tray, you choose each time: "
                "10 minutes, 30 minutes, 1 hour or until tomorrow."
            )
        )
        hint.setWordWrap(True)
        form.addRow("", hint)
        self.repeat = QSpinBox()
        self.repeat.setObjectName("repeat_minutes")
        self.repeat.setRange(0, 240)
        self.repeat.setSingleStep(5)
        self.repeat.setSuffix(self.tr(" min"))
        self.repeat.setSpecialValueText(self.tr("Off"))  # 0: never repeated
        self.repeat.setAccessibleName(self.tr("Repeat an ignored reminder after, minutes"))
        self.repeat.editingFinished.connect(self._repeat_changed)
        form.addRow(self.tr("Repeat once after:"), self.repeat)
        set_buddy(form, self.repeat, self.repeat)
        repeat_hint = QLabel(
            self.tr(
                "A reminder nobody answered is shown once more, unless it is done by then "
                "(the magnesium taken, water or the check-in logged)."
            )
        )
        repeat_hint.setWordWrap(True)
        form.addRow("", repeat_hint)
        self.load()
        ctx.signals.data_changed.connect(self._data_changed)

    def load(self) -> None:
        self._loading = True
        try:
            index = self.snooze.findData(valid_choice(get_setting("reminders_snooze_default")))
            self.snooze.setCurrentIndex(max(0, index))
            self.repeat.setValue(int(get_setting("reminders_repeat_minutes")))
        finally:
            self._loading = False

    def _data_changed(self, change: Change) -> None:
        if change in (Change.SETTINGS, Change.ALL):
            self.load()

    def _repeat_changed(self) -> None:
        if not self._loading and self.repeat.value() != get_setting("reminders_repeat_minutes"):
            self._settings.set("reminders_repeat_minutes", self.repeat.value())

    def _snooze_chosen(self, _index: int) -> None:
        if not self._loading:
            self._settings.set("reminders_snooze_default", str(self.snooze.currentData()))
