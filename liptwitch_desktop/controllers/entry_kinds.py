"""Every kind of log entry once: its name, the change it makes and its store calls.

The one place that lists episodes, intakes, check-ins and medicines side by side; the log
controller and the window's editors look an entry's kind up here by its type instead of
testing `isinstance` against each in turn, so a new kind is one more record.

The store's writing modules import the ORM, which the first paint does not wait for: the
records are made at the first look-up, not with the window.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any

from ..core.changes import Change

if TYPE_CHECKING:
    from ..core.entries import CheckIn, Episode, Intake
    from ..core.medicines import Medicine

    Entry = Episode | Intake | CheckIn | Medicine


class EntryKind:
    """One kind of entry. (A plain class: a dataclass costs the first paint ~0.5 ms.)"""

    __slots__ = ("add", "change", "delete", "name", "replaced_by", "type", "update")

    def __init__(
        self,
        type: type[Any],
        name: str,
        change: Change,
        add: Callable[[Any], Any],
        update: Callable[[Any], Any],
        delete: Callable[[int], Any],
        replaced_by: Callable[[Any], Any | None] | None = None,
    ) -> None:
        self.type = type
        self.name = name  # in an undo step's label: "Add episode"
        self.change = change  # what writing one announces
        self.add = add  # entry -> the saved entry, with its id
        self.update = update  # entry -> entry
        self.delete = delete  # id -> the deleted entry
        # The stored entry a new one of this kind takes the place of (one check-in a day).
        self.replaced_by = replaced_by


@cache
def entry_kinds() -> tuple[EntryKind, ...]:
    from ..core.entries import CheckIn, Episode, Intake
    from ..core.medicines import Medicine
    from ..store import entries, log_reads, medicines

    def save_checkin(checkin: CheckIn) -> CheckIn:
        saved, _replaced = entries.save_checkin(checkin)
        return saved

    return (
        EntryKind(
            Episode,
            "episode",
            Change.EPISODE,
            entries.add_episode,
            entries.update_episode,
            entries.delete_episode,
        ),
        EntryKind(
            Intake,
            "intake",
            Change.INTAKE,
            entries.add_intake,
            entries.update_intake,
            entries.delete_intake,
        ),
        EntryKind(
            CheckIn,
            "checkin",
            Change.CHECKIN,
            save_checkin,
            save_checkin,
            entries.delete_checkin,
            replaced_by=lambda checkin: log_reads.get_checkin(checkin.day),
        ),
        EntryKind(
            Medicine,
            "medicine",
            Change.MEDICINE,
            medicines.add_medicine,
            medicines.update_medicine,
            medicines.delete_medicine,
        ),
    )


@cache
def _by_type() -> dict[type[Any], EntryKind]:
    return {kind.type: kind for kind in entry_kinds()}


def kind_of(entry: Entry) -> EntryKind:
    """The record of `entry`'s kind; a type nobody registered is an error, not a guess."""
    try:
        return _by_type()[type(entry)]
    except KeyError:
        raise TypeError(f"not a kind of log entry: {type(entry).__name__}") from None
