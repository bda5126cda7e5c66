"""Test doubles for the reminder service: a job backend run by hand and a notifier backend
that records what it was asked to show. The notifier and the service themselves are real."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, tzinfo

from liptwitch_desktop.reminders.notifier import Notice, NoticeSink


class ManualJobs:
    """A JobBackend whose jobs run when the test says time has come (`run_due`)."""

    def __init__(self) -> None:
        self.jobs: dict[str, tuple[datetime, Callable[[], None], timedelta, tzinfo]] = {}
        self.started = False

    def start(self) -> None:
        self.started = True

    def shutdown(self) -> None:
        self.started = False
        self.jobs.clear()

    def plan(
        self,
        job_id: str,
        run_at: datetime,
        zone: tzinfo,
        grace: timedelta,
        callback: Callable[[], None],
    ) -> None:
        self.jobs[job_id] = (run_at, callback, grace, zone)

    def cancel(self, job_id: str) -> None:
        self.jobs.pop(job_id, None)

    def planned(self) -> dict[str, datetime]:
        return {job_id: job[0] for job_id, job in self.jobs.items()}

    def run_due(self, now: datetime) -> int:
        """Run every job due at `now`, earliest first, as the scheduler would. Returns count."""
        ran = 0
        while True:
            due = sorted(
                (run_at, job_id) for job_id, (run_at, *_rest) in self.jobs.items() if run_at <= now
            )
            if not due:
                return ran
            _, job_id = due[0]
            _, callback, _, _ = self.jobs.pop(job_id)
            callback()
            ran += 1


class RecordingBackend:
    """A NotifierBackend that records notices and lets the test press their buttons."""

    name = "recording"

    def __init__(self, available: bool = True) -> None:
        self.shown: list[Notice] = []
        self.withdrawn: list[str] = []
        self._available = available
        self._sink: NoticeSink | None = None

    def available(self) -> bool:
        return self._available

    def show(self, notice: Notice, sink: NoticeSink) -> bool:
        self._sink = sink
        self.shown.append(notice)
        return True

    def withdraw(self, kind: str) -> None:
        self.withdrawn.append(kind)

    def press(self, kind: str, key: str) -> None:
        assert self._sink is not None, "nothing was shown"
        self._sink.action(kind, key)

    def close(self, kind: str, dismissed: bool = True) -> None:
        assert self._sink is not None
        self._sink.closed(kind, dismissed)
