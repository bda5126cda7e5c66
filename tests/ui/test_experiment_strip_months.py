"""The experiment's calendar strip names its months in the app's language (QLocale), not
strftime's (English, or the C library's locale whatever the app speaks)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QLocale

from liptwitch_desktop.ui.experiment.strip import CalendarStrip, StripBox


@pytest.fixture
def locale() -> Iterator[None]:
    before = QLocale()
    yield
    QLocale.setDefault(before)


@pytest.mark.parametrize(
    ("language", "country"),
    [
        (QLocale.Language.French, QLocale.Country.France),
        (QLocale.Language.German, QLocale.Country.Germany),
        (QLocale.Language.English, QLocale.Country.UnitedKingdom),
    ],
)
def test_the_strip_names_months_in_the_apps_language(
    qtbot: Any, locale: None, language: QLocale.Language, country: QLocale.Country
) -> None:
    QLocale.setDefault(QLocale(language, country))
    strip = CalendarStrip()
    qtbot.addWidget(strip)
    first = date(2026, 12, 7)
    strip.set_boxes([StripBox("Week 1", "change", first, date(2026, 12, 13))])
    month = QLocale().monthName(12, QLocale.FormatType.ShortFormat)
    assert f"7 {month}" in strip.accessibleName() or f"7. {month}" in strip.accessibleName()
    if language is not QLocale.Language.English:
        assert "Dec" not in strip.accessibleName()
    strip.resize(300, 100)
    assert not strip.grab().isNull()  # paints with the same words
