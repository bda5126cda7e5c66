"""The trigger analysis as a picture: one row per factor, its verdict in words, one plain
sentence on top, and no statistics jargon in any of it."""

from __future__ import annotations

import random
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from liptwitch_desktop.core.analysis.findings import Verdict, analyse
from liptwitch_desktop.core.analysis.picture import (
    Mark,
    amount_words,
    axis_range,
    headline,
    mark_words,
    picture,
)
from liptwitch_desktop.core.daily import DayRecord

START = date(2026, 3, 2)
JARGON = ("95%", "interval", "median", "factors tested", "msg", "p-value", "×")


def _day(i: int, episodes: int, **kw: object) -> DayRecord:
    return DayRecord(day=START + timedelta(days=i), episodes=episodes, logged=True, **kw)


def _short_nights_log(days: int = 70) -> list[DayRecord]:
    """Twice the twitching after short nights; everything else independent of it."""
    rng = random.Random(3)
    out = []
    for i in range(days):
        short = rng.random() < 0.4
        out.append(
            _day(
                i,
                rng.choice([3, 4, 5]) if short else rng.choice([1, 2, 3]),
                sleep_hours=6.0 if short else 8.0,
                caffeine_mg=[100.0, 200.0, 50.0][i % 3],
                stress=None if i > 3 else 8,
                trigger_foods=frozenset({"msg"} if i % 5 == 0 else ()),
            )
        )
    return out


def test_short_nights_read_as_about_twice_and_nothing_else() -> None:
    report = analyse(_short_nights_log())
    pic = picture(report)
    row = next(r for r in pic.rows if r.factor_id == "short_sleep")
    assert row.mark is Mark.LIKELY and row.words == "likely link"
    assert row.label == "Short nights (under 7 hours)"
    assert row.ratio is not None and row.low is not None and row.low > 1
    assert pic.headline.startswith("Short nights go with about twice as many twitches")
    links = [f for f in report.findings if f.verdict is Verdict.LINK]
    if len(links) == 1:
        assert pic.headline.endswith("; nothing else stands out yet.")
    # The numbers stay one click away: the row keeps the finding's full sentence.
    assert "95% interval" in row.details
    # MSG reads as MSG, not "Msg"; stress (only 4 check-ins) says how many days it needs.
    assert any(r.label == "MSG" for r in pic.rows)
    stress = next(r for r in pic.rows if r.factor_id == "high_stress")
    assert stress.mark is Mark.NEED_MORE and stress.ratio is None
    assert stress.words == "need 10 more days"  # 4 with (3 short), 0 without (7 short)


def test_one_row_per_compared_factor_and_one_per_waiting_factor() -> None:
    report = analyse(_short_nights_log())
    pic = picture(report)
    compared = [f for f in report.findings if f.verdict is not Verdict.NOT_ENOUGH_DATA]
    assert len(pic.compared) == len(compared) == report.factors_tested
    waiting = [f for f in report.findings if f.verdict is Verdict.NOT_ENOUGH_DATA and not f.lagged]
    assert len(pic.rows) == len(compared) + len(waiting)
    assert len({r.factor_id for r in pic.rows}) == len(pic.rows)
    # The day-before rows say so in words.
    lagged = [r for r in pic.rows if r.factor_id.endswith("@day_before")]
    assert lagged and all(r.label.endswith(", the day before") for r in lagged)


def test_headline_for_the_early_days() -> None:
    assert headline(analyse([])).startswith("Nothing logged yet")
    few = [_day(i, 1, sleep_hours=6.0) for i in range(5)]
    assert headline(analyse(few)).startswith("Too early to tell")


def test_no_difference_says_nothing_stands_out() -> None:
    days = [
        _day(i, [1, 1, 3, 3, 0, 0, 2, 2][i % 8], caffeine_after_cutoff=i % 2 == 0)
        for i in range(56)
    ]
    report = analyse(days)
    assert not any(f.verdict in (Verdict.LINK, Verdict.POSSIBLE_LINK) for f in report.findings)
    assert headline(report).startswith("Nothing stands out yet")
    row = next(r for r in picture(report).rows if r.factor_id == "caffeine_after_cutoff")
    assert row.words == "no link yet"


