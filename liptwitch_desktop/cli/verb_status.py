"""`liptwitch status [--json]`: today at a glance, from the store (the running app's, when
it answers, or the file's own).

Today's twitches, caffeine so far and expected at bedtime (core/caffeine.py: the person's
half-life and bedtime), magnesium and water taken, and the next reminder that will really
interrupt (quiet hours and a pause skipped, core/schedule/due.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, time, tzinfo
from typing import TYPE_CHECKING

from ..core.plurals import count
from ..platform.ipc_protocol import JSONObject

if TYPE_CHECKING:
    from .verb_actions import VerbContext


def next_reminder(
    now: datetime, zone: tzinfo, day_start: time, snoozed: Mapping[str, datetime] | None = None
) -> tuple[str, datetime, bool] | None:
    """The kind and instant of the next reminder to fire and whether it is a snoozed one, or
    None when none is on: as the reminder service plans it (reminders/planning.next_due), a
    pause set under a wrong clock ignored and a day on which what it asks for is logged
    already skipped. `snoozed` (kind -> instant) are the running app's snooze jobs: a
    snoozed reminder coming back is a reminder the person will get."""
    from ..core.schedule.due import is_satisfied, next_fire
    from ..core.schedule.specs import sane_policy
    from ..store.adherence import logged_at
    from ..store.reminder_store import get_policy, load_specs
    from ..store.supplements import magnesium_offered

    policy = sane_policy(get_policy(), now)
    found: list[tuple[datetime, str, bool]] = []
    for kind, spec in load_specs().items():
        if kind.value == "magnesium" and not magnesium_offered():
            continue  # under 18: never scheduled (store/supplements.py)
        after = now
        for _ in range(4):  # the service skips three satisfied days, then takes what comes
            due = next_fire(spec, policy, zone, after)
            if due is None or not is_satisfied(kind, logged_at(due, zone, day_start)):
                break
            after = due
        if due is not None:
            found.append((due, kind.value, False))
    found.extend((at, kind, True) for kind, at in (snoozed or {}).items() if at > now)
    if not found:
        return None
    first_due, first_kind, is_snooze = min(found)
    return first_kind, first_due, is_snooze


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
    upcoming = next_reminder(now, zone, day_start, ctx.snoozed())
    twitches = len(summary.episodes)
    limit = float(get_setting("caffeine_limit_mg"))
    lines = [
        f"Today ({day.isoformat()}): {count(twitches, 'twitch', 'twitches')}"
        + (f", one going since {running.started_at.astimezone(zone):%H:%M}" if running else ""),
        f"Caffeine: {summary.caffeine_mg:g} mg so far (your limit {limit:g} mg), "
        f"about {at_bedtime:.0f} mg at bedtime ({bedtime:%H:%M})",
        f"Magnesium: {summary.magnesium_mg:g} mg taken",
        f"Water: {summary.water_ml:g} ml",
        "Next reminder: "
        + (
            f"{upcoming[0].replace('_', ' ')} at {upcoming[1].astimezone(zone):%a %H:%M}"
            + (" (snoozed)" if upcoming[2] else "")
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
            {
                "kind": upcoming[0],
                "at": upcoming[1].astimezone(zone).isoformat(),
                "snoozed": upcoming[2],
            }
            if upcoming
            else None
        ),
    }
