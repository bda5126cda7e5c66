"""Issue 15, polish: Today's cards keep their height when their content changes (an empty
day, then a day with twitches, drinks, magnesium over the limit and a check-in): each card
keeps room for the most lines it shows, and the caffeine curve keeps its place when hidden."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from liptwitch_desktop.core.changes import Change
from liptwitch_desktop.core.entries import CheckIn, Episode, Intake, IntakeKind
from liptwitch_desktop.store.entries import add_episode, add_intake, save_checkin

from .test_today_caffeine import make_window


def _heights(page) -> dict[str, int]:
    cards = ("episodes_card", "caffeine_card", "magnesium_card", "sleep_card")
    return {name: getattr(page, name).height() for name in cards}


def test_cards_keep_their_height_from_an_empty_day_to_a_full_one(ctx, qtbot) -> None:
    window = make_window(ctx, qtbot)
    window.resize(1000, 900)
    page = window.page("today")
    qtbot.wait(20)
    empty = _heights(page)

    day = ctx.today()
    for i in range(9):  # more than the six listed: "… and 3 more"
        at = datetime.combine(day, time(7, 5 * i), tzinfo=ctx.zone)
        add_episode(Episode(started_at=at, duration_s=40, intensity=4))
    for hour, mg in ((8, 95), (10, 80), (12, 95)):
        at = datetime.combine(day, time(hour), tzinfo=ctx.zone)
        add_intake(Intake(at, IntakeKind.CAFFEINE, "Coffee", caffeine_mg=mg))
    at = datetime.combine(day, time(9), tzinfo=ctx.zone)
    add_intake(Intake(at, IntakeKind.MAGNESIUM, "citrate", magnesium_mg=450))
    save_checkin(CheckIn(day - timedelta(days=0), sleep_hours=5.5, stress=8))
    ctx.signals.changed(Change.ALL)
    qtbot.wait(20)
    assert "and 3 more" in page.episodes_body.text()
    assert page.caffeine_card.curve is not None and page.caffeine_card.curve.isVisible()
    assert _heights(page) == empty
