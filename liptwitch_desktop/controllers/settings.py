"""Every setting a person (or the app on their behalf) changes: one write, one Change.SETTINGS.

The Settings page, the first run, the window's remembered drinks and first magnesium dose,
the magnesium safety notice and the tray's one-time close notice all write here. A value the
declaration refuses raises SettingError before anything is stored or announced.

Settings carry no date and save under any clock; answering the magnesium notice switches a
reminder on, which the clock dates, so under a clock that cannot be right (1970, 2150) it is
refused (ClockLooksWrong, nothing written: the notice comes again). Holding an unnoticed
reminder off at start is a safety step and runs under any clock (the store leaves its
"changed at" alone then).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject

from ..core.changes import Change
from ..runtime.context import AppContext

# store.settings' writes import the ORM; the first paint does not wait for it (see there).

MAGNESIUM_NOTICE_SHOWN = "magnesium_notice_shown"
FIRST_RUN_DONE = "first_run_done"  # the first run's questions were answered or skipped


class SettingsController(QObject):
    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx

    def set(self, key: str, value: Any) -> Any:
        """One setting; returns the value as stored (the declaration's type)."""
        from ..store.settings import set_setting

        stored = set_setting(key, value)
        self._ctx.signals.changed(Change.SETTINGS)
        return stored

    def set_many(self, values: dict[str, Any]) -> None:
        """Several settings, all or nothing, and one change."""
        from ..store.settings import set_settings

        set_settings(values)
        self._ctx.signals.changed(Change.SETTINGS)

    def remember_drink(self, drink: dict[str, object]) -> None:
        """A drink typed in the dialog becomes a preset (replacing one of the same label);
        the newest are kept."""
        from ..store.setting_rules import MAX_CUSTOM_DRINKS
        from ..store.settings import get_setting

        kept = [d for d in get_setting("custom_drinks") if d.get("label") != drink["label"]]
        self.set("custom_drinks", [*kept, drink][-MAX_CUSTOM_DRINKS:])

    def set_magnesium_dose(self, dose_mg: float, form: str) -> None:
        """The dose the person typed from their label: Ctrl+M logs it from now on."""
        self.set_many(
            {
                "magnesium_dose_mg": int(dose_mg),
                "magnesium_form": form,
                "magnesium_dose_confirmed": True,
            }
        )

    def magnesium_notice_read(self) -> None:
        """The magnesium safety notice was read ("I understand"): it is not shown again."""
        self.set(MAGNESIUM_NOTICE_SHOWN, True)

    def hold_unnoticed_magnesium(self) -> bool:
        """At start, before the reminder service is built: a magnesium reminder on without
        its safety notice (an import, an older file) is held off until the notice is
        answered (FACTS.md: by any path). No change: nothing has read the reminders yet."""
        from ..store.magnesium_notice import hold_unnoticed_magnesium

        return hold_unnoticed_magnesium(self._ctx.clock.now())

    def settle_magnesium_notice(self, accepted: bool) -> None:
        """The notice for a magnesium reminder the store held off (an import, an older file)
        was answered: "I understand" turns it on, Cancel leaves it off. One Change.REMINDER:
        the reminder service rebuilds from it."""
        from ..core.clock_sense import can_date
        from ..store.magnesium_notice import settle_magnesium_notice

        can_date(self._ctx.clock.now())
        settle_magnesium_notice(accepted, self._ctx.clock.now())
        self._ctx.signals.changed(Change.REMINDER)

    def set_start_at_login(self, on: bool) -> None:
        """The desktop's autostart entry first, then the setting that mirrors it."""
        from ..platform import autostart

        if on:
            autostart.enable()
        else:
            autostart.disable()
        self.set("start_at_login", on)
