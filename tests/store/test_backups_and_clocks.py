"""Review of issue 13, F5, F6 and F12 (the backups folder).

F5: a backup taken under a clock far ahead (2099) is kept but never "the newest good
backup", takes no daily slot, and pruning by that clock deletes none of the real backups.
F6: an empty (or non-SQLite) file with a backup's name is not a good backup: never offered,
never restored, named by `check`.
F12: a folder or a link with today's backup's name, and what a killed restore left, are
handled in words, never skipped silently or left for good.
"""

from __future__ import annotations

import io
import os
from argparse import Namespace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtWidgets import QMessageBox

from liptwitch_desktop.core.entries import Episode
from liptwitch_desktop.store import backup
from liptwitch_desktop.store.database.db import close_database, open_database
from liptwitch_desktop.store.entries import add_episode

from ..modal import with_modal

GLITCH_DAY = date(2099, 1, 1)
REAL_DAYS = [date(2026, 11, d) for d in (6, 13, 20, 25, 26, 27, 28, 29, 30)]


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    open_database(folder / "liptwitch.sqlite3")
    add_episode(Episode(datetime(2026, 11, 1, 9, tzinfo=UTC), notes="my history"))
    close_database()
    return folder


def _backups_on(data: Path, days: list[date]) -> None:
    for day in days:
        backup.copy_database(
            data / "liptwitch.sqlite3", data / "backups" / f"liptwitch-{day.isoformat()}.sqlite3"
        )


def _days(data: Path) -> list[date]:
    return sorted(b.day for b in backup.list_backups(data / "backups"))


def test_a_far_future_clock_prunes_no_real_backup(data: Path) -> None:
    _backups_on(data, REAL_DAYS)
    made = backup.daily_backup(data / "liptwitch.sqlite3", data / "backups", GLITCH_DAY)
    assert made is not None and made.day == GLITCH_DAY
    assert _days(data) == [*REAL_DAYS, GLITCH_DAY]


def test_the_glitch_backup_is_never_the_newest_nor_takes_a_slot(data: Path) -> None:
    _backups_on(data, [*REAL_DAYS, GLITCH_DAY])
    today = date(2026, 12, 1)
    good = backup.newest_good_backup(data / "backups", today)
    assert good is not None and good.day == date(2026, 11, 30)
    for n in range(7):  # a week of normal starts after the clock was put right
        backup.daily_backup(data / "liptwitch.sqlite3", data / "backups", today + timedelta(n))
    days = _days(data)
    assert [d for d in days if d >= today] == [
        *(today + timedelta(n) for n in range(7)),
        GLITCH_DAY,
    ]
    good = backup.newest_good_backup(data / "backups", today + timedelta(6))
    assert good is not None and good.day == today + timedelta(6)


def test_the_start_up_offer_names_the_real_newest_backup(qapp: Any, data: Path) -> None:
    from liptwitch_desktop.app.startup import open_store_interactively
    from liptwitch_desktop.store.database.db import close_database as close

    _backups_on(data, [*REAL_DAYS, GLITCH_DAY])
    (data / "liptwitch.sqlite3").write_bytes(b"\0" * 4096)  # damaged
    seen: dict[str, str] = {}

    def read(box: Any) -> None:
        assert isinstance(box, QMessageBox)
        seen["text"] = box.informativeText()
        next(b for b in box.buttons() if b.text() == "Quit").click()

    with_modal(
        read,
        lambda: open_store_interactively(
            data / "liptwitch.sqlite3", data / "backups", "2026-12-01"
        ),
    )
    close()
    assert "The newest good backup is from 30 Nov 2026." in seen["text"], seen


@pytest.mark.parametrize(
    "content", [b"", b"hello, this is not a database" * 200], ids=["empty", "text"]
)
def test_an_empty_or_foreign_file_is_not_a_good_backup(
    data: Path, content: bytes, tmp_path: Path
) -> None:
    _backups_on(data, [date(2026, 11, 29)])
    bad = data / "backups" / "liptwitch-2026-11-30.sqlite3"
    bad.write_bytes(content)
    good = backup.newest_good_backup(data / "backups")
    assert good is not None and good.day == date(2026, 11, 29)
    target = tmp_path / "restored.sqlite3"
    with pytest.raises((backup.RestoreRefused, backup.DatabaseDamaged)):
        backup.restore_backup(bad, target)
    assert not target.exists()
    from liptwitch_desktop.cli.check import check

    found = check(data, datetime(2026, 12, 1, 12, tzinfo=UTC), UTC)
    assert any(
        "the newest backup cannot be restored" in p and "liptwitch-2026-11-29" in p
        for p in found.problems
    ), found.problems


