"""The caffeine decay model, the expected caffeine at bedtime and the late-drink note."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from liptwitch_desktop.core.caffeine import (
    DEFAULT_HALF_LIFE_H,
    CaffeineDose,
    bedtime_instant,
    caffeine_at_bedtime,
    caffeine_remaining_at,
    late_drink_note,
    remaining_fraction,
)

LONDON = ZoneInfo("Europe/London")


def at(h: int, m: int = 0, day: int = 27) -> datetime:
    return datetime(2026, 11, day, h, m, tzinfo=LONDON)


def test_default_half_life_is_the_cautious_five_hours() -> None:
    assert DEFAULT_HALF_LIFE_H == 5.0


def test_one_half_life_leaves_half() -> None:
    dose = CaffeineDose(at(8), 100)
    assert caffeine_remaining_at([dose], at(13)) == pytest.approx(50)
    assert caffeine_remaining_at([dose], at(18)) == pytest.approx(25)
    assert caffeine_remaining_at([dose], at(12), half_life_h=4) == pytest.approx(50)


def test_drinks_after_the_instant_do_not_count_and_doses_add_up() -> None:
    doses = [CaffeineDose(at(8), 100), CaffeineDose(at(13), 100), CaffeineDose(at(20), 500)]
    assert caffeine_remaining_at(doses, at(13)) == pytest.approx(150)
    assert caffeine_remaining_at([], at(13)) == 0


def test_fraction_edge_cases() -> None:
    assert remaining_fraction(timedelta(0)) == 1.0
    assert remaining_fraction(timedelta(hours=-1)) == 0.0
    for bad in (0.0, -1.0, float("nan"), float("inf")):
        with pytest.raises(ValueError):
            remaining_fraction(timedelta(hours=1), bad)


@given(
    mg=st.floats(min_value=1, max_value=1000),
    hours=st.floats(min_value=0, max_value=48),
    half_life=st.floats(min_value=2, max_value=8),
)
def test_decay_is_bounded_and_monotonic(mg: float, hours: float, half_life: float) -> None:
    start = datetime(2026, 1, 1, tzinfo=UTC)
    dose = [CaffeineDose(start, mg)]
    now = caffeine_remaining_at(dose, start + timedelta(hours=hours), half_life)
    later = caffeine_remaining_at(dose, start + timedelta(hours=hours + 1), half_life)
    assert 0 < later <= now <= mg


def test_bedtime_before_day_start_is_the_next_calendar_date() -> None:
    assert bedtime_instant(date(2026, 11, 27), time(23, 0), LONDON) == at(23)
    assert bedtime_instant(date(2026, 11, 27), time(0, 30), LONDON) == at(0, 30, day=28)


def test_expected_caffeine_at_bedtime() -> None:
    doses = [CaffeineDose(at(8), 95), CaffeineDose(at(13), 95)]
    mg = caffeine_at_bedtime(doses, date(2026, 11, 27), time(23, 0), LONDON)
    assert mg == pytest.approx(95 * 0.5**3 + 95 * 0.5**2)


def test_drink_before_cutoff_gets_no_note() -> None:
    drink = CaffeineDose(at(11, 59), 95)
    assert late_drink_note(drink, [drink], LONDON) is None


def test_drink_after_cutoff_gets_a_note_with_bedtime_caffeine() -> None:
    morning = CaffeineDose(at(8), 95)
    late = CaffeineDose(at(18), 95)
    note = late_drink_note(late, [morning], LONDON, cutoff=time(12), bedtime=time(23))
    assert note is not None
    assert note.from_this_drink_mg == pytest.approx(47.5)
    assert note.mg_at_bedtime == pytest.approx(47.5 + 95 * 0.5**3)
    assert note.cutoff == time(12) and note.half_life_h == 5.0


def test_drink_after_midnight_belongs_to_the_evening_before() -> None:
    drink = CaffeineDose(at(2, 0, day=28), 63)
    note = late_drink_note(drink, [], LONDON, bedtime=time(3, 0))
    assert note is not None
    assert note.from_this_drink_mg == pytest.approx(63 * 0.5 ** (1 / 5))


def test_decaf_after_cutoff_has_no_note_when_zero() -> None:
    assert late_drink_note(CaffeineDose(at(18), 0), [], LONDON) is None
    assert late_drink_note(CaffeineDose(at(18), 2), [], LONDON) is not None


def test_drink_after_bedtime_speaks_of_one_half_life_later_not_a_past_bedtime() -> None:
    from liptwitch_desktop.reminders.texts import late_drink_text

    espresso = CaffeineDose(at(0, 10, day=28), 63)  # 00:10, still "the 27th" with a 04:00 start
    note = late_drink_note(espresso, [], LONDON, bedtime=time(23, 0))
    assert note is not None and note.past_bedtime
    assert note.from_this_drink_mg == pytest.approx(31.5)
    text = late_drink_text(note)
    assert "usual bedtime (23:00)" in text and "About 32 mg" in text and "5 hours" in text


# --- the Today card: the level against the limit, the question, the curve ---------------------

from liptwitch_desktop.core.caffeine import body_curve  # noqa: E402
from liptwitch_desktop.core.caffeine_limit import (  # noqa: E402
    LimitLevel,
    limit_level,
    total_if_over,
)


def test_limit_level_near_from_80_percent_over_strictly_above() -> None:
    assert limit_level(0, 400) is LimitLevel.OK
    assert limit_level(319, 400) is LimitLevel.OK
    assert limit_level(320, 400) is LimitLevel.NEAR
    assert limit_level(400, 400) is LimitLevel.NEAR
    assert limit_level(401, 400) is LimitLevel.OVER
    assert limit_level(170, 200) is LimitLevel.NEAR  # pregnancy


def test_total_if_over_asks_for_every_drink_that_leaves_the_day_above() -> None:
    assert total_if_over(300, 95, 400) is None
    assert total_if_over(300, 100, 400) is None  # exactly at the limit: not above it
    assert total_if_over(1031, 63, 400) == 1094
    assert total_if_over(500, 63, 400) == 563  # already over: still asked
    assert total_if_over(500, 0, 400) is None  # decaf


@given(
    st.lists(st.tuples(st.integers(0, 16 * 60), st.floats(1, 500)), min_size=1, max_size=6),
    st.floats(2, 8),
)
def test_curve_never_exceeds_what_was_drunk_and_only_rises_at_a_drink(
    drinks: list[tuple[int, float]], half_life: float
) -> None:
    start = datetime(2026, 3, 10, 6, 0, tzinfo=UTC)
    doses = [CaffeineDose(start + timedelta(minutes=m), mg) for m, mg in drinks]
    curve = body_curve(doses, start, start + timedelta(hours=18), half_life_h=half_life)
    assert curve and curve[0][0] == start
    total = sum(mg for _m, mg in drinks)
    for (t0, a), (t1, b) in pairwise(curve):
        assert t0 < t1
        assert 0 <= b <= total + 1e-9
        if b > a + 1e-9:  # a rise: only across a drink
            assert any(t0 < d.taken_at <= t1 for d in doses)
