"""What the headless verbs do (`twitch`, `log`, `status`), once for both of their paths.

A verb is a request (platform/ipc_protocol.py): a command and its JSON arguments. The
running app answers it with its log controller (so the window updates at once and Ctrl+Z
undoes it there: app/bootstrap.py wires `serve` to the single-instance listener); with no
app running, `liptwitch` answers it itself with `StoreWriter`, the store's own functions.
Either way the same checks run here first, and a refusal (an unknown drink, a dose over
the limit, a safety notice never shown) is a `VerbRefused` with one line and nothing written.

Imported only by a verb or by the running app after its first paint: it reads the store.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, time, tzinfo
from typing import Any, Protocol

from ..core.durations import format_duration
from ..core.entries import Episode, Intake, IntakeKind, Location
from ..platform.ipc_messages import MAX_TEXT_CHARS
from ..platform.ipc_protocol import CommandRefused, JSONObject

DEFAULT_WATER_ML = 250.0  # the water dialog's own default: one glass
INTENSITY_RANGE = range(1, 11)
# `--where lower-left`: the locations by their stored names, with dashes or underscores.
WHERE = {loc.value.replace("_", "-"): loc for loc in Location} | {
    "lower-center": Location.LOWER_CENTRE
}


# What `--in-app` opens in the running window (a drink with no name too), and what it says.
IN_APP = {
    "drink": "The drink dialog is open in LipTwitch",
    "magnesium": "LipTwitch is logging your magnesium (it asks what it needs)",
    "water": "The water dialog is open in LipTwitch",
}


class VerbRefused(CommandRefused):
    """The one-line reason a verb did nothing (exit status 2)."""


class LogWriter(Protocol):
    """Who writes: the app's LogController (one undo step and one change signal per call),
    or `StoreWriter` (the store's functions, when no app runs)."""

    def add(self, entry: Any, text: str | None = None) -> Any: ...

    def toggle_twitching(
        self, intensity: int | None = None, location: Location | None = None
    ) -> Episode | None: ...


@dataclass(frozen=True)
class VerbContext:
    """The clock, zone and day start the answer is given in (the app's own when it runs)."""

    now: Callable[[], datetime]
    zone: tzinfo
    day_start: Callable[[], time]
    # The running app's snoozes (kind -> when it shows again): they live only in its
    # scheduler, so a verb with no app running has none.
    snoozed: Callable[[], Mapping[str, datetime]] = lambda: {}


class StoreWriter:
    """The store's functions, for a verb with no app running (the same rules as the log
    controller's: a stop sets the duration, and the intensity and place when given)."""

    def __init__(self, now: Callable[[], datetime]) -> None:
        self._now = now

    def add(self, entry: Any, text: str | None = None) -> Any:
        from ..store import entries

        if isinstance(entry, Episode):
            return entries.add_episode(entry)
        return entries.add_intake(entry)

    def toggle_twitching(
        self, intensity: int | None = None, location: Location | None = None
    ) -> Episode | None:
        from ..store import entries, log_reads

        now = self._now()
        running = log_reads.running_episode()
        if running is None:
            return entries.add_episode(with_options(Episode(started_at=now), intensity, location))
        duration = max(0, int((now - running.started_at).total_seconds()))
        stopped = running._replace(duration_s=duration)
        return entries.update_episode(with_options(stopped, intensity, location))


def with_options(episode: Episode, intensity: int | None, location: Location | None) -> Episode:
    """The episode with the intensity and place the person gave (the others kept)."""
    if intensity is not None:
        episode = episode._replace(intensity=intensity)
    if location is not None:
        episode = episode._replace(location=location)
    return episode


# --- reading the arguments (they come from a socket: checked like any input) ---------------


def _number(args: JSONObject, name: str) -> float | None:
    value = args.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise VerbRefused(f"{name} must be a number")
    return float(value)


def _text(args: JSONObject, name: str) -> str | None:
    value = args.get(name)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip() or len(value) > MAX_TEXT_CHARS:
        raise VerbRefused(f"{name} must be a short text")
    return value.strip()


def _only(args: JSONObject, names: set[str]) -> None:
    extra = sorted(set(args) - names)
    if extra:
        raise VerbRefused(f"unknown argument {extra[0][:40]!r}")


def twitch_options(args: JSONObject) -> tuple[int | None, Location | None]:
    _only(args, {"intensity", "where"})
    number = _number(args, "intensity")
    intensity = None
    if number is not None:
        if number != int(number) or int(number) not in INTENSITY_RANGE:
            raise VerbRefused("the intensity goes from 1 (barely noticeable) to 10 (worst)")
        intensity = int(number)
    where = _text(args, "where")
    location = None
    if where is not None:
        location = WHERE.get(where.lower().replace("_", "-"))
        if location is None:
            raise VerbRefused(f"unknown place {where[:40]!r}; one of: {', '.join(sorted(WHERE))}")
    return intensity, location


# --- the verbs -----------------------------------------------------------------------------


def _clock(instant: datetime, zone: tzinfo) -> str:
    return f"{instant.astimezone(zone):%H:%M}"


def twitch(args: JSONObject, writer: LogWriter, ctx: VerbContext) -> JSONObject:
    """Start "Twitching now", or stop it: "Started 14:02" / "Stopped: 3 min 10 s"."""
    intensity, location = twitch_options(args)
    episode = writer.toggle_twitching(intensity, location)
    if episode is None:
        raise VerbRefused("nothing was changed")
    if episode.running:
        message = f"Started {_clock(episode.started_at, ctx.zone)}"
    else:
        message = f"Stopped: {format_duration(episode.duration_s)}"
    return {
        "message": message,
        "running": episode.running,
        "episode_id": episode.id,
        "started_at": episode.started_at.isoformat(),
        "duration_s": episode.duration_s,
        "intensity": episode.intensity,
        "where": episode.location.value,
    }


def _refuse_invalid(intake: Intake, now: datetime) -> None:
    from ..core.validation import validate_intake

    errors = validate_intake(intake, now)
    if errors:
        raise VerbRefused(next(iter(errors.values())).rstrip("."))


def log_entry(
    args: JSONObject,
    writer: LogWriter,
    ctx: VerbContext,
    open_in_app: Callable[[str], None] | None = None,
) -> JSONObject:
    """`log drink NAME`, `log magnesium [MG]`, `log water [ML]`; with `in_app` (or a drink
    with no name) the app's own dialog or Ctrl+M instead, which asks what it needs."""
    what = args.get("what")
    if not isinstance(what, str) or what not in IN_APP:
        raise VerbRefused("log what? drink, magnesium or water")
    in_app = args.get("in_app", False)
    if not isinstance(in_app, bool):
        raise VerbRefused("in_app must be true or false")
    if in_app or (what == "drink" and args.get("drink") is None):
        _only(args, {"what", "in_app"})
        if open_in_app is None:
            raise VerbRefused(
                "name a drink (liptwitch log drink espresso)"
                if what == "drink"
                else "LipTwitch is not running to ask"
            )
        open_in_app(str(what))
        return {"message": IN_APP[str(what)], "opened": str(what)}
    if what == "drink":
        _only(args, {"what", "drink", "in_app"})
        return _log_drink(_text(args, "drink") or "", writer, ctx)
    if what == "magnesium":
        _only(args, {"what", "mg", "in_app"})
        return _log_magnesium(_number(args, "mg"), writer, ctx)
    _only(args, {"what", "ml", "in_app"})
    ml = _number(args, "ml")
    intake = Intake(ctx.now(), IntakeKind.WATER, water_ml=DEFAULT_WATER_ML if ml is None else ml)
    _refuse_invalid(intake, ctx.now())
    saved = writer.add(intake, "Log water")
    return {"message": f"Logged {intake.water_ml:g} ml water", "intake_id": saved.id}


def find_drink(name: str) -> Any:
    """A preset by id or label, or one of the person's own drinks by name (any case)."""
    from ..core.drinks import all_drinks
    from ..store.settings import get_setting

    drinks = all_drinks(get_setting("custom_drinks"))
    wanted = name.casefold().strip()
    for drink in drinks:
        keys = {
            drink.id.casefold(),
            drink.label.casefold(),
            drink.id.casefold().removeprefix("custom:"),
        }
        if wanted in keys or wanted.replace("-", "_") in keys:
            return drink
    known = ", ".join(d.label if d.custom else d.id for d in drinks)
    reason = f"unknown drink {name[:40]!r}; known: {known}"
    raise VerbRefused(reason if len(reason) <= 280 else reason[:279] + "…")


def _log_drink(name: str, writer: LogWriter, ctx: VerbContext) -> JSONObject:
    from ..store.log_reads import today_summary
    from ..store.settings import get_setting

    drink = find_drink(name)
    now = ctx.now()
    intake = Intake(now, IntakeKind.CAFFEINE, drink.label, caffeine_mg=drink.caffeine_mg)
    _refuse_invalid(intake, now)
    before = today_summary(_today(ctx), ctx.zone, ctx.day_start()).caffeine_mg
    saved = writer.add(intake, "Log drink")
    total = before + drink.caffeine_mg
    limit = float(get_setting("caffeine_limit_mg"))
    message = f"Logged {drink.label} ({drink.caffeine_mg:g} mg caffeine, {total:g} mg today)"
    if total > limit:
        # Logged all the same: it was drunk, and the log must say so. The note says the rest.
        message += f"; over your {limit:g} mg daily limit"
    extreme = _log_caffeine_extreme()
    if extreme is not None and total >= (extreme.at_least or 0):
        message += ". " + extreme.advice  # FACTS.md: 1,200 mg a day (fda-caffeine)
    return {"message": message, "intake_id": saved.id, "caffeine_mg_today": total}


def _log_caffeine_extreme() -> Any:
    """The red flag for a logged day of extreme caffeine (red_flags.toml), for its advice."""
    from ..core.knowledge import load_knowledge

    return next((f for f in load_knowledge().red_flags if f.id == "log_caffeine_extreme"), None)


def _today(ctx: VerbContext) -> Any:
    from ..core.days import local_day

    return local_day(ctx.now(), ctx.zone, ctx.day_start())


def _log_magnesium(mg: float | None, writer: LogWriter, ctx: VerbContext) -> JSONObject:
    """The safety notice first (FACTS.md: before the first magnesium is logged, by any path);
    the dose the person entered in the app, or the one given; never past the upper limit."""
    from ..core.knowledge import load_knowledge
    from ..store.log_reads import today_summary
    from ..store.magnesium_notice import notice_shown
    from ..store.settings import get_setting
    from ..store.supplements import adult, confirmed_magnesium_dose

    kb = load_knowledge()
    if not notice_shown():
        raise VerbRefused(
            "the magnesium safety notice has not been shown yet: log magnesium once in the "
            "app (Ctrl+M), which shows it first"
        )
    if mg is None:
        if adult() is False:
            under_18 = next((i.under_18 for i in kb.quick_fixes if i.under_18), "")
            raise VerbRefused(
                f"no dose is suggested under 18. {under_18} To log a dose you took, give it: "
                "liptwitch log magnesium MG"
            )
        mg = confirmed_magnesium_dose()
        if mg is None:
            raise VerbRefused(
                "give the dose (the elemental magnesium on the label): liptwitch log magnesium MG"
            )
    now = ctx.now()
    intake = Intake(now, IntakeKind.MAGNESIUM, str(get_setting("magnesium_form")), magnesium_mg=mg)
    _refuse_invalid(intake, now)
    taken = today_summary(_today(ctx), ctx.zone, ctx.day_start()).magnesium_mg
    total = taken + mg
    eu = kb.limits["magnesium_supplement_mg_day"].value
    us = kb.limits["magnesium_supplement_ul_us_mg_day"].value
    if total > us:
        # The app asks before a dose like this; a command cannot ask, so it does not log it.
        already = f" ({taken:g} mg already today)" if taken else ""
        raise VerbRefused(
            f"{mg:g} mg{already} would make {total:g} mg today, above both upper limits for "
            f"magnesium from supplements (EU {eu:g} mg, US {us:g} mg a day): not logged. "
            "Take this much only on a doctor's advice; the app asks before logging it"
        )
    saved = writer.add(intake, "Log magnesium")
    message = f"Logged {mg:g} mg magnesium ({total:g} mg today)"
    if total > eu:
        message += ". " + kb.reminder_texts["dose_above_eu"].format(
            mg=f"{total:g}", eu=f"{eu:g}", us=f"{us:g}"
        )
    return {"message": message, "intake_id": saved.id, "magnesium_mg_today": total}


def _clock_can_date(now: datetime) -> None:
    """A clock that says 1970 (a flat CMOS battery) or 2150 dates nothing (core/clock_sense):
    refused in words before anything is looked up or written, on either path."""
    from ..core.clock_sense import clock_looks_wrong

    if clock_looks_wrong(now):
        raise VerbRefused(
            f"your computer's clock says {now:%Y-%m-%d}, so nothing can be dated by it: "
            "nothing was saved (what was saved before is safe); set the date and time"
        )


def serve(
    cmd: str,
    args: JSONObject,
    writer: LogWriter,
    ctx: VerbContext,
    open_in_app: Callable[[str], None] | None = None,
) -> JSONObject:
    """The answer to one verb; VerbRefused (one line, nothing written) when it is refused."""
    if cmd in ("twitch", "log"):
        _clock_can_date(ctx.now())
    if cmd == "twitch":
        return twitch(args, writer, ctx)
    if cmd == "log":
        return log_entry(args, writer, ctx, open_in_app)
    if cmd == "status":
        _only(args, set())
        from .verb_status import status

        return status(ctx)
    raise VerbRefused(f"unknown command {cmd[:40]!r}")
