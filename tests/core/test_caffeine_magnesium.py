"""The magnesium dose check against the EU (250 mg) and US (350 mg) upper limits."""

from __future__ import annotations

import pytest

from liptwitch_desktop.core.magnesium import (
    EU_UPPER_LIMIT_MG,
    US_UPPER_LIMIT_MG,
    DoseCheck,
    check_magnesium_dose,
)


@pytest.mark.parametrize(
    ("mg", "expected"),
    [
        (100, DoseCheck.OK),
        (200, DoseCheck.OK),
        (250, DoseCheck.OK),
        (250.5, DoseCheck.ABOVE_EU_250),
        (300, DoseCheck.ABOVE_EU_250),
        (350, DoseCheck.ABOVE_EU_250),
        (351, DoseCheck.ABOVE_US_350),
        (400, DoseCheck.ABOVE_US_350),  # the article's "400 mg glycinate"
    ],
)
def test_dose_check(mg: float, expected: DoseCheck) -> None:
    assert check_magnesium_dose(mg) is expected


def test_limits_are_the_facts_figures() -> None:
    assert (EU_UPPER_LIMIT_MG, US_UPPER_LIMIT_MG) == (250, 350)


@pytest.mark.parametrize("bad", [0, -10, float("nan"), float("inf")])
def test_invalid_doses_rejected(bad: float) -> None:
    with pytest.raises(ValueError):
        check_magnesium_dose(bad)
