"""The Trends page on 10 years of data: opening it, and switching the range.

Targets (issue 4): opening (query, aggregate, analyse, draw) under 300 ms median; switching
range under 100 ms median; with ~40,000 episodes and ~100,000 intake entries (the same
generator settings as bench_logging.py, which give a little more). "Opening" is building the
page, showing it and letting Qt paint it, in the default 3-month view; the first, cold open
(pyqtgraph's own start-up: fonts, the paint engine) is reported apart, and so is the first
visit to each range (which loads the days it needs and runs the analysis for it).

    python benchmarks/bench_trends.py
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # this checkout first
from common import display, median_ms, timed

from liptwitch_desktop.core.clock import FakeClock
from liptwitch_desktop.core.demo_data import generate
from liptwitch_desktop.store.bulk import insert_demo
from liptwitch_desktop.store.database.db import close_database, open_database
from liptwitch_desktop.store.database.models import Episode as EpisodeRow
from liptwitch_desktop.store.database.models import Intake as IntakeRow

ZONE = ZoneInfo("Europe/London")
LAST_DAY = date(2026, 11, 1)


def ten_years(path: Path) -> tuple[int, int]:
    open_database(path)
    log = generate(LAST_DAY, 3650, ZONE, seed=3, episode_rate=11.0, water_per_day=(22, 26))
    insert_demo(log)
    return EpisodeRow.select().count(), IntakeRow.select().count()


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp, display() as where:
        data_dir = Path(tmp) / "data"
        start = time.perf_counter()
        episodes, intakes = ten_years(data_dir / "liptwitch.sqlite3")
        print(f"display: {where}")
        print(
            f"data: {episodes} episodes, {intakes} intakes over 10 years "
            f"(built in {time.perf_counter() - start:.1f} s)"
        )

        from PySide6.QtWidgets import QApplication

        app = QApplication.instance() or QApplication([])

        from liptwitch_desktop.runtime.context import AppContext
        from liptwitch_desktop.runtime.signals import AppSignals
        from liptwitch_desktop.store.aggregates import day_series, hour_profile
        from liptwitch_desktop.store.settings import get_time
        from liptwitch_desktop.ui.trends import TrendsPage
        from liptwitch_desktop.ui.trends.data import load_trends

        clock = FakeClock(datetime(2026, 11, 1, 12, 0, tzinfo=UTC))
        ctx = AppContext(clock=clock, zone=ZONE, signals=AppSignals(), data_dir=data_dir)

        def open_page() -> TrendsPage:
            page = TrendsPage(ctx)
            page.resize(1200, 900)
            page.show()
            app.processEvents()  # lay out and paint
            return page

        start = time.perf_counter()
        cold = open_page()
        cold_ms = (time.perf_counter() - start) * 1000
        cold.close()
        cold.deleteLater()
        app.processEvents()

        open_samples = []
        for _ in range(9):
            start = time.perf_counter()
            page = open_page()
            open_samples.append(time.perf_counter() - start)
            page.close()  # outside the timing: only one page is ever on screen
            page.deleteLater()
            app.processEvents()

        # First visit to each range: loads the history it needs, reads the time-of-day counts
        # and runs the analysis for it. Later visits reuse those until the data changes.
        page = open_page()
        first_visit = {}
        for key in ("2w", "1y", "all", "3m"):
            start = time.perf_counter()
            page.set_range(key)
            app.processEvents()
            first_visit[key] = (time.perf_counter() - start) * 1000
        keys = ["2w", "1y", "all", "3m"] * 4

        def switch() -> None:
            page.set_range(keys.pop())
            app.processEvents()

        switch_samples = timed(switch, 16)

        first = page.data.first if page.data else LAST_DAY
        cutoff = get_time("caffeine_cutoff")
        series_ms = median_ms(
            timed(
                lambda: day_series(first, LAST_DAY, ZONE, ctx.day_start, cutoff, False),
                5,
            )
        )
        hours_ms = median_ms(timed(lambda: hour_profile(first, LAST_DAY, ZONE, ctx.day_start), 5))
        load_3m = median_ms(timed(lambda: load_trends(ctx, LAST_DAY - timedelta(days=90)), 5))

        print(f"first (cold) open:          {cold_ms:7.1f} ms")
        print(f"open, median of 9:          {median_ms(open_samples):7.1f} ms   (target 300 ms)")
        print(
            "first visit to a range:     "
            + ", ".join(f"{k} {v:.0f} ms" for k, v in first_visit.items())
        )
        print(f"switch range, median of 16: {median_ms(switch_samples):7.1f} ms   (target 100 ms)")
        print(
            f"  store: 3-month load {load_3m:.1f} ms; 10-year day series {series_ms:.1f} ms; "
            f"10-year hour profile {hours_ms:.1f} ms"
        )
        page.close()
        close_database()


if __name__ == "__main__":
    main()
    # PySide6 6.12 with pyqtgraph can abort while tearing the interpreter down ("bool_dealloc")
    # after everything above has finished; the figures are printed, so leave without teardown.
    sys.stdout.flush()
    os._exit(0)
