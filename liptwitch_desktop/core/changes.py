"""What changed in the store: the one payload of the application's change signal.

Every write ends in exactly one `Change` (a controller's, the reminder service's, the zone
watcher's); every view that shows that data refreshes from the store when it hears one it
cares about. A StrEnum, so a log line or a test reads "settings", and a typo is an error
rather than a change nobody listens to.
"""

from __future__ import annotations

from enum import StrEnum


class Change(StrEnum):
    EPISODE = "episode"
    INTAKE = "intake"
    CHECKIN = "checkin"
    MEDICINE = "medicine"
    SETTINGS = "settings"
    TRIAGE = "triage"
    REMINDER = "reminder"
    # A self-experiment was started, paused, resumed, extended or stopped (issue 17).
    EXPERIMENT = "experiment"
    # The system's time zone changed (the zone watcher): days and reminders move with it.
    ZONE = "zone"
    # Anything may have changed: a restore, an import, deleting everything.
    ALL = "all"
