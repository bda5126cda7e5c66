"""APScheduler's `QtScheduler`, imported without what this app never runs through it.

Importing `apscheduler.schedulers.qt` pulls in, for names the tray never calls:
- asyncio, for `apscheduler.util.iscoroutinefunction` (from Python 3.14 on it takes
  inspect's): asyncio brings ssl and its libraries, ~3 MiB of idle memory;
- `apscheduler.executors.pool`, for the ThreadPoolExecutor a scheduler builds when it is
  given no "default" executor: it imports multiprocessing and concurrent.futures.process,
  ~2 MiB. The reminders run through the DebugExecutor, in the Qt thread (reminders/jobs.py).

So for the length of that one import each is a stand-in, in `sys.modules` under its own
name: asyncio holding only inspect's `iscoroutinefunction` (the same answer for anything but
pre-3.5 generator coroutines), the pool holding a ThreadPoolExecutor that imports the real
pool when a scheduler does build one (app/self_test.py's does). Right after, both names
are free again and import the real modules. A module already imported (in a test run,
say) is used as it is.
"""

from __future__ import annotations

import sys
import types
from typing import Any

POOL = "apscheduler.executors.pool"


class DeferredThreadPoolExecutor:
    """Stands for `apscheduler.executors.pool.ThreadPoolExecutor`: the real one, imported
    when first made (APScheduler's own default executor, for a scheduler without one)."""

    def __new__(cls, *args: Any, **kwargs: Any) -> Any:
        from apscheduler.executors.pool import ThreadPoolExecutor

        return ThreadPoolExecutor(*args, **kwargs)


def _stand_ins() -> dict[str, types.ModuleType]:
    import inspect

    asyncio = types.ModuleType("asyncio", "apscheduler.util's one name: see scheduler_import")
    asyncio.iscoroutinefunction = inspect.iscoroutinefunction  # type: ignore[attr-defined]
    pool = types.ModuleType(POOL, "the default executor, made on demand: see scheduler_import")
    pool.ThreadPoolExecutor = DeferredThreadPoolExecutor  # type: ignore[attr-defined]
    return {"asyncio": asyncio, POOL: pool}


def import_qt_scheduler() -> Any:
    """The `QtScheduler` class (see the module's text for what stays unimported)."""
    if "apscheduler.schedulers.qt" in sys.modules:
        from apscheduler.schedulers.qt import QtScheduler

        return QtScheduler
    placed = {name: m for name, m in _stand_ins().items() if name not in sys.modules}
    sys.modules.update(placed)
    try:
        from apscheduler.schedulers.qt import QtScheduler
    finally:
        for name, stand_in in placed.items():
            if sys.modules.get(name) is stand_in:
                del sys.modules[name]
    return QtScheduler
