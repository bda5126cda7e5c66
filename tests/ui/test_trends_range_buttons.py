"""Issue 15, dark mode: the checked range button on Trends ("3 months") stands out. Fusion
drew it only a shade darker than the others in the dark palette; it now takes the palette's
highlight colours. Checked by the pixels of the buttons as they are drawn."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from liptwitch_desktop.ui.appearance import apply_color_scheme
from liptwitch_desktop.ui.trends import TrendsPage


def _luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in (colour.redF(), colour.greenF(), colour.blueF()))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: QColor, b: QColor) -> float:
    """WCAG's contrast ratio (1 to 21)."""
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _colours(image: QImage) -> tuple[QColor, QColor]:
    """A button's background (its commonest colour inside the frame) and its text (the
    colour that differs most from that)."""
    inner = [
        image.pixelColor(x, y).rgb()
        for x in range(4, image.width() - 4)
        for y in range(4, image.height() - 4)
    ]
    background = QColor.fromRgb(Counter(inner).most_common(1)[0][0])
    text = max((QColor.fromRgb(rgb) for rgb in set(inner)), key=lambda c: contrast(c, background))
    return background, text


@pytest.mark.parametrize("scheme", ["dark", "light"])
def test_the_checked_range_stands_out(ctx, qtbot, qapp: QApplication, scheme: str) -> None:
    page = TrendsPage(ctx)  # made in the light palette, as at start-up
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    apply_color_scheme(qapp, scheme)
    try:
        qtbot.wait(20)
        page.set_range("3m")
        checked_bg, checked_text = _colours(page.range_buttons["3m"].grab().toImage())
        plain_bg, _ = _colours(page.range_buttons["1y"].grab().toImage())
        assert contrast(checked_bg, plain_bg) >= 3.0, (checked_bg.name(), plain_bg.name())
        assert contrast(checked_text, checked_bg) >= 3.0, (checked_text.name(), checked_bg.name())
    finally:
        apply_color_scheme(qapp, "light")


def test_a_checked_range_keeps_its_size(ctx, qtbot) -> None:
    """The checked state is styled by a style sheet, which sized the button to its text
    only: the checked button shrank and the row shifted."""
    page = TrendsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    page.set_range("1y")
    qtbot.wait(20)
    plain = {key: button.size() for key, button in page.range_buttons.items()}
    page.set_range("3m")
    qtbot.wait(20)
    assert page.range_buttons["3m"].size() == plain["3m"]
    assert page.range_buttons["3m"].height() == page.range_buttons["1y"].height()
