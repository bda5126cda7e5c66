"""Review of issue 13, F1: a stored pause or "checked at" instant that parses but cannot be
turned into UTC (year 9999 at -14:00, year 1 at +14:00) is refused by the declaration, and
one that is in the file anyway (edited by hand, an older version) stops nothing: the
reminder service plans every enabled reminder, and `check` names it as a problem."""

from __future__ import annotations

import io
import json
from argparse import Namespace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from liptwitch_desktop.core.schedule.specs import ReminderKind
from liptwitch_desktop.store import reminder_store as rs
from liptwitch_desktop.store.database.db import db_proxy
from liptwitch_desktop.store.setting_rules import check_setting
from liptwitch_desktop.store.transfer import export_import as ei
from tests.reminders.test_service import Rig, at, only

OVERFLOWING = [
    "9999-12-31T23:59:59-14:00",
    "0001-01-01T00:00:00+14:00",
    "1970-01-01T00:00:00+00:00",
    "2100-01-01T00:00:00+00:00",
]
INSTANT_KEYS = ["reminders_paused_until", "reminders_checked_at"]


@pytest.mark.parametrize("key", INSTANT_KEYS)
@pytest.mark.parametrize("value", OVERFLOWING)
def test_the_import_refuses_an_instant_the_service_cannot_use(
    db: object, key: str, value: str
) -> None:
    data = {"format": "liptwitch-export", "format_version": 1, "settings": {key: value}}
    with pytest.raises(ei.ImportRejected) as refused:
        ei.import_data(data, datetime(2026, 12, 1, tzinfo=UTC))
    assert [r.item for r in refused.value.rejections] == [key]
    assert "between the years 2000 and 2100" in str(refused.value.rejections[0])


def _store_raw(key: str, value: str) -> None:
    """What a hand edit (or an older version) leaves: no rule on the way in."""
    db_proxy.execute_sql(
        "INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)", (key, json.dumps(value))
    )


@pytest.mark.parametrize("key", INSTANT_KEYS)
@pytest.mark.parametrize("value", OVERFLOWING)
def test_a_stored_instant_that_overflows_stops_no_reminder(ctx: Any, key: str, value: str) -> None:
    ctx.clock.set(at(27, 20, 0))
    only(ReminderKind.CHECKIN, ctx.clock.now())
    _store_raw(key, value)
    assert rs.get_policy().paused_until is None
    rig = Rig(ctx)
    rig.service.start()
    try:
        assert rig.jobs.planned()["checkin"] == at(27, 21, 0)
        rig.advance(timedelta(hours=1, minutes=1))
        assert rig.kinds_shown() == ["checkin"]
    finally:
        rig.service.stop()


@pytest.mark.parametrize("key", INSTANT_KEYS)
@pytest.mark.parametrize("value", OVERFLOWING[:2])
def test_check_names_the_value_never_healthy_never_a_traceback(
    ctx: Any, key: str, value: str
) -> None:
    from liptwitch_desktop.cli.check import run_check

    _store_raw(key, value)
    out = io.StringIO()
    code = run_check(Namespace(data_dir=str(Path(ctx.data_dir)), demo=False), out)
    said = out.getvalue()
    assert code == 1, said
    assert "Healthy." not in said
    assert "setting row" in said and "between the years 2000 and 2100" in said


@settings(max_examples=300, deadline=None)
@given(
    moment=st.datetimes(
        min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), timezones=st.timezones()
    )
)
def test_an_instant_the_rule_accepts_is_one_the_service_can_read(moment: datetime) -> None:
    from liptwitch_desktop.store.setting_rules import stored_instant

    text = moment.isoformat()
    try:
        check_setting("reminders_paused_until", text)
    except ValueError:
        return
    instant = stored_instant(text)
    assert instant is not None and datetime(2000, 1, 1, tzinfo=UTC) <= instant
    assert instant < datetime(2100, 1, 1, tzinfo=UTC)
