"""Shared fixtures. Every test runs offscreen unless it starts its own X server (tests/e2e)."""

from __future__ import annotations

import os

# Before any Qt import: tests never need a real screen unless they bring one (tests/e2e).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TZ", "Europe/London")

import logging
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from liptwitch_desktop.core.clock import FakeClock

# A fixed instant for tests: a Tuesday afternoon in London, in winter time.
TEST_NOW = datetime(2026, 3, 10, 15, 30, tzinfo=UTC)


# --- a logged error fails the test ----------------------------------------------------------
# The app logs an ERROR (or CRITICAL) when something went wrong that the person may not see:
# a test during which that happens fails, unless it says it expects it:
#     @pytest.mark.expect_log_error(r"could not write the backup")  (a regex per expected line)
#     @pytest.mark.expect_log_error  (any error: only where the message is not the point)
APP_LOGGERS = ("liptwitch", "liptwitch_desktop")  # the package's modules, and its named loggers


class _ErrorRecords(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


_ERRORS = pytest.StashKey[_ErrorRecords]()


def _fail_on_unexpected_errors(item: pytest.Item, when: str) -> None:
    handler = item.stash.get(_ERRORS, None)
    if handler is None or not handler.records:
        return
    records, handler.records = handler.records, []
    marker = item.get_closest_marker("expect_log_error")
    if marker is not None and not marker.args:
        return
    patterns = [re.compile(p) for p in marker.args] if marker is not None else []
    unexpected = [r for r in records if not any(p.search(r.getMessage()) for p in patterns)]
    if unexpected:
        lines = "\n".join(f"  {r.levelname} {r.name}: {r.getMessage()}" for r in unexpected)
        pytest.fail(
            f"logged {len(unexpected)} unexpected error(s) {when}:\n{lines}\n"
            '(a test that expects one says so: @pytest.mark.expect_log_error(r"..."))',
            pytrace=False,
        )


@pytest.fixture(autouse=True)
def _logged_errors_fail(request: pytest.FixtureRequest) -> Iterator[None]:
    """Collects what the app's loggers report at ERROR and above during the test (set up
    first, so torn down last: a fixture's teardown is heard too)."""
    handler = _ErrorRecords()
    request.node.stash[_ERRORS] = handler
    loggers = [logging.getLogger(name) for name in APP_LOGGERS]
    for logger in loggers:
        logger.addHandler(handler)
    try:
        yield
    finally:
        for logger in loggers:
            logger.removeHandler(handler)
    _fail_on_unexpected_errors(request.node, "while tearing down")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    # Checked right after the test body, so it fails as the test (not as its teardown).
    result = yield
    _fail_on_unexpected_errors(item, "during the test")
    return result


@pytest.fixture(autouse=True)
def _no_damage_watch_left() -> Iterator[None]:
    """The damaged-file watch is the app's, once per run: each test starts without one."""
    yield
    from liptwitch_desktop.store.database import damage

    damage.reset()


@pytest.fixture(scope="session")
def qapp(qapp: object) -> object:
    """pytest-qt's application with the app's translations, as make_application installs
    them at start ("1 page", "2 pages" come from the .qm's plural forms)."""
    from liptwitch_desktop.platform.translations import install_translations

    assert install_translations(qapp)  # type: ignore[arg-type]
    return qapp


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(TEST_NOW)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[object]:
    """A fresh, migrated database in tmp_path, bound to the store's proxy."""
    from liptwitch_desktop.store.database.db import close_database, open_database

    database = open_database(tmp_path / "data" / "liptwitch.sqlite3")
    yield database
    close_database()


@pytest.fixture
def ctx(db: object, tmp_path: Path, clock: FakeClock, qapp: object) -> object:
    from liptwitch_desktop.runtime.context import AppContext
    from liptwitch_desktop.runtime.signals import AppSignals

    return AppContext(
        clock=clock,
        zone=ZoneInfo("Europe/London"),
        signals=AppSignals(),
        data_dir=tmp_path / "data",
    )


@pytest.fixture
def controllers(ctx: object) -> object:
    """The controllers as the composition root builds them (app/bootstrap.py)."""
    from liptwitch_desktop.app.bootstrap import build_controllers

    return build_controllers(ctx)  # type: ignore[arg-type]


@pytest.fixture
def service(ctx: object) -> Iterator[object]:
    """A running reminder service on fake jobs (nothing fires on its own)."""
    from liptwitch_desktop.reminders.notifier import Notifier
    from liptwitch_desktop.reminders.service import ReminderService
    from tests.reminders.fakes import ManualJobs

    s = ReminderService(ctx, Notifier(), backend=ManualJobs(), watch_logind=False)  # type: ignore[arg-type]
    s.start()
    yield s
    s.stop()


from tests.tiny_disk import tiny_disk  # noqa: E402, F401  (a fixture: a real, full disk)
