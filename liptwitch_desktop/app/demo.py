"""--demo: 120 days of synthetic data in the demo folder's own database, filled once, with
one finished 6-week caffeine-cutoff experiment (store/demo_fill.py, shared with the CLI)."""

from __future__ import annotations

from ..runtime.context import AppContext


def fill_demo_if_empty(ctx: AppContext) -> None:
    from ..store.demo_fill import fill_demo_if_empty as fill

    fill(ctx.clock.now(), ctx.zone, ctx.day_start)
