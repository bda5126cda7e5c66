"""Review of issue 13, F9 and F13: a computer clock that cannot be right.

F9: a clock reset to 1970 (a flat CMOS battery, a VM without time sync) or set far ahead:
"Twitching now" gave the crash dialog and lost the episode. Now a plain message says the
clock looks wrong, nothing is written and nothing saved before is touched (a running episode
keeps running), and Today says so in a banner until the clock is set.
F13: an episode started under a clock that was far ahead read "twitching for -2274786958 s"
once the clock was corrected; now it says when it started, and that this is later than now.
"""

from __future__ import annotations

import re
import sys
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from liptwitch_desktop.app.bootstrap import build_controllers
from liptwitch_desktop.core.entries import Episode
from liptwitch_desktop.store.entries import add_episode, episodes_between, running_episode
from liptwitch_desktop.ui.main_window import MainWindow
from liptwitch_desktop.ui.today_clock import stop_text
from liptwitch_desktop.ui.unexpected_error import ExceptionDialogHook

from ..conftest import TEST_NOW
from ..modal import with_modal

WRONG_CLOCKS = [
    datetime(1970, 1, 2, 12, 0, tzinfo=UTC),  # the reviewer's FAKETIME
    datetime(2150, 6, 1, 9, 0, tzinfo=UTC),
]


def _window(ctx: Any, qtbot: Any) -> Any:
    window = MainWindow(ctx, build_controllers(ctx))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _clock_banners(today: Any) -> list[str]:
    return [t for t in today.banners.texts() if "clock" in t]


def _all_episodes() -> list[Episode]:
    return episodes_between(TEST_NOW - timedelta(days=400), TEST_NOW + timedelta(days=1))


def _press_twitching_now(today: Any, qtbot: Any) -> list[tuple[str, str]]:
    """Click the button; answer the box that opens with OK. (objectName, text) of it."""
    seen: list[tuple[str, str]] = []

    def answer(box: Any) -> None:
        assert isinstance(box, QMessageBox)
        seen.append((box.objectName(), box.text()))
        box.button(QMessageBox.StandardButton.Ok).click()

    with_modal(answer, lambda: qtbot.mouseClick(today.twitch_button, Qt.MouseButton.LeftButton))
    return seen


@pytest.mark.qt_no_exception_capture
@pytest.mark.parametrize("wrong", WRONG_CLOCKS, ids=["1970", "2150"])
def test_twitching_now_under_a_wrong_clock_says_so_and_loses_nothing(
    ctx: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch, wrong: datetime
) -> None:
    earlier = add_episode(Episode(TEST_NOW - timedelta(days=2), intensity=3, duration_s=60))
    hook = ExceptionDialogHook()
    monkeypatch.setattr(sys, "excepthook", hook)
    window = _window(ctx, qtbot)
    today = window.page("today")
    ctx.clock.set(wrong)
    today.refresh()
    qtbot.waitUntil(lambda: bool(_clock_banners(today)), timeout=2000)
    [banner] = _clock_banners(today)
    assert str(wrong.year) in banner and "Set its date and time" in banner

    seen = _press_twitching_now(today, qtbot)
    assert [name for name, _ in seen] == ["clock_looks_wrong"]
    assert "Your computer's clock says" in seen[0][1] and str(wrong.year) in seen[0][1]
    assert "it was not saved" in seen[0][1] and "Everything you saved before is safe" in seen[0][1]
    assert hook.last_box is None, "the crash dialog was shown"
    assert running_episode() is None
    assert _all_episodes() == [earlier]
    assert today.twitch_button.text() == "Twitching now"
    assert not today.twitch_button.isChecked(), "the button does not look pressed"

    # The clock is set again: the banner goes, and Twitching now works.
    ctx.clock.set(TEST_NOW)
    today.refresh()
    qtbot.waitUntil(lambda: not _clock_banners(today), timeout=2000)
    qtbot.mouseClick(today.twitch_button, Qt.MouseButton.LeftButton)
    assert running_episode() is not None


@pytest.mark.qt_no_exception_capture
def test_stop_under_a_1970_clock_keeps_the_episode_running(
    ctx: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    started = add_episode(Episode(TEST_NOW - timedelta(minutes=5), intensity=5))
    hook = ExceptionDialogHook()
    monkeypatch.setattr(sys, "excepthook", hook)
    today = _window(ctx, qtbot).page("today")
    ctx.clock.set(WRONG_CLOCKS[0])
    seen = _press_twitching_now(today, qtbot)
    assert [name for name, _ in seen] == ["clock_looks_wrong"]
    assert hook.last_box is None
    assert running_episode() == started, "still running: stopped once the clock is right"
    assert today.twitch_button.isChecked()
    ctx.clock.set(TEST_NOW)
    qtbot.mouseClick(today.twitch_button, Qt.MouseButton.LeftButton)
    [stopped] = _all_episodes()
    assert stopped.duration_s == 300


def test_an_episode_started_under_a_clock_that_was_ahead_says_when_it_started(
    ctx: Any, qtbot: Any
) -> None:
    """The reviewer's F13: started at the 2099 start, then the clock was corrected."""
    add_episode(Episode(datetime(2099, 1, 1, 12, 0, tzinfo=UTC), intensity=4))
    today = _window(ctx, qtbot).page("today")
    text = today.twitch_button.text()
    assert text.startswith("■ Stop — started ") and "2099" in text
    assert "later than now: check the computer's clock" in text
    assert not re.search(r"-\d", text)
    qtbot.mouseClick(today.twitch_button, Qt.MouseButton.LeftButton)  # Stop still works
    assert running_episode() is None


@settings(max_examples=200, deadline=None)
@given(offset=st.integers(min_value=-7 * 24 * 3600, max_value=80 * 365 * 24 * 3600))
def test_the_stop_text_never_shows_a_negative_time(qapp: Any, offset: int) -> None:
    now = TEST_NOW
    text = stop_text(now + timedelta(seconds=offset), now, ZoneInfo("Europe/London"))
    assert not re.search(r"-\s*\d", text)
    if offset > 120:  # more than another device's clock may be ahead
        assert "later than now" in text
    else:
        assert "twitching for" in text
