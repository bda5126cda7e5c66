"""The magnesium safety notice comes before a magnesium reminder is on, by any path (FACTS.md
"Who the advice is for": settings, the tray, a triage plan, an import).

The app's own paths ask first (ui/magnesium_notice.py). An import, and a data file from an
older version, can bring a magnesium reminder that is on while this computer never showed
the notice: such a reminder is held off here, in the store, so the reminder service never
schedules it, until the notice is answered ("I understand" turns it on, Cancel leaves it
off). Whether the notice was shown is this computer's fact: an import never sets it.
"""

from __future__ import annotations

from datetime import datetime

from ..core.schedule.specs import ReminderKind
from .database.db import db_proxy
from .settings import get_setting, set_setting
from .supplements import magnesium_offered

SHOWN_SETTING = "magnesium_notice_shown"
HELD_SETTING = "magnesium_reminder_held"


def notice_shown() -> bool:
    return bool(get_setting(SHOWN_SETTING))


def _stored_on() -> bool:
    """The magnesium reminder's own row says on (whatever the age rule makes of it)."""
    row = db_proxy.execute_sql(
        "SELECT enabled FROM reminder_setting WHERE kind = ?", (ReminderKind.MAGNESIUM.value,)
    ).fetchone()
    return bool(row and row[0])


def _switch(on: bool, now: datetime) -> None:
    from ..core.clock_sense import clock_looks_wrong
    from . import reminder_store

    row = reminder_store.ReminderSettingRow
    # Held off at start under a 1970 (or 2150) clock: off all the same, but no "changed at"
    # the validators (and an export's import) would refuse.
    stamp = {} if clock_looks_wrong(now) else {"changed_at": int(now.timestamp())}
    row.update(enabled=int(on), **stamp).where(row.kind == ReminderKind.MAGNESIUM.value).execute()


def hold_unnoticed_magnesium(now: datetime) -> bool:
    """Switch a magnesium reminder that is on without the notice off, and remember it was
    wanted. True when one is held (now or from before): the caller says so."""
    with db_proxy.atomic():
        if notice_shown():
            return False
        if _stored_on():
            _switch(False, now)
            set_setting(HELD_SETTING, True)
        return bool(get_setting(HELD_SETTING))


def notice_pending() -> bool:
    """A magnesium reminder is held (or on) and the notice was never shown: show it before
    the reminder is scheduled. Not under 18: no magnesium reminder is offered then."""
    if notice_shown() or not magnesium_offered():
        return False
    return bool(get_setting(HELD_SETTING)) or _stored_on()


def settle_magnesium_notice(accepted: bool, now: datetime) -> None:
    """The notice was answered: "I understand" turns a held reminder on; Cancel leaves the
    magnesium reminder off (it comes again next time one is switched on)."""
    with db_proxy.atomic():
        held = bool(get_setting(HELD_SETTING))
        if accepted:
            set_setting(SHOWN_SETTING, True)
            if held:
                _switch(True, now)
        else:
            _switch(False, now)
        set_setting(HELD_SETTING, False)
