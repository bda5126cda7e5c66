"""`liptwitch status [--json]`: today at a glance, from the store (the running app's, when
it answers, or the file's own).

Today's twitches, caffeine so far and expected at bedtime (core/caffeine.py: the person's
half-life and bedtime), magnesium and water taken, and the next reminder that will really
interrupt (quiet hours and a pause skipped, core/schedule/due.py).
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import TYPE_CHECKING

from ..platform.ipc_protocol import JSONObject

if TYPE_CHECKING:
    from .verb_actions import VerbContext


def next_reminder(now: datetime, zone: tzinfo) -> tuple[str, datetime] | None:
    """The kind and instant of the next reminder to fire, or None when none is on."""
    from ..core.schedule.due import next_fire
    from ..store.reminder_store import get_policy, load_specs
    from ..store.supplements import magnesium_offered

    policy = get_policy()
    found: list[tuple[datetime, str]] = []
    for kind, spec in load_specs().items():
        if kind.value == "magnesium" and not magnesium_offered():
            continue  # under 18: never scheduled (store/supplements.py)
        due = next_fire(spec, policy, zone, now)
        if due is not None:
            found.append((due, kind.value))
    if not found:
        return None
    due, kind = min(found)
    return kind, due


def status(ctx: VerbContext) -> JSONObject:
    from ..core.caffeine import CaffeineDose, caffeine_at_bedtime
    from ..core.days import local_day
    from ..store.log_reads import today_summary
    from ..store.settings import get_setting, get_time

    now, zone, day_start = ctx.now(), ctx.zone, ctx.day_start()
    day = local_day(now, zone, day_start)
    summary = today_summary(day, zone, day_start)
    bedtime = get_time("bedtime")
    at_bedtime = caffeine_at_bedtime(
        [CaffeineDose(d.taken_at, d.caffeine_mg or 0.0) for d in summary.drinks],
        day,
        bedtime,
        zone,
        float(get_setting("caffeine_half_life_h")),
        day_start,
    )
    running = summary.running_episode
    upcoming = next_reminder(now, zone)
    twitches = len(summary.episodes)
    limit = float(get_setting("caffeine_limit_mg"))
    lines = [
        f"Today ({day.isoformat()}): {twitches} twitch{'es' if twitches != 1 else ''}"
        + (f", one going since {running.started_at.astimezone(zone):%H:%M}" if running else ""),
        f"Caffeine: {summary.caffeine_mg:g} mg so far (your limit {limit:g} mg), "
        f"about {at_bedtime:.0f} mg at bedtime ({bedtime:%H:%M})",
        f"Magnesium: {summary.magnesium_mg:g} mg taken",
        f"Water: {summary.water_ml:g} ml",
        "Next reminder: "
        + (
            f"{upcoming[0].replace('_', ' ')} at {upcoming[1].astimezone(zone):%a %H:%M}"
            if upcoming
            else "none on"
        ),
    ]
    return {
        "message": "\n".join(lines),
        "day": day.isoformat(),
        "twitches": twitches,
        "running_since": running.started_at.isoformat() if running else None,
        "caffeine_mg": summary.caffeine_mg,
        "caffeine_limit_mg": limit,
        "caffeine_at_bedtime_mg": round(at_bedtime, 1),
        "bedtime": f"{bedtime:%H:%M}",
        "magnesium_mg": summary.magnesium_mg,
        "water_ml": summary.water_ml,
        "next_reminder": (
            {"kind": upcoming[0], "at": upcoming[1].astimezone(zone).isoformat()}
            if upcoming
            else None
        ),
    }
