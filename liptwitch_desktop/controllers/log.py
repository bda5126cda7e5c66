"""Every change to the log goes through here: one store call, one undo step, one signal.

Widgets ask the controller; the controller calls the store (one transaction) and then emits
`data_changed` once. Undo and redo replay store calls, so the database stays the only truth.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoCommand, QUndoStack

from ..core.changes import Change
from ..core.clock_sense import can_date
from ..core.entries import Episode, Location
from ..runtime.context import AppContext
from ..store import log_reads
from .entry_kinds import kind_of

# The writing modules (`store.entries`, `store.medicines`) import the ORM, which the first
# paint does not wait for: entry_kinds imports them at the first change, not with the window.

if TYPE_CHECKING:
    from ..core.entries import CheckIn
    from .entry_kinds import Entry


def _add(entry: Entry) -> Entry:
    saved: Entry = kind_of(entry).add(entry)
    return saved


def _delete(entry: Entry) -> Entry:
    assert entry.id is not None
    deleted: Entry = kind_of(entry).delete(entry.id)
    return deleted


def _update(entry: Entry) -> Entry:
    saved: Entry = kind_of(entry).update(entry)
    return saved


class _StoreCommand(QUndoCommand):
    """An undo step made of a store call forward and one back, each followed by a signal.

    The first call forward is made before the step is pushed (see LogController._do): if
    the disk refuses it, the exception reaches the caller (the dialog keeps what was typed)
    and no undo step claims a change that never happened.
    """

    def __init__(
        self,
        text: str,
        forward: Callable[[], object],
        backward: Callable[[], object],
        notify: Callable[[], None],
    ) -> None:
        super().__init__(text)
        self._forward = forward
        self._backward = backward
        self._notify = notify
        self._done = True  # pushed after its first call forward

    def redo(self) -> None:
        if self._done:
            self._done = False
        else:
            self._forward()
        self._notify()

    def undo(self) -> None:
        self._backward()
        self._notify()


class LogController(QObject):
    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.undo_stack = QUndoStack(self)

    def _emit(self, change: Change) -> Callable[[], None]:
        # Not `self` in the closure: the stack owns the command, the command this closure;
        # a closure back to the controller made a cycle whose collection freed commands
        # under the stack (a segfault in QUndoStack::clear() during garbage collection).
        signals = self.ctx.signals
        return lambda: signals.changed(change)

    def _do(
        self,
        label: str,
        forward: Callable[[], object],
        backward: Callable[[], object],
        change: Change,
    ) -> None:
        """Call the store, then push the undo step (which does not call it again)."""
        forward()
        self.undo_stack.push(_StoreCommand(label, forward, backward, self._emit(change)))

    # --- adding ---------------------------------------------------------------------------

    def _clock_can_date(self) -> None:
        """A new entry (or stopping the running episode) is dated by the clock: one that says
        1970 or 2150 raises ClockLooksWrong, and nothing is written (ui/unexpected_error.py
        says it in words)."""
        can_date(self.ctx.clock.now())

    def add(self, entry: Entry, text: str | None = None) -> Entry:
        """Save a new entry as one undoable step; returns it with its id."""
        self._clock_can_date()
        saved: dict[str, Entry] = {}

        def forward() -> None:
            # Redo after undo puts the same row back under the same id.
            saved["entry"] = _add(saved.get("entry", entry))

        def backward() -> None:
            _delete(saved["entry"])

        kind = kind_of(entry)
        label = text or self.tr("Add %s") % kind.name
        previous = kind.replaced_by(entry) if kind.replaced_by is not None else None
        if previous is not None:  # a second check-in the same day edits the first
            checkin = cast("CheckIn", entry)  # the one kind with `replaced_by`
            return self.update(previous, checkin._replace(id=previous.id))
        self._do(label, forward, backward, kind.change)
        return saved["entry"]

    def update(self, old: Entry, new: Entry, text: str | None = None) -> Entry:
        kind = kind_of(new)
        label = text or self.tr("Edit %s") % kind.name
        self._do(label, lambda: _update(new), lambda: _update(old), kind.change)
        return new

    def delete(self, entries_to_delete: list[Entry]) -> None:
        if not entries_to_delete:
            return
        changes = {kind_of(e).change for e in entries_to_delete}
        count = len(entries_to_delete)
        label = self.tr("Delete %n entry(s)", "", count) if count > 1 else self.tr("Delete entry")

        def forward() -> None:
            for entry in entries_to_delete:
                _delete(entry)

        def backward() -> None:
            for entry in entries_to_delete:
                _add(entry)

        change = changes.pop() if len(changes) == 1 else Change.ALL
        self._do(label, forward, backward, change)

    # --- "Twitching now" ----------------------------------------------------------------------

    def toggle_twitching(
        self, intensity: int | None = None, location: Location | None = None
    ) -> Episode | None:
        """Start a running episode, or stop the running one. Returns the episode touched.
        Under a clock that looks wrong neither: the running one keeps running.

        `intensity` and `location`, when given (`liptwitch twitch --intensity 6 --where
        lower-left`), are set on the episode, the others kept; one undo step either way."""
        self._clock_can_date()
        now = self.ctx.clock.now()
        running = log_reads.running_episode()
        given = {
            name: value
            for name, value in (("intensity", intensity), ("location", location))
            if value is not None
        }
        if running is None:
            started = Episode(started_at=now, **given)  # type: ignore[arg-type]
            saved = self.add(started, self.tr("Start twitching episode"))
            return cast(Episode, saved)  # add returns the entry it was given, saved
        duration = max(0, int((now - running.started_at).total_seconds()))
        stopped = running._replace(duration_s=duration, **given)  # type: ignore[arg-type]
        self.update(running, stopped, self.tr("Stop twitching episode"))
        return stopped
