"""--demo: 120 days of synthetic data in the demo folder's own database, filled once."""

from __future__ import annotations

from ..runtime.context import AppContext


def fill_demo_if_empty(ctx: AppContext) -> None:
    from ..core.demo_data import generate
    from ..store.bulk import insert_demo, is_empty

    if is_empty():
        log = generate(ctx.today(), 120, ctx.zone)
        now = ctx.clock.now()
        # Today's demo day is only filled up to now: nothing in the demo lies in the future.
        log.episodes = [e for e in log.episodes if e.started_at <= now]
        log.intakes = [i for i in log.intakes if i.taken_at <= now]
        insert_demo(log)
