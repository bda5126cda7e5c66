"""The context every page and service shares: the day start read once, the change signal
typed, the zone moved only by the zone watcher."""

from __future__ import annotations

from datetime import time
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from liptwitch_desktop.core.changes import Change
from liptwitch_desktop.runtime.zone_watch import ZoneWatcher
from liptwitch_desktop.store import settings
from liptwitch_desktop.store.settings import set_setting


def test_the_day_start_is_read_once_and_again_after_a_settings_change(
    ctx: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads: list[str] = []
    real = settings.get_time

    def counted(key: str) -> time:
        reads.append(key)
        return real(key)

    monkeypatch.setattr(settings, "get_time", counted)
    assert ctx.day_start == time(4, 0)
    ctx.today()
    ctx.day_start  # noqa: B018 - every page asks on every refresh
    assert reads == ["day_start"]
    set_setting("day_start", "06:00")  # written, but not announced: not seen
    ctx.signals.changed(Change.EPISODE)
    assert ctx.day_start == time(4, 0) and reads == ["day_start"]
    ctx.signals.changed(Change.SETTINGS)
    assert ctx.day_start == time(6, 0) and reads == ["day_start"] * 2
    set_setting("day_start", "05:00")  # e.g. a restore or an import
    ctx.signals.changed(Change.ALL)
    assert ctx.day_start == time(5, 0)


def test_the_change_signal_carries_a_change_and_refuses_a_typo(ctx: Any) -> None:
    seen: list[object] = []
    ctx.signals.data_changed.connect(seen.append)
    ctx.signals.changed(Change.TRIAGE)
    ctx.signals.changed("intake")  # type: ignore[arg-type]  # a value is made a Change
    with pytest.raises(ValueError):
        ctx.signals.changed("intakes")  # type: ignore[arg-type]
    assert seen == [Change.TRIAGE, Change.INTAKE]
    assert all(type(change) is Change for change in seen)


def test_the_zone_watcher_alone_moves_the_zone_and_says_so_once(ctx: Any) -> None:
    london, tokyo = ZoneInfo("Europe/London"), ZoneInfo("Asia/Tokyo")
    system = [london]
    watch = ZoneWatcher(ctx, lambda: system[0])
    seen: list[Change] = []
    ctx.signals.data_changed.connect(seen.append)
    watch.start()
    try:
        assert watch.running and seen == [] and ctx.zone == london
        system[0] = tokyo
        assert watch.check() and ctx.zone == tokyo
        assert not watch.check()  # the same zone again: nothing to say
        assert seen == [Change.ZONE]
    finally:
        watch.stop()
    assert not watch.running
