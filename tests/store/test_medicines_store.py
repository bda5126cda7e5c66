import sqlite3
from datetime import date

import pytest

from liptwitch_desktop.core.medicines import Medicine
from liptwitch_desktop.store import medicines as store
from liptwitch_desktop.store import migrations
from liptwitch_desktop.store.database.db import close_database, open_database


def test_add_update_delete_list(db):
    saved = store.add_medicine(
        Medicine(" Salbutamol ", date(2026, 2, 1), dose="100 µg", frequency="as needed")
    )
    assert saved.id is not None
    assert store.get_medicine(saved.id).name == "Salbutamol"
    stopped = Medicine(
        "Salbutamol", date(2026, 2, 1), dose="100 µg", stopped=date(2026, 3, 1), id=saved.id
    )
    store.update_medicine(stopped)
    assert store.list_medicines() == [stopped]
    assert store.delete_medicine(saved.id) == stopped
    assert store.list_medicines() == []
    with pytest.raises(store.NotFound):
        store.update_medicine(stopped)
    # Undo puts it back under the same id.
    assert store.add_medicine(stopped).id == saved.id


def test_active_between_and_started_within(db):
    for med in (
        Medicine("Old", date(2025, 1, 1), stopped=date(2026, 1, 31)),
        Medicine("Ongoing", date(2024, 5, 1)),
        Medicine("Stopped in period", date(2025, 12, 1), stopped=date(2026, 2, 10)),
        Medicine("New", date(2026, 2, 20)),
    ):
        store.add_medicine(med)
    active = store.active_between(date(2026, 2, 1), date(2026, 3, 10))
    assert [m.name for m in active] == ["Ongoing", "Stopped in period", "New"]
    assert [m.name for m in store.started_within(date(2026, 3, 10), 8)] == ["New"]


def test_database_refuses_stop_before_start(db):
    # The store's declaration refuses it first, in words; the schema's CHECK stays behind it.
    with pytest.raises(ValueError, match="stop date is before the start date"):
        store.add_medicine(Medicine("X", date(2026, 2, 2), stopped=date(2026, 2, 1)))
    with pytest.raises(Exception, match="CHECK"):
        db.execute_sql(
            "INSERT INTO medicine (name, started, stopped) VALUES ('X', '2026-02-02', '2026-02-01')"
        )


def test_migration_from_version_3_keeps_data(tmp_path):
    path = tmp_path / "liptwitch.sqlite3"
    conn = sqlite3.connect(path)
    conn.close()
    from peewee import SqliteDatabase

    old = SqliteDatabase(str(path))
    old.connect()
    assert migrations.apply_migrations(old, target=3) == 3
    old.execute_sql(
        "INSERT INTO episode (started_at, intensity, location, notes) "
        "VALUES (1767225600, 6, 'lower_left', 'Жанна')"
    )
    old.execute_sql("INSERT INTO checkin (day, sleep_hours, stress) VALUES ('2026-01-01', 6, 4)")
    old.close()

    backups: list[int] = []
    db = open_database(path, before_upgrade=backups.append)
    try:
        assert backups == [3]
        assert migrations.current_version(db) >= 4
        rows = db.execute_sql("SELECT intensity, location, notes FROM episode").fetchall()
        assert rows == [(6, "lower_left", "Жанна")]
        assert db.execute_sql("SELECT sleep_hours FROM checkin").fetchall() == [(6.0,)]
        saved = store.add_medicine(Medicine("Sertraline", date(2026, 1, 5), dose="50 mg"))
        assert store.list_medicines() == [saved]
    finally:
        close_database()
