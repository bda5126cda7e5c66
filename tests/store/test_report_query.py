"""ReportData on a database built with known figures, each checked against a direct count."""

from __future__ import annotations

import statistics
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from liptwitch_desktop.core.entries import CheckIn, Episode, Intake, IntakeKind, Location
from liptwitch_desktop.core.knowledge import load_knowledge
from liptwitch_desktop.core.medicines import Medicine
from liptwitch_desktop.core.report.data import EmptyPeriod, Trend
from liptwitch_desktop.core.triage.answers import TriageAnswers
from liptwitch_desktop.core.triage.engine import triage
from liptwitch_desktop.store import bulk
from liptwitch_desktop.store.medicines import add_medicine
from liptwitch_desktop.store.report_query import build_report_for
from liptwitch_desktop.store.triage_history import save_triage

ZONE = ZoneInfo("Europe/London")
DAY_START = time(4, 0)
FIRST, LAST = date(2026, 2, 11), date(2026, 3, 10)  # 28 days
TODAY = LAST

# Every warning sign answered: an unanswered one is unknown, never "no" (issue 12).
ALL_NO = {q.id: "no" for q in load_knowledge().warning_questions}


def at(day: date, hh: int, mm: int = 0) -> datetime:
    return datetime.combine(day, time(hh, mm), tzinfo=ZONE).astimezone(UTC)


# (day offset from FIRST, local hour, minute, duration s, intensity, location)
EPISODES = [
    (0, 9, 0, 30, 3, Location.LOWER_LEFT),
    (1, 10, 0, 60, 4, Location.LOWER_LEFT),
    (1, 18, 0, 90, 6, Location.LOWER_RIGHT),
    (2, 12, 0, 45, 5, Location.LOWER_LEFT),
    (5, 15, 0, 120, 7, Location.LOWER_CENTRE),
    (10, 8, 0, 20, 2, Location.LOWER_LEFT),
    (11, 8, 0, 300, 8, Location.EYELID),
    (12, 8, 0, 40, 4, Location.LOWER_LEFT),
    # 01:30 on the 14th calendar day belongs to day 13 (the day starts at 04:00): run of 4.
    (14, 1, 30, 50, 5, Location.LOWER_LEFT),
    (20, 21, 0, 600, 6, Location.UPPER_LIP),
    (27, 7, 0, 15, 3, Location.LOWER_LEFT),
]
PREVIOUS_TWITCH_DAYS = 14  # one episode on 14 of the 28 days before FIRST


def episode_rows() -> list[Episode]:
    rows = [
        Episode(
            started_at=at(FIRST + timedelta(days=off), hh, mm),
            duration_s=dur,
            intensity=inten,
            location=loc,
            notes="Жанна said 王芳 noticed it" if off == 0 else "",
        )
        for off, hh, mm, dur, inten, loc in EPISODES
    ]
    rows += [
        Episode(started_at=at(FIRST - timedelta(days=2 * n + 1), 12), duration_s=60, intensity=5)
        for n in range(PREVIOUS_TWITCH_DAYS)
    ]
    return rows


def intake_rows() -> list[Intake]:
    rows = []
    for off in range(28):
        day = FIRST + timedelta(days=off)
        rows.append(Intake(at(day, 8), IntakeKind.CAFFEINE, "coffee", caffeine_mg=95))
        if off % 4 == 0:  # a late second coffee, after the 12:00 cutoff
            rows.append(Intake(at(day, 15), IntakeKind.CAFFEINE, "coffee", caffeine_mg=95))
        if off in (3, 17):  # two days over 400 mg
            rows.append(Intake(at(day, 9), IntakeKind.CAFFEINE, "energy", caffeine_mg=320))
        # Magnesium nightly from the second half, but two nights missed.
        if off >= 14 and off not in (20, 25):
            mg = Intake(at(day, 21), IntakeKind.MAGNESIUM, "glycinate", magnesium_mg=200)
            rows.append(mg)
    return rows


def checkin_rows() -> list[CheckIn]:
    return [
        CheckIn(
            day=FIRST + timedelta(days=off),
            sleep_hours=6.0 if off % 3 == 0 else 7.5,
            stress=off % 10,
            grinding=off in (4, 9),
        )
        for off in range(28)
    ]


@pytest.fixture
def built(db):
    bulk.insert_all(episode_rows(), intake_rows(), checkin_rows())
    return db


def report(**kwargs):
    return build_report_for(FIRST, LAST, ZONE, DAY_START, TODAY, **kwargs)


