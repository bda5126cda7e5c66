"""Waking the app at an instant: APScheduler's QtScheduler behind a two-method interface.

The reminder service computes every due instant itself (core.schedule) and asks this backend
only to call back at that instant, one job per id. Each job is a DateTrigger with an explicit
zoneinfo zone, `misfire_grace_time`, `coalesce=True`, `max_instances=1` and
`replace_existing=True`; jobs run through the DebugExecutor, i.e. in the Qt thread from the
scheduler's QTimer, so a callback may touch the UI and the database without threads.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any, Protocol

from ..core.clock import Clock

log = logging.getLogger(__name__)

# How late the Qt timer behind APScheduler may wake us past a job's own misfire window: the
# scheduler checks the window when it wakes, the service again a little later.
TIMER_SLACK = timedelta(seconds=5)


def misfire_seconds(grace: timedelta) -> int:
    """The job's `misfire_grace_time`: APScheduler still runs a job this late."""
    return max(1, int(grace.total_seconds()))


def on_time(due_at: datetime, now: datetime, grace: timedelta) -> bool:
    """Whether a job that woke at `now` for `due_at` may still show its reminder: the same
    floor as the job's misfire window, plus the timer's slack. A job the scheduler ran is
    never "too late" to the service."""
    return now - due_at <= timedelta(seconds=misfire_seconds(grace)) + TIMER_SLACK


class JobBackend(Protocol):
    def start(self) -> None: ...
    def shutdown(self) -> None: ...
    def plan(
        self,
        job_id: str,
        run_at: datetime,
        zone: tzinfo,
        grace: timedelta,
        callback: Callable[[], None],
    ) -> None: ...
    def cancel(self, job_id: str) -> None: ...
    def planned(self) -> dict[str, datetime]: ...


class ApschedulerBackend:
    """APScheduler 3.x `QtScheduler`, imported on first use (it costs ~86 ms)."""

    def __init__(
        self,
        on_missed: Callable[[str], None] | None = None,
        clock: Clock | None = None,
    ) -> None:
        from .scheduler_import import import_qt_scheduler

        scheduler = import_qt_scheduler()
        from apscheduler.events import EVENT_JOB_MISSED
        from apscheduler.executors.debug import DebugExecutor

        self._scheduler: Any = scheduler(executors={"default": DebugExecutor()})
        self._on_missed = on_missed
        self._clock = clock
        if on_missed is not None:
            self._scheduler.add_listener(self._missed, EVENT_JOB_MISSED)

    def _missed(self, event: Any) -> None:
        if self._on_missed is not None:
            self._on_missed(str(event.job_id))

    def start(self) -> None:
        if not self._scheduler.running:
            self._scheduler.start()

    def shutdown(self) -> None:
        if self._scheduler.running:
            self._scheduler.shutdown(wait=False)

    def plan(
        self,
        job_id: str,
        run_at: datetime,
        zone: tzinfo,
        grace: timedelta,
        callback: Callable[[], None],
    ) -> None:
        from apscheduler.triggers.date import DateTrigger

        self._scheduler.add_job(
            callback,
            trigger=DateTrigger(run_date=self._to_real(run_at).astimezone(zone), timezone=zone),
            id=job_id,
            name=job_id,
            replace_existing=True,
            misfire_grace_time=misfire_seconds(grace),
            coalesce=True,
            max_instances=1,
        )

    def _to_real(self, instant: datetime) -> datetime:
        """APScheduler waits on the system clock; the service may run on an injected one
        (a skewed clock in end-to-end tests). Translate so both agree on "how long from now"."""
        if self._clock is None:
            return instant
        return instant - (self._clock.now() - datetime.now(UTC))

    def cancel(self, job_id: str) -> None:
        if self._scheduler.get_job(job_id) is not None:
            self._scheduler.remove_job(job_id)

    def planned(self) -> dict[str, datetime]:
        """Job id -> when it will run, on the service's clock."""
        skew = (self._clock.now() - datetime.now(UTC)) if self._clock is not None else timedelta()
        return {  # in UTC before the skew: wall-clock arithmetic would cross a DST change
            job.id: job.next_run_time.astimezone(UTC) + skew
            for job in self._scheduler.get_jobs()
            if job.next_run_time is not None
        }

    @property
    def scheduler(self) -> Any:
        return self._scheduler
