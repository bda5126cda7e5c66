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
