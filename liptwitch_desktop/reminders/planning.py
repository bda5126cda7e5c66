"""When each reminder is next due as the service plans it, and what was missed since the last
recorded firing: core.schedule's rules applied to what the store holds."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from datetime import datetime, tzinfo

from ..core.schedule.due import MissedResolution, is_satisfied, next_fire, not_after, resolve_missed
from ..core.schedule.specs import ReminderKind, ReminderPolicy, ReminderSpec
from ..store import reminder_store as store

LoggedFor = Callable[[datetime], frozenset[str]]


def next_due(
    spec: ReminderSpec,
    policy: ReminderPolicy,
    zone: tzinfo,
    now: datetime,
    logged_for: LoggedFor,
) -> datetime | None:
    """The next firing, skipping days on which what it asks for is already logged."""
    after = now
    for _ in range(3):
        due = next_fire(spec, policy, zone, after)
        if due is None or not is_satisfied(spec.kind, logged_for(due)):
            return due
        after = due
    return next_fire(spec, policy, zone, after)


def missed_since(
    specs: Mapping[ReminderKind, ReminderSpec],
    policy: ReminderPolicy,
    zone: tzinfo,
    checked_at: datetime | None,
    now: datetime,
    logged_for: LoggedFor,
) -> Iterator[tuple[ReminderKind, ReminderSpec, MissedResolution]]:
    """Each enabled reminder that was due while nobody was there, with what to do about it.

    Lazy: each kind is resolved after the one before it was acted on, from the store as it
    is then (its last firing, when its settings changed).
    """
    for kind, spec in specs.items():
        if not spec.enabled or checked_at is None:  # first run ever: nothing was missed
            continue
        candidates = [checked_at, store.last_due(kind, now), store.spec_changed_at(kind)]
        known = not_after(candidates, now)
        if not known:
            continue
        result = resolve_missed(spec, policy, zone, max(known), now, logged_for)
        if result.due_at is not None:
            yield kind, spec, result
