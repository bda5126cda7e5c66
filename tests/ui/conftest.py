"""Fixtures shared by the UI tests."""

from __future__ import annotations

import pytest

from liptwitch_desktop.reminders.notifier import Notifier
from liptwitch_desktop.reminders.service import ReminderService
from tests.reminders.fakes import ManualJobs


@pytest.fixture
def service(ctx):  # type: ignore[no-untyped-def]
    """A running reminder service on fake jobs (nothing fires on its own)."""
    s = ReminderService(ctx, Notifier(), backend=ManualJobs(), watch_logind=False)
    s.start()
    yield s
    s.stop()
