"""--demo: 120 days of synthetic data in the demo folder's own database, filled once, with
one finished 6-week caffeine-cutoff experiment (core/experiment/demo.py)."""

from __future__ import annotations

from datetime import timedelta

from ..runtime.context import AppContext


def fill_demo_if_empty(ctx: AppContext) -> None:
    from ..controllers.experiment import zone_name
    from ..core.demo_data import generate
    from ..core.experiment.demo import demo_experiment, keep_the_cutoff
    from ..store import experiments
    from ..store.bulk import insert_demo, is_empty

    if is_empty():
        today = ctx.today()
        log = generate(today, 120, ctx.zone)
        now = ctx.clock.now()
        exp = demo_experiment(today, zone_name(ctx.zone), ctx.day_start)
        log.intakes = keep_the_cutoff(log.intakes, exp, ctx.zone)
        # Today's demo day is only filled up to now: nothing in the demo lies in the future.
        log.episodes = [e for e in log.episodes if e.started_at <= now]
        log.intakes = [i for i in log.intakes if i.taken_at <= now]
        insert_demo(log)
        created = now - timedelta(days=(today - exp.created_on).days)
        experiments.start(exp, exp.created_on, created)