def test_amount_words() -> None:
    assert amount_words(2.04) == "about twice as many"
    assert amount_words(1.5) == "about one and a half times as many"
    assert amount_words(3.2) == "about 3 times as many"
    assert amount_words(1.1) == "slightly more"
    assert amount_words(0.5) == "about half as many"
    assert amount_words(0.9) == "slightly fewer"
    assert mark_words(Mark.NEED_MORE, 1) == "need 1 more day"
    assert mark_words(Mark.NEED_MORE, 0) == "need twitches logged"


def test_axis_is_symmetric_around_no_difference() -> None:
    pic = picture(analyse(_short_nights_log()))
    low, high = pic.axis
    assert low * high == 1.0 and high >= 2.0
    for r in pic.compared:
        assert r.low is not None and r.high is not None
        assert low <= min(r.low, 1 / 16) or r.low >= low
    assert axis_range([]) == (0.5, 2.0)


def test_translate_hook_reaches_every_word() -> None:
    tr = lambda s: "» " + s  # noqa: E731
    pic = picture(analyse(_short_nights_log(), tr=tr), tr=tr)
    assert pic.headline.startswith("» ")
    assert pic.caption.startswith("» ")
    assert all(r.words.startswith("» ") for r in pic.rows)
    assert all(r.label.startswith("» ") for r in pic.rows)


day_strategy = st.lists(
    st.tuples(
        st.integers(0, 6),
        st.one_of(st.none(), st.sampled_from([5.0, 6.5, 7.5, 8.0])),
        st.one_of(st.none(), st.integers(0, 10)),
        st.sampled_from([0.0, 80.0, 250.0, 500.0]),
        st.booleans(),
    ),
    min_size=0,
    max_size=60,
)


@settings(max_examples=60, deadline=None)
@given(day_strategy)
def test_words_never_say_more_than_the_verdict(rows: list[tuple]) -> None:
    days = [
        _day(i, n, sleep_hours=s, stress=t, caffeine_mg=c, caffeine_after_cutoff=late)
        for i, (n, s, t, c, late) in enumerate(rows)
    ]
    report = analyse(days)
    pic = picture(report)
    by_id = {f.factor_id: f for f in report.findings}
    for row in pic.rows:
        verdict = by_id[row.factor_id].verdict
        assert (row.mark is Mark.LIKELY) == (verdict is Verdict.LINK)
        assert (row.mark is Mark.POSSIBLE) == (verdict is Verdict.POSSIBLE_LINK)
        assert (row.ratio is None) == (verdict is Verdict.NOT_ENOUGH_DATA)
        if row.ratio is not None:
            assert row.low is not None and row.high is not None
            assert row.low <= row.ratio <= row.high
    assert len(pic.compared) == report.factors_tested
    # Only a LINK may be named as going with more or fewer twitches without a hedge.
    text = pic.headline
    if not any(f.verdict is Verdict.LINK for f in report.findings):
        assert "go with" not in text or "could still be chance" in text
    for word in JARGON:
        assert word not in text
        assert all(word not in r.words and word not in r.label for r in pic.rows)
        assert word not in pic.caption


def _finding(fid: str, verdict: Verdict, ratio: float, subject: str, lagged: bool = False):
    from liptwitch_desktop.core.analysis.findings import FactorFinding

    return FactorFinding(
        fid, fid, 2.0, 1.0, ratio, ratio / 1.5, ratio * 1.5, 20, 40, verdict, "s", 0.01,
        plain=fid, subject=subject, lagged=lagged,
    )  # fmt: skip


def test_headline_says_when_a_possible_link_is_the_day_before() -> None:
    from liptwitch_desktop.core.analysis.findings import AnalysisReport

    findings = (
        _finding("caffeine", Verdict.LINK, 3.1, "days over your caffeine limit"),
        _finding("salt@day_before", Verdict.POSSIBLE_LINK, 1.6, "days with salt", lagged=True),
        _finding("salt", Verdict.POSSIBLE_LINK, 1.5, "days with salt"),
        _finding("sleep", Verdict.POSSIBLE_LINK, 1.4, "short nights"),
    )
    report = AnalysisReport(findings, factors_tested=4, summary="", days_used=200)
    assert headline(report) == (
        "Days over your caffeine limit go with about 3 times as many twitches; too early to "
        "tell for days with salt (the day before) and days with salt."
    )
    lagged_link = AnalysisReport(
        (_finding("sleep@day_before", Verdict.LINK, 0.5, "short nights", lagged=True),),
        factors_tested=1,
        summary="",
        days_used=200,
    )
    assert headline(lagged_link) == (
        "Short nights go with about half as many twitches the next day; nothing else stands "
        "out yet."
    )
