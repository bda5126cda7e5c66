"""The experiment table (issue 17): the store's writes, the one-at-a-time rule inside the
transaction, a damaged row kept and named, and export / import / check holding an imported
row to the rule the app's own write meets."""

from __future__ import annotations

import json
import random
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest

from liptwitch_desktop.core.experiment import ExperimentRefused, Status, new_experiment, stop
from liptwitch_desktop.core.experiment.serial import to_dict
from liptwitch_desktop.store import experiments as store
from liptwitch_desktop.store.database.db import close_database, db_proxy, open_database
from liptwitch_desktop.store.tables import TABLES, RowError
from liptwitch_desktop.store.transfer import export_import as ei

NOW = datetime(2026, 3, 10, 15, 30, tzinfo=UTC)
TODAY = date(2026, 3, 10)


def plan(change: str = "caffeine_cutoff", today: date = TODAY) -> Any:
    return new_experiment(
        change,
        6,
        today,
        random.Random(3),
        day_start=time(4),
        zone_name="Europe/London",
        params={"cutoff": "12:00"},
    )


def test_start_update_history_and_one_at_a_time(db: object) -> None:
    first = store.start(plan(), TODAY, NOW)
    assert store.latest() == first
    with pytest.raises(ExperimentRefused) as refused:
        store.start(plan("sleep_7h"), TODAY, NOW)
    assert refused.value.refusal.code == "another_running"
    assert len(store.history()[0]) == 1  # the refused one left nothing behind
    stopped = store.update(first.id, lambda e: stop(e, TODAY))
    assert stopped.experiment.status is Status.STOPPED
    assert store.get(first.id).experiment == stopped.experiment
    second = store.start(plan("sleep_7h"), TODAY, NOW + timedelta(minutes=1))
    good, bad = store.history()
    assert [s.id for s in good] == [first.id, second.id] and bad == []
    assert store.latest() == second


def test_a_refused_step_leaves_the_row_as_it_was(db: object) -> None:
    saved = store.start(plan(), TODAY, NOW)
    store.update(saved.id, lambda e: stop(e, TODAY))

    def again(e: Any) -> Any:
        return stop(e, TODAY)

    with pytest.raises(ExperimentRefused):
        store.update(saved.id, again)
    assert store.get(saved.id).experiment.status is Status.STOPPED


def test_a_damaged_row_is_kept_and_named(db: object) -> None:
    saved = store.start(plan(), TODAY, NOW)
    db_proxy.execute_sql(
        "UPDATE experiment SET plan_json = '{\"version\": 1}' WHERE id = ?", (saved.id,)
    )
    good, bad = store.history()
    assert good == [] and len(bad) == 1 and "has no" in bad[0].reason
    # Still there, untouched, for a later version or a backup to read.
    assert db_proxy.execute_sql("SELECT COUNT(*) FROM experiment").fetchone()[0] == 1


def _row(exp: Any, **over: Any) -> dict[str, Any]:
    row = {
        "created_at": int(NOW.timestamp()),
        "change_id": exp.change_id,
        "status": exp.status.value,
        "plan_json": json.dumps(to_dict(exp)),
    }
    row.update(over)
    return row


@pytest.mark.parametrize(
    ("over", "column", "words"),
    [
        ({"plan_json": "{not json"}, "plan_json", "is not JSON"),
        ({"plan_json": json.dumps({"version": 1})}, "plan_json", "has no"),
        ({"status": "stopped"}, "status", "does not match"),
        ({"change_id": "sleep_7h"}, "change_id", "does not match"),
        ({"status": "finished"}, "status", "is not one of"),
    ],
)
def test_the_declaration_refuses_a_row_the_app_could_not_read(
    over: dict[str, Any], column: str, words: str
) -> None:
    with pytest.raises(RowError) as error:
        TABLES["experiment"].clean(_row(plan(), **over), NOW)
    assert column in error.value.errors and words in error.value.errors[column]


def test_an_unknown_change_is_refused() -> None:
    exp = plan()
    raw = to_dict(exp) | {"change_id": "stand_on_head"}
    with pytest.raises(RowError, match="not a change the app can test"):
        TABLES["experiment"].clean(
            _row(exp, change_id="stand_on_head", plan_json=json.dumps(raw)), NOW
        )


def test_export_and_import_carry_it_and_refuse_a_bad_one(db: object, tmp_path: Path) -> None:
    saved = store.start(plan(), TODAY, NOW)
    path = tmp_path / "export.json"
    ei.export_json(path, NOW)
    data = json.loads(path.read_text("utf-8"))
    assert len(data["other_tables"]["experiment"]) == 1
    close_database()
    open_database(tmp_path / "other" / "liptwitch.sqlite3")
    report = ei.import_json_file(path, NOW)
    assert report.added["experiment"] == 1
    assert store.latest() is not None and store.latest().experiment == saved.experiment
    # A hand-edited plan in the file: refused with the plan's reason, nothing else lost.
    data["other_tables"]["experiment"][0]["plan_json"] = json.dumps({"version": 1})
    data["other_tables"]["experiment"][0]["status"] = "running"
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(data), "utf-8")
    with pytest.raises(ei.ImportRejected) as caught:
        ei.import_json_file(broken, NOW)
    messages = [str(r) for r in caught.value.rejections]
    assert any(m.startswith("experiment") and "has no" in m for m in messages), messages
    assert len(store.history()[0]) == 1


def test_an_import_keeps_one_experiment_at_a_time(db: object, tmp_path: Path) -> None:
    from liptwitch_desktop.core.experiment import pause

    running = store.start(plan(), TODAY, NOW)
    path = tmp_path / "export.json"
    ei.export_json(path, NOW)
    # The same plan, paused since: importing the older export keeps the stored state.
    store.update(running.id, lambda e: pause(e, TODAY))
    report = ei.import_json_file(path, NOW)
    assert report.added.get("experiment", 0) == 0
    assert len(store.history()[0]) == 1
    assert store.get(running.id).experiment.status is Status.PAUSED
    # A different running plan in a file, while one runs here: refused, nothing imported.
    data = json.loads(path.read_text("utf-8"))
    other = plan("sleep_7h")
    data["other_tables"]["experiment"] = [
        _row(other) | {"id": 99, "created_at": int(NOW.timestamp()) - 60}
    ]
    second = tmp_path / "second.json"
    second.write_text(json.dumps(data), "utf-8")
    with pytest.raises(ei.ImportRejected) as caught:
        ei.import_json_file(second, NOW)
    assert any("Another experiment is still running" in str(r) for r in caught.value.rejections)
    assert len(store.history()[0]) == 1
    # A finished one joins the history.
    done = stop(plan("sleep_7h"), TODAY)
    data["other_tables"]["experiment"] = [_row(done) | {"created_at": int(NOW.timestamp()) - 60}]
    second.write_text(json.dumps(data), "utf-8")
    assert ei.import_json_file(second, NOW).added["experiment"] == 1
    assert len(store.history()[0]) == 2