def test_headline_figures_match_an_independent_count(built):
    data = report()
    h = data.headline
    # Independent count: the person's day of each episode, computed by hand.
    days = set()
    for off, hh, _mm, *_ in EPISODES:
        days.add(FIRST + timedelta(days=off - (1 if hh < 4 else 0)))
    assert h.days_in_period == 28
    assert h.episodes == len(EPISODES) == 11
    assert h.twitch_days == len(days) == 10
    assert h.days_per_week == pytest.approx(10 * 7 / 28)
    assert h.previous_days_per_week == pytest.approx(PREVIOUS_TWITCH_DAYS * 7 / 28)
    assert h.trend is Trend.FEWER
    assert h.longest_run_days == 4 and h.longest_run_first == FIRST + timedelta(days=10)
    assert h.first_episode == at(FIRST, 9).astimezone(ZONE)
    assert h.last_episode == at(FIRST + timedelta(days=27), 7).astimezone(ZONE)
    assert h.first_episode_ever == at(FIRST - timedelta(days=27), 12).astimezone(ZONE)
    assert h.median_duration_s == statistics.median(e[3] for e in EPISODES) == 50
    assert h.median_intensity == statistics.median(e[4] for e in EPISODES) == 5
    assert dict(h.locations)[Location.LOWER_LEFT] == 7
    assert dict(h.spread) == {Location.EYELID: 1, Location.UPPER_LIP: 1}


def test_factor_figures_match_an_independent_count(built):
    f = report().factors
    intakes = intake_rows()
    per_day: dict[date, float] = {}
    for i in intakes:
        if i.kind is IntakeKind.CAFFEINE:
            d = i.taken_at.astimezone(ZONE).date()
            per_day[d] = per_day.get(d, 0) + i.caffeine_mg
    assert f.caffeine_mean_mg == pytest.approx(statistics.fmean(per_day.values()))
    assert f.caffeine_days_over_limit == sum(1 for v in per_day.values() if v > 400) == 2
    assert f.caffeine_days_after_cutoff == 7  # offsets 0, 4, ..., 24
    # The last drink is 08:00 (or 09:00 on the energy-drink days) on 21 days, 15:00 on 7.
    assert f.last_caffeine_median == time(8, 0)
    sleeps = [c.sleep_hours for c in checkin_rows()]
    assert f.sleep_mean_h == pytest.approx(statistics.fmean(sleeps))
    assert f.nights_under_7h == sum(1 for s in sleeps if s < 7) == 10
    assert f.stress_mean == pytest.approx(statistics.fmean(c.stress for c in checkin_rows()))
    assert f.grinding_nights == 2
    assert f.magnesium_median_mg == 200
    assert (f.magnesium_nights_taken, f.magnesium_nights_planned) == (12, 14)


def test_red_flag_in_history_is_reported_with_its_date(built):
    answers = TriageAnswers.parse({**ALL_NO, "twitch_spreading": "yes"})
    save_triage(at(FIRST - timedelta(days=40), 10), answers, triage(answers))
    calm = TriageAnswers.parse(ALL_NO)
    save_triage(at(FIRST + timedelta(days=3), 10), calm, triage(calm))
    data = report()
    assert data.has_red_flags
    [flag] = data.red_flags
    assert flag.title == "Twitching spreading to other areas"
    assert flag.when == FIRST - timedelta(days=40)
    assert "spread" in flag.said
    assert data.latest_triage is not None and data.latest_triage.urgency == "self_care"
    assert [s.created_at for s in data.triage_history] == [
        at(FIRST + timedelta(days=3), 10),
        at(FIRST - timedelta(days=40), 10),
    ]
    assert any("spread" in q for q, _a in data.triage_history[1].answers)


def test_a_triage_after_the_period_is_left_out(built):
    answers = TriageAnswers.parse({**ALL_NO, "twitch_spreading": "yes"})
    save_triage(at(LAST + timedelta(days=2), 10), answers, triage(answers))
    assert report().red_flags == ()


def test_medicines_new_ones_marked_and_notes_private_by_default(built):
    add_medicine(Medicine("Sertraline", date(2025, 6, 1), dose="50 mg", notes="private"))
    add_medicine(Medicine("Salbutamol", FIRST + timedelta(days=5), notes="private"))
    add_medicine(Medicine("Old", date(2025, 1, 1), stopped=date(2025, 2, 1)))
    data = report()
    assert [(m.medicine.name, m.new) for m in data.medicines] == [
        ("Sertraline", False),
        ("Salbutamol", True),
    ]
    assert all(m.medicine.notes == "" for m in data.medicines)
    assert all(e.notes == "" for e in data.episodes)
    assert "ask_medicine" in [q.id for q in data.questions]
    with_notes = report(include_notes=True)
    assert with_notes.episodes[0].notes == "Жанна said 王芳 noticed it"
    assert with_notes.medicines[0].medicine.notes == "private"


def test_questions_follow_the_data(built):
    ids = [q.id for q in report().questions]
    assert "ask_blood_test" in ids  # always: magnesium and electrolytes
    assert "ask_exam" in ids  # spread beyond the lower lip, and over 2 weeks
    assert "ask_dentist" in ids  # grinding noticed
    assert all(q.because for q in report().questions)


def test_weeks_cover_the_period(built):
    weeks = report().weeks
    assert sum(w.days for w in weeks) == 28
    assert sum(w.episodes for w in weeks) == 11
    assert weeks[0].start == FIRST and all(w.start.weekday() == 0 for w in weeks[1:])


def test_empty_period_raises(db):
    with pytest.raises(EmptyPeriod):
        report()