def test_check_names_the_glitch_backup_and_the_real_newest(data: Path) -> None:
    from liptwitch_desktop.cli.check import run_check

    _backups_on(data, [*REAL_DAYS, GLITCH_DAY])
    out = io.StringIO()
    run_check(Namespace(data_dir=str(data), demo=False), out)
    said = out.getvalue()
    assert "the newest from 2026-11-30" in said, said
    assert "liptwitch-2099-01-01.sqlite3 is named for a day ahead" in said


def test_a_folder_with_todays_backup_name_is_said_not_skipped(data: Path) -> None:
    from liptwitch_desktop.store.database.storage_errors import describe

    today = date(2026, 12, 1)
    folder = data / "backups" / f"liptwitch-{today.isoformat()}.sqlite3"
    folder.mkdir(parents=True)
    with pytest.raises(OSError) as refused:
        backup.daily_backup(data / "liptwitch.sqlite3", data / "backups", today)
    assert "is a folder, not a backup; move it away" in describe(refused.value)
    assert folder.is_dir()
    found_in_check = backup.not_backups(data / "backups")
    assert found_in_check == [folder]


def test_a_link_with_todays_backup_name_is_replaced_by_the_backup(
    data: Path, tmp_path: Path
) -> None:
    today = date(2026, 12, 1)
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("not mine to touch")
    (data / "backups").mkdir()
    link = data / "backups" / f"liptwitch-{today.isoformat()}.sqlite3"
    link.symlink_to(elsewhere)
    made = backup.daily_backup(data / "liptwitch.sqlite3", data / "backups", today)
    assert made is not None and made.path == link
    assert not link.is_symlink() and backup.schema_version_of(link) > 0
    assert elsewhere.read_text() == "not mine to touch"


def test_a_killed_restores_leftovers_are_cleaned_and_a_restore_leaves_none(
    data: Path,
) -> None:
    db_path = data / "liptwitch.sqlite3"
    partial = data / "liptwitch.sqlite3.restoring.partial"
    partial.write_bytes(b"\0" * 100_000)
    (data / "liptwitch.sqlite3.restoring.partial-journal").write_bytes(b"\0" * 512)
    backup.daily_backup(db_path, data / "backups", date(2026, 12, 1))
    assert not partial.exists()
    assert not (data / "liptwitch.sqlite3.restoring.partial-journal").exists()
    [kept] = backup.list_backups(data / "backups")
    backup.restore_backup(kept.path, db_path)
    leftovers = sorted(p.name for p in data.iterdir() if ".restoring" in p.name)
    assert leftovers == []


@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    offsets=st.sets(st.integers(0, 60), min_size=1, max_size=12),
    ahead=st.integers(-3, 30000),
)
def test_no_clock_prunes_one_of_the_seven_newest_real_backups(
    data: Path, offsets: set[int], ahead: int
) -> None:
    """Whatever the clock says, the 7 newest backups dated up to tomorrow survive a start;
    a clock far ahead of the newest one deletes nothing at all."""
    folder = data / "backups"
    for old in backup.list_backups(folder):
        os.unlink(old.path)
    base = date(2026, 10, 1)
    days = sorted({base + timedelta(days=n) for n in offsets})
    _backups_on(data, days)
    newest = max(days)
    today = newest + timedelta(days=ahead)
    if not date(2000, 1, 1) <= today < date(2100, 1, 1):
        return
    newest_real = sorted({*(d for d in days if d <= today + timedelta(days=1)), today})[-7:]
    backup.daily_backup(data / "liptwitch.sqlite3", folder, today)
    after = set(_days(data))
    assert set(newest_real) <= after
    if ahead > backup.KEEP_WEEKLY_DAYS:
        assert set(days) <= after
