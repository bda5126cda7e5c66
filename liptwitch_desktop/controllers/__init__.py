"""QtCore objects the widgets call to change anything: each writes through the store in one
transaction, then emits one Change. Never a widget.

`Controllers` is what the composition root (app/bootstrap.py) builds and hands the main
window, which gives each page the ones it uses.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .data import DataController
    from .experiment import ExperimentController
    from .log import LogController
    from .reminders import RemindersController
    from .settings import SettingsController
    from .triage import TriageController


class Controllers:
    """One of each, built once by the root. The log's and the settings' are built with it:
    the first frame's actions use them. The others serve pages opened later, so the root
    hands their factories, and each is made when first asked for (their modules would cost
    the first paint ~3 ms). A plain class: a dataclass costs the first paint ~1.5 ms."""

    def __init__(
        self,
        log: LogController,
        settings: SettingsController,
        reminders: Callable[[], RemindersController],
        triage: Callable[[], TriageController],
        data: Callable[[], DataController],
        experiment: Callable[[], ExperimentController],
    ) -> None:
        self.log = log
        self.settings = settings
        self._make_reminders = reminders
        self._make_triage = triage
        self._make_data = data
        self._make_experiment = experiment

    @cached_property
    def reminders(self) -> RemindersController:
        return self._make_reminders()

    @cached_property
    def triage(self) -> TriageController:
        return self._make_triage()

    @cached_property
    def data(self) -> DataController:
        return self._make_data()

    @cached_property
    def experiment(self) -> ExperimentController:
        return self._make_experiment()
