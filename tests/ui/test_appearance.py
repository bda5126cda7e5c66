"""The Appearance setting switches light/dark at once; following the system is the default."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from liptwitch_desktop.core.changes import Change
from liptwitch_desktop.store.settings import get_setting, set_setting
from liptwitch_desktop.ui.appearance import follow_color_scheme, palette_is_dark


@pytest.fixture
def app(ctx) -> Iterator[QApplication]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    yield app
    from liptwitch_desktop.ui.appearance import apply_color_scheme

    apply_color_scheme(app, "")  # leave the shared application as it was


def test_the_setting_switches_the_palette(ctx, app):
    assert get_setting("color_scheme") == ""
    follow_color_scheme(app, ctx)
    assert not palette_is_dark(app)  # the offscreen platform reports no dark scheme
    set_setting("color_scheme", "dark")
    ctx.signals.changed(Change.SETTINGS)
    assert palette_is_dark(app)
    set_setting("color_scheme", "light")
    ctx.signals.changed(Change.SETTINGS)
    assert not palette_is_dark(app)
    set_setting("color_scheme", "dark")
    ctx.signals.changed(Change.ALL)  # after an import or a restore, too
    assert palette_is_dark(app)
    set_setting("color_scheme", "")
    ctx.signals.changed(Change.SETTINGS)
    assert not palette_is_dark(app)


def test_a_banner_made_in_light_mode_turns_dark_with_the_palette(app, qtbot):
    """Issue 15 (dark mode): the persistence banner kept its light background (its style
    sheet's palette(alternate-base) was read when the sheet was set)."""
    from liptwitch_desktop.ui.appearance import apply_color_scheme
    from liptwitch_desktop.ui.banners import Banner

    apply_color_scheme(app, "light")
    banner = Banner("test", "Your lip has been twitching on and off for 90 days.", "info")
    qtbot.addWidget(banner)
    banner.resize(400, 80)
    banner.show()
    qtbot.wait(10)
    light = banner.grab().toImage().pixelColor(200, 70).lightness()
    apply_color_scheme(app, "dark")
    qtbot.wait(10)
    dark = banner.grab().toImage().pixelColor(200, 70).lightness()
    assert light > 180 and dark < 80, (light, dark)
