from datetime import date

from liptwitch_desktop.core.medicines import (
    Medicine,
    describe,
    started_within,
    taken_during,
    validate_medicine,
)

TODAY = date(2026, 3, 10)


def test_name_is_required_and_dates_are_checked():
    assert validate_medicine(Medicine("  ", TODAY), TODAY) == {"name": "Give the medicine's name."}
    errors = validate_medicine(Medicine("Salbutamol", date(2026, 3, 11)), TODAY)
    assert set(errors) == {"started"} and "future" in errors["started"]
    errors = validate_medicine(
        Medicine("Salbutamol", date(2026, 3, 5), stopped=date(2026, 3, 4)), TODAY
    )
    assert set(errors) == {"stopped"} and "before the start" in errors["stopped"]
    same_day = Medicine("Prednisolone", date(2026, 3, 5), stopped=date(2026, 3, 5))
    assert validate_medicine(same_day, TODAY) == {}
    assert validate_medicine(Medicine("X", TODAY, stopped=date(2026, 3, 12)), TODAY) == {
        "stopped": "This stop date is in the future. Fill it in once you stop."
    }


def test_taken_during_includes_overlaps_and_current_ones():
    old_stopped = Medicine("A", date(2025, 1, 1), stopped=date(2026, 1, 31))
    overlapping = Medicine("B", date(2025, 6, 1), stopped=date(2026, 2, 1))
    current = Medicine("C", date(2024, 1, 1))
    new = Medicine("D", date(2026, 2, 20))
    later = Medicine("E", date(2026, 3, 2))
    found = taken_during([old_stopped, overlapping, current, new, later], date(2026, 2, 1), TODAY)
    assert [m.name for m in found] == ["C", "B", "D", "E"]
    assert new.started_during(date(2026, 2, 1), TODAY)
    assert not current.started_during(date(2026, 2, 1), TODAY)


def test_started_within_weeks_is_inclusive_of_the_boundary_day():
    edge = Medicine("Edge", date(2026, 1, 13))  # exactly 8 weeks before
    before = Medicine("Before", date(2026, 1, 12))
    assert [m.name for m in started_within([edge, before], TODAY, 8)] == ["Edge"]


def test_describe_joins_what_is_given():
    assert describe(Medicine("Salbutamol", TODAY)) == "Salbutamol"
    full = Medicine(" Salbutamol ", TODAY, dose="100 µg", frequency="as needed")
    assert describe(full) == "Salbutamol — 100 µg, as needed"
