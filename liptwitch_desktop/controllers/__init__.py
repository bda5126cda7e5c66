"""QtCore objects the widgets call to change anything: each writes through the store in one
transaction, then emits one Change. Never a widget.

`Controllers` is what the composition root (app/bootstrap.py) builds and hands the main
window, which gives each page the ones it uses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .data import DataController
    from .experiment import ExperimentController
    from .log import LogController
    from .reminders import RemindersController
    from .settings import SettingsController
    from .triage import TriageController


class Controllers:
    """One of each, built once by the root. (A plain class: a dataclass costs the first
    paint ~0.5 ms to make.)"""

    __slots__ = ("data", "experiment", "log", "reminders", "settings", "triage")

    def __init__(
        self,
        log: LogController,
        settings: SettingsController,
        reminders: RemindersController,
        triage: TriageController,
        data: DataController,
        experiment: ExperimentController,
    ) -> None:
        self.log = log
        self.settings = settings
        self.reminders = reminders
        self.triage = triage
        self.data = data
        self.experiment = experiment
