"""--demo's data: 120 days of synthetic log and one finished 6-week caffeine-cutoff
experiment (core/demo_data.py, core/experiment/demo.py), written once into an empty store.

Here, below both the app and the command line, so `liptwitch --demo experiment status` on a
folder the app never opened finds the same demo as the window (review 16/17, finding 11).
"""

from __future__ import annotations

from datetime import datetime, time, timedelta, tzinfo


def fill_demo_if_empty(now: datetime, zone: tzinfo, day_start: time) -> bool:
    """Fill the open store with the demo when it holds nothing yet; True when it did."""
    if not _holds_nothing():
        return False  # every later demo start: the generator and the ORM stay unloaded
    from ..core.days import local_day
    from ..core.demo_data import generate
    from ..core.experiment.demo import demo_experiment, keep_the_cutoff
    from . import experiments
    from .bulk import insert_demo, is_empty

    if not is_empty():
        return False
    today = local_day(now, zone, day_start)
    log = generate(today, 120, zone)
    key = getattr(zone, "key", None)
    exp = demo_experiment(today, key if isinstance(key, str) and key else "UTC", day_start)
    log.intakes = keep_the_cutoff(log.intakes, exp, zone)
    # Today's demo day is only filled up to now: nothing in the demo lies in the future.
    log.episodes = [e for e in log.episodes if e.started_at <= now]
    log.intakes = [i for i in log.intakes if i.taken_at <= now]
    insert_demo(log)
    created = now - timedelta(days=(today - exp.created_on).days)
    experiments.start(exp, exp.created_on, created)
    return True


def _holds_nothing() -> bool:
    """No episode, intake or check-in yet: one plain-SQL look on the open connection, the
    same question `bulk.is_empty` asks through the ORM."""
    from .database.connection import connection

    conn = connection()
    return not any(
        conn.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone()  # fixed table names
        for table in ("episode", "intake", "checkin")
    )
