"""Logging one episode (store call, commit included) on a database holding 10 years of data.

Target (issue 2): median under 5 ms with ~40,000 episodes and ~100,000 intake entries. The
figure is also given as a ratio against a bare sqlite3 INSERT + COMMIT on the same file, which
is what the store cannot go below.

    python benchmarks/bench_logging.py
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import median_ms, timed

from liptwitch_desktop.core.demo_data import generate
from liptwitch_desktop.core.entries import Episode
from liptwitch_desktop.store.bulk import insert_demo
from liptwitch_desktop.store.database.db import close_database, open_database
from liptwitch_desktop.store.database.models import Episode as EpisodeRow
from liptwitch_desktop.store.database.models import Intake as IntakeRow
from liptwitch_desktop.store.entries import add_episode


def ten_years(path: Path) -> tuple[int, int]:
    open_database(path)
    log = generate(
        date(2026, 11, 1),
        3650,
        ZoneInfo("Europe/London"),
        seed=3,
        episode_rate=11.0,
        water_per_day=(22, 26),
    )
    insert_demo(log)
    return EpisodeRow.select().count(), IntakeRow.select().count()


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "liptwitch.sqlite3"
        episodes, intakes = ten_years(path)
        t = datetime(2026, 11, 2, 9, tzinfo=UTC)
        counter = iter(range(10**6))

        def log_one() -> None:
            add_episode(
                Episode(
                    started_at=t + timedelta(seconds=next(counter)),
                    intensity=4,
                    duration_s=40,
                    activity="at my desk",
                )
            )

        store_times = timed(log_one, 300)
        close_database()
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("PRAGMA journal_mode=wal")
        conn.execute("PRAGMA synchronous=normal")

        def raw_one() -> None:
            conn.execute("BEGIN")
            conn.execute(
                "INSERT INTO episode (started_at, intensity, location, activity) "
                "VALUES (?, 4, 'lower_left', 'x')",
                (next(counter),),
            )
            conn.execute("COMMIT")

        raw_times = timed(raw_one, 300)
        conn.close()
    store_ms, raw_ms = median_ms(store_times), median_ms(raw_times)
    print(f"database: {episodes} episodes, {intakes} intake entries")
    print(f"log one episode through the store: median {store_ms:.2f} ms (target < 5 ms)")
    print(f"bare sqlite3 INSERT + COMMIT:      median {raw_ms:.2f} ms")
    print(f"ratio store / bare: {store_ms / raw_ms:.1f}x")
    return 0 if store_ms < 5 else 1


if __name__ == "__main__":
    sys.exit(main())
